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
 *       it) is joined with the next line when that line does not itself start an event, and
 *       kept if the join parses;</li>
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
    private final TextLine lineA = new TextLine();
    private final TextLine lineB = new TextLine();
    private byte[] joined = new byte[512];

    public TraceImporter(TraceFormat format, boolean strict) {
        this.format = format;
        this.strict = strict;
    }

    /** Imports everything {@code in} holds; {@code source} names it in the summary and in errors. */
    public ImportSummary read(String source, InputStream in, TraceEventSink sink) throws IOException {
        stat = format == TraceFormat.PERF_KVM_STAT ? new PerfKvmStatParser() : null;
        ImportSummary summary = new ImportSummary(source, format);
        LineReader reader = new LineReader(in);
        TextLine cur = lineA;
        TextLine spare = lineB;
        boolean have = reader.next(cur);
        while (have) {
            if (cur.tooLong) {
                skip(summary, source, cur, SkipReason.LINE_TOO_LONG);
                have = reader.next(cur);
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
                    boolean nextHave = reader.next(spare);
                    if (nextHave && !spare.tooLong && isContinuation(spare) && join(cur, spare)) {
                        emit(summary, sink, cur.number, 2);
                        have = reader.next(cur);
                                continue;
                    }
                    skip(summary, source, cur, nextHave ? SkipReason.MALFORMED_FIELDS : SkipReason.TRUNCATED);
                    TextLine t = cur;
                    cur = spare;
                    spare = t;
                    have = nextHave;
                    continue;
                }
                default -> throw new IllegalStateException(v.name());
            }
            have = reader.next(cur);
        }
        summary.lines(reader.lines());
        if (stat != null) {
            summary.statReportedTotal(stat.reportedTotal());
        }
        return summary;
    }

    private LineVerdict parse(byte[] b, int length, TraceEvent e) {
        return stat != null ? stat.parse(b, length, e) : tracepoints.parse(b, length, e);
    }

    /** A line that can continue a wrapped event: not blank, and not itself the start of an event or a comment. */
    private boolean isContinuation(TextLine next) {
        LineVerdict v = parse(next.bytes, next.length, probe);
        return v == LineVerdict.NOT_A_TRACE_LINE;
    }

    /** Parses {@code first + ' ' + second} into {@link #event}; true when it is a complete event. */
    private boolean join(TextLine first, TextLine second) {
        int n = first.length + 1 + second.length;
        if (joined.length < n) {
            joined = new byte[Math.max(n, joined.length * 2)];
        }
        System.arraycopy(first.bytes, 0, joined, 0, first.length);
        joined[first.length] = ' ';
        System.arraycopy(second.bytes, 0, joined, first.length + 1, second.length);
        return parse(joined, n, event) == LineVerdict.EVENT;
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
