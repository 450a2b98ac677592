package io.nvsim.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvsim.kernel.InputException;
import io.nvsim.reports.RunRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sweep's finished points, {@code points.jsonl}: one JSON line per point (its index, id, hash, workload,
 * configuration, swept assignments, replication seeds, the parameters it sets apart from the sweep's base, and its
 * runs), appended with a single write and forced to disk before the point counts as done. The file is the sweep's
 * journal too: a point is finished exactly when its line is complete. A last line cut short by a kill (no newline) is
 * ignored by readers and cut off by {@link #openForAppend} before a resumed sweep appends; a damaged complete line is
 * refused with its line number. Lines are in the order points finished (which depends on the threads); the tables
 * are written in point order from an {@link Index} of line offsets, one point at a time.
 */
public final class PointLog implements AutoCloseable {
    /** The file's name in a sweep directory. */
    public static final String FILE = "points.jsonl";

    /** One line: a finished point, with its runs. */
    @JsonPropertyOrder({"index", "id", "hash", "workload", "config", "assignments", "seeds", "parameters", "runs"})
    public record Line(int index, String id, String hash, String workload, String config, Map<String, String> assignments,
                       long[] seeds, Map<String, Double> parameters, List<RunRecord> runs) {
    }

    /** Where a point's line is in the file: its point index, id and hash, and its bytes. */
    public record Entry(int index, String id, String hash, long offset, int length, int lineNumber) {
    }

    /** The complete lines of a file, in file order, and the length of a torn last line (0 if none). */
    public record Index(Path file, List<Entry> entries, long tornBytes) {
        /** Bytes of the file up to the end of its last complete line. */
        public long completeBytes() {
            return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).offset() + entries.get(entries.size() - 1).length() + 1;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FileChannel channel;
    private final long droppedBytes;

    private PointLog(FileChannel channel, long droppedBytes) {
        this.channel = channel;
        this.droppedBytes = droppedBytes;
    }

    /** Bytes of a torn last line cut off when the log was opened (0 if it ended whole). */
    public long droppedBytes() {
        return droppedBytes;
    }

    /**
     * Opens {@code file} to append finished points after cutting off a torn last line (refusing a damaged complete
     * one); returns the log and what it held.
     */
    public static PointLog openForAppend(Path file, List<Entry> held) throws IOException {
        Index index = scan(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            ch.truncate(index.completeBytes());
            ch.force(true);
            ch.position(index.completeBytes());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        held.addAll(index.entries());
        return new PointLog(ch, index.tornBytes());
    }

    /** Records a finished point durably: one line, one write, forced to disk. */
    public void append(Line line) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(line);
        ByteBuffer b = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        synchronized (this) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The complete lines of {@code file} (none if it does not exist); a torn last line is counted, not read. */
    public static Index scan(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Index(file, entries, 0);
        }
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[1 << 12];
        int len = 0;
        long offset = 0;
        long lineStart = 0;
        int lineNumber = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++, offset++) {
                    if (buf[i] != '\n') {
                        if (len == line.length) {
                            line = java.util.Arrays.copyOf(line, line.length * 2);
                        }
                        line[len++] = buf[i];
                        continue;
                    }
                    lineNumber++;
                    entries.add(entry(file, line, len, lineStart, lineNumber));
                    len = 0;
                    lineStart = offset + 1;
                }
            }
        }
        return new Index(file, entries, len);
    }

    private static Entry entry(Path file, byte[] line, int len, long offset, int lineNumber) {
        int index = -1;
        String id = null;
        String hash = null;
        try (JsonParser p = MAPPER.getFactory().createParser(line, 0, len)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                for (int k = 0; k < 3 && p.nextToken() == JsonToken.FIELD_NAME; k++) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "index" -> index = p.getIntValue();
                        case "id" -> id = p.getText();
                        case "hash" -> hash = p.getText();
                        default -> k = 3;
                    }
                }
            }
        } catch (IOException e) {
            index = -1;
        }
        if (index < 0 || id == null || hash == null) {
            throw new InputException(file.toString(), lineNumber, "damaged point line; expected {\"index\": N, \"id\": ..., \"hash\": ...,"
                + " \"runs\": [...]}; remove the sweep directory and run it again");
        }
        return new Entry(index, id, hash, offset, len, lineNumber);
    }

    /** Reads points' runs from a log by their entries (random access). */
    public static final class Reader implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;

        public Reader(Path file) throws IOException {
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        }

        /** The whole line of {@code e}. */
        public Line line(Entry e) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(e.length());
            while (b.hasRemaining()) {
                if (channel.read(b, e.offset() + b.position()) < 0) {
                    throw new InputException(file.toString(), e.lineNumber(), "cut short while being read (changed by another process?)");
                }
            }
            try {
                Line l = MAPPER.readValue(b.array(), Line.class);
                if (l.runs() == null || l.index() != e.index()) {
                    throw new IOException("no runs, or another point than indexed");
                }
                return l;
            } catch (IOException ex) {
                throw new InputException(file.toString(), e.lineNumber(), "damaged point line: "
                    + String.valueOf(ex.getMessage()).split("\n")[0] + "; remove the sweep directory and run it again");
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
