package io.nvsim.kernel;

/**
 * Which runnable thread a CPU (physical, or a vCPU hosting threads of a guest) runs next. Threads
 * are numbered 0..n-1 locally; a thread is either in the run queue or not. Implementations are
 * preallocated and allocate nothing per decision.
 */
public interface Scheduler {
    /** Makes {@code thread} runnable (it must not be queued already). */
    void enqueue(int thread);

    /** Removes and returns the thread to run next, or -1 if none is runnable. */
    int next();

    /** Tells the scheduler {@code thread} ran for {@code cycles}. */
    void ran(int thread, long cycles);

    /** Whether no thread is runnable. */
    boolean isEmpty();

    /** Whether a running thread gives up the CPU when its quantum is used up (at the next boundary). */
    boolean preemptive();

    /** The schedulers by name: {@code fifo} or {@code fair}, for {@code threads} threads. */
    static Scheduler named(String name, int threads) {
        switch (name) {
            case "fifo":
                return new FifoScheduler(threads);
            case "fair":
                return new FairScheduler(threads);
            default:
                throw new IllegalArgumentException("unknown scheduler '" + name + "' (expected fifo or fair)");
        }
    }
}
