package io.nvsim.cli;

import io.nvsim.traces.TraceEvent;
import io.nvsim.traces.TraceEventSink;
import java.io.PrintWriter;

/**
 * Passes trace events on and prints how many have gone by, at most one line every few seconds on stderr, so that an
 * import or a generation of millions of events is never silent. It looks at the clock once per 65,536 events and
 * allocates nothing per event.
 */
final class ProgressSink implements TraceEventSink {
    private static final long EVERY_NS = 3_000_000_000L;

    private final TraceEventSink next;
    private final PrintWriter err;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long last = start;
    private long count;

    /** @param total the events expected, or -1 when unknown (an import) */
    ProgressSink(TraceEventSink next, PrintWriter err, String what, long total) {
        this.next = next;
        this.err = err;
        this.what = what;
        this.total = total;
    }

    @Override
    public void accept(TraceEvent event) {
        next.accept(event);
        if ((++count & 0xFFFF) == 0) {
            long now = System.nanoTime();
            if (now - last >= EVERY_NS) {
                last = now;
                double rate = count / ((now - start) / 1e9);
                err.printf("%s: %,d%s events, %,.0f events/s%n", what, count, total > 0 ? " of " + String.format("%,d", total) : "", rate);
                err.flush();
            }
        }
    }
}
