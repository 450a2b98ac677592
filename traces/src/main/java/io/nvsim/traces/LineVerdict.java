package io.nvsim.traces;

/** What a parser made of one (possibly joined) line of a trace file. */
enum LineVerdict {
    /** Only spaces. */
    BLANK,
    /** A comment or metadata line of the format itself (ftrace '#' header, trace-cmd "cpus=", a table heading). */
    COMMENT,
    /** A complete, recognized event: the event holder is filled. */
    EVENT,
    /** The start of a recognized event whose fields are cut short: maybe wrapped onto the next line. */
    PARTIAL,
    /** A well-formed trace line of a tracepoint this tool does not know. */
    UNKNOWN_EVENT,
    /** Not a trace line at all (prose, garbage). */
    NOT_A_TRACE_LINE
}
