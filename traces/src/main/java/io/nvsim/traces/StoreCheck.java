package io.nvsim.traces;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The check a trace store passes before any replay: its metadata names the layout version, a
 * positive event count and the checksum of the records; the queue's data file is present; reading
 * every record back gives that many events and that checksum. Anything else (missing or truncated
 * data file, corrupt records, zero events) is an {@link InputException} naming the store and what is
 * wrong, never a replay of zeros. Reading the records costs one pass over the store (memory-mapped,
 * constant memory).
 */
final class StoreCheck {
    private StoreCheck() {
    }

    static void verify(Path dir, Map<String, Object> meta) {
        String where = dir.resolve(TraceStoreReader.METADATA).toString();
        Object recordsField = meta.get("records");
        if (!(recordsField instanceof Number n) || n.longValue() < 0) {
            throw new InputException(where, 0, "records is " + recordsField + "; expected the event count (re-import the trace)");
        }
        long records = n.longValue();
        if (records == 0) {
            throw new InputException(dir.toString(), 0, "the store holds 0 events; expected at least one (was the trace empty?)");
        }
        Object sumField = meta.get("checksum");
        long expected;
        try {
            expected = Long.parseUnsignedLong(String.valueOf(sumField), 16);
        } catch (NumberFormatException e) {
            throw new InputException(where, 0, "checksum is " + sumField + "; expected the hex checksum of the records "
                + "(re-import the trace)");
        }
        if (!hasDataFile(dir)) {
            throw new InputException(dir.toString(), 0, "the data file (*.cq4) is missing; expected the records announced by "
                + TraceStoreReader.METADATA + " (re-import the trace)");
        }
        Object bytesField = meta.get("data_bytes");
        long bytes = dataBytes(dir);
        if (!(bytesField instanceof Number b) || b.longValue() != bytes) {
            // checked before the file is mapped: reading a truncated mapped file faults the JVM
            throw new InputException(dir.toString(), 0, "the data files hold " + bytes + " bytes; expected " + bytesField
                + " (truncated or damaged store; re-import the trace)");
        }
        if (!headersPresent(dir)) {
            // checked before the queue opens: it waits many seconds for a header that never comes
            throw new InputException(dir.toString(), 0, "a data file (*.cq4) starts with zeros; expected a queue header "
                + "(damaged store; re-import the trace)");
        }
        long count = 0;
        long sum = TraceRecordCodec.CHECKSUM_SEED;
        TraceEvent e = new TraceEvent();
        try (TraceStoreReader r = new TraceStoreReader(dir, meta)) {
            while (count <= records && r.next(e)) {
                count++;
                sum = TraceRecordCodec.checksum(sum, e);
            }
        } catch (InputException bad) {
            throw new InputException(dir.toString(), 0, "corrupt record " + count + "; expected a record written by nvsim "
                + "import-trace (re-import the trace)");
        } catch (RuntimeException bad) {
            throw new InputException(dir.toString(), 0, "the data file cannot be read after " + count + " records ("
                + TraceStoreReader.oneLine(bad) + "); expected " + records + " (re-import the trace)");
        }
        if (count != records) {
            throw new InputException(dir.toString(), 0, "the data file holds " + (count > records ? "more than " + records : String.valueOf(count))
                + " records; expected " + records + " (truncated or damaged store; re-import the trace)");
        }
        if (sum != expected) {
            throw new InputException(dir.toString(), 0, "the records' checksum is " + Long.toHexString(sum) + "; expected "
                + Long.toHexString(expected) + " (damaged store; re-import the trace)");
        }
    }

    /** The total size of a store's data files (*.cq4), recorded at commit and checked before any mapping. */
    static long dataBytes(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            long total = 0;
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".cq4")).toList()) {
                total += Files.size(p);
            }
            return total;
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, "cannot list the store: " + e.getMessage());
        }
    }

    private static boolean headersPresent(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".cq4")).toList()) {
                try (java.io.InputStream in = Files.newInputStream(p)) {
                    byte[] head = in.readNBytes(4);
                    if (head.length < 4 || (head[0] | head[1] | head[2] | head[3]) == 0) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasDataFile(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".cq4") && Files.isRegularFile(p));
        } catch (IOException e) {
            return false;
        }
    }
}
