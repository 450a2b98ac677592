package io.nvsim.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The run loop of a discrete-event simulation: simulated time in {@code long} cycles, an
 * {@link EventQueue}, and handlers addressed by id.
 *
 * <pre>{@code
 * Simulator sim = new Simulator();
 * int tick = sim.register((s, now, p) -> s.schedule(100, Priority.TIMER, self, p));
 * sim.schedule(0, Priority.TIMER, tick, 0);
 * sim.runUntil(1_000_000);
 * }</pre>
 */
public final class Simulator {
    private final EventQueue queue;
    private final List<EventHandler> handlerList = new ArrayList<>();
    private EventHandler[] handlers = new EventHandler[0];
    private long now;
    private long eventsProcessed;
    private boolean stopRequested;

    public Simulator() {
        this(1024);
    }

    public Simulator(int initialQueueCapacity) {
        this.queue = new EventQueue(initialQueueCapacity);
    }

    /** Registers a handler and returns the id to schedule events for it with. */
    public int register(EventHandler handler) {
        handlerList.add(handler);
        handlers = handlerList.toArray(new EventHandler[0]);
        return handlers.length - 1;
    }

    /** Schedules an event {@code delay} cycles from now. */
    public void schedule(long delay, int priority, int handler, long payload) {
        if (delay < 0) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        queue.add(now + delay, priority, handler, payload);
    }

    /** Schedules an event at an absolute cycle, which must not lie in the past. */
    public void scheduleAt(long time, int priority, int handler, long payload) {
        if (time < now) {
            throw new IllegalArgumentException("time " + time + " is before now " + now);
        }
        queue.add(time, priority, handler, payload);
    }

    /** Runs events until the queue is empty, {@link #stop()} is called, or time would pass {@code limit}. */
    public void runUntil(long limit) {
        stopRequested = false;
        while (!stopRequested && !queue.isEmpty() && queue.peekTime() <= limit) {
            queue.poll();
            now = queue.polledTime();
            eventsProcessed++;
            handlers[queue.polledHandler()].onEvent(this, now, queue.polledPayload());
        }
    }

    /** Runs until no event is pending or {@link #stop()} is called. */
    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /** Asks the run loop to return after the current event. */
    public void stop() {
        stopRequested = true;
    }

    /** The current simulated cycle. */
    public long now() {
        return now;
    }

    /** Events dispatched so far. */
    public long eventsProcessed() {
        return eventsProcessed;
    }

    public int pending() {
        return queue.size();
    }
}
