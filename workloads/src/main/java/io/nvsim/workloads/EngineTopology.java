package io.nvsim.workloads;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.InputException;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.kernel.NestedTopology;

/**
 * Who runs on what for a workload's L2 vCPUs, the same for every multi-vCPU workload (the mixes,
 * {@code ipi_ring}, {@code idle_guest}): {@code engine.l1_vcpus} L1 vCPUs (L2 vCPU j on L1 vCPU
 * j mod this) on {@code engine.physical_cpus} physical CPUs (L1 vCPU i on CPU i mod this), 0 meaning
 * one each (no over-commit). With one thread per CPU there is nothing to decide and the schedulers are
 * FIFO (no tick cuts the guest's compute); over-committed, both levels are fair with
 * {@code engine.quantum_cycles}.
 *
 * <pre>{@code
 * NestedEngine e = EngineTopology.engine(4, params, listener);   // --set engine.physical_cpus=1: 4 vCPUs share a CPU
 * }</pre>
 */
public final class EngineTopology {
    private static final java.util.List<io.nvsim.cost.Parameter> PARAMETERS = io.nvsim.cost.CostProfile.parametersResource(
        EngineTopology.class.getClassLoader(), "nvsim/engine-defaults.yaml");

    private EngineTopology() {
    }

    /** The {@code engine.*} parameters ({@code nvsim/engine-defaults.yaml}), declared by every workload that uses them. */
    public static java.util.List<io.nvsim.cost.Parameter> parameters() {
        return PARAMETERS;
    }

    /** The engine for {@code l2Vcpus} L2 vCPUs under the run's {@code engine.*} parameters. */
    public static NestedEngine engine(int l2Vcpus, ParameterSet p, EngineListener listener) {
        NestedTopology t = topology(l2Vcpus, p);
        long quantum = p.cycles("engine.quantum_cycles");
        String scheduler = t.l1Vcpus() == l2Vcpus && t.physicalCpus() == t.l1Vcpus() ? "fifo" : "fair";
        return new NestedEngine(t, scheduler, quantum, scheduler, quantum, EventClass.COUNT, listener);
    }

    /** The topology of {@code l2Vcpus} L2 vCPUs; an {@link InputException} for counts beyond the vCPUs they host. */
    public static NestedTopology topology(int l2Vcpus, ParameterSet p) {
        long l1 = p.count("engine.l1_vcpus");
        if (l1 > l2Vcpus) {
            throw new InputException("engine.l1_vcpus=" + l1 + " is out of range; valid: 0 (one per L2 vCPU) to " + l2Vcpus
                + " (the workload's vCPUs)");
        }
        int v = l1 == 0 ? l2Vcpus : (int) l1;
        long cpus = p.count("engine.physical_cpus");
        if (cpus > v) {
            throw new InputException("engine.physical_cpus=" + cpus + " is out of range; valid: 0 (one per L1 vCPU) to " + v
                + " (the L1 vCPUs)");
        }
        return new NestedTopology(cpus == 0 ? v : (int) cpus, v, l2Vcpus);
    }
}
