package io.nvsim.traces;

/**
 * One physical line of a trace file as bytes, reused from line to line: its 1-based number,
 * whether it was cut at {@link LineReader#MAX_LINE_BYTES}, and whether a newline ended it (the
 * last line of a truncated file has none).
 */
final class TextLine {
    byte[] bytes = new byte[256];
    int length;
    int number;
    boolean tooLong;
    boolean terminated;

    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            byte c = bytes[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\f') {
                return false;
            }
        }
        return true;
    }

    /** Index of the first non-blank byte (length if none). */
    int firstNonBlank() {
        int i = 0;
        while (i < length && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The line as text for a diagnostic, cut to {@code max} characters (allocates: diagnostics only). */
    String preview(int max) {
        String s = new String(bytes, 0, Math.min(length, max * 4), java.nio.charset.StandardCharsets.UTF_8).strip();
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }
}
