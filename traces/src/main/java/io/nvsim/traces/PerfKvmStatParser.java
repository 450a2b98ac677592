package io.nvsim.traces;

/**
 * Parses the table {@code perf kvm stat report} prints on arm64: one row per exit reason
 * ({@code TRAP}, {@code IRQ}, ... or an exception-class name such as {@code HVC64}) with
 * {@code Samples Samples% Time% MinTime MaxTime AvgTime ( +- x% )}; the heading lines
 * ("Analyze events ...", the column titles, "Total Samples:...") are the format's own and count
 * as comments. A row becomes one {@link TraceEventType#KVM_STAT_ROW} event. Never throws.
 */
final class PerfKvmStatParser {
    private final FieldScanner s = new FieldScanner();
    private long reportedTotal = -1;

    /** The "Total Samples:N" of the table's footer, or -1 if none was seen. */
    long reportedTotal() {
        return reportedTotal;
    }

    LineVerdict parse(byte[] b, int length, TraceEvent e) {
        int i = 0;
        while (i < length && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (i == length) {
            return LineVerdict.BLANK;
        }
        if (b[i] == '#' || TracepointLineParser.startsWith(b, i, length, "Analyze events")
            || TracepointLineParser.startsWith(b, i, length, "VM-EXIT") || TracepointLineParser.startsWith(b, i, length, "Event name")
            || allDashes(b, i, length)) {
            return LineVerdict.COMMENT;
        }
        if (TracepointLineParser.startsWith(b, i, length, "Total Samples:")) {
            s.reset(b, i + "Total Samples:".length(), length);
            if (s.dec()) {
                reportedTotal = s.value();
            }
            return LineVerdict.COMMENT;
        }
        s.reset(b, i, length);
        if (!s.word()) {
            return LineVerdict.NOT_A_TRACE_LINE;
        }
        int ws = s.wordStart();
        int we = s.wordEnd();
        if (!s.dec()) {
            return LineVerdict.NOT_A_TRACE_LINE;
        }
        e.clear();
        e.type = TraceEventType.KVM_STAT_ROW;
        e.a0 = s.value();
        // Samples%, Time%
        if (!(s.decimal(2) && s.character('%') && s.decimal(2) && s.character('%'))) {
            return e.a0 >= 0 && s.atEnd() ? LineVerdict.PARTIAL : LineVerdict.NOT_A_TRACE_LINE;
        }
        long min = time();
        long max = min < 0 ? -1 : time();
        long avg = max < 0 ? -1 : time();
        if (avg < 0 || e.a0 < 0) {
            return LineVerdict.PARTIAL;
        }
        // "( +- x% )" is optional
        if (s.character('(')) {
            if (!(s.literal("+-") && s.decimal(2) && s.character('%') && s.character(')'))) {
                return LineVerdict.PARTIAL;
            }
        }
        if (!s.atEnd()) {
            return LineVerdict.NOT_A_TRACE_LINE;
        }
        e.pc = min;
        e.a1 = avg;
        e.a2 = max;
        reason(e, b, ws, we);
        return LineVerdict.EVENT;
    }

    /** A time such as "2.60us", in nanoseconds; -1 if none. */
    private long time() {
        if (!s.decimal(3)) {
            return -1;
        }
        long thousandths = s.value();
        if (s.literal("us")) {
            return thousandths;
        }
        if (s.literal("ms")) {
            return thousandths * 1000;
        }
        if (s.literal("ns")) {
            return thousandths / 1000;
        }
        if (s.literal("s")) {
            return thousandths * 1_000_000;
        }
        return -1;
    }

    private static void reason(TraceEvent e, byte[] b, int from, int to) {
        ExitKind kind = ExitKind.match(b, from, to);
        if (kind != ExitKind.OTHER) {
            e.exitKind = kind;
            return;
        }
        int ec = ExceptionClasses.code(new String(b, from, to - from, java.nio.charset.StandardCharsets.US_ASCII));
        e.exitKind = ec >= 0 ? ExitKind.TRAP : ExitKind.OTHER;
        e.ec = ec;
    }

    private static boolean allDashes(byte[] b, int from, int length) {
        int dashes = 0;
        for (int i = from; i < length; i++) {
            if (b[i] == '-') {
                dashes++;
            } else if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return dashes >= 3;
    }
}
