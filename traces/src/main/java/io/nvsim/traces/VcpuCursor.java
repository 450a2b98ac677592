package io.nvsim.traces;

import io.nvsim.kernel.InputException;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads forward through a trace store the records of one vCPU, in their recorded order, skipping every other
 * vCPU's records and the perf kvm stat rows by their key alone ({@link TraceRecordCodec#vcpuKey}). One Chronicle
 * tailer: constant memory whatever the store's length, nothing allocated per record. Made by
 * {@link TraceStoreReader#cursor}, so that vCPUs whose simulated clocks drift apart each read at their own pace.
 */
final class VcpuCursor {
    private final Path dir;
    private final ExcerptTailer tailer;
    private final long key;

    VcpuCursor(Path dir, ExcerptTailer tailer, long key) {
        this.dir = dir;
        this.tailer = tailer;
        this.key = key;
    }

    /** Reads this vCPU's next event into {@code into}; false after its last. */
    boolean next(TraceEvent into) {
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return false;
                }
                Bytes<?> bytes = dc.wire().bytes();
                if (TraceRecordCodec.vcpuKey(bytes) != key) {
                    continue;
                }
                if (!TraceRecordCodec.read(bytes, into)) {
                    throw new InputException(dir.toString(), 0, "corrupt record at index " + tailer.index()
                        + "; expected a record written by nvsim import-trace");
                }
                return true;
            }
        }
    }
}
