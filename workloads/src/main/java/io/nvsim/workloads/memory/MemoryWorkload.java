package io.nvsim.workloads.memory;

import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.kernel.RandomStreams;
import io.nvsim.workloads.BaselineMetric;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the memory workloads share: the layout parameters, one {@link MemorySystem} per run driven
 * by the workload's access stream (seeded from {@code sim.seed} and the workload's name), and the
 * metrics: {@code cycles_per_access} (headline), {@code tlb_miss_rate}, {@code walk_refs_per_miss},
 * {@code shadow_s2_faults}, {@code forwarded_s2_faults}, {@code hypervisor_s2_faults},
 * {@code host_s2_faults}, {@code tlbi_emulations}, {@code pages_unmapped}, {@code shadow_recycles}, {@code traps_per_access},
 * {@code penalty_vs_vm} (the same stream under {@code vm}, simulated alongside) and {@code accesses}.
 */
abstract class MemoryWorkload implements Workload {

    @Override
    public final List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>(MemoryLayout.parameters());
        list.addAll(ownParameters());
        return list;
    }

    /** Parameters of this workload only (names prefixed with the workload's name). */
    protected abstract List<Parameter> ownParameters();

    /** Builds the initial address spaces and runs the access stream on {@code memory}. */
    protected abstract void drive(MemorySystem memory, MemoryLayout layout, ParameterSet parameters, SplittableRandom random);

    /** Checks the workload's own parameters before any simulation (InputException on a bad value). */
    protected abstract void validate(MemoryLayout layout, ParameterSet parameters);

    @Override
    public final List<BaselineMetric> baselineMetrics() {
        return List.of(BaselineMetric.ratio("penalty_vs_vm", "cycles_per_access", "traps_per_access"));
    }

    @Override
    public final WorkloadResult simulate(MachineModel machine, ParameterSet parameters) {
        MemoryLayout layout = MemoryLayout.of(parameters);
        validate(layout, parameters);
        MemorySystem m = simulate(machine, parameters, layout);
        double perAccess = (double) m.totalCycles() / m.accesses;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cycles_per_access", perAccess);
        metrics.put("tlb_miss_rate", m.lookups == 0 ? 0 : (double) m.tlbMisses / m.lookups);
        metrics.put("walk_refs_per_miss", m.tlbMisses == 0 ? 0 : (double) m.walkRefs / m.tlbMisses);
        metrics.put("shadow_s2_faults", (double) m.shadowFaults);
        metrics.put("forwarded_s2_faults", (double) m.forwardedFaults);
        metrics.put("hypervisor_s2_faults", (double) m.hypervisorFaults);
        metrics.put("host_s2_faults", (double) m.hostFaults);
        metrics.put("tlbi_emulations", (double) m.tlbiEmulations);
        metrics.put("pages_unmapped", (double) m.pagesUnmapped);
        metrics.put("shadow_recycles", (double) m.shadowRecycles);
        metrics.put("traps_per_access", (double) m.ledger.traps() / m.accesses);
        metrics.put("accesses", (double) m.accesses);
        double[] byClass = new double[EventClass.COUNT];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = (double) m.ledger.cycles(i) / m.accesses;
        }
        return new WorkloadResult(name(), machine.config().name(), metrics, byClass, null, m.accesses, m.totalCycles(), m.ledger.traps());
    }

    private MemorySystem simulate(MachineModel machine, ParameterSet parameters, MemoryLayout layout) {
        MemorySystem m = new MemorySystem(machine, parameters, layout);
        SplittableRandom random = new RandomStreams((long) parameters.value("sim.seed")).stream(name() + ".accesses");
        drive(m, layout, parameters, random);
        return m;
    }

    /** A parameter of this workload: {@code <workload>.<name>}. */
    protected final Parameter own(String name, String unit, double value, String provenance) {
        return new Parameter(name() + "." + name, unit, value, provenance + " (workload parameter)", name(), false);
    }

    /** The value of {@code <workload>.<name>}. */
    protected final double value(ParameterSet p, String name) {
        return p.value(name() + "." + name);
    }

    /** Stage-1 faults must not happen (the workload mapped everything up front). */
    static final MemorySystem.Stage1Faults NO_STAGE1_FAULTS = (m, va) -> {
        throw new IllegalStateException("unexpected stage-1 fault at " + Long.toHexString(va));
    };
}
