package io.nvsim.workloads.idle;

import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.LatencyRecorder;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.GuestCompute;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.workloads.EngineTopology;
import io.nvsim.kernel.VcpuThread;
import io.nvsim.kernel.Work;

/**
 * The {@code ipi_ring} simulation as a configuration of the engine ({@link NestedEngine}): vCPUs of one VM, each an
 * L2 vCPU thread on its own L1 vCPU and physical CPU. A vCPU holding a token works (guest compute an interrupt
 * preempts), passes the token to the next vCPU with an SGI and, holding none, executes WFI. Every step is a compiled
 * {@link Program} run segment by segment; which one follows from the states:
 *
 * <ul>
 *   <li>the sender's SGI exit depends on the target's state when it starts: running ({@code SGI_SEND}, the
 *       target takes an IRQ exit), halt-polling ({@code SGI_POLLED}, no IPI: the poller sees the interrupt at
 *       the program's kick) or blocked ({@code SGI_WAKE}: try_to_wake_up and a reschedule IPI that arrives
 *       {@code cost.ipi_latency_cycles} after the kick);</li>
 *   <li>a WFI goes through the shared {@link IdleLifecycle}: it halt-polls for the vCPU's current
 *       {@link HaltPolling} window and, if no interrupt came, blocks; with no window it blocks at once;</li>
 *   <li>the woken vCPU runs {@code POLL_WAKE} or {@code WFI_WAKE} (an interrupt that arrives while the WFI's exit or
 *       the block is still under way wakes it as soon as that ends) and the window adapts to the halt's length;</li>
 *   <li>a token's interrupt for a vCPU that works or sends is taken at once (work) or at the SGI program's next
 *       boundary: the guest's {@code IRQ_RECEIVE} runs, then what it interrupted resumes.</li>
 * </ul>
 *
 * The run ends when the last of {@code passes} token passes has been delivered; the metrics are per pass and
 * come from the engine's {@link CycleLedger} as it stood then (what follows drains the ring and is not counted).
 */
final class RingRun implements EngineListener {
    // what a vCPU's current work is
    private static final int WORKING = 0;
    private static final int SENDING = 1;
    private static final int WFI_POLL = 2;
    private static final int POLLING = 3;
    private static final int POLL_CAUGHT = 4;
    private static final int BLOCKING = 5;
    private static final int BLOCKED = 6;
    private static final int WAKING = 7;

    private final int vcpus;
    private final long work;
    private final long passes;
    private final long ipiLatency;
    private final NestedEngine engine;
    private final CycleLedger ledger;

    private final ProgramSegments sgiRunning;
    private final ProgramSegments sgiPolled;
    private final ProgramSegments sgiBlocked;
    private final ProgramSegments irqReceive;
    private final ProgramSegments wfiWake;
    final IdleLifecycle idle;

    private final int[] step;
    private final int[] tokens;
    private final GuestCompute[] compute;
    /** The target of each vCPU's SGI in flight and the delay from its kick to the target's interrupt. */
    private final int[] sendTo;
    private final long[] sendDelay;
    // send-start times of the tokens on their way to or queued at each vCPU (FIFO of capacity vcpus)
    private final long[] sentAt;
    private final int[] sentHead;
    private final int[] sentSize;

    // results
    final LatencyRecorder wakeLatency = new LatencyRecorder();
    long passesSent;
    long passesDelivered;
    long blocks;
    long makespan;
    /** The ledger when the last pass was delivered (the run's figures). */
    CycleLedger.Snapshot atFinish;
    /** The hypervisors' spin when the last pass was delivered. */
    long spinCycles;
    private boolean finished;

    RingRun(MachineModel machine, ParameterSet p, int vcpus, int tokens, long work, long passes, HaltPolling template) {
        this.vcpus = vcpus;
        this.work = work;
        this.passes = passes;
        this.ipiLatency = machine.cost().ipiLatency;
        sgiRunning = ProgramSegments.of(machine.program(GuestOperation.SGI_SEND));
        sgiPolled = ProgramSegments.of(machine.program(GuestOperation.SGI_POLLED));
        sgiBlocked = ProgramSegments.of(machine.program(GuestOperation.SGI_WAKE));
        irqReceive = ProgramSegments.masked(machine.program(GuestOperation.IRQ_RECEIVE));
        wfiWake = IdleLifecycle.wake(machine, GuestOperation.WFI_WAKE);
        idle = new IdleLifecycle(machine, vcpus, template);
        for (ProgramSegments sgi : new ProgramSegments[] {sgiRunning, sgiPolled, sgiBlocked}) {
            if (sgi.program().kickOffset() < 0) {
                throw new IllegalStateException(sgi.program().operation() + " has no kick: the SGI would never leave");
            }
        }
        engine = EngineTopology.engine(vcpus, p, this);
        ledger = engine.ledger();

        step = new int[vcpus];
        this.tokens = new int[vcpus];
        compute = new GuestCompute[vcpus];
        sendTo = new int[vcpus];
        sendDelay = new long[vcpus];
        sentAt = new long[vcpus * vcpus];
        sentHead = new int[vcpus];
        sentSize = new int[vcpus];
        for (int v = 0; v < vcpus; v++) {
            compute[v] = new GuestCompute(EventClass.GUEST.ordinal(), true);
        }
        for (int t = 0; t < tokens; t++) {
            this.tokens[t * vcpus / tokens]++;
        }
    }

