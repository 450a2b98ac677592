package io.nvsim.kernel;

/**
 * One physical CPU of L0: its scheduler picks an L1 vCPU ({@link VcpuHost}), whose own scheduler
 * picks one of its L2 vCPU threads, which then runs its {@link Work} segment by segment.
 * <ul>
 *   <li>At a boundary (where L0 can take an interrupt) a pending interrupt of the running thread is
 *       taken, and a preemptive scheduler whose quantum is used up switches thread; between boundaries
 *       the CPU cannot be taken away.</li>
 *   <li>Inside a preemptible segment (guest compute) an interrupt is taken at once: the segment's end
 *       event is cancelled ({@link EventGenerations}), the part that ran is charged, the interrupt's work
 *       runs and the remainder follows; a preemptive scheduler's tick cuts it where the quantum ends.</li>
 *   <li>A thread that is not running takes its pending interrupt when it is next scheduled; an idle one
 *       (no work) is reported to the listener, which may wake it.</li>
 *   <li>Consecutive segments with nothing to happen between them run as one event (cut at the next
 *       boundary if an interrupt arrives meanwhile); the figures are those of one event per segment.</li>
 * </ul>
 * Charges every segment to the {@link CycleLedger}; allocates nothing per event.
 */
public final class PhysicalCpu implements EventHandler {
    private final int id;
    private final Simulator sim;
    private final CycleLedger ledger;
    private final EngineListener listener;
    private final Scheduler scheduler;
    private final VcpuHost[] hosts;
    private final EventGenerations segmentEnds;
    private final long l0Quantum;
    private final long l1Quantum;
    private int handler = -1;
    private VcpuHost runningHost;
    private VcpuThread running;
    private long hostSlice;
    private long threadSlice;
    private long busyCycles;
    /** Whether this CPU is inside its own event (listener callbacks must not re-enter the dispatch). */
    private boolean working;
    /** Whether every segment is an event of its own (the reference behaviour) instead of runs of them. */
    boolean oneEventPerSegment;

    PhysicalCpu(int id, Simulator sim, CycleLedger ledger, EngineListener listener, Scheduler scheduler,
                VcpuHost[] hosts, EventGenerations segmentEnds, long l0Quantum, long l1Quantum) {
        this.id = id;
        this.sim = sim;
        this.ledger = ledger;
        this.listener = listener;
        this.scheduler = scheduler;
        this.hosts = hosts;
        this.segmentEnds = segmentEnds;
        this.l0Quantum = l0Quantum;
        this.l1Quantum = l1Quantum;
    }

    void attach() {
        handler = sim.register(this);
    }

    public int id() {
        return id;
    }

    /** Cycles this CPU has spent running threads. */
    public long busyCycles() {
        return busyCycles;
    }

    /** Makes {@code t} runnable and, if this CPU is idle, starts it; the running thread just keeps the CPU. */
    void makeRunnable(VcpuThread t, long now) {
        if (t.runnable) {
            return;
        }
        t.runnable = true;
        if (t == running) {
            return; // resubmitted from a listener callback at the end of its work: it goes on
        }
        VcpuHost h = t.host;
        h.scheduler.enqueue(t.local);
        if (!h.active) {
            h.active = true;
            scheduler.enqueue(h.local);
        }
        if (running == null && !working) {
            dispatch(now);
        } else if (running != null && !working && yieldsTo(running, running.work) != Work.YIELDS_TO_NONE
            && (yieldsTo(running, running.work) == Work.YIELDS_TO_SAME_CPU || running.host == h)) {
            endPoll(running, now);
        }
    }

    /** The running thread's halt-poll level for its current segment (none while it runs an interrupt's work). */
    private static int yieldsTo(VcpuThread t, Work w) {
        return w == null || t.inInterrupt ? Work.YIELDS_TO_NONE : w.yieldsTo(t.segment);
    }

    /** Whether something else is runnable where a poll of level {@code level} spins ({@code single_task_running()} false). */
    private boolean othersRunnable(int level) {
        return level == Work.YIELDS_TO_SAME_CPU && !scheduler.isEmpty() || !runningHost.scheduler.isEmpty();
    }

    /** Ends {@code t}'s halt poll now, as if its time were up: charged for what ran, the listener sees it expire. */
    private void endPoll(VcpuThread t, long now) {
        segmentEnds.cancel(id);
        long ran = now - t.segmentStart;
        t.segmentRun = ran;
        t.segmentRemaining = ran;
        t.segmentLeft = ran; // charged as the part that ran
        t.runLast = t.segment;
        sim.scheduleAt(now, Priority.GUEST_OPERATION, handler, segmentEnds.arm(id));
    }

    /**
     * An interrupt for {@code t} arrives now: an idle thread is reported to the listener; a running one in a
     * preemptible segment takes it at once; otherwise it waits for a boundary (or for the thread to be scheduled).
     */
    void interrupt(VcpuThread t, long now) {
        t.addPending(now);
        if (!t.runnable) {
            listener.wakeUp(t, now);
            return;
        }
        if (t == running && !working && interruptible(t)) {
            if (t.work.preemptible(t.segment)) {
                preempt(t, now);
            } else if (t.runLast > t.segment) {
                cutRun(t, now);
            }
        }
    }

