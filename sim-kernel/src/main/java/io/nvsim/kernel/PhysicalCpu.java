package io.nvsim.kernel;

/**
 * One physical CPU of L0: its scheduler picks an L1 vCPU ({@link VcpuHost}), whose own scheduler
 * picks one of its L2 vCPU threads, which then runs its {@link Work} one segment per event. At a
 * boundary (where L0 can take an interrupt) a pending interrupt of the running thread is taken,
 * and a preemptive scheduler whose quantum is used up switches thread; between boundaries the
 * CPU cannot be taken away. A thread that is not running takes its pending interrupt when it is
 * next scheduled. Charges every segment to the {@link CycleLedger}; allocates nothing per event.
 */
public final class PhysicalCpu implements EventHandler {
    private final int id;
    private final Simulator sim;
    private final CycleLedger ledger;
    private final EngineListener listener;
    private final Scheduler scheduler;
    private final VcpuHost[] hosts;
    private final long l0Quantum;
    private final long l1Quantum;
    private int handler = -1;
    private VcpuHost runningHost;
    private VcpuThread running;
    private long hostSlice;
    private long threadSlice;
    private long busyCycles;

    PhysicalCpu(int id, Simulator sim, CycleLedger ledger, EngineListener listener, Scheduler scheduler,
                VcpuHost[] hosts, long l0Quantum, long l1Quantum) {
        this.id = id;
        this.sim = sim;
        this.ledger = ledger;
        this.listener = listener;
        this.scheduler = scheduler;
        this.hosts = hosts;
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

    /** Makes {@code t} runnable and, if this CPU is idle, starts it. */
    void makeRunnable(VcpuThread t, long now) {
        if (t.runnable) {
            return;
        }
        t.runnable = true;
        VcpuHost h = t.host;
        h.scheduler.enqueue(t.local);
        if (!h.active) {
            h.active = true;
            scheduler.enqueue(h.local);
        }
        if (running == null) {
            dispatch(now);
        }
    }

    /** An interrupt for {@code t} arrives now; taken at once if it is not running (when next scheduled), else at a boundary. */
    void interrupt(VcpuThread t, long now) {
        if (t.pendingSince < 0) {
            t.pendingSince = now;
        }
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
        takePending(running, now); // the vCPU enters with its pending interrupt
        startSegment();
    }

    private void startSegment() {
        sim.schedule(running.work.segmentCycles(running.segment), Priority.GUEST_OPERATION, handler, id);
    }

    @Override
    public void onEvent(Simulator simulator, long now, long payload) {
        VcpuThread t = running;
        VcpuHost h = runningHost;
        Work w = t.work;
        int seg = t.segment;
        long c = w.segmentCycles(seg);
        w.charge(seg, ledger);
        busyCycles += c;
        t.ranCycles += c;
        h.scheduler.ran(t.local, c);
        scheduler.ran(h.local, c);
        hostSlice += c;
        threadSlice += c;
        if (w.kickAfter(seg)) {
            listener.kicked(t, now);
        }
        boolean boundary = w.boundaryAfter(seg);
        if (++t.segment == w.segmentCount()) {
            t.segment = 0;
            boundary = true;
            ledger.countOperations(1);
            listener.operationDone(t, now);
            if (--t.operationsLeft == 0) {
                t.finishedAt = now;
                t.runnable = false;
            }
        }
        if (!boundary) {
            startSegment();
            return;
        }
        takePending(t, now);
        boolean done = !t.runnable;
        boolean hostExpired = scheduler.preemptive() && hostSlice >= l0Quantum;
        boolean threadExpired = h.scheduler.preemptive() && threadSlice >= l1Quantum;
        if (!done && !hostExpired && !threadExpired) {
            startSegment();
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

    private void takePending(VcpuThread t, long now) {
        if (t.pendingSince >= 0) {
            long raised = t.pendingSince;
            t.pendingSince = -1;
            listener.interruptTaken(t, raised, now);
        }
    }
}
