package io.nvsim.traces;

/** Why the importer skipped a line (the keys of {@code skipped_by_reason} in the summary). */
public enum SkipReason {
    /** A well-formed event line of a tracepoint not in {@link TraceEventType}. */
    UNKNOWN_EVENT("unknown_event", "a tracepoint this tool does not know"),
    /** A known tracepoint whose fields do not match its format, even joined with the next line. */
    MALFORMED_FIELDS("malformed_fields", "fields that do not match the tracepoint's format"),
    /** A known tracepoint cut short by the end of the file. */
    TRUNCATED("truncated", "an event cut short by the end of the file"),
    /** Prose, mail quoting, garbage: not a trace line. */
    NOT_A_TRACE_LINE("not_a_trace_line", "not a trace line"),
    /** Longer than the longest line kept. */
    LINE_TOO_LONG("line_too_long", "a line longer than " + LineReader.MAX_LINE_BYTES + " bytes");

    private final String key;
    private final String description;

    SkipReason(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }
}