    private static boolean interruptible(VcpuThread t) {
        return !t.inInterrupt && !t.work.masksInterrupts();
    }

    private void dispatch(long now) {
        if (runningHost == null) {
            int h = scheduler.next();
            if (h < 0) {
                return; // idle
            }
            runningHost = hosts[h];
            hostSlice = 0;
        }
        int t = runningHost.scheduler.next();
        running = runningHost.threads[t];
        threadSlice = 0;
        working = true;
        takePending(running, now); // the vCPU enters with its pending interrupt
        working = false;
        startSegment(now);
    }

    private void startSegment(long now) {
        VcpuThread t = running;
        Work w = t.work;
        if (t.pendingInterrupts() > 0 && w.preemptible(t.segment) && interruptible(t)) {
            working = true; // an interrupt that came while this CPU was busy: taken as the guest compute begins
            takePending(t, now);
            working = false;
            w = t.work;
        }
        long c = t.segmentLeft >= 0 ? t.segmentLeft : w.segmentCycles(t.segment);
        int poll = yieldsTo(t, w);
        if (poll != Work.YIELDS_TO_NONE && othersRunnable(poll)) {
            c = 0; // single_task_running() is false as the poll begins: it ends at once
            if (t.segmentLeft < 0) {
                t.segmentLeft = 0;
            }
        }
        t.segmentRemaining = c;
        t.runLast = t.segment;
        t.segmentRun = w.preemptible(t.segment) ? Math.min(c, quantumLeft()) : coalesce(t, w, c);
        t.segmentStart = now;
        sim.schedule(t.segmentRun, Priority.GUEST_OPERATION, handler, segmentEnds.arm(id));
    }

    /**
     * Runs the segments after the current one in the same event while nothing can happen at the boundaries
     * between them (no interrupt pending that the work would take, no quantum ending, no kick, no guest compute):
     * returns the run's cycles and sets its last segment. An interrupt arriving during the run cuts it at the
     * next boundary ({@link #cutRun}), so the figures are those of one event per segment.
     */
    private long coalesce(VcpuThread t, Work w, long first) {
        boolean takes = interruptible(t);
        int last = t.segment;
        long total = first;
        if (oneEventPerSegment) {
            return total;
        }
        if (!(takes && t.pendingInterrupts() > 0) && !scheduler.preemptive() && !runningHost.scheduler.preemptive()) {
            last = w.runEnd(last); // no boundary can stop it: to the next kick or guest compute, or the end
            t.runLast = last;
            return last == t.segment ? total : total + w.runCycles(t.segment + 1, last);
        }
        int n = w.segmentCount();
        while (last + 1 < n && !w.kickAfter(last) && !w.preemptible(last + 1)) {
            if (w.boundaryAfter(last) && (takes && t.pendingInterrupts() > 0 || quantumReached(total))) {
                break;
            }
            total += w.segmentCycles(++last);
        }
        t.runLast = last;
        return total;
    }

    /** Whether a preemptive scheduler's quantum is used up after {@code ran} more cycles. */
    private boolean quantumReached(long ran) {
        return scheduler.preemptive() && hostSlice + ran >= l0Quantum
            || runningHost.scheduler.preemptive() && threadSlice + ran >= l1Quantum;
    }

    /**
     * Charges the segments of the run under way that have ended by {@code now}, as one event per segment would have
     * (for a reading of the ledger between events); the rest of the run is charged when it ends.
     */
    void settle(long now) {
        VcpuThread t = running;
        if (t == null || working || t.runLast <= t.segment) {
            return;
        }
        Work w = t.work;
        long end = t.segmentStart;
        int k = t.segment;
        while (k < t.runLast && end + w.segmentCycles(k) <= now) {
            end += w.segmentCycles(k);
            w.charge(k++, ledger);
        }
        long settled = end - t.segmentStart;
        if (settled > 0) {
            account(t, settled);
            t.segment = k;
            t.segmentStart = end;
            t.segmentRun -= settled;
            t.segmentRemaining = w.segmentCycles(k);
        }
    }

    /** An interrupt arrived during a run of several segments: the run now ends at the first boundary at or after now. */
    private void cutRun(VcpuThread t, long now) {
        Work w = t.work;
        long end = t.segmentStart;
        for (int k = t.segment; k < t.runLast; k++) {
            end += w.segmentCycles(k);
            if (w.boundaryAfter(k) && end >= now) {
                t.runLast = k;
                t.segmentRun = end - t.segmentStart;
                sim.scheduleAt(end, Priority.GUEST_OPERATION, handler, segmentEnds.arm(id));
                return;
            }
        }
    }

