package io.nvsim.workloads.idle;

import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.kernel.InputException;
import io.nvsim.kernel.Priority;
import io.nvsim.kernel.Simulator;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

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
        return List.of(
            own("vcpus", "count", 2, "idle vCPUs, each on its own physical CPU (1..64)"),
            own("tick_hz", "Hz", 250, "the guest kernel's periodic tick (CONFIG_HZ=250; 1..10000)"),
            own("tick_work_cycles", "cycles", 10000, "[A] the guest's tick handler with nothing to run (tick_sched_timer, "
                + "update_process_times, scheduler_tick; ~4 us at 2.4 GHz) besides taking and completing the interrupt"),
            own("seconds", "s", 1.0, "simulated time (0.001..100)"));
    }

    private static Parameter own(String name, String unit, double value, String provenance) {
        return new Parameter(NAME + "." + name, unit, value, provenance + " (workload parameter)", NAME, false);
    }

    @Override
    public WorkloadResult run(MachineModel machine, ParameterSet p) {
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
        TickRun run = new TickRun(machine, vcpus, period, work, duration, polling).run();
        MachineModel vmMachine = machine.config().mode() == ArchMode.VM ? machine : MachineModel.create(NestingConfig.parse("vm"), p);
        TickRun vm = vmMachine == machine ? run
            : new TickRun(vmMachine, vcpus, period, work, duration, HaltPolling.of(p, vmMachine)).run();
        double ticks = Math.max(1, run.ticks);
        double overheadPerTick = (run.busy - run.classCycles[EventClass.GUEST.ordinal()]) / ticks;
        double vmOverheadPerTick = (vm.busy - vm.classCycles[EventClass.GUEST.ordinal()]) / Math.max(1.0, vm.ticks);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cpu_fraction", (double) run.busy / ((double) vcpus * duration));
        m.put("overhead_cycles_per_tick", overheadPerTick);
        m.put("wake_latency_cycles", run.latency.getMean());
        m.put("traps_per_second", run.traps / seconds);
        m.put("poll_hit_fraction", run.wfis == 0 ? 0 : (double) run.pollHits / run.wfis);
        m.put("penalty_vs_vm", vmOverheadPerTick == 0 ? 0 : overheadPerTick / vmOverheadPerTick);
        m.put("ticks", (double) run.ticks);
        double[] byClass = new double[EventClass.COUNT];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = run.classCycles[i] / ticks;
        }
        return new WorkloadResult(NAME, machine.config().name(), m, byClass, run.latency, run.sim.eventsProcessed(), duration,
            run.traps);
    }

    /** Idle vCPUs and their ticks as events; each vCPU's state machine is the same as {@link RingRun}'s WFI half. */
    private static final class TickRun {
        private static final int VCPU_BITS = 7;
        private static final long VCPU_MASK = (1L << VCPU_BITS) - 1;
        private static final int IDLE = 0;
        private static final int POLLING = 1;
        private static final int BUSY_WORK = 2;
        private static final int BUSY_POLL_ENTRY = 3;
        private static final int BUSY_BLOCKING = 4;

        final Simulator sim = new Simulator(64);
        final Histogram latency = new Histogram(1L << 40, 3);
        final long[] classCycles = new long[EventClass.COUNT];
        long busy;
        long traps;
        long ticks;
        long wfis;
        long pollHits;

        private final Program timerWake;
        private final Program pollWake;
        private final Program wfiPoll;
        private final BlockAfterPoll blockRest;
        private final EventClass spinClass;
        private final int vcpus;
        private final long period;
        private final long work;
        private final long duration;
        private final HaltPolling[] polling;
        private final int[] state;
        private final long[] epoch;
        private final long[] due;      // the tick being served or awaited
        private final long[] haltStart;
        private final long[] pollStart;
        private final boolean[] tickPending;
        private final int tickHandler;
        private final int doneHandler;
        private final int pollEndHandler;

        TickRun(MachineModel machine, int vcpus, long period, long work, long duration, HaltPolling template) {
            this.vcpus = vcpus;
            this.period = period;
            this.work = work;
            this.duration = duration;
            timerWake = machine.program(GuestOperation.TIMER_WAKE);
            pollWake = machine.program(GuestOperation.POLL_WAKE);
            wfiPoll = machine.program(GuestOperation.WFI_POLL);
            blockRest = new BlockAfterPoll(machine);
            spinClass = machine.config().mode() == ArchMode.VM ? EventClass.L0_HANDLING : EventClass.L1_EXECUTION;
            polling = new HaltPolling[vcpus];
            state = new int[vcpus];
            epoch = new long[vcpus];
            due = new long[vcpus];
            haltStart = new long[vcpus];
            pollStart = new long[vcpus];
            tickPending = new boolean[vcpus];
            for (int v = 0; v < vcpus; v++) {
                polling[v] = template.copy();
            }
            tickHandler = sim.register((s, now, v) -> tick((int) v, now));
            doneHandler = sim.register((s, now, payload) -> done((int) (payload & VCPU_MASK), payload >>> VCPU_BITS, now));
            pollEndHandler = sim.register((s, now, payload) -> pollEnd((int) (payload & VCPU_MASK), payload >>> VCPU_BITS, now));
        }

        TickRun run() {
            for (int v = 0; v < vcpus; v++) {
                due[v] = period * (v + 1) / vcpus; // spread over the first period; every vCPU starts idle
                sim.scheduleAt(due[v], Priority.TIMER, tickHandler, v);
            }
            sim.runUntil(duration);
            return this;
        }

        private void tick(int v, long now) {
            switch (state[v]) {
                case IDLE:
                    polling[v].halted(now - haltStart[v]);
                    serve(v, timerWake, now);
                    return;
                case POLLING:
                    charge(now - pollStart[v], spinClass);
                    pollHits++;
                    polling[v].halted(now - haltStart[v]);
                    serve(v, pollWake, now);
                    return;
                default:
                    tickPending[v] = true; // busy: served when the current step ends
            }
        }

        /** Wake-up, then the guest's tick handler; the next tick is armed one period after this one's deadline. */
        private void serve(int v, Program wake, long now) {
            ticks++;
            charge(wake);
            latency.recordValue(Math.max(1, now + wake.totalCycles() - due[v]));
            charge(work, EventClass.GUEST);
            due[v] += period;
            sim.scheduleAt(Math.max(due[v], now + 1), Priority.TIMER, tickHandler, v);
            busyFor(v, BUSY_WORK, wake.totalCycles() + work);
        }

        private void busyFor(int v, int busyState, long cycles) {
            state[v] = busyState;
            epoch[v]++;
            sim.schedule(cycles, Priority.GUEST_OPERATION, doneHandler, (epoch[v] << VCPU_BITS) | v);
        }

        /** The current step is over: WFI after the tick's work, the poll after the WFI's exit, idle after the block. */
        private void done(int v, long scheduledEpoch, long now) {
            if (scheduledEpoch != epoch[v]) {
                return;
            }
            switch (state[v]) {
                case BUSY_WORK:
                    if (tickPending[v]) { // the next tick is already due: kvm_vcpu_check_block returns at once
                        tickPending[v] = false;
                        serve(v, pollWake, now);
                        return;
                    }
                    wfis++;
                    haltStart[v] = now + wfiPoll.totalCycles(); // kvm_vcpu_block starts after the exit
                    charge(wfiPoll);
                    if (polling[v].window() > 0) {
                        busyFor(v, BUSY_POLL_ENTRY, wfiPoll.totalCycles());
                    } else {
                        chargeBlockRest();
                        busyFor(v, BUSY_BLOCKING, wfiPoll.totalCycles() + blockRest.total);
                    }
                    return;
                case BUSY_POLL_ENTRY:
                    if (tickPending[v]) {
                        tickPending[v] = false;
                        pollHits++;
                        polling[v].halted(0);
                        serve(v, pollWake, now);
                        return;
                    }
                    state[v] = POLLING;
                    pollStart[v] = now;
                    epoch[v]++;
                    sim.schedule(polling[v].window(), Priority.GUEST_OPERATION, pollEndHandler, (epoch[v] << VCPU_BITS) | v);
                    return;
                default: // BUSY_BLOCKING
                    state[v] = IDLE;
                    if (tickPending[v]) {
                        tickPending[v] = false;
                        polling[v].halted(now - haltStart[v]);
                        serve(v, timerWake, now);
                    }
            }
        }

        private void pollEnd(int v, long scheduledEpoch, long now) {
            if (scheduledEpoch != epoch[v] || state[v] != POLLING) {
                return;
            }
            charge(now - pollStart[v], spinClass);
            chargeBlockRest();
            busyFor(v, BUSY_BLOCKING, blockRest.total);
        }

        /** The rest of a block after the poll's prefix: schedule to idle (nested, L1's idle WFI and L0's block of it). */
        private void chargeBlockRest() {
            blockRest.addCyclesTo(classCycles);
            busy += blockRest.total;
            traps += blockRest.traps;
        }

        private void charge(Program p) {
            p.addCyclesTo(classCycles);
            busy += p.totalCycles();
            traps += p.traps();
        }

        private void charge(long cycles, EventClass cls) {
            classCycles[cls.ordinal()] += cycles;
            busy += cycles;
        }
    }
}
