package io.nvsim.traces;

/**
 * Parses one line of ftrace / {@code trace-cmd report} text or of {@code perf script} output:
 * <pre>
 *   comm-pid [cpu] flags secs.usecs: event: fields        (ftrace, trace-cmd; flags optional, "(tgid)" optional)
 *   comm pid[/tid] [cpu] secs.usecs: kvm:event: fields    (perf script)
 * </pre>
 * Both header styles are accepted whichever format was asked for (real excerpts mix them). The
 * comm may contain spaces and dashes; the pid is the number just before the {@code [cpu]}
 * field. Allocation-free; never throws.
 */
final class TracepointLineParser {
    private final TracepointFields fields = new TracepointFields();

    /** Classifies {@code b[0, length)}; on {@link LineVerdict#EVENT} {@code e} holds the event. */
    LineVerdict parse(byte[] b, int length, TraceEvent e) {
        int i = 0;
        while (i < length && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (i == length) {
            return LineVerdict.BLANK;
        }
        if (b[i] == '#' || startsWith(b, i, length, "cpus=") || startsWith(b, i, length, "version =")
            || (startsWith(b, i, length, "CPU ") && endsWith(b, length, "is empty"))) {
            return LineVerdict.COMMENT;
        }
        int open = findCpuField(b, i, length);
        if (open < 0) {
            return LineVerdict.NOT_A_TRACE_LINE;
        }
        e.clear();
        int close = open + 1;
        long cpu = 0;
        while (b[close] != ']') {
            cpu = cpu * 10 + (b[close] - '0');
            close++;
        }
        e.cpu = (int) cpu;
        e.pid = pidBefore(b, i, open);
        if (e.pid < 0) {
            return LineVerdict.NOT_A_TRACE_LINE;
        }
        int p = close + 1;
        // flags (optional), then the timestamp "secs.frac:"
        int tsEnd = -1;
        for (int tokens = 0; tokens < 3 && tsEnd < 0; tokens++) {
            while (p < length && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            if (p >= length) {
                return LineVerdict.PARTIAL;
            }
            int start = p;
            while (p < length && b[p] != ' ' && b[p] != '\t') {
                p++;
            }
            if (timestamp(b, start, p, e)) {
                tsEnd = p;
            }
        }
        if (tsEnd < 0) {
            return LineVerdict.NOT_A_TRACE_LINE;
        }
        while (p < length && b[p] == ' ') {
            p++;
        }
        if (p >= length) {
            return LineVerdict.PARTIAL;
        }
        int nameStart = p;
        while (p < length && isNameByte(b[p])) {
            p++;
        }
        if (p < length && b[p] == ':' && p + 1 < length && isNameByte(b[p + 1])) {
            nameStart = p + 1; // perf's "kvm:" subsystem prefix
            p++;
            while (p < length && isNameByte(b[p])) {
                p++;
            }
        }
        int nameEnd = p;
        if (nameEnd == nameStart) {
            return LineVerdict.NOT_A_TRACE_LINE;
        }
        if (p >= length) {
            return TraceEventType.match(b, nameStart, nameEnd) == null ? LineVerdict.UNKNOWN_EVENT : LineVerdict.PARTIAL;
        }
        if (b[p] != ':') {
            return LineVerdict.NOT_A_TRACE_LINE;
        }
        TraceEventType type = TraceEventType.match(b, nameStart, nameEnd);
        if (type == null) {
            return LineVerdict.UNKNOWN_EVENT;
        }
        e.type = type;
        return fields.decode(e, b, p + 1, length) ? LineVerdict.EVENT : LineVerdict.PARTIAL;
    }

    /** Position of the '[' of a " [digits]" field after the comm, or -1. */
    private static int findCpuField(byte[] b, int from, int length) {
        for (int i = from + 1; i < length; i++) {
            if (b[i] == '[' && (b[i - 1] == ' ' || b[i - 1] == '\t')) {
                int j = i + 1;
                int digits = 0;
                while (j < length && b[j] >= '0' && b[j] <= '9' && digits < 7) {
                    j++;
                    digits++;
                }
                if (digits > 0 && j < length && b[j] == ']') {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The pid in {@code b[from, open)}: "comm-PID", "comm-PID (TGID)", "comm PID" or "comm PID/TID"; -1 if none.
     */
    private static int pidBefore(byte[] b, int from, int open) {
        int end = open;
        while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        if (end > from && b[end - 1] == ')') { // "(tgid)" of trace-cmd with tgids
            int k = end - 1;
            while (k > from && b[k] != '(') {
                k--;
            }
            if (b[k] != '(') {
                return -1;
            }
            end = k;
            while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
                end--;
            }
        }
        int start = end;
        while (start > from && b[start - 1] >= '0' && b[start - 1] <= '9') {
            start--;
        }
        if (start > from && b[start - 1] == '/') { // perf "pid/tid": take the tid
            int tidStart = start;
            start--;
            while (start > from && b[start - 1] >= '0' && b[start - 1] <= '9') {
                start--;
            }
            if (end - tidStart == 0) {
                return -1;
            }
            return digits(b, tidStart, end);
        }
        if (start == end || end - start > 9) {
            return -1;
        }
        boolean dashed = start > from && b[start - 1] == '-';
        boolean spaced = start > from && (b[start - 1] == ' ' || b[start - 1] == '\t');
        boolean bare = start == from; // perf script without a comm
        return dashed || spaced || bare ? digits(b, start, end) : -1;
    }

    private static int digits(byte[] b, int from, int to) {
        if (to - from > 9 || to == from) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /** "secs.frac:" (frac of 1 to 9 digits) into nanoseconds. */
    private static boolean timestamp(byte[] b, int from, int to, TraceEvent e) {
        if (to - from < 4 || b[to - 1] != ':') {
            return false;
        }
        int i = from;
        long secs = 0;
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            if (++digits > 11) {
                return false;
            }
            secs = secs * 10 + (b[i] - '0');
            i++;
        }
        if (digits == 0 || i >= to || b[i] != '.') {
            return false;
        }
        i++;
        long frac = 0;
        int fracDigits = 0;
        while (i < to - 1 && b[i] >= '0' && b[i] <= '9') {
            if (++fracDigits > 9) {
                return false;
            }
            frac = frac * 10 + (b[i] - '0');
            i++;
        }
        if (fracDigits == 0 || i != to - 1) {
            return false;
        }
        for (int k = fracDigits; k < 9; k++) {
            frac *= 10;
        }
        e.timestampNs = secs * 1_000_000_000L + frac;
        return true;
    }

    private static boolean isNameByte(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    static boolean startsWith(byte[] b, int from, int length, String s) {
        if (length - from < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean endsWith(byte[] b, int length, String s) {
        int end = length;
        while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        return end >= s.length() && startsWith(b, end - s.length(), end, s);
    }
}
