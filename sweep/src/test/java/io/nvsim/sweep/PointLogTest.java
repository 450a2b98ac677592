package io.nvsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.kernel.InputException;
import io.nvsim.reports.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The point log: what a kill at any byte of a write leaves is read back as the whole lines before it (property-style). */
class PointLogTest {

    private static PointLog.Line line(int index) {
        RunRecord run = new RunRecord(index, 0, 7, "hypercall", "vm", "h" + index, Map.of("config", "vm"),
            Map.of("cycles_per_op", 1000.5 + index), Map.of("hw_trap", 1.0), Map.of("p50", 3L));
        return new PointLog.Line(index, "p0000" + index + "-abcdef12", "abcdef12" + index, "hypercall", "vm", Map.of("config", "vm"),
            new long[] {7}, Map.of("cost.trap_entry_cycles", 40.0 + index), List.of(run));
    }

    @Test
    void shouldReadBackTheWholeLinesBeforeACutAtAnyByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(PointLog.FILE);
        try (PointLog log = PointLog.openForAppend(file, new ArrayList<>())) {
            for (int i = 0; i < 3; i++) {
                log.append(line(i));
            }
        }
        byte[] whole = Files.readAllBytes(file);
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < whole.length; i++) {
            if (whole[i] == '\n') {
                ends.add(i + 1);
            }
        }
        assertEquals(3, ends.size(), "one line per point");
        for (int cut = 0; cut <= whole.length; cut++) {
            final int near = cut;
            if (cut % 7 != 0 && ends.stream().noneMatch(e -> Math.abs(e - near) <= 2)) {
                continue; // every 7th byte, and every byte around a line's end
            }
            Files.write(file, Arrays.copyOf(whole, cut));
            final int c = cut;
            long complete = ends.stream().filter(e -> e <= c).count();
            List<PointLog.Entry> held = new ArrayList<>();
            try (PointLog log = PointLog.openForAppend(file, held)) {
                assertEquals(complete, held.size(), "cut at byte " + cut);
                log.append(line(9));
            }
            int keep = complete == 0 ? 0 : ends.get((int) complete - 1);
            assertArrayEquals(Arrays.copyOf(whole, keep), Arrays.copyOf(Files.readAllBytes(file), keep), "the whole lines stay as they were");
            PointLog.Index index = PointLog.scan(file);
            assertEquals(complete + 1, index.entries().size(), "the torn tail was cut off before the new line");
            try (PointLog.Reader r = new PointLog.Reader(file)) {
                for (int i = 0; i < complete; i++) {
                    assertEquals(line(i).runs(), r.line(index.entries().get(i)).runs());
                }
                assertEquals(9, r.line(index.entries().get((int) complete)).index());
            }
        }
    }

    @Test
    void shouldRefuseADamagedWholeLineNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(PointLog.FILE);
        try (PointLog log = PointLog.openForAppend(file, new ArrayList<>())) {
            log.append(line(0));
            log.append(line(1));
        }
        List<String> lines = Files.readAllLines(file);
        for (String damaged : new String[] {"", "{}", "[1, 2]", "{\"index\": 1, \"id\": \"p\"}", lines.get(1).substring(0, 40)}) {
            Files.writeString(file, lines.get(0) + "\n" + damaged + "\n");
            InputException e = assertThrows(InputException.class, () -> PointLog.scan(file), damaged);
            assertEquals(2, e.line(), damaged);
            assertTrue(e.getMessage().contains("damaged point line"), e.getMessage());
        }
        // a line whose header reads but whose runs do not is refused when read
        Files.writeString(file, lines.get(0) + "\n" + lines.get(1).replace("\"runs\":[", "\"runs\":[7,") + "\n");
        PointLog.Index index = PointLog.scan(file);
        try (PointLog.Reader r = new PointLog.Reader(file)) {
            InputException e = assertThrows(InputException.class, () -> r.line(index.entries().get(1)));
            assertEquals(2, e.line());
        }
    }
}
