package io.nvsim.traces;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a host trace in one {@link TraceFormat}, decodes every recognized event into a
 * {@link TraceEventSink} and returns an {@link ImportSummary}. Real traces are messy, and this is
 * where that is handled:
 * <ul>
 *   <li>a line that starts a known event but whose fields are cut short (a mail client wrapped
 *       it) is joined with the next lines (up to {@value #MAX_PARTS} in all) while they start no
 *       event, comment or blank, and kept if the join parses;</li>
 *   <li>unknown events, prose, garbage and lines cut short by the end of the file are counted by
 *       reason, the first few with their line numbers; the import goes on, unless strict, when
 *       the first such line is an {@link InputException} naming the file and line.</li>
 * </ul>
 * The reader reuses its line buffers and event holder: nothing is allocated per line.
 *
 * <pre>{@code
 * ImportSummary s = new TraceImporter(TraceFormat.FTRACE, false).read("trace.txt", in, store::append);
 * }</pre>
 */
public final class TraceImporter {
    private final TraceFormat format;
    private final boolean strict;
    private final TracepointLineParser tracepoints = new TracepointLineParser();
    private PerfKvmStatParser stat;
    private final TraceEvent event = new TraceEvent();
    private final TraceEvent probe = new TraceEvent();
    /** Most physical lines one event may have been wrapped onto. */
    static final int MAX_PARTS = 3;

    private final TextLine[] ahead = {new TextLine(), new TextLine(), new TextLine()};
    private int aheadCount;
    private LineReader reader;
    private byte[] joined = new byte[512];

    public TraceImporter(TraceFormat format, boolean strict) {
        this.format = format;
        this.strict = strict;
    }

    /** Imports everything {@code in} holds; {@code source} names it in the summary and in errors. */
    public ImportSummary read(String source, InputStream in, TraceEventSink sink) throws IOException {
        stat = format == TraceFormat.PERF_KVM_STAT ? new PerfKvmStatParser() : null;
        ImportSummary summary = new ImportSummary(source, format);
        reader = new LineReader(in);
        aheadCount = 0;
        while (fill(1)) {
            TextLine cur = ahead[0];
            if (cur.tooLong) {
                skip(summary, source, cur, SkipReason.LINE_TOO_LONG);
                consume(1);
                continue;
            }
            LineVerdict v = parse(cur.bytes, cur.length, event);
            switch (v) {
                case BLANK -> summary.blank();
                case COMMENT -> summary.comment();
                case EVENT -> emit(summary, sink, cur.number, 1);
                case UNKNOWN_EVENT -> skip(summary, source, cur, SkipReason.UNKNOWN_EVENT);
                case NOT_A_TRACE_LINE -> skip(summary, source, cur, SkipReason.NOT_A_TRACE_LINE);
                case PARTIAL -> {
                    int parts = rejoin();
                    if (parts > 0) {
                        emit(summary, sink, cur.number, parts);
                        consume(parts);
                        continue;
                    }
                    skip(summary, source, cur, parts == 0 ? SkipReason.MALFORMED_FIELDS : SkipReason.TRUNCATED);
                }
                default -> throw new IllegalStateException(v.name());
            }
            consume(1);
        }
        summary.lines(reader.lines());
        if (stat != null) {
            summary.statReportedTotal(stat.reportedTotal());
        }
        return summary;
    }

    /**
     * Joins the partial event in {@code ahead[0]} with up to {@link #MAX_PARTS}-1 continuation lines;
     * the number of physical lines of the event it makes, 0 if none (malformed), -1 if the file ended first (truncated).
     */
    private int rejoin() throws IOException {
        TextLine first = ahead[0];
        ensureJoined(first.length);
        System.arraycopy(first.bytes, 0, joined, 0, first.length);
        int n = first.length;
        int parts = 1;
        while (parts < MAX_PARTS) {
            if (!fill(parts + 1)) {
                return -1;
            }
            TextLine next = ahead[parts];
            if (next.tooLong || !isContinuation(next)) {
                return 0;
            }
            ensureJoined(n + 1 + next.length);
            joined[n++] = ' ';
            System.arraycopy(next.bytes, 0, joined, n, next.length);
            n += next.length;
            parts++;
            LineVerdict v = parse(joined, n, event);
            if (v == LineVerdict.EVENT) {
                return parts;
            }
            if (v != LineVerdict.PARTIAL) {
                return 0;
            }
        }
        return 0;
    }

    /** Makes sure {@code count} lines are read ahead; false if the input ends first. */
    private boolean fill(int count) throws IOException {
        while (aheadCount < count) {
            if (!reader.next(ahead[aheadCount])) {
                return false;
            }
            aheadCount++;
        }
        return true;
    }

    /** Drops the first {@code count} lines read ahead, recycling their buffers. */
    private void consume(int count) {
        for (int k = 0; k < count; k++) {
            TextLine t = ahead[0];
            System.arraycopy(ahead, 1, ahead, 0, ahead.length - 1);
            ahead[ahead.length - 1] = t;
        }
        aheadCount -= count;
    }

    private void ensureJoined(int n) {
        if (joined.length < n) {
            joined = java.util.Arrays.copyOf(joined, Math.max(n, joined.length * 2));
        }
    }

    private LineVerdict parse(byte[] b, int length, TraceEvent e) {
        return stat != null ? stat.parse(b, length, e) : tracepoints.parse(b, length, e);
    }

    /** A line that can continue a wrapped event: not blank, and not itself the start of an event or a comment. */
    private boolean isContinuation(TextLine next) {
        LineVerdict v = parse(next.bytes, next.length, probe);
        return v == LineVerdict.NOT_A_TRACE_LINE;
    }

    private void emit(ImportSummary summary, TraceEventSink sink, int lineNumber, int physicalLines) {
        event.line = lineNumber;
        summary.event(event, physicalLines);
        sink.accept(event);
    }

    private void skip(ImportSummary summary, String source, TextLine line, SkipReason reason) {
        if (strict) {
            throw new InputException(source, line.number, reason.description() + " (--strict): '" + line.preview(60)
                + "'; expected " + expected());
        }
        summary.skip(line, reason);
    }

    private String expected() {
        return switch (format) {
            case FTRACE -> "'comm-pid [cpu] flags secs.usecs: <kvm tracepoint>: <fields>'";
            case PERF_SCRIPT -> "'comm pid [cpu] secs.usecs: kvm:<tracepoint>: <fields>'";
            case PERF_KVM_STAT -> "a row 'REASON samples samples% time% min max avg ( +- x% )'";
        };
    }
}
