package io.nvsim.traces;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a text file line by line into reusable {@link TextLine}s without creating a String per
 * line: bytes up to '\n' (a trailing '\r' dropped). A line longer than {@link #MAX_LINE_BYTES} is
 * cut there and marked, so that memory stays bounded whatever the input.
 */
final class LineReader {
    /** Longest line kept; the rest of a longer line is discarded. */
    static final int MAX_LINE_BYTES = 1 << 16;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean eof;
    private int lineNumber;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Lines read so far. */
    int lines() {
        return lineNumber;
    }

    /** Reads the next line into {@code line}; false at the end of the input. */
    boolean next(TextLine line) throws IOException {
        line.length = 0;
        line.tooLong = false;
        line.terminated = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    break;
                }
            }
            any = true;
            byte c = buffer[position++];
            if (c == '\n') {
                line.terminated = true;
                break;
            }
            if (line.length == MAX_LINE_BYTES) {
                line.tooLong = true;
                continue;
            }
            if (line.length == line.bytes.length) {
                line.bytes = java.util.Arrays.copyOf(line.bytes, Math.min(MAX_LINE_BYTES, line.bytes.length * 2));
            }
            line.bytes[line.length++] = c;
        }
        if (!any) {
            return false;
        }
        if (line.length > 0 && line.bytes[line.length - 1] == '\r') {
            line.length--;
        }
        line.number = ++lineNumber;
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
