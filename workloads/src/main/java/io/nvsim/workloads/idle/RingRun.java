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
 * The {@code ipi_ring} simulation: vCPUs of one VM, each on its own physical CPU, on one simulated
 * timeline. A vCPU holding a token works, passes the token to the next vCPU with an SGI and, holding
 * none, executes WFI. Every step is a compiled {@link Program}; which one follows from the states:
 *
 * <ul>
 *   <li>the sender's SGI exit depends on the target's state when it starts: running ({@code SGI_SEND}, the
 *       target takes an IRQ exit), halt-polling ({@code SGI_POLLED}, no IPI: the poller sees the interrupt at
 *       the program's kick) or blocked ({@code SGI_WAKE}: try_to_wake_up and a reschedule IPI that arrives
 *       {@code cost.ipi_latency_cycles} after the kick);</li>
 *   <li>a WFI goes through the shared {@link IdleLifecycle}: it halt-polls for the vCPU's current
 *       {@link HaltPolling} window and, if no interrupt came, blocks; with no window it blocks at once;</li>
 *   <li>the woken vCPU runs {@code POLL_WAKE} or {@code WFI_WAKE} (an interrupt that arrives while the block is
 *       still on its way to idle wakes it as soon as it is idle) and the window adapts to the halt's length.</li>
 * </ul>
 *
 * The run ends when the last of {@code passes} token passes has been delivered; the metrics are per pass and
 * come from the {@link CycleLedger} as it stood then (what follows drains the ring and is not counted).
 */
final class RingRun {

    private static final int WORKING = 0;
    private static final int BUSY = 1;
    private static final int POLLING = 2;
    private static final int BLOCKED = 3;

    // what happens when the current program ends
    private static final int THEN_NEXT = 0;
    private static final int THEN_POLL = 1;
    private static final int THEN_IDLE = 2;
    private static final int THEN_TOKEN = 3;
    private static final int THEN_RESUME_WORK = 4;

    private final int vcpus;
    private final long work;
    private final long passes;
    private final long ipiLatency;
    private final Simulator sim = new Simulator(64);

    private final Program sgiRunning;
    private final Program sgiPolled;
    private final Program sgiBlocked;
    private final Program irqReceive;
    private final Program wfiWake;
    private final CycleLedger ledger = new CycleLedger(EventClass.COUNT);
    final IdleLifecycle idle;

    private final int[] state;
    private final int[] then;
    /** One cancellable handle per vCPU: a later step or an interrupt makes its scheduled event stale. */
    private final EventGenerations handles;
    private final int[] tokens;
    private final int[] queuedIrqs;
    private final boolean[] arrivedInWfi;
    private final long[] workLeft;
    private final long[] workEnd;
    // send-start times of the tokens on their way to or queued at each vCPU (FIFO of capacity vcpus)
    private final long[] sentAt;
    private final int[] sentHead;
    private final int[] sentSize;

    private final int doneHandler;
    private final int arriveHandler;
    private final int pollTimeoutHandler;

    // results
    final Histogram wakeLatency = new Histogram(1L << 40, 3);
    long passesSent;
    long passesDelivered;
    long blocks;
    long makespan;
    /** The ledger when the last pass was delivered (the run's figures). */
    CycleLedger.Snapshot atFinish;
    /** The hypervisors' spin when the last pass was delivered. */
    long spinCycles;
    private boolean finished;

    RingRun(MachineModel machine, int vcpus, int tokens, long work, long passes, HaltPolling template) {
        this.vcpus = vcpus;
        this.work = work;
        this.passes = passes;
        this.ipiLatency = machine.cost().ipiLatency;
        sgiRunning = machine.program(GuestOperation.SGI_SEND);
        sgiPolled = machine.program(GuestOperation.SGI_POLLED);
        sgiBlocked = machine.program(GuestOperation.SGI_WAKE);
        irqReceive = machine.program(GuestOperation.IRQ_RECEIVE);
        wfiWake = machine.program(GuestOperation.WFI_WAKE);
        idle = new IdleLifecycle(machine, vcpus, template, ledger);

        state = new int[vcpus];
        then = new int[vcpus];
        handles = new EventGenerations(vcpus);
        this.tokens = new int[vcpus];
        queuedIrqs = new int[vcpus];
        arrivedInWfi = new boolean[vcpus];
        workLeft = new long[vcpus];
        workEnd = new long[vcpus];
        sentAt = new long[vcpus * vcpus];
        sentHead = new int[vcpus];
        sentSize = new int[vcpus];
        for (int v = 0; v < vcpus; v++) {
            state[v] = BUSY;
            then[v] = THEN_NEXT;
        }
        for (int t = 0; t < tokens; t++) {
            this.tokens[t * vcpus / tokens]++;
        }
        doneHandler = sim.register((s, now, payload) -> done(payload, now));
        arriveHandler = sim.register((s, now, payload) -> arrive((int) payload, now));
        pollTimeoutHandler = sim.register((s, now, payload) -> pollTimeout(payload, now));
    }

    RingRun run() {
        for (int v = 0; v < vcpus; v++) {
            sim.schedule(0, Priority.GUEST_OPERATION, doneHandler, handles.arm(v)); // THEN_NEXT
        }
        sim.run();
        if (atFinish == null) {
            atFinish = ledger.snapshot();
            spinCycles = idle.spinCycles;
        }
        return this;
    }

    long events() {
        return sim.eventsProcessed();
    }

