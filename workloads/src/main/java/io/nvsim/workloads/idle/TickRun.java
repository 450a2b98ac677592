package io.nvsim.workloads.idle;

import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.LatencyRecorder;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.GuestCompute;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.workloads.EngineTopology;
import io.nvsim.kernel.Priority;
import io.nvsim.kernel.Simulator;
import io.nvsim.kernel.VcpuThread;
import io.nvsim.kernel.Work;

/**
 * The {@code idle_guest} simulation as a configuration of the engine ({@link NestedEngine}): idle vCPUs (L2 vCPU
 * threads, one L1 vCPU and physical CPU each) and their periodic ticks, raised by timer events of the engine's
 * simulator. Each tick wakes its vCPU ({@code TIMER_WAKE}, or {@code POLL_WAKE} if it arrives while the vCPU still
 * polls), the guest's handler runs (interrupts masked), and the vCPU executes WFI again through the shared
 * {@link IdleLifecycle}. A tick that comes while the vCPU is busy is served when the current step ends. Everything is
 * charged, segment by segment as it runs, to the engine's one {@link CycleLedger}; at the end of the simulated time
 * the steps under way finish (a tick being served with its handler) and are charged whole, and nothing new starts.
 */
final class TickRun implements EngineListener {
    // what a vCPU's current work is
    private static final int BLOCKED = 0;
    private static final int POLLING = 1;
    private static final int POLL_CAUGHT = 2;
    private static final int WAKING = 3;
    private static final int HANDLING = 4;
    private static final int WFI_POLL = 5;
    private static final int BLOCKING = 6;

    final Simulator sim;
    final LatencyRecorder latency = new LatencyRecorder();
    final CycleLedger ledger;
    final IdleLifecycle idle;
    long ticks;

    private final NestedEngine engine;
    private final ProgramSegments timerWake;
    private final int vcpus;
    private final long period;
    private final long duration;
    private final int[] step;
    private final GuestCompute[] handler;
    private final long[] due;      // the tick being served or awaited
    /** A tick taken while the vCPU polled or was about to: served once the current step ends. */
    private final boolean[] tickPending;
    private final int tickHandler;
    /** Past the simulated time: no tick is raised and no vCPU starts a step besides the handler of the tick it serves. */
    private boolean draining;

    TickRun(MachineModel machine, ParameterSet p, int vcpus, long period, long work, long duration, HaltPolling template) {
        this.vcpus = vcpus;
        this.period = period;
        this.duration = duration;
        timerWake = IdleLifecycle.wake(machine, GuestOperation.TIMER_WAKE);
        idle = new IdleLifecycle(machine, vcpus, template);
        engine = EngineTopology.engine(vcpus, p, this);
        sim = engine.simulator();
        ledger = engine.ledger();
        step = new int[vcpus];
        handler = new GuestCompute[vcpus];
        due = new long[vcpus];
        tickPending = new boolean[vcpus];
        for (int v = 0; v < vcpus; v++) {
            handler[v] = new GuestCompute(EventClass.GUEST.ordinal(), true, true).cycles(work);
        }
        tickHandler = sim.register((s, now, v) -> {
            if (!draining) {
                engine.interruptNow((int) v);
            }
        });
    }

    TickRun run() {
        for (int v = 0; v < vcpus; v++) {
            due[v] = period * (v + 1) / vcpus; // spread over the first period; every vCPU starts idle
            sim.scheduleAt(due[v], Priority.TIMER, tickHandler, v);
        }
        engine.runUntil(duration);
        draining = true; // the ticks being served finish (and are charged whole); nothing new starts
        engine.run();
        return this;
    }

    private void submit(int v, int what, Work w) {
        step[v] = what;
        engine.submit(v, w, 1);
    }

    /** The tick's wake-up; the next tick is armed one period after this one's deadline. */
    private void serve(int v, ProgramSegments wake, long now) {
        account(v, wake, now);
        submit(v, WAKING, wake);
    }

    private void account(int v, ProgramSegments wake, long now) {
        ticks++;
        latency.record(now + wake.program().totalCycles() - due[v]);
        due[v] += period;
        sim.scheduleAt(Math.max(due[v], now + 1), Priority.TIMER, tickHandler, v);
    }

    /** A tick for a blocked vCPU: it wakes. */
    @Override
    public void wakeUp(VcpuThread thread, long now) {
        int v = thread.id();
        if (step[v] == BLOCKED && engine.acknowledgeInterrupt(v) >= 0) {
            serve(v, idle.wokenFromBlock(v, now, timerWake), now);
        }
    }

    /** A tick ends the poll at once: POLL_WAKE runs as the interrupt's work, the handler after the poll. */
    @Override
    public Work interruptWork(VcpuThread thread, long raisedAt, long takenAt) {
        int v = thread.id();
        if (step[v] == POLLING) {
            step[v] = POLL_CAUGHT;
            ProgramSegments wake = idle.caughtWhilePolling(v, takenAt);
            account(v, wake, takenAt);
            return wake;
        }
        tickPending[v] = true; // the next tick, already due
        return null;
    }

    /** Whether a tick waits for vCPU v (taken or still pending); consumes it. */
    private boolean tickWaiting(int v) {
        if (tickPending[v]) {
            tickPending[v] = false;
            return true;
        }
        return engine.acknowledgeInterrupt(v) >= 0;
    }

    /** The current step is over: the handler after the wake-up, WFI after the handler, the poll after the WFI's exit, idle after the block. */
    @Override
    public void workDone(VcpuThread thread, long now) {
        int v = thread.id();
        if (draining && step[v] != WAKING && step[v] != POLL_CAUGHT) {
            step[v] = BLOCKED;
            return;
        }
        switch (step[v]) {
            case WAKING:
            case POLL_CAUGHT:
                submit(v, HANDLING, handler[v]);
                return;
            case HANDLING:
                if (tickWaiting(v)) { // the next tick is already due: kvm_vcpu_check_block returns at once
                    serve(v, idle.pollWake, now);
                    return;
                }
                ProgramSegments wfi = idle.enterWfi(v, now);
                submit(v, wfi == idle.wfiPoll ? WFI_POLL : BLOCKING, wfi);
                return;
            case WFI_POLL:
                if (tickWaiting(v)) {
                    serve(v, idle.caughtOnEntry(v, now), now);
                } else {
                    submit(v, POLLING, idle.startPoll(v, now));
                }
                return;
            case POLLING:
                submit(v, BLOCKING, idle.pollExpired(v, now));
                return;
            default: // BLOCKING
                step[v] = BLOCKED;
                if (tickWaiting(v)) {
                    serve(v, idle.wokenFromBlock(v, now, timerWake), now);
                }
        }
    }
}
