package io.nvsim.workloads.idle;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.kernel.EventGenerations;
import io.nvsim.kernel.Priority;
import io.nvsim.kernel.Simulator;
import org.HdrHistogram.Histogram;

/**
 * The {@code idle_guest} simulation: idle vCPUs and their periodic ticks as events on one timeline. Each tick wakes its
 * vCPU ({@code TIMER_WAKE}, or {@code POLL_WAKE} if it arrives while the vCPU still polls), runs the guest's handler,
 * and the vCPU executes WFI again: {@code WFI_POLL} for its {@link HaltPolling} window, then {@link BlockAfterPoll};
 * with no window, {@code WFI_BLOCK} at once. A tick that comes while the vCPU is busy is served when it is free.
 */
final class TickRun {
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
    /** One cancellable handle per vCPU: a later step or an interrupt makes its scheduled event stale. */
    private final EventGenerations handles;
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
        handles = new EventGenerations(vcpus);
        due = new long[vcpus];
        haltStart = new long[vcpus];
        pollStart = new long[vcpus];
        tickPending = new boolean[vcpus];
        for (int v = 0; v < vcpus; v++) {
            polling[v] = template.copy();
        }
        tickHandler = sim.register((s, now, v) -> tick((int) v, now));
        doneHandler = sim.register((s, now, payload) -> done(payload, now));
        pollEndHandler = sim.register((s, now, payload) -> pollEnd(payload, now));
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
        sim.schedule(cycles, Priority.GUEST_OPERATION, doneHandler, handles.arm(v));
    }

    /** The current step is over: WFI after the tick's work, the poll after the WFI's exit, idle after the block. */
    private void done(long handle, long now) {
        int v = EventGenerations.slot(handle);
        if (!handles.isCurrent(handle)) {
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
                sim.schedule(polling[v].window(), Priority.GUEST_OPERATION, pollEndHandler, handles.arm(v));
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

    private void pollEnd(long handle, long now) {
        int v = EventGenerations.slot(handle);
        if (!handles.isCurrent(handle) || state[v] != POLLING) {
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
