package io.nvsim.kernel;

/**
 * A simple fair scheduler in the spirit of Linux CFS: each thread accumulates the cycles it ran
 * (its virtual runtime); the runnable thread with the least runs next, ties to the lowest id. A
 * thread that becomes runnable again is not given less than the least runtime of the queued
 * threads, so a long sleeper does not monopolise the CPU (CFS's min_vruntime placement).
 * A linear scan: meant for the few threads of one CPU.
 */
public final class FairScheduler implements Scheduler {
    private final long[] runtime;
    private final boolean[] queued;
    private int size;

    public FairScheduler(int threads) {
        runtime = new long[Math.max(1, threads)];
        queued = new boolean[runtime.length];
    }

    @Override
    public void enqueue(int thread) {
        if (queued[thread]) {
            throw new IllegalStateException("thread " + thread + " queued twice");
        }
        long floor = Long.MAX_VALUE;
        for (int i = 0; i < runtime.length; i++) {
            if (queued[i] && runtime[i] < floor) {
                floor = runtime[i];
            }
        }
        if (floor != Long.MAX_VALUE && runtime[thread] < floor) {
            runtime[thread] = floor;
        }
        queued[thread] = true;
        size++;
    }

    @Override
    public int next() {
        int best = -1;
        for (int i = 0; i < runtime.length; i++) {
            if (queued[i] && (best < 0 || runtime[i] < runtime[best])) {
                best = i;
            }
        }
        if (best >= 0) {
            queued[best] = false;
            size--;
        }
        return best;
    }

    @Override
    public void ran(int thread, long cycles) {
        runtime[thread] += cycles;
    }

    @Override
    public boolean preemptive() {
        return true;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    /** Cycles {@code thread} has run (its virtual runtime). */
    public long runtime(int thread) {
        return runtime[thread];
    }
}
