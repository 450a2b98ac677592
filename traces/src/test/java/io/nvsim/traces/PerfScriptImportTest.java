package io.nvsim.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** perf script prints "comm pid [cpu] secs: kvm:event: fields"; comms with spaces, pid/tid, interleaved CPUs. */
class PerfScriptImportTest {
    private static final String TRACE = String.join("\n",
        "# ========",
        "# captured on    : Tue Nov 24 10:00:00 2026",
        "# ========",
        "#",
        " CPU 0/KVM  4012 [001]  2048.000100:       kvm:kvm_exit: TRAP: HSR_EC: 0x0016 (HVC64), PC: 0xffff800010012345",
        " CPU 1/KVM  4013 [003]  2048.000101:       kvm:kvm_exit: IRQ: HSR_EC: 0x0000 (UNKNOWN), PC: 0xffff800010099999",
        " CPU 0/KVM  4012 [001]  2048.000102:  kvm:kvm_hvc_arm64: HVC at 0xffff800010012345 (r0: 0x0000000084000000, imm: 0x0)",
        " CPU 0/KVM  4012 [001]  2048.000103:      kvm:kvm_entry: PC: 0xffff800010012349",
        " CPU 1/KVM  4013 [003]  2048.000104:      kvm:kvm_entry: PC: 0xffff800010099999",
        " CPU 0/KVM  4012/4012 [001]  2048.000200:       kvm:kvm_exit: TRAP: HSR_EC: 0x0024 (DABT_LOW), PC: 0xffff800010055555",
        " CPU 0/KVM  4012 [001]  2048.000201:       kvm:kvm_mmio: mmio write len 4 gpa 0xa003e50 val 0x1",
        " CPU 0/KVM  4012 [001]  2048.000205:       kvm:kvm_vcpu_wakeup: poll time 0 ns, polling valid",
        " CPU 0/KVM  4012 [001]  2048.000209:      kvm:kvm_entry: PC: 0xffff800010055559",
        "");

    @Test
    void perfScriptEventsDecodeWithTheirThreads() throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        ImportSummary s = new TraceImporter(TraceFormat.PERF_SCRIPT, false).read("perf.txt",
            new java.io.ByteArrayInputStream(TRACE.getBytes(java.nio.charset.StandardCharsets.UTF_8)), e -> events.add(new TraceEvent().copyFrom(e)));
        assertEquals(8, s.events(), s.describe());
        assertEquals(1, s.skippedLines(SkipReason.UNKNOWN_EVENT), "kvm_vcpu_wakeup");
        assertEquals(4, s.commentLines());
        assertEquals(3, s.events(TraceEventType.KVM_EXIT));
        assertEquals(4012, events.get(0).pid);
        assertEquals(4013, events.get(1).pid);
        assertEquals(3, events.get(1).cpu);
        assertEquals(2_048_000_100_000L, events.get(0).timestampNs);
        assertEquals(0x84000000L, events.get(2).a0);
        assertEquals(4012, events.get(5).pid, "pid/tid form");
        assertEquals(0xa003e50L, events.get(6).a0);
        assertEquals(4 | (1L << 32), events.get(6).a2, "len 4, write");
    }
}