    /** Cycles until a preemptive scheduler's quantum ends (its tick then preempts guest compute), at least 1. */
    private long quantumLeft() {
        long q = Long.MAX_VALUE;
        if (scheduler.preemptive()) {
            q = l0Quantum - hostSlice;
        }
        if (runningHost.scheduler.preemptive()) {
            q = Math.min(q, l1Quantum - threadSlice);
        }
        return Math.max(1, q);
    }

    private void account(VcpuThread t, long c) {
        busyCycles += c;
        t.ranCycles += c;
        t.host.scheduler.ran(t.local, c);
        scheduler.ran(t.host.local, c);
        hostSlice += c;
        threadSlice += c;
    }

    @Override
    public void onEvent(Simulator simulator, long now, long payload) {
        if (!segmentEnds.isCurrent(payload)) {
            return; // the segment was preempted
        }
        VcpuThread t = running;
        Work w = t.work;
        int seg = t.segment;
        account(t, t.segmentRun);
        if (seg < t.runLast) { // a run of segments with nothing between them
            w.chargeRange(seg, t.runLast - 1, ledger);
            seg = t.runLast;
            t.segment = seg;
        }
        if (t.segmentRun < t.segmentRemaining) { // the quantum ended inside guest compute: the scheduler's tick
            w.chargePart(seg, t.segmentRun, ledger);
            t.segmentLeft = t.segmentRemaining - t.segmentRun;
            working = true;
            atBoundary(t, now);
            return;
        }
        if (t.segmentLeft >= 0) {
            w.chargePart(seg, t.segmentRun, ledger);
            t.segmentLeft = -1;
        } else {
            w.charge(seg, ledger);
        }
        working = true;
        if (w.kickAfter(seg)) {
            listener.kicked(t, now);
        }
        boolean boundary = w.boundaryAfter(seg);
        if (++t.segment == w.segmentCount()) {
            boundary = true;
            completeOperation(t, now);
        }
        if (!boundary) {
            working = false;
            startSegment(now);
            return;
        }
        atBoundary(t, now);
    }

    /** An interrupt preempts {@code t}'s preemptible segment now: charge what ran, take it, run its work, then the rest. */
    private void preempt(VcpuThread t, long now) {
        segmentEnds.cancel(id);
        Work w = t.work;
        long ran = now - t.segmentStart;
        account(t, ran);
        w.chargePart(t.segment, ran, ledger);
        t.segmentLeft = w.resumable(t.segment) ? t.segmentRemaining - ran : 0;
        working = true;
        atBoundary(t, now);
    }

    private void completeOperation(VcpuThread t, long now) {
        t.segment = 0;
        if (t.work.countsAsOperation()) {
            ledger.countOperations(1);
        }
        if (t.inInterrupt) {
            t.inInterrupt = false;
            t.work = t.savedWork;
            t.segment = t.savedSegment;
            t.operationsLeft = t.savedOperations;
            t.segmentLeft = t.savedSegmentLeft;
            t.savedWork = null;
            listener.interruptWorkDone(t, now);
            return;
        }
        listener.operationDone(t, now);
        if (--t.operationsLeft == 0) {
            t.finishedAt = now;
            t.runnable = false;
            t.work = null;
            listener.workDone(t, now);
            if (!t.runnable && t.pendingInterrupts() > 0) {
                listener.wakeUp(t, now);
            }
            while (!t.runnable && t.pendingInterrupts() > 0) { // still idle: it takes them at its last boundary
                listener.interruptTaken(t, t.takePending(), now);
            }
        }
    }

    /** At a boundary (or an interrupt's preemption point): take a pending interrupt, then go on or switch. */
    private void atBoundary(VcpuThread t, long now) {
        VcpuHost h = runningHost;
        takePending(t, now);
        working = false;
        boolean done = !t.runnable;
        boolean hostExpired = scheduler.preemptive() && hostSlice >= l0Quantum;
        boolean threadExpired = h.scheduler.preemptive() && threadSlice >= l1Quantum;
        if (!done && !hostExpired && !threadExpired) {
            startSegment(now);
            return;
        }
        if (!done) {
            h.scheduler.enqueue(t.local);
        }
        running = null;
        if (h.scheduler.isEmpty()) {
            h.active = false;
            runningHost = null;
        } else if (hostExpired) {
            scheduler.enqueue(h.local);
            runningHost = null;
        }
        dispatch(now);
    }

    /** Takes {@code t}'s oldest pending interrupt if its work lets it; the listener may give it work to run first. */
    private void takePending(VcpuThread t, long now) {
        if (t.pendingInterrupts() == 0 || !t.runnable || !interruptible(t)) {
            return;
        }
        long raised = t.takePending();
        listener.interruptTaken(t, raised, now);
        Work iw = listener.interruptWork(t, raised, now);
        if (iw != null) {
            t.savedWork = t.work;
            t.savedSegment = t.segment;
            t.savedOperations = t.operationsLeft;
            t.savedSegmentLeft = t.segmentLeft;
            t.work = iw;
            t.segment = 0;
            t.operationsLeft = 1;
            t.segmentLeft = -1;
            t.inInterrupt = true;
        }
    }
}
