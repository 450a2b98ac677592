package io.nvsim.kernel;

/**
 * First come, first served: threads run in the order they became runnable, a ring buffer of ids.
 * Not preemptive (Linux's SCHED_FIFO among equal priorities): a thread runs until its work is done.
 */
public final class FifoScheduler implements Scheduler {
    private final int[] ring;
    private int head;
    private int size;

    public FifoScheduler(int threads) {
        ring = new int[Math.max(1, threads)];
    }

    @Override
    public void enqueue(int thread) {
        if (size == ring.length) {
            throw new IllegalStateException("run queue full: thread " + thread + " queued twice?");
        }
        ring[(head + size++) % ring.length] = thread;
    }

    @Override
    public int next() {
        if (size == 0) {
            return -1;
        }
        int t = ring[head];
        head = (head + 1) % ring.length;
        size--;
        return t;
    }

    @Override
    public void ran(int thread, long cycles) {
        // FIFO ignores how long a thread ran
    }

    @Override
    public boolean preemptive() {
        return false;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }
}
