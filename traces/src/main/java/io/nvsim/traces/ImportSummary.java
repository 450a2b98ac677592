package io.nvsim.traces;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import recognized and what it skipped: every physical line of the input is counted
 * exactly once, as part of an event ({@link #eventLines()}), a comment of the format, a blank
 * line, or a skipped line with its {@link SkipReason}; the first few skipped lines are kept with
 * their numbers for the user.
 */
public final class ImportSummary {
    /** How many skipped lines are kept verbatim for the report. */
    public static final int SHOWN_SKIPPED = 8;

    private final String source;
    private final TraceFormat format;
    private final long[] byEvent = new long[TraceEventType.COUNT];
    private final long[] skippedByReason = new long[SkipReason.values().length];
    private final List<String> firstSkipped = new ArrayList<>();
    private long events;
    private long eventLines;
    private long wrappedEvents;
    private long commentLines;
    private long blankLines;
    private long totalLines;
    private long skippedLines;
    private final Map<String, Long> statReasons = new LinkedHashMap<>();
    private long statSamples;
    private long statReportedTotal = -1;

    ImportSummary(String source, TraceFormat format) {
        this.source = source;
        this.format = format;
    }

    void event(TraceEvent e, int physicalLines) {
        events++;
        byEvent[e.type.ordinal()]++;
        eventLines += physicalLines;
        if (physicalLines > 1) {
            wrappedEvents++;
        }
        if (e.type == TraceEventType.KVM_STAT_ROW) {
            statSamples += e.a0;
            String reason = e.exitKind == ExitKind.TRAP && e.ec >= 0 ? ExceptionClasses.name(e.ec) : e.exitKind.name();
            statReasons.merge(reason, e.a0, Long::sum);
        }
    }

    void comment() {
        commentLines++;
    }

    void blank() {
        blankLines++;
    }

    void lines(long total) {
        totalLines = total;
    }

    void statReportedTotal(long total) {
        statReportedTotal = total;
    }

    void skip(TextLine line, SkipReason reason) {
        skippedLines++;
        skippedByReason[reason.ordinal()]++;
        if (firstSkipped.size() < SHOWN_SKIPPED) {
            firstSkipped.add("line " + line.number + ": " + reason.description() + ": " + line.preview(80));
        }
    }

    public String source() {
        return source;
    }

    public TraceFormat format() {
        return format;
    }

    /** Events recognized and stored. */
    public long events() {
        return events;
    }

    public long events(TraceEventType type) {
        return byEvent[type.ordinal()];
    }

    /** Physical lines that belonged to a recognized event (more than events when lines were wrapped). */
    public long eventLines() {
        return eventLines;
    }

    /** Events rebuilt from a line and its continuation. */
    public long wrappedEvents() {
        return wrappedEvents;
    }

    public long skippedLines() {
        return skippedLines;
    }

    public long skippedLines(SkipReason reason) {
        return skippedByReason[reason.ordinal()];
    }

    public long commentLines() {
        return commentLines;
    }

    public long blankLines() {
        return blankLines;
    }

    public long totalLines() {
        return totalLines;
    }

    /** The first {@link #SHOWN_SKIPPED} skipped lines, "line N: reason: text". */
    public List<String> firstSkipped() {
        return Collections.unmodifiableList(firstSkipped);
    }

    /** The summary as the JSON object {@code --summary-json} writes (keys in a fixed order). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", events);
        m.put("skipped_lines", skippedLines);
        Map<String, Object> by = new LinkedHashMap<>();
        for (TraceEventType t : TraceEventType.values()) {
            if (byEvent[t.ordinal()] > 0) {
                by.put(t.tracepoint(), byEvent[t.ordinal()]);
            }
        }
        m.put("by_event", by);
        m.put("source", source);
        m.put("format", format.id());
        m.put("lines", totalLines);
        m.put("event_lines", eventLines);
        m.put("wrapped_events", wrappedEvents);
        m.put("comment_lines", commentLines);
        m.put("blank_lines", blankLines);
        Map<String, Object> reasons = new LinkedHashMap<>();
        for (SkipReason r : SkipReason.values()) {
            reasons.put(r.key(), skippedByReason[r.ordinal()]);
        }
        m.put("skipped_by_reason", reasons);
        m.put("first_skipped", List.copyOf(firstSkipped));
        if (format == TraceFormat.PERF_KVM_STAT) {
            m.put("samples", statSamples);
            m.put("samples_by_reason", new LinkedHashMap<>(statReasons));
            if (statReportedTotal >= 0) {
                m.put("reported_total_samples", statReportedTotal);
            }
        }
        return m;
    }

    /** Sum of samples of a perf kvm stat table (0 for other formats). */
    public long statSamples() {
        return statSamples;
    }

    /** A few lines for the terminal: what was recognized and what was skipped. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%s (%s): %d lines, %d events recognized (%d rebuilt from wrapped lines), %d skipped, %d comments, %d blank%n",
            source, format.id(), totalLines, events, wrappedEvents, skippedLines, commentLines, blankLines));
        for (TraceEventType t : TraceEventType.values()) {
            if (byEvent[t.ordinal()] > 0) {
                sb.append(String.format(java.util.Locale.ROOT, "  %-30s %,d%n", t.tracepoint(), byEvent[t.ordinal()]));
            }
        }
        if (format == TraceFormat.PERF_KVM_STAT) {
            sb.append(String.format(java.util.Locale.ROOT, "  samples %,d by reason %s%s%n", statSamples, statReasons,
                statReportedTotal >= 0 && statReportedTotal != statSamples ? " (the table's total says " + statReportedTotal + ")" : ""));
        }
        for (SkipReason r : SkipReason.values()) {
            if (skippedByReason[r.ordinal()] > 0) {
                sb.append(String.format(java.util.Locale.ROOT, "  skipped, %s: %,d%n", r.description(), skippedByReason[r.ordinal()]));
            }
        }
        for (String s : firstSkipped) {
            sb.append("  ").append(s).append('\n');
        }
        if (skippedLines > firstSkipped.size()) {
            sb.append("  ... and ").append(skippedLines - firstSkipped.size()).append(" more\n");
        }
        return sb.toString();
    }
}
