package io.nvsim.workloads.idle;

import io.nvsim.cost.Domain;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.BaselineMetric;
import io.nvsim.workloads.EngineTopology;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code idle_guest}: what an idle guest costs. Its vCPUs sleep in WFI and wake only for their periodic
 * timer tick ({@code idle_guest.tick_hz}, e.g. a 250 Hz kernel): every tick is the compiled
 * {@code TIMER_WAKE} (the hypervisor's soft timer for the guest's CNTV deadline fires and wakes the vCPU;
 * nested, L0's soft timer for L1's clockevent first), the guest's tick handler, and the WFI that follows
 * ({@code WFI_POLL} for the vCPU's {@link HaltPolling} window, then the rest of {@code WFI_BLOCK}; a tick
 * that arrives during the poll is {@code POLL_WAKE}). The vCPUs' ticks are spread evenly over the period
 * and run on one simulated timeline.
 *
 * <p>Metrics: {@code cpu_fraction} (headline: the fraction of its physical CPU each idle vCPU keeps busy),
 * {@code overhead_cycles_per_tick} (CPU time per tick besides the guest's handler), {@code wake_latency_cycles}
 * (mean, deadline to the guest taking the interrupt), {@code traps_per_second} (all vCPUs),
 * {@code poll_hit_fraction}, {@code penalty_vs_vm} (overhead per tick over the single-level VM's), {@code ticks}.
 */
public final class IdleGuest implements Workload {
    private static final String NAME = "idle_guest";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "idle: vCPUs in WFI woken only by their periodic timer tick (timer wake-up, tick handler, WFI again)";
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> own = List.of(
            own("vcpus", "count", 2, "idle vCPUs, each on its own physical CPU unless engine.l1_vcpus/engine.physical_cpus over-commit them (1..64)"),
            own("tick_hz", "Hz", 250, "the guest kernel's periodic tick (CONFIG_HZ=250; 1..10000)").withDomain(Domain.forUnit("Hz").withRange(1, 10000)),
            own("tick_work_cycles", "cycles", 10000, "[A] the guest's tick handler with nothing to run (tick_sched_timer, "
                + "update_process_times, scheduler_tick; ~4 us at 2.4 GHz) besides taking and completing the interrupt"),
            own("seconds", "s", 1.0, "simulated time (0.001..100)"));
        List<Parameter> all = new java.util.ArrayList<>(own);
        all.addAll(EngineTopology.parameters()); // engine.l1_vcpus, engine.physical_cpus, engine.quantum_cycles
        return all;
    }

    private static Parameter own(String name, String unit, double value, String provenance) {
        return new Parameter(NAME + "." + name, unit, value, provenance + " (workload parameter)", NAME, false);
    }

    /** No random input: ticks at a fixed period. */
    @Override
    public boolean randomInputs() {
        return false;
    }

    @Override
    public List<BaselineMetric> baselineMetrics() {
        return List.of(BaselineMetric.ratio("penalty_vs_vm", "overhead_cycles_per_tick", "poll_hit_fraction"));
    }

    @Override
    public WorkloadResult simulate(MachineModel machine, ParameterSet p) {
        int vcpus = p.count(NAME + ".vcpus");
        if (vcpus < 1 || vcpus > 64) {
            throw new InputException(NAME + ".vcpus=" + vcpus + " is out of range; valid: 1..64");
        }
        double hz = p.value(NAME + ".tick_hz");
        if (!(hz >= 1) || hz > 10_000) {
            throw new InputException(NAME + ".tick_hz=" + hz + " is out of range; valid: 1..10000");
        }
        long work = p.cycles(NAME + ".tick_work_cycles");
        if (work < 0) {
            throw new InputException(NAME + ".tick_work_cycles=" + work + ": expected 0 or more cycles");
        }
        double seconds = p.value(NAME + ".seconds");
        if (!(seconds >= 0.001) || seconds > 100) {
            throw new InputException(NAME + ".seconds=" + seconds + " is out of range; valid: 0.001..100");
        }
        HaltPolling polling = HaltPolling.of(p, machine);
        long period = Math.round(p.value("cost.cpu_ghz") * 1e9 / hz);
        long duration = Math.round(p.value("cost.cpu_ghz") * 1e9 * seconds);
        TickRun run = new TickRun(machine, p, vcpus, period, work, duration, polling).run();
        double ticks = Math.max(1, run.ticks);
        long busy = run.ledger.totalCycles();
        double overheadPerTick = (busy - run.ledger.cycles(EventClass.GUEST.ordinal())) / ticks;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cpu_fraction", (double) busy / ((double) vcpus * duration));
        m.put("overhead_cycles_per_tick", overheadPerTick);
        m.put("wake_latency_cycles", run.latency.mean());
        m.put("traps_per_second", run.ledger.traps() / seconds);
        m.put("poll_hit_fraction", run.idle.wfis == 0 ? 0 : (double) run.idle.pollsCaught / run.idle.wfis);
        m.put("ticks", (double) run.ticks);
        double[] byClass = new double[EventClass.COUNT];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = run.ledger.cycles(i) / ticks;
        }
        return new WorkloadResult(NAME, machine.config().name(), m, byClass, run.latency, run.sim.eventsProcessed(), duration,
            run.ledger.traps());
    }
}
