package io.nvsim.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real excerpts of ../shared/traces (copied verbatim to testdata/traces) import with the counts a person reads in them (SOURCES.md). */
class SharedTracesImportTest {
    static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../testdata/traces").normalize();

    static ImportSummary read(String file, TraceFormat format, List<TraceEvent> into) throws IOException {
        try (InputStream in = Files.newInputStream(SHARED.resolve(file))) {
            return new TraceImporter(format, false).read(file, in, e -> into.add(new TraceEvent().copyFrom(e)));
        }
    }

    @Test
    void wrappedNvV10ExcerptHasSixExitsAndSixEntries() throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        ImportSummary s = read("ftrace-nv-v10-kselftest-wrapped.txt", TraceFormat.FTRACE, events);
        assertEquals(6, s.events(TraceEventType.KVM_EXIT), s.describe());
        assertEquals(6, s.events(TraceEventType.KVM_ENTRY), s.describe());
        assertEquals(12, s.events());
        assertEquals(12, s.wrappedEvents(), "every event was wrapped onto two lines");
        assertEquals(2, s.skippedLines(), "the two prose lines: " + s.firstSkipped());
        assertEquals(s.totalLines(), s.eventLines() + s.skippedLines() + s.commentLines() + s.blankLines());
        TraceEvent first = events.get(0);
        assertEquals(ExitKind.IRQ, first.exitKind);
        assertEquals(0, first.ec);
        assertEquals(0x401ec4L, first.pc);
        assertEquals(768, first.pid);
        assertEquals(2, first.cpu);
        assertEquals(410_544_665_000L, first.timestampNs);
        TraceEvent trap = events.stream().filter(e -> e.exitKind == ExitKind.TRAP).findFirst().orElseThrow();
        assertEquals(ExceptionClasses.IABT_LOW, trap.ec);
        assertEquals(1085576, trap.pid);
        assertEquals(79, trap.cpu);
        assertEquals(3, events.stream().filter(e -> e.ec == ExceptionClasses.IABT_LOW).count());
    }

    @Test
    void hvcMarkerExcerptHasNineteenHypercalls() throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        ImportSummary s = read("ftrace-hvc-markers-enable-mmu.txt", TraceFormat.FTRACE, events);
        assertEquals(19, s.events(TraceEventType.KVM_HVC_ARM64), s.describe());
        assertEquals(19, s.events());
        assertEquals(4, s.skippedLines(), "two comments, the separator, the heading: " + s.firstSkipped());
        assertEquals(s.totalLines(), s.eventLines() + s.skippedLines() + s.commentLines() + s.blankLines());
        TraceEvent first = events.get(0);
        assertEquals(0x4098e46cL, first.pc);
        assertEquals(0x34f5d91dL, first.a0);
        assertEquals(0x5, first.a1);
        assertEquals(16291, first.pid);
        assertEquals(15, first.cpu);
    }

    @Test
    void perfKvmStatTableHasTwoReasonsAnd50477Samples() throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        ImportSummary s = read("perf-kvm-stat-2019.txt", TraceFormat.PERF_KVM_STAT, events);
        assertEquals(2, s.events(TraceEventType.KVM_STAT_ROW), s.describe());
        assertEquals(0, s.skippedLines(), s.describe());
        assertEquals(50_477, s.statSamples());
        assertEquals(ExitKind.TRAP, events.get(0).exitKind);
        assertEquals(49_040, events.get(0).a0);
        assertEquals(3_431_600, events.get(0).a1, "mean time 3431.60us in ns");
        assertEquals(ExitKind.IRQ, events.get(1).exitKind);
        assertEquals(1_437, events.get(1).a0);
        assertEquals(50_477L, s.toMap().get("reported_total_samples"));
    }
}
