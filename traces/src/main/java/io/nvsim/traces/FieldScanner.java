package io.nvsim.traces;

/**
 * A cursor over a line's bytes that reads the pieces of a tracepoint's printed fields: literal
 * text, hexadecimal and decimal numbers, words. Every method returns false (or -1) instead of
 * throwing when the text does not match, and none allocates.
 *
 * <pre>{@code
 * FieldScanner s = new FieldScanner().reset(bytes, from, to);
 * if (s.literal("PC:") && s.hex()) { long pc = s.value(); }
 * }</pre>
 */
final class FieldScanner {
    private byte[] b;
    private int pos;
    private int end;
    private long value;
    private int wordStart;
    private int wordEnd;

    FieldScanner reset(byte[] bytes, int from, int to) {
        this.b = bytes;
        this.pos = from;
        this.end = to;
        return this;
    }

    int position() {
        return pos;
    }

    /** The number the last {@link #hex()} or {@link #dec()} read. */
    long value() {
        return value;
    }

    int wordStart() {
        return wordStart;
    }

    int wordEnd() {
        return wordEnd;
    }

    byte[] bytes() {
        return b;
    }

    void skipSpaces() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t')) {
            pos++;
        }
    }

    boolean atEnd() {
        skipSpaces();
        return pos >= end;
    }

    /** Skips spaces, then consumes {@code text} exactly. */
    boolean literal(String text) {
        skipSpaces();
        int n = text.length();
        if (end - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    /** Skips spaces, then consumes one character {@code c}. */
    boolean character(char c) {
        skipSpaces();
        if (pos < end && b[pos] == (byte) c) {
            pos++;
            return true;
        }
        return false;
    }

    /** A hexadecimal number, with or without {@code 0x}; at most 16 digits. */
    boolean hex() {
        skipSpaces();
        int p = pos;
        if (p + 1 < end && b[p] == '0' && (b[p + 1] == 'x' || b[p + 1] == 'X')) {
            p += 2;
        }
        long v = 0;
        int digits = 0;
        while (p < end) {
            int d = hexDigit(b[p]);
            if (d < 0) {
                break;
            }
            if (digits == 16) {
                return false;
            }
            v = (v << 4) | d;
            digits++;
            p++;
        }
        if (digits == 0) {
            return false;
        }
        value = v;
        pos = p;
        return true;
    }

    /** A decimal number with an optional minus sign; at most 18 digits. */
    boolean dec() {
        skipSpaces();
        int p = pos;
        boolean negative = false;
        if (p < end && b[p] == '-') {
            negative = true;
            p++;
        }
        long v = 0;
        int digits = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            if (digits == 18) {
                return false;
            }
            v = v * 10 + (b[p] - '0');
            digits++;
            p++;
        }
        if (digits == 0) {
            return false;
        }
        value = negative ? -v : v;
        pos = p;
        return true;
    }

    /** A decimal with an optional fraction, scaled by 10^{@code scaleDigits} (e.g. "2.06" with 3 -> 2060). */
    boolean decimal(int scaleDigits) {
        if (!dec()) {
            return false;
        }
        long whole = value;
        long frac = 0;
        int fracDigits = 0;
        if (pos < end && b[pos] == '.') {
            int p = pos + 1;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                if (fracDigits < scaleDigits) {
                    frac = frac * 10 + (b[p] - '0');
                    fracDigits++;
                }
                p++;
            }
            pos = p;
        }
        for (int i = fracDigits; i < scaleDigits; i++) {
            frac *= 10;
        }
        long scale = 1;
        for (int i = 0; i < scaleDigits; i++) {
            scale *= 10;
        }
        if (Math.abs(whole) > Long.MAX_VALUE / scale - 1) {
            return false;
        }
        value = whole * scale + (whole < 0 ? -frac : frac);
        return true;
    }

    /** A word of letters, digits, '_' and '-' (no spaces); its bounds in {@link #wordStart()}..{@link #wordEnd()}. */
    boolean word() {
        skipSpaces();
        int p = pos;
        while (p < end && isWordByte(b[p])) {
            p++;
        }
        if (p == pos) {
            return false;
        }
        wordStart = pos;
        wordEnd = p;
        pos = p;
        return true;
    }

    /** Consumes up to and including the next {@code c}; false if there is none. */
    boolean skipPast(char c) {
        for (int p = pos; p < end; p++) {
            if (b[p] == (byte) c) {
                pos = p + 1;
                return true;
            }
        }
        return false;
    }

    static boolean isWordByte(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
