package io.nvsim.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Chronicle Queue store keeps every event exactly, is built aside and moved into place. */
class TraceStoreTest {
    @TempDir
    Path tmp;

    @Test
    void everyImportedEventComesBackFieldForField() throws IOException {
        for (String file : List.of("ftrace-nv-v10-kselftest-wrapped.txt", "ftrace-hvc-markers-enable-mmu.txt")) {
            List<TraceEvent> parsed = new ArrayList<>();
            Path store = tmp.resolve(file + ".store");
            try (TraceStoreWriter w = TraceStoreWriter.create(store)) {
                ImportSummary s = SharedTracesImportTest.read(file, TraceFormat.FTRACE, parsed);
                for (TraceEvent e : parsed) {
                    w.accept(e);
                }
                w.commit(s.toMap());
            }
            List<TraceEvent> back = new ArrayList<>();
            try (TraceStoreReader r = TraceStoreReader.open(store)) {
                TraceEvent e = new TraceEvent();
                while (r.next(e)) {
                    back.add(new TraceEvent().copyFrom(e));
                }
                assertEquals(parsed.size(), r.records());
            }
            assertEquals(parsed.size(), back.size());
            for (int i = 0; i < parsed.size(); i++) {
                assertTrue(parsed.get(i).sameAs(back.get(i)), parsed.get(i) + " vs " + back.get(i));
            }
        }
    }

    @Test
    void extremeFieldValuesRoundTrip() throws IOException {
        TraceEvent e = new TraceEvent().clear();
        e.type = TraceEventType.KVM_INJECT_NESTED_EXCEPTION;
        e.exitKind = ExitKind.SERROR;
        e.ec = 0x3F;
        e.cpu = Integer.MAX_VALUE;
        e.pid = -1;
        e.timestampNs = Long.MAX_VALUE;
        e.pc = -1L;
        e.a0 = Long.MIN_VALUE;
        e.a1 = 0;
        e.a2 = 0x8000_0000_0000_0001L;
        e.line = 123456;
        Path store = tmp.resolve("extreme");
        try (TraceStoreWriter w = TraceStoreWriter.create(store)) {
            w.accept(e);
            w.commit(java.util.Map.of());
        }
        try (TraceStoreReader r = TraceStoreReader.open(store)) {
            TraceEvent back = new TraceEvent();
            assertTrue(r.next(back));
            assertTrue(e.sameAs(back), back.toString());
            assertFalse(r.next(back));
        }
    }

    @Test
    void anUncommittedStoreLeavesNothingBehind() throws IOException {
        Path store = tmp.resolve("half");
        try (TraceStoreWriter w = TraceStoreWriter.create(store)) {
            w.accept(new TraceEvent().clear().copyFrom(sample()));
        }
        assertFalse(Files.exists(store));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "the temporary directory is gone");
        }
    }

    @Test
    void aDirectoryThatIsNotAStoreIsRefused() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("precious.txt"), "keep");
        assertThrows(InputException.class, () -> TraceStoreWriter.create(other));
        assertThrows(InputException.class, () -> TraceStoreReader.open(other));
        assertTrue(Files.exists(other.resolve("precious.txt")));
    }

    static TraceEvent sample() {
        TraceEvent e = new TraceEvent().clear();
        e.type = TraceEventType.KVM_EXIT;
        e.exitKind = ExitKind.TRAP;
        e.ec = 0x16;
        e.timestampNs = 1000;
        e.cpu = 1;
        e.pid = 42;
        return e;
    }
}
