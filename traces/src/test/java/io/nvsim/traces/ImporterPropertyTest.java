package io.nvsim.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests over seeded random inputs (plain loops over SplittableRandom): the importer
 * never throws, accounts for every line, and counts exactly the events and skipped lines a
 * generator planted.
 */
class ImporterPropertyTest {
    private static final String[] VALID = {
        " qemu-kvm-1234 [003] d.h1. 5021.123456: kvm_exit: TRAP: HSR_EC: 0x0024 (DABT_LOW), PC: 0xffff800010203040",
        " CPU 0/KVM-77 [001] .... 12.000001: kvm_entry: PC: 0x0000000000401ec4",
        " qemu-kvm-9 [000] ....  1.5: kvm_hvc_arm64: HVC at 0x4098e46c (r0: 0x34f5d91d, imm: 0x5)",
        " qemu-kvm-9 [000] ....  1.5: kvm_mmio: mmio write len 4 gpa 0x9000000 val 0x41",
        "qemu-system-aar  4242 [002]  77.123456789: kvm:kvm_wfx_arm64: guest executed wfi at: 0xffff80001000abcd",
        " qemu-kvm-9 (    9) [000] ....  1.5: kvm_guest_fault: ipa 0x8000000, hsr 0x93c08007, hxfar 0xffff00000800, pc 0xffff800010101010",
        " kvm-7 [5] 3.141592: kvm_sys_access: PC: ffff800010000000 write (3,0,1,0,0) SCTLR_EL1",
        " kvm-7 [5] 3.141592: kvm_timer_update_irq: VCPU: 0, IRQ 27, level 1",
        " kvm-7 [5] 3.141592: kvm_irq_line: Inject SPI interrupt (0), vcpu=-1, irq=33, level=1",
        " kvm-7 [5] 3.141592: kvm_nested_eret: elr_el2: 0xffff800010001000 spsr_el2: 0x000003c5 (M: EL1h) hcr_el2: 80000000",
        " kvm-7 [5] 3.141592: kvm_inject_nested_exception: nested_sync: esr_el2 0x5a000000 elr_el2: 0xffff800010001000 spsr_el2: 0x000003c5 (M: EL1h) hcr_el2: 88000000",
        " kvm-7 [5] 3.141592: kvm_forward_sysreg_trap: ffff800010001000 W (3,4,1,1,0)",
        " kvm-7 [5] 3.141592: kvm_handle_sys_reg: HSR 0x62300c01",
        " kvm-7 [5] 3.141592: kvm_userspace_exit: reason KVM_EXIT_MMIO (6)",
    };

