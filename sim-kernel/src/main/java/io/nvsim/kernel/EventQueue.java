package io.nvsim.kernel;

import java.util.Arrays;

/**
 * The pending-event set of a discrete-event simulation: a binary min-heap kept in primitive
 * arrays, ordered by (time, priority, insertion sequence) exactly as gem5's event queue is.
 *
 * <p>An event is four primitives: its time in cycles, a small priority (lower runs first at the
 * same cycle), the id of the handler that will run it and a {@code long} payload. Nothing is
 * allocated per event; the arrays grow by doubling only when the pending count exceeds every
 * previous high-water mark.
 *
 * <pre>{@code
 * EventQueue q = new EventQueue(1024);
 * q.add(100, Priority.GUEST_OPERATION, handlerId, payload);
 * if (q.poll()) { long t = q.polledTime(); int h = q.polledHandler(); long p = q.polledPayload(); }
 * }</pre>
 *
 * Ties on time and priority are broken by insertion order, so the order of events is a pure
 * function of the order of {@link #add} calls: runs are reproducible.
 */
public final class EventQueue {
    /** Priorities occupy the top bits of the order key; the sequence number the rest. */
    private static final int SEQUENCE_BITS = 48;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    /** The largest priority an event may have. */
    public static final int MAX_PRIORITY = (1 << (63 - SEQUENCE_BITS)) - 1;

    private long[] times;
    private long[] orders;
    private int[] handlers;
    private long[] payloads;
    private int size;
    private long nextSequence;

    private long polledTime;
    private int polledPriority;
    private int polledHandler;
    private long polledPayload;

    /** Creates a queue with room for {@code initialCapacity} pending events before it grows. */
    public EventQueue(int initialCapacity) {
        int capacity = Math.max(4, initialCapacity);
        times = new long[capacity];
        orders = new long[capacity];
        handlers = new int[capacity];
        payloads = new long[capacity];
    }

    /** Adds an event; {@code priority} must lie in [0, {@link #MAX_PRIORITY}]. */
    public void add(long time, int priority, int handler, long payload) {
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        if (size == times.length) {
            grow();
        }
        long order = ((long) priority << SEQUENCE_BITS) | (nextSequence++ & SEQUENCE_MASK);
        int i = size++;
        // sift up
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, order, times[parent], orders[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, order, handler, payload);
    }

    /**
     * Removes the first event. Returns false when the queue is empty; otherwise its fields are
     * available from {@link #polledTime()}, {@link #polledPriority()}, {@link #polledHandler()}
     * and {@link #polledPayload()} until the next call.
     */
    public boolean poll() {
        if (size == 0) {
            return false;
        }
        polledTime = times[0];
        polledPriority = (int) (orders[0] >>> SEQUENCE_BITS);
        polledHandler = handlers[0];
        polledPayload = payloads[0];
        int last = --size;
        if (last > 0) {
            long t = times[last];
            long o = orders[last];
            int h = handlers[last];
            long p = payloads[last];
            int i = 0;
            int half = last >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < last && less(times[right], orders[right], times[child], orders[child])) {
                    child = right;
                }
                if (!less(times[child], orders[child], t, o)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, t, o, h, p);
        }
        return true;
    }

    /** Time of the first pending event; only meaningful when {@link #isEmpty()} is false. */
    public long peekTime() {
        return times[0];
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Drops every pending event; the insertion sequence continues. */
    public void clear() {
        size = 0;
    }

    public long polledTime() {
        return polledTime;
    }

    public int polledPriority() {
        return polledPriority;
    }

    public int polledHandler() {
        return polledHandler;
    }

    public long polledPayload() {
        return polledPayload;
    }

    private static boolean less(long timeA, long orderA, long timeB, long orderB) {
        return timeA < timeB || (timeA == timeB && orderA < orderB);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        orders[to] = orders[from];
        handlers[to] = handlers[from];
        payloads[to] = payloads[from];
    }

    private void set(int i, long time, long order, int handler, long payload) {
        times[i] = time;
        orders[i] = order;
        handlers[i] = handler;
        payloads[i] = payload;
    }

    private void grow() {
        int capacity = times.length * 2;
        times = Arrays.copyOf(times, capacity);
        orders = Arrays.copyOf(orders, capacity);
        handlers = Arrays.copyOf(handlers, capacity);
        payloads = Arrays.copyOf(payloads, capacity);
    }
}
