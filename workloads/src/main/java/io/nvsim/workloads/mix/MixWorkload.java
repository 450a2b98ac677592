package io.nvsim.workloads.mix;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.workloads.BaselineMetric;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An application mix ({@link MixSpec}) as a {@link Workload}: the same seeded arrivals simulated
 * on the machine and on the single-level VM ({@link MixRun}), so that the headline,
 * {@code normalized_time_vs_vm}, is nested time over VM time for the same guest work. Also: the
 * operations done (by kind, IPIs received included), traps per operation, the share of vCPU time
 * spent in exits, and the cycle breakdown per operation.
 *
 * <pre>{@code
 * Workload w = new MixWorkload(MixSpec.builtIn("memcached"));
 * }</pre>
 */
public final class MixWorkload implements Workload {
    private static final String DEFAULTS = "nvsim/mix-defaults.yaml";
    private static final List<Parameter> PARAMETERS = load();
    /** The built-in mixes (resources {@code nvsim/mixes/NAME.yaml}). */
    public static final List<String> BUILT_IN = List.of("netperf_tcp_rr", "memcached", "apache", "kernbench", "hackbench");

    private final MixSpec spec;

    public MixWorkload(MixSpec spec) {
        this.spec = spec;
    }

    public MixSpec spec() {
        return spec;
    }

    private static List<Parameter> load() {
        List<Parameter> all = new java.util.ArrayList<>(CostProfile.parametersResource(MixWorkload.class.getClassLoader(), DEFAULTS));
        all.addAll(io.nvsim.workloads.EngineTopology.parameters()); // engine.l1_vcpus, engine.physical_cpus, engine.quantum_cycles
        return List.copyOf(all);
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String description() {
        return "application mix: " + spec.description();
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<BaselineMetric> baselineMetrics() {
        return List.of(BaselineMetric.ratio("normalized_time_vs_vm", BaselineMetric.SIMULATED_CYCLES, null),
            BaselineMetric.baseline("vm_time_cycles", "time_cycles", "time_cycles"),
            BaselineMetric.baseline("vm_exit_time_fraction", "exit_time_fraction", "exit_time_fraction"));
    }

    @Override
    public WorkloadResult simulate(MachineModel machine, ParameterSet parameters) {
        ParameterSet p = parameters;
        for (Parameter q : PARAMETERS) {
            if (!p.has(q.name())) {
                p = p.plus(List.of(q));
            }
        }
        MixRun nested = new MixRun(spec, machine, p).run();
        double ops = Math.max(1, nested.ledger.operations());
        long cpu = nested.ledger.totalCycles(); // every charged cycle is an operation's (exits and IPIs)
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("time_cycles", (double) nested.makespan);
        m.put("operations", (double) nested.ledger.operations());
        m.put("traps_per_op", nested.ledger.traps() / ops);
        m.put("full_exits_per_op", nested.ledger.fullExits() / ops);
        m.put("cpu_cycles_per_op", cpu / ops);
        double guest = (double) p.cycles("mix.guest_work_cycles") * spec.vcpus();
        m.put("exit_time_fraction", cpu / (cpu + guest));
        for (int s = 0; s < spec.streams().size(); s++) {
            GuestOperation op = spec.streams().get(s).operation();
            String id = MixSpec.OPERATIONS.entrySet().stream().filter(e -> e.getValue() == op).findFirst().orElseThrow().getKey();
            m.merge("ops_" + id, (double) nested.opsByStream[s], Double::sum);
        }
        m.put("ipis_received", (double) nested.ipisReceived);
        m.put("vcpus", (double) spec.vcpus());
        double[] byClass = new double[EventClass.COUNT];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = nested.ledger.cycles(i) / ops;
        }
        return new WorkloadResult(name(), machine.config().name(), m, byClass, nested.latency, nested.events(),
            nested.makespan, nested.ledger.traps());
    }
}