    RingRun run() {
        for (int v = 0; v < vcpus; v++) {
            next(v, 0);
        }
        engine.run();
        if (atFinish == null) {
            atFinish = ledger.snapshot();
            spinCycles = idle.spinCycles;
        }
        return this;
    }

    long events() {
        return engine.simulator().eventsProcessed();
    }

    private void submit(int v, int what, Work w) {
        step[v] = what;
        engine.submit(v, w, 1);
    }

    /**
     * The vCPU is free: work on a token (a pending interrupt is taken as the work starts), take a pending interrupt
     * (its guest does not execute WFI with one pending), or WFI.
     */
    private void next(int v, long now) {
        if (tokens[v] == 0 && engine.thread(v).pendingInterrupts() > 0) {
            engine.acknowledgeInterrupt(v);
            submit(v, WAKING, irqReceive); // taking it is the wake-up: the token is its at the end
            return;
        }
        if (tokens[v] > 0) {
            tokens[v]--;
            submit(v, WORKING, compute[v].cycles(work));
            return;
        }
        ProgramSegments wfi = idle.enterWfi(v, now);
        submit(v, wfi == idle.wfiPoll ? WFI_POLL : BLOCKING, wfi);
    }

    @Override
    public void workDone(VcpuThread thread, long now) {
        int v = thread.id();
        switch (step[v]) {
            case WORKING:
                send(v, now);
                return;
            case WFI_POLL:
                if (engine.acknowledgeInterrupt(v) >= 0) { // it came during the WFI's exit
                    submit(v, WAKING, idle.caughtOnEntry(v, now));
                } else {
                    submit(v, POLLING, idle.startPoll(v, now));
                }
                return;
            case POLLING: // nothing came: the rest of the block (schedule to idle; nested, L1's idle WFI and L0's block of it)
                submit(v, BLOCKING, idle.pollExpired(v, now));
                return;
            case BLOCKING:
                blocks++;
                step[v] = BLOCKED;
                if (engine.acknowledgeInterrupt(v) >= 0) {
                    wake(v, now);
                }
                return;
            case WAKING:
                tokenTaken(v, now);
                tokens[v]++;
                next(v, now);
                return;
            default: // SENDING, POLL_CAUGHT
                next(v, now);
        }
    }

    /** The vCPU finished its work on a token: pass it to the next vCPU (unless every pass has been sent). */
    private void send(int v, long now) {
        if (passesSent == passes) {
            next(v, now);
            return;
        }
        passesSent++;
        int target = (v + 1) % vcpus;
        ProgramSegments p;
        int s = step[target];
        if (s == POLLING || s == WFI_POLL) {
            p = sgiPolled;
            sendDelay[v] = 0;
        } else if (s == BLOCKED || s == BLOCKING) {
            p = sgiBlocked;
            sendDelay[v] = ipiLatency;
        } else {
            p = sgiRunning;
            sendDelay[v] = ipiLatency;
        }
        sendTo[v] = target;
        enqueueSentAt(target, now);
        submit(v, SENDING, p);
    }

    /** The SGI leaves at its program's kick marker. */
    @Override
    public void kicked(VcpuThread thread, long now) {
        int v = thread.id();
        if (step[v] == SENDING && !thread.inInterrupt()) {
            engine.raiseInterrupt(sendTo[v], now + sendDelay[v]);
        }
    }

    /** A token's interrupt taken by a running vCPU: the poll ends with POLL_WAKE; work and SGIs run IRQ_RECEIVE. */
    @Override
    public Work interruptWork(VcpuThread thread, long raisedAt, long takenAt) {
        int v = thread.id();
        if (step[v] == POLLING) {
            step[v] = POLL_CAUGHT;
            return idle.caughtWhilePolling(v, takenAt);
        }
        return irqReceive;
    }

    /** The guest has taken the token's interrupt: the token is its. */
    @Override
    public void interruptWorkDone(VcpuThread thread, long now) {
        int v = thread.id();
        tokenTaken(v, now);
        tokens[v]++;
    }

    /** A token's interrupt reaches a blocked vCPU: it wakes. */
    @Override
    public void wakeUp(VcpuThread thread, long now) {
        int v = thread.id();
        if (step[v] == BLOCKED && engine.acknowledgeInterrupt(v) >= 0) {
            wake(v, now);
        }
    }

    private void wake(int v, long now) {
        submit(v, WAKING, idle.wokenFromBlock(v, now, wfiWake));
    }

    /** The vCPU's guest has taken a token's interrupt: one pass delivered. */
    private void tokenTaken(int v, long now) {
        long sent = sentAt[v * vcpus + sentHead[v]];
        sentHead[v] = (sentHead[v] + 1) % vcpus;
        sentSize[v]--;
        if (!finished) {
            wakeLatency.record(now - sent);
        }
        passesDelivered++;
        if (passesDelivered == passes && !finished) {
            finished = true;
            makespan = now;
            engine.settle();
            atFinish = ledger.snapshot();
            spinCycles = idle.spinCycles;
        }
    }

    private void enqueueSentAt(int target, long now) {
        sentAt[target * vcpus + (sentHead[target] + sentSize[target]) % vcpus] = now;
        sentSize[target]++;
    }
}
