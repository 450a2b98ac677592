package io.nvsim.workloads.memory;

import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.kernel.CycleLedger;
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
 * by the workload's access stream (an {@link AccessStream}, seeded from {@code sim.seed} and the
 * workload's name) on the engine ({@link MemoryRun}: one L2 vCPU), and the
 * metrics: {@code cycles_per_access} (headline), {@code tlb_miss_rate}, {@code walk_refs_per_miss},
 * {@code shadow_s2_faults}, {@code forwarded_s2_faults}, {@code hypervisor_s2_faults},
 * {@code host_s2_faults}, {@code tlbi_emulations}, {@code pages_unmapped}, {@code shadow_recycles}, {@code traps_per_access},
 * {@code penalty_vs_vm} (the same stream under {@code vm}, simulated alongside) and {@code accesses}.
 */
abstract class MemoryWorkload implements Workload {

    /** 1: every exit's program runs segment by segment, one event each (the reference path); 0: summed. */
    static final String SEGMENTED = "memory.segmented";

    @Override
    public final List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>(MemoryLayout.parameters());
        list.add(new Parameter(SEGMENTED, "bool", 0, "1: the exits' programs run on the engine cut at every boundary, one event "
            + "per segment (an interrupt is taken at the next boundary; the reference path); 0: each program summed, one piece "
            + "(nothing interrupts a memory workload today; the same figures) (workload parameter)", "memory workloads", false));
        list.addAll(ownParameters());
        return list;
    }

    /** Parameters of this workload only (names prefixed with the workload's name). */
    protected abstract List<Parameter> ownParameters();

    /** Builds the initial address spaces on {@code memory} (free: before measurement) and returns the access stream. */
    protected abstract AccessStream stream(MemorySystem memory, MemoryLayout layout, ParameterSet parameters, SplittableRandom random);

    /** Checks the workload's own parameters before any simulation (InputException on a bad value). */
    protected abstract void validate(MemoryLayout layout, ParameterSet parameters);

    @Override
    public final List<BaselineMetric> baselineMetrics() {
        return List.of(BaselineMetric.ratio("penalty_vs_vm", "cycles_per_access", "traps_per_access"));
    }

    @Override
    public final WorkloadResult simulate(MachineModel machine, ParameterSet parameters) {
        return simulate(machine, parameters, false);
    }

    /**
     * The run on the engine ({@link MemoryRun}), or with {@code byLoop} the reference loop: each step's plan
     * charged at once to a ledger, programs whole, no engine (what the workloads did before issue 12).
     */
    final WorkloadResult simulate(MachineModel machine, ParameterSet parameters, boolean byLoop) {
        MemoryLayout layout = MemoryLayout.of(parameters);
        validate(layout, parameters);
        boolean segmented = parameters.flag(SEGMENTED);
        MemorySystem m = new MemorySystem(machine, parameters, layout, segmented);
        SplittableRandom random = new RandomStreams((long) parameters.value("sim.seed")).stream(name() + ".accesses");
        AccessStream stream = stream(m, layout, parameters, random);
        CycleLedger ledger;
        if (byLoop) {
            ledger = new CycleLedger(EventClass.COUNT);
            while (stream.step(m)) {
                m.plan.chargeTo(ledger);
                m.plan.clear();
            }
        } else {
            ledger = new MemoryRun(m, stream, segmented).run().ledger();
        }
        return result(machine, m, ledger);
    }

    private WorkloadResult result(MachineModel machine, MemorySystem m, CycleLedger ledger) {
        double perAccess = (double) ledger.totalCycles() / m.accesses;
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
        metrics.put("traps_per_access", (double) ledger.traps() / m.accesses);
        metrics.put("accesses", (double) m.accesses);
        double[] byClass = new double[EventClass.COUNT];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = (double) ledger.cycles(i) / m.accesses;
        }
        return new WorkloadResult(name(), machine.config().name(), metrics, byClass, null, m.accesses, ledger.totalCycles(), ledger.traps());
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