    /** Garbage that can never be (part of) an event: no '[' so there is never a cpu field, no '#' so never a comment. */
    private static String garbage(SplittableRandom r) {
        String alphabet = "abcdefXYZ0123456789 .:,-_()/=>*\t\u00e9\u4e2d";
        StringBuilder sb = new StringBuilder("~");
        int n = r.nextInt(120);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void plantedEventsAndGarbageAreCountedExactly() throws IOException {
        for (int seed = 0; seed < 300; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder();
            int events = 0;
            int skipped = 0;
            int blank = 0;
            int comments = 0;
            int lines = 20 + r.nextInt(80);
            for (int i = 0; i < lines; i++) {
                int k = r.nextInt(10);
                if (k < 5) {
                    text.append(VALID[r.nextInt(VALID.length)]);
                    events++;
                } else if (k < 8) {
                    text.append(garbage(r));
                    skipped++;
                } else if (k < 9) {
                    text.append(r.nextBoolean() ? "" : "   ");
                    blank++;
                } else {
                    text.append("# comment ").append(i);
                    comments++;
                }
                text.append(r.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            ImportSummary s = importText(text.toString(), TraceFormat.FTRACE);
            assertEquals(events, s.events(), "seed " + seed + ": " + s.describe());
            assertEquals(skipped, s.skippedLines(), "seed " + seed);
            assertEquals(blank, s.blankLines(), "seed " + seed);
            assertEquals(comments, s.commentLines(), "seed " + seed);
            assertEquals(lines, s.totalLines(), "seed " + seed);
        }
    }

    @Test
    void wrappedEventsAreRejoinedWhereverTheMailClientBrokeThem() throws IOException {
        for (int seed = 0; seed < 600; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            String line = VALID[r.nextInt(VALID.length)];
            int fieldsStart = line.indexOf(": ", line.indexOf("]") + 12) + 2; // after "<event>: "
            List<Integer> spaces = new ArrayList<>();
            for (int i = fieldsStart; i < line.length(); i++) {
                if (line.charAt(i) == ' ') {
                    spaces.add(i);
                }
            }
            if (spaces.isEmpty()) {
                continue;
            }
            int breaks = spaces.size() >= 2 && r.nextBoolean() ? 2 : 1; // two or three physical lines
            java.util.Collections.shuffle(spaces, new java.util.Random(seed));
            List<Integer> cuts = new ArrayList<>(spaces.subList(0, breaks));
            java.util.Collections.sort(cuts);
            StringBuilder wrapped = new StringBuilder(line);
            for (int c : cuts) {
                wrapped.setCharAt(c, '\n');
            }
            ImportSummary s = importText(wrapped + "\n" + VALID[0] + "\n", TraceFormat.FTRACE);
            assertEquals(0, s.skippedLines(), "seed " + seed + ": " + wrapped + s.describe());
            assertEquals(2, s.events(), "seed " + seed + ": " + wrapped);
            assertEquals(breaks + 2, s.eventLines(), "seed " + seed);
        }
    }

    @Test
    void aPartialEventFollowedByProseIsOneMalformedLineAndTheProseIsCountedToo() throws IOException {
        String head = " qemu-kvm-1234 [003] d.h1. 5021.123456: kvm_exit: TRAP:";
        ImportSummary s = importText(head + "\nsome prose here\nmore prose\n" + VALID[1] + "\n", TraceFormat.FTRACE);
        assertEquals(1, s.events());
        assertEquals(1, s.skippedLines(SkipReason.MALFORMED_FIELDS));
        assertEquals(2, s.skippedLines(SkipReason.NOT_A_TRACE_LINE));
        assertEquals(4, s.totalLines());
    }

    @Test
    void neverThrowsOnRandomBytesOrTruncationAndAccountsForEveryLine() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String v : VALID) {
            all.append(v).append('\n');
        }
        all.append("Analyze events for all VMs, all VCPUs:\n VM-EXIT Samples Samples% Time% Min Time Max Time Avg time\n")
            .append(" TRAP 49040 97.15% 100.00% 2.60us 4072.98us 3431.60us ( +- 0.17% )\nTotal Samples:50477, Total events handled time:1.0us.\n");
        byte[] source = all.toString().getBytes(StandardCharsets.UTF_8);
        for (int seed = 0; seed < 2000; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            byte[] input;
            switch (seed % 3) {
                case 0 -> { // random truncation of valid text
                    input = java.util.Arrays.copyOf(source, r.nextInt(source.length + 1));
                }
                case 1 -> { // valid text with random bytes flipped
                    input = source.clone();
                    for (int i = 0, n = r.nextInt(20); i < n; i++) {
                        input[r.nextInt(input.length)] = (byte) r.nextInt(256);
                    }
                }
                default -> { // random bytes, biased to trace-like characters
                    input = new byte[r.nextInt(600)];
                    String biased = "[]0123456789.: -xabcdefkvm_exitentryPCHSR_EC()\n\n";
                    for (int i = 0; i < input.length; i++) {
                        input[i] = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : (byte) biased.charAt(r.nextInt(biased.length()));
                    }
                }
            }
            int physical = physicalLines(input);
            for (TraceFormat f : TraceFormat.values()) {
                long[] emitted = {0};
                ImportSummary s = new TraceImporter(f, false).read("random", new ByteArrayInputStream(input), e -> emitted[0]++);
                assertEquals(physical, s.totalLines(), "seed " + seed);
                assertEquals(s.totalLines(), s.eventLines() + s.skippedLines() + s.commentLines() + s.blankLines(), "seed " + seed + " " + f);
                assertEquals(s.events(), emitted[0]);
                long byReason = 0;
                for (SkipReason reason : SkipReason.values()) {
                    byReason += s.skippedLines(reason);
                }
                assertEquals(s.skippedLines(), byReason);
            }
        }
    }

    @Test
    void aTruncatedLastEventIsReportedAsTruncated() throws IOException {
        String line = VALID[0];
        ImportSummary s = importText(VALID[1] + "\n" + line.substring(0, line.length() - 20), TraceFormat.FTRACE);
        assertEquals(1, s.events());
        assertEquals(1, s.skippedLines(SkipReason.TRUNCATED));
        assertEquals("line 2", s.firstSkipped().get(0).substring(0, 6));
    }

    private static int physicalLines(byte[] input) {
        int n = 0;
        for (byte b : input) {
            if (b == '\n') {
                n++;
            }
        }
        return input.length > 0 && input[input.length - 1] != '\n' ? n + 1 : n;
    }

    static ImportSummary importText(String text, TraceFormat format) throws IOException {
        return new TraceImporter(format, false).read("test", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), e -> { });
    }

    static byte[] bytes(ByteArrayOutputStream o) {
        return o.toByteArray();
    }
}