    /** The vCPU is free: take a queued interrupt, work on a token, or WFI. */
    private void next(int v, long now) {
        if (queuedIrqs[v] > 0) {
            queuedIrqs[v]--;
            execute(v, irqReceive, THEN_TOKEN);
            return;
        }
        if (tokens[v] > 0) {
            tokens[v]--;
            startWork(v, work, now);
            return;
        }
        arrivedInWfi[v] = false;
        Program wfi = idle.enterWfi(v, now);
        run(v, wfi, wfi == idle.wfiPoll ? THEN_POLL : THEN_IDLE);
    }

    private void startWork(int v, long cycles, long now) {
        state[v] = WORKING;
        workEnd[v] = now + cycles;
        ledger.charge(EventClass.GUEST.ordinal(), cycles);
        then[v] = -1; // work done: pass the token
        sim.schedule(cycles, Priority.GUEST_OPERATION, doneHandler, handles.arm(v));
    }

    /** Charges and runs one program on vCPU v; {@code after} says what follows. */
    private void execute(int v, Program p, int after) {
        ProgramSegments.chargeWhole(p, ledger);
        run(v, p, after);
    }

    /** Runs one program, charged already, on vCPU v. */
    private void run(int v, Program p, int after) {
        state[v] = BUSY;
        then[v] = after;
        sim.schedule(p.totalCycles(), Priority.GUEST_OPERATION, doneHandler, handles.arm(v));
    }

    private void done(long handle, long now) {
        int v = EventGenerations.slot(handle);
        if (!handles.isCurrent(handle)) {
            return; // preempted work
        }
        int after = then[v];
        if (state[v] == WORKING) {
            send(v, now);
            return;
        }
        switch (after) {
            case THEN_POLL:
                if (arrivedInWfi[v]) {
                    wokenFromPoll(v, now);
                } else {
                    state[v] = POLLING;
                    sim.schedule(idle.startPoll(v, now), Priority.TIMER, pollTimeoutHandler, handles.arm(v));
                }
                return;
            case THEN_IDLE:
                state[v] = BLOCKED;
                blocks++;
                if (arrivedInWfi[v]) {
                    wake(v, now);
                }
                return;
            case THEN_TOKEN:
                tokenTaken(v, now);
                tokens[v]++;
                next(v, now);
                return;
            case THEN_RESUME_WORK:
                tokenTaken(v, now);
                tokens[v]++;
                state[v] = WORKING;
                long left = workLeft[v];
                workEnd[v] = now + left;
                sim.schedule(left, Priority.GUEST_OPERATION, doneHandler, handles.arm(v));
                return;
            default:
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
        Program p;
        long delay;
        int s = state[target];
        if (s == POLLING || s == BUSY && then[target] == THEN_POLL) {
            p = sgiPolled;
            delay = p.kickOffset();
        } else if (s == BLOCKED || s == BUSY && then[target] == THEN_IDLE) {
            p = sgiBlocked;
            delay = p.kickOffset() + ipiLatency;
        } else {
            p = sgiRunning;
            delay = p.kickOffset() + ipiLatency;
        }
        enqueueSentAt(target, now);
        sim.schedule(delay, Priority.INTERRUPT, arriveHandler, target);
        execute(v, p, THEN_NEXT);
    }

    /** A token's interrupt reaches vCPU v. */
    private void arrive(int v, long now) {
        switch (state[v]) {
            case BLOCKED:
                wake(v, now);
                return;
            case POLLING:
                run(v, idle.caughtWhilePolling(v, now), THEN_TOKEN);
                return;
            case WORKING:
                workLeft[v] = workEnd[v] - now; // the IRQ exit interrupts the work; it resumes afterwards
                execute(v, irqReceive, THEN_RESUME_WORK);
                return;
            default:
                if ((then[v] == THEN_POLL || then[v] == THEN_IDLE) && !arrivedInWfi[v]) {
                    arrivedInWfi[v] = true; // on its way into the poll or the idle: woken when it gets there
                } else {
                    queuedIrqs[v]++;
                }
        }
    }

    private void pollTimeout(long handle, long now) {
        int v = EventGenerations.slot(handle);
        if (!handles.isCurrent(handle) || state[v] != POLLING) {
            return;
        }
        // nothing came: the rest of the block (schedule to idle; nested, L1's idle WFI and L0's block of it)
        state[v] = BUSY;
        then[v] = THEN_IDLE;
        sim.schedule(idle.pollExpired(v, now), Priority.GUEST_OPERATION, doneHandler, handles.arm(v));
    }

    private void wokenFromPoll(int v, long now) {
        run(v, idle.caughtOnEntry(v, now), THEN_TOKEN);
    }

    private void wake(int v, long now) {
        run(v, idle.wokenFromBlock(v, now, wfiWake), THEN_TOKEN);
    }

    /** The vCPU's guest has taken a token's interrupt: one pass delivered. */
    private void tokenTaken(int v, long now) {
        long sent = sentAt[v * vcpus + sentHead[v]];
        sentHead[v] = (sentHead[v] + 1) % vcpus;
        sentSize[v]--;
        if (!finished) {
            wakeLatency.recordValue(Math.max(1, now - sent));
        }
        passesDelivered++;
        if (passesDelivered == passes && !finished) {
            finished = true;
            makespan = now;
            atFinish = ledger.snapshot();
            spinCycles = idle.spinCycles;
        }
    }

    private void enqueueSentAt(int target, long now) {
        sentAt[target * vcpus + (sentHead[target] + sentSize[target]) % vcpus] = now;
        sentSize[target]++;
    }
}
