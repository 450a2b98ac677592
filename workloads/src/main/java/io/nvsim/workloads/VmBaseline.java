package io.nvsim.workloads;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one runner of the single-level baseline: completes a workload's result with the figures it
 * declares against {@code vm} ({@link Workload#baselineMetrics()}) by running the same workload, with
 * the same parameters and seed, on the {@code vm} machine, once per point; under {@code vm} itself
 * the result is its own baseline (every ratio 1). Workloads no longer simulate {@code vm} themselves.
 * The baseline's events count towards the host-speed figures of the point.
 *
 * <pre>{@code
 * WorkloadResult r = VmBaseline.complete(workload, machine, params, workload.simulate(machine, params));
 * }</pre>
 */
public final class VmBaseline {
    private static final NestingConfig VM = NestingConfig.parse("vm");

    private VmBaseline() {
    }

    /** {@code own} with the baseline figures {@code workload} declares inserted in its column order. */
    public static WorkloadResult complete(Workload workload, MachineModel machine, ParameterSet parameters, WorkloadResult own) {
        List<BaselineMetric> declared = workload.baselineMetrics();
        if (declared.isEmpty()) {
            return own;
        }
        boolean isVm = machine.config().mode() == ArchMode.VM;
        WorkloadResult vm = isVm ? own : workload.simulate(MachineModel.create(VM, parameters), parameters);
        Map<String, Double> metrics = new LinkedHashMap<>();
        insertAfter(null, declared, own, vm, metrics);
        for (Map.Entry<String, Double> e : own.metrics().entrySet()) {
            metrics.put(e.getKey(), e.getValue());
            insertAfter(e.getKey(), declared, own, vm, metrics);
        }
        for (BaselineMetric b : declared) {
            if (!metrics.containsKey(b.name())) {
                throw new IllegalStateException(workload.name() + ": baseline metric " + b.name() + " follows " + b.after()
                    + ", which the workload does not report");
            }
        }
        return new WorkloadResult(own.workload(), own.config(), metrics, own.cyclesByClass(), own.latency(),
            own.events() + (isVm ? 0 : vm.events()), own.simulatedCycles(), own.simulatedTraps());
    }

    private static void insertAfter(String after, List<BaselineMetric> declared, WorkloadResult own, WorkloadResult vm,
                                    Map<String, Double> into) {
        for (BaselineMetric b : declared) {
            if (after == null ? b.after() == null : after.equals(b.after())) {
                double base = value(vm, b.of());
                into.put(b.name(), !b.ratio() ? base : base == 0 ? 0 : value(own, b.of()) / base);
            }
        }
    }

    private static double value(WorkloadResult r, String metric) {
        return BaselineMetric.SIMULATED_CYCLES.equals(metric) ? (double) r.simulatedCycles() : r.metric(metric);
    }
}
