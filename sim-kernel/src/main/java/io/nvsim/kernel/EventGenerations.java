package io.nvsim.kernel;

/**
 * Cancellable event handles by generation: each slot (a vCPU, a timer) has a generation number;
 * arming the slot bumps it and returns a payload that carries the slot and the new generation, so
 * that an event scheduled before a later arm or a {@link #cancel} is recognised as stale when it
 * fires and ignored. Nothing is removed from the event queue and nothing is allocated.
 *
 * <pre>{@code
 * EventGenerations gens = new EventGenerations(vcpus);
 * sim.schedule(cycles, Priority.GUEST_OPERATION, doneHandler, gens.arm(v));
 * // in the handler:
 * if (!gens.isCurrent(payload)) return;       // cancelled or superseded
 * int v = EventGenerations.slot(payload);
 * }</pre>
 *
 * Slots are limited to 2^20 and generations to 2^43, far beyond any run.
 */
public final class EventGenerations {
    /** Bits of the payload that hold the slot. */
    public static final int SLOT_BITS = 20;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

    private final long[] generation;

    /** Handles for {@code slots} slots, numbered 0..slots-1, none armed. */
    public EventGenerations(int slots) {
        if (slots < 1 || slots > SLOT_MASK) {
            throw new IllegalArgumentException("slots out of range: " + slots);
        }
        generation = new long[slots];
    }

    /** Arms {@code slot}: every payload armed before for it becomes stale; returns the payload of the new event. */
    public long arm(int slot) {
        return (++generation[slot] << SLOT_BITS) | slot;
    }

    /** Makes every armed payload of {@code slot} stale. */
    public void cancel(int slot) {
        generation[slot]++;
    }

    /** Whether {@code payload} is the latest armed for its slot and was not cancelled since. */
    public boolean isCurrent(long payload) {
        return generation[slot(payload)] == payload >>> SLOT_BITS;
    }

    /** The slot a payload was armed for. */
    public static int slot(long payload) {
        return (int) (payload & SLOT_MASK);
    }

    public int slots() {
        return generation.length;
    }
}
