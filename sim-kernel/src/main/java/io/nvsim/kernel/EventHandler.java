package io.nvsim.kernel;

/**
 * Something that reacts to an event at a simulated cycle. Handlers are registered once with a
 * {@link Simulator} and addressed by the int id it returns, so that scheduling allocates nothing.
 */
@FunctionalInterface
public interface EventHandler {
    /** Runs the event scheduled for cycle {@code now} with its {@code payload}. */
    void onEvent(Simulator simulator, long now, long payload);
}
