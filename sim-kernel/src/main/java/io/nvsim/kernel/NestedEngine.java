package io.nvsim.kernel;

/**
 * The event-driven engine of a nested run: a {@link Simulator}, one {@link CycleLedger}, the
 * physical CPUs of L0, the L1 vCPUs on them and the L2 vCPU threads on those, as a
 * {@link NestedTopology} says, with a named scheduler at each level.
 *
 * <pre>{@code
 * NestedEngine e = new NestedEngine(new NestedTopology(1, 2, 4), "fair", 100_000, "fair", 100_000, classes, listener);
 * e.submit(0, work, 1_000);          // L2 vCPU 0 runs work 1,000 times
 * e.raiseInterrupt(0, 5_000);        // an interrupt for it at cycle 5,000
 * e.run();
 * }</pre>
 *
 * Work may also be guest compute that an interrupt preempts at once ({@link Work#preemptible}); an interrupt may
 * bring work of its own ({@link EngineListener#interruptWork}); a thread with no work is idle and an interrupt for
 * it goes to {@link EngineListener#wakeUp}, which may submit a wake-up. Callbacks run inside engine events; raise
 * interrupts for other threads from them with {@link #raiseInterrupt} (an event), not {@link #interruptNow}.
 *
 * <p>Parameters: {@code l0Quantum} and {@code l1Quantum} are the cycles a thread runs before a
 * preemptive scheduler may switch (at the next boundary); a modelling choice, not a measured figure
 * (Linux CFS's minimum granularity is 0.75-3 ms, i.e. millions of cycles).
 */
public final class NestedEngine {
    private final NestedTopology topology;
    private final Simulator sim = new Simulator();
    private final CycleLedger ledger;
    private final PhysicalCpu[] cpus;
    private final VcpuThread[] threads;
    private final int interruptHandler;

    /** An engine for {@code topology}; schedulers by name ({@code fifo}, {@code fair}); {@code classes} event classes. */
    public NestedEngine(NestedTopology topology, String l0Scheduler, long l0Quantum, String l1Scheduler, long l1Quantum,
                        int classes, EngineListener listener) {
        if (l0Quantum < 1 || l1Quantum < 1) {
            throw new IllegalArgumentException("quanta must be positive: " + l0Quantum + ", " + l1Quantum);
        }
        this.topology = topology;
        this.ledger = new CycleLedger(classes);
        int p = topology.physicalCpus();
        int v = topology.l1Vcpus();
        int n = topology.l2Vcpus();
        int[] hostsPerCpu = new int[p];
        int[] threadsPerHost = new int[v];
        for (int i = 0; i < v; i++) {
            hostsPerCpu[topology.cpuOf(i)]++;
        }
        for (int j = 0; j < n; j++) {
            threadsPerHost[topology.hostOf(j)]++;
        }
        VcpuHost[] hosts = new VcpuHost[v];
        VcpuHost[][] byCpu = new VcpuHost[p][];
        int[] fill = new int[p];
        for (int c = 0; c < p; c++) {
            byCpu[c] = new VcpuHost[hostsPerCpu[c]];
        }
        for (int i = 0; i < v; i++) {
            int c = topology.cpuOf(i);
            hosts[i] = new VcpuHost(i, fill[c], Scheduler.named(l1Scheduler, threadsPerHost[i]), new VcpuThread[threadsPerHost[i]]);
            byCpu[c][fill[c]++] = hosts[i];
        }
        threads = new VcpuThread[n];
        int[] local = new int[v];
        for (int j = 0; j < n; j++) {
            VcpuHost h = hosts[topology.hostOf(j)];
            threads[j] = new VcpuThread(j, local[h.id], h);
            h.threads[local[h.id]++] = threads[j];
        }
        cpus = new PhysicalCpu[p];
        EventGenerations segmentEnds = new EventGenerations(p);
        for (int c = 0; c < p; c++) {
            cpus[c] = new PhysicalCpu(c, sim, ledger, listener, Scheduler.named(l0Scheduler, hostsPerCpu[c]), byCpu[c],
                segmentEnds, l0Quantum, l1Quantum);
            cpus[c].attach();
        }
        interruptHandler = sim.register((s, now, payload) -> cpuOf(threads[(int) payload]).interrupt(threads[(int) payload], now));
    }

    private PhysicalCpu cpuOf(VcpuThread t) {
        return cpus[topology.cpuOf(t.host.id)];
    }

    /**
     * Gives L2 vCPU {@code thread} {@code operations} runs of {@code work}, runnable now. It must be idle: not yet
     * given work, or done with its last (also from {@link EngineListener#workDone} and {@link EngineListener#wakeUp}).
     */
    public void submit(int thread, Work work, long operations) {
        if (operations < 1 || work.segmentCount() < 1) {
            throw new IllegalArgumentException("nothing to run: " + operations + " operations of " + work.segmentCount() + " segments");
        }
        VcpuThread t = threads[thread];
        if (t.runnable) {
            throw new IllegalStateException("L2 vCPU " + thread + " still has work");
        }
        t.work = work;
        t.operationsLeft = operations;
        t.segment = 0;
        t.finishedAt = -1;
        cpuOf(t).makeRunnable(t, sim.now());
    }

    /** Raises an interrupt for L2 vCPU {@code thread} at absolute cycle {@code at}. */
    public void raiseInterrupt(int thread, long at) {
        sim.scheduleAt(at, Priority.INTERRUPT, interruptHandler, thread);
    }

    /** An interrupt for L2 vCPU {@code thread} arrives now (from a handler of this engine's simulator, e.g. a timer). */
    public void interruptNow(int thread) {
        cpuOf(threads[thread]).interrupt(threads[thread], sim.now());
    }

    /**
     * Delivers one pending interrupt of L2 vCPU {@code thread} by the listener's own means (a wake-up program
     * that takes it): it is no longer pending. Returns the cycle it was raised at, or -1 if none was pending.
     */
    public long acknowledgeInterrupt(int thread) {
        return threads[thread].takePending();
    }

    /**
     * Makes every segment an event of its own ({@code true}) instead of running consecutive segments with nothing
     * between them as one event (the default, and the same figures); returns this engine. For tests and benchmarks
     * of the per-segment path.
     */
    public NestedEngine oneEventPerSegment(boolean on) {
        for (PhysicalCpu c : cpus) {
            c.oneEventPerSegment = on;
        }
        return this;
    }

    /**
     * Charges to the ledger the segments that have run by now of every run of segments still under way, so that
     * the ledger read now (e.g. a snapshot from a callback) is what one event per segment would show.
     */
    public void settle() {
        for (PhysicalCpu c : cpus) {
            c.settle(sim.now());
        }
    }

    /** Whether some L2 vCPU still has operations to run. */
    public boolean busy() {
        for (VcpuThread t : threads) {
            if (t.operationsLeft > 0) {
                return true;
            }
        }
        return false;
    }

    /** Runs until every thread's work is done. */
    public void run() {
        sim.run();
    }

    /** Runs until every thread's work is done or the next event lies after cycle {@code limit} (e.g. with periodic timers). */
    public void runUntil(long limit) {
        sim.runUntil(limit);
    }

    public Simulator simulator() {
        return sim;
    }

    public CycleLedger ledger() {
        return ledger;
    }

    public VcpuThread thread(int l2) {
        return threads[l2];
    }

    public PhysicalCpu cpu(int i) {
        return cpus[i];
    }

    public NestedTopology topology() {
        return topology;
    }
}
