package io.nvsim.kernel;

/**
 * {@link Work} of one preemptible segment of a length set before each run: guest compute (an interrupt
 * preempts it at once and it resumes afterwards) or a spin that an interrupt ends (a hypervisor's halt poll,
 * not resumable). Its cycles go to one event class, or to none ({@code -1}: time that passes but is not an
 * exit's, e.g. a mix's guest work); it is not counted as an operation. One per vCPU, reused; allocates nothing.
 *
 * <pre>{@code
 * GuestCompute work = new GuestCompute(EventClass.GUEST.ordinal(), true);
 * engine.submit(v, work.cycles(20_000), 1);
 * }</pre>
 */
public final class GuestCompute implements Work {
    private final int eventClass;
    private final boolean resumable;
    private final boolean masked;
    private long cycles;
    private int yieldsTo = YIELDS_TO_NONE;

    /** Compute charged to {@code eventClass} (or nothing, -1) that resumes after an interrupt or, if not {@code resumable}, ends. */
    public GuestCompute(int eventClass, boolean resumable) {
        this(eventClass, resumable, false);
    }

    /**
     * As above; {@code masked}: it runs with interrupts masked (e.g. a guest's interrupt handler), so none
     * preempts it and pending ones wait until it ends.
     */
    public GuestCompute(int eventClass, boolean resumable, boolean masked) {
        this.eventClass = eventClass;
        this.resumable = resumable;
        this.masked = masked;
    }

    /**
     * Makes it a halt poll that ends when another thread becomes runnable where it spins ({@link Work#yieldsTo}:
     * the same L1 vCPU for the guest hypervisor's poll, the physical CPU for L0's); returns it.
     */
    public GuestCompute yieldingTo(int level) {
        if (level < YIELDS_TO_NONE || level > YIELDS_TO_SAME_CPU) {
            throw new IllegalArgumentException("yield level " + level);
        }
        yieldsTo = level;
        return this;
    }

    @Override
    public int yieldsTo(int i) {
        return yieldsTo;
    }

    /** Sets the length of its next run and returns it. */
    public GuestCompute cycles(long c) {
        if (c < 0) {
            throw new IllegalArgumentException("negative compute " + c);
        }
        cycles = c;
        return this;
    }

    @Override
    public int segmentCount() {
        return 1;
    }

    @Override
    public long segmentCycles(int i) {
        return cycles;
    }

    @Override
    public boolean boundaryAfter(int i) {
        return true;
    }

    @Override
    public boolean preemptible(int i) {
        return true;
    }

    @Override
    public boolean resumable(int i) {
        return resumable;
    }

    @Override
    public void charge(int i, CycleLedger ledger) {
        chargePart(i, cycles, ledger);
    }

    @Override
    public void chargePart(int i, long c, CycleLedger ledger) {
        if (eventClass >= 0) {
            ledger.charge(eventClass, c);
        }
    }

    @Override
    public boolean masksInterrupts() {
        return masked;
    }

    @Override
    public boolean countsAsOperation() {
        return false;
    }
}
