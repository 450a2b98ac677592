package io.nvsim.workloads.idle;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.EventGenerations;
import io.nvsim.kernel.Priority;
import io.nvsim.kernel.Simulator;
import org.HdrHistogram.Histogram;

/**
 * The {@code idle_guest} simulation: idle vCPUs and their periodic ticks as events on one timeline. Each tick wakes its
 * vCPU ({@code TIMER_WAKE}, or {@code POLL_WAKE} if it arrives while the vCPU still polls), runs the guest's handler,
 * and the vCPU executes WFI again through the shared {@link IdleLifecycle}. A tick that comes while the vCPU is busy
 * is served when it is free. Everything is charged to one {@link CycleLedger}.
 */
final class TickRun {
    private static final int IDLE = 0;
    private static final int POLLING = 1;
    private static final int BUSY_WORK = 2;
    private static final int BUSY_POLL_ENTRY = 3;
    private static final int BUSY_BLOCKING = 4;

    final Simulator sim = new Simulator(64);
    final Histogram latency = new Histogram(1L << 40, 3);
    final CycleLedger ledger = new CycleLedger(EventClass.COUNT);
    final IdleLifecycle idle;
    long ticks;

    private final Program timerWake;
    private final int vcpus;
    private final long period;
    private final long work;
    private final long duration;
    private final int[] state;
    /** One cancellable handle per vCPU: a later step or an interrupt makes its scheduled event stale. */
    private final EventGenerations handles;
    private final long[] due;      // the tick being served or awaited
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
        idle = new IdleLifecycle(machine, vcpus, template, ledger);
        state = new int[vcpus];
        handles = new EventGenerations(vcpus);
        due = new long[vcpus];
        tickPending = new boolean[vcpus];
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
                serve(v, idle.wokenFromBlock(v, now, timerWake), now);
                return;
            case POLLING:
                serve(v, idle.caughtWhilePolling(v, now), now);
                return;
            default:
                tickPending[v] = true; // busy: served when the current step ends
        }
    }

    /** After the (charged) wake-up, the guest's tick handler; the next tick is armed one period after this one's deadline. */
    private void serve(int v, Program wake, long now) {
        ticks++;
        latency.recordValue(Math.max(1, now + wake.totalCycles() - due[v]));
        ledger.charge(EventClass.GUEST.ordinal(), work);
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
                    ProgramSegments.chargeWhole(idle.pollWake, ledger);
                    serve(v, idle.pollWake, now);
                    return;
                }
                Program wfi = idle.enterWfi(v, now);
                busyFor(v, wfi == idle.wfiPoll ? BUSY_POLL_ENTRY : BUSY_BLOCKING, wfi.totalCycles());
                return;
            case BUSY_POLL_ENTRY:
                if (tickPending[v]) {
                    tickPending[v] = false;
                    serve(v, idle.caughtOnEntry(v, now), now);
                    return;
                }
                state[v] = POLLING;
                sim.schedule(idle.startPoll(v, now), Priority.GUEST_OPERATION, pollEndHandler, handles.arm(v));
                return;
            default: // BUSY_BLOCKING
                state[v] = IDLE;
                if (tickPending[v]) {
                    tickPending[v] = false;
                    serve(v, idle.wokenFromBlock(v, now, timerWake), now);
                }
        }
    }

    private void pollEnd(long handle, long now) {
        int v = EventGenerations.slot(handle);
        if (!handles.isCurrent(handle) || state[v] != POLLING) {
            return;
        }
        busyFor(v, BUSY_BLOCKING, idle.pollExpired(v, now));
    }
}
