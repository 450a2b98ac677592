package io.nvsim.workloads.idle;

import io.nvsim.cost.Domain;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.BaselineMetric;
import io.nvsim.workloads.EngineTopology;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ipi_ring}: several vCPUs of one VM pass tokens around a ring with IPIs and idle in WFI
 * between them, the pattern of request/response servers and of the kernel's cross-CPU wake-ups. Each
 * vCPU runs on its own physical CPU; all share one simulated timeline ({@link RingRun}). The costs
 * come from the compiled WFI, halt-polling, wake-up and SGI programs of the configuration; the
 * hypervisor's halt polling adapts per vCPU as in Linux v4.10 ({@link HaltPolling},
 * {@code kvm.halt_poll_ns}; nested, the polling hypervisor is L1).
 *
 * <p>Metrics: {@code cycles_per_pass} (headline: wall time per token pass), {@code wake_latency_cycles}
 * (mean, from the sender's SGI to the target's guest taking the interrupt), {@code cpu_cycles_per_pass}
 * (all CPU time, guest work and spinning included), {@code overhead_cycles_per_pass} (the same less the
 * guest's work), {@code traps_per_pass}, {@code spin_cycles_per_pass}, {@code poll_hit_fraction}
 * (WFIs whose poll caught the interrupt), {@code blocks_per_pass}, {@code idle_fraction} (of the
 * vCPUs' wall time), {@code penalty_vs_vm} (cycles_per_pass over the single-level VM's), {@code passes}.
 */
public final class IpiRing implements Workload {
    private static final String NAME = "ipi_ring";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "idle and wake-up: vCPUs pass tokens around a ring with IPIs and WFI in between (halt polling, blocking, wake-up)";
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> own = List.of(
            own("vcpus", "count", 2, "vCPUs in the ring, each on its own physical CPU unless engine.l1_vcpus/engine.physical_cpus over-commit them (2..64)").withDomain(Domain.forUnit("count").withRange(2, 64)),
            own("tokens", "count", 1, "tokens circulating (1..vcpus); with more than one a target may be running when its IPI "
                + "arrives (an IRQ exit) rather than polling or blocked").withDomain(Domain.forUnit("count").withRange(1, 64)),
            own("work_cycles", "cycles", 20000, "[A] the guest's work on each token before it passes it on (8 us at 2.4 GHz)"),
            own("passes", "count", 10000, "token passes simulated (1..10000000)").withDomain(Domain.forUnit("count").withRange(1, 10000000)));
        List<Parameter> all = new java.util.ArrayList<>(own);
        all.addAll(EngineTopology.parameters()); // engine.l1_vcpus, engine.physical_cpus, engine.quantum_cycles
        return all;
    }

    private static Parameter own(String name, String unit, double value, String provenance) {
        return new Parameter(NAME + "." + name, unit, value, provenance + " (workload parameter)", NAME, false);
    }

    /** No random input: token passing and idling follow from the states only. */
    @Override
    public boolean randomInputs() {
        return false;
    }

    @Override
    public List<BaselineMetric> baselineMetrics() {
        return List.of(BaselineMetric.ratio("penalty_vs_vm", BaselineMetric.SIMULATED_CYCLES, "idle_fraction"));
    }

    @Override
    public WorkloadResult simulate(MachineModel machine, ParameterSet parameters) {
        int vcpus = parameters.count(NAME + ".vcpus");
        if (vcpus < 2 || vcpus > 64) {
            throw new InputException(NAME + ".vcpus=" + vcpus + " is out of range; valid: 2..64");
        }
        int tokens = parameters.count(NAME + ".tokens");
        if (tokens < 1 || tokens > vcpus) {
            throw new InputException(NAME + ".tokens=" + tokens + " is out of range; valid: 1.." + vcpus + " (" + NAME + ".vcpus)");
        }
        long work = parameters.cycles(NAME + ".work_cycles");
        if (work < 0) {
            throw new InputException(NAME + ".work_cycles=" + work + ": expected 0 or more cycles");
        }
        long passes = parameters.cycles(NAME + ".passes");
        if (passes < 1 || passes > 10_000_000) {
            throw new InputException(NAME + ".passes=" + passes + " is out of range; valid: 1..10000000");
        }
        HaltPolling polling = HaltPolling.of(parameters, machine);
        RingRun run = new RingRun(machine, parameters, vcpus, tokens, work, passes, polling).run();
        double n = passes;
        CycleLedger.Snapshot ledger = run.atFinish;
        long charged = ledger.totalCycles();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cycles_per_pass", run.makespan / n);
        m.put("wake_latency_cycles", run.wakeLatency.mean());
        m.put("cpu_cycles_per_pass", charged / n);
        m.put("overhead_cycles_per_pass", (charged - ledger.cyclesByClass()[EventClass.GUEST.ordinal()]) / n);
        m.put("traps_per_pass", ledger.traps() / n);
        m.put("spin_cycles_per_pass", run.spinCycles / n);
        m.put("poll_hit_fraction", run.idle.wfis == 0 ? 0 : (double) run.idle.pollsCaught / run.idle.wfis);
        m.put("blocks_per_pass", run.blocks / n);
        m.put("idle_fraction", run.makespan == 0 ? 0 : Math.max(0, 1 - (double) charged / ((double) vcpus * run.makespan)));
        m.put("passes", n);
        double[] byClass = new double[EventClass.COUNT];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = ledger.cyclesByClass()[i] / n;
        }
        return new WorkloadResult(NAME, machine.config().name(), m, byClass, run.wakeLatency, run.events(), run.makespan, ledger.traps());
    }
}
