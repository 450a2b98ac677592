package io.nvsim.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PageTableTest {
    private static final int RW = PageTable.READ | PageTable.WRITE;

    @Test
    void shouldTranslatePagesAndBlocksReadingOneDescriptorPerLevel() {
        PageTable t = new PageTable(Granule.G4K, 4, 0);
        t.map(0x4000_0000L, 0x9000_0000L, 4096, PageTable.READ);
        assertTrue(t.translate(0x4000_0123L));
        assertEquals(0x9000_0123L, t.output());
        assertEquals(3, t.leafLevel());
        assertEquals(4, t.levelsRead());
        assertEquals(PageTable.READ, t.permissions());
        t.map(0x8000_0000L, 0x1_0000_0000L, 2 << 20, RW);
        assertTrue(t.translate(0x8012_3456L));
        assertEquals(0x1_0012_3456L, t.output());
        assertEquals(2, t.leafLevel());
        assertEquals(3, t.levelsRead(), "a 2 MiB block ends the walk at level 2");
        t.map(0x40_0000_0000L, 0x40_0000_0000L, 1L << 30, RW);
        assertTrue(t.translate(0x40_1234_5678L));
        assertEquals(2, t.levelsRead(), "a 1 GiB block ends it at level 1");
        assertFalse(t.translate(0x7000_0000L));
        assertEquals(3, t.levelsRead(), "an invalid entry at level 2 stops the walk after three reads");
        assertEquals(3, t.populated());
    }

    @Test
    void shouldSupportEveryGranuleAndRefuseBadSizes() {
        PageTable t16 = new PageTable(Granule.G16K, 3, 0);
        t16.map(32L << 20, 64L << 20, 32L << 20, RW);
        assertTrue(t16.translate((32L << 20) + 5));
        assertEquals(2, t16.levelsRead());
        PageTable t64 = new PageTable(Granule.G64K, 3, 0);
        t64.map(1L << 29, 1L << 30, 512L << 20, RW);
        t64.map(0x10000, 0x20000, 0x10000, RW);
        assertTrue(t64.translate(0x10008));
        assertEquals(0x20008, t64.output());
        assertThrows(IllegalArgumentException.class, () -> t64.map(0, 0, 4096, RW), "no 4 KiB pages with a 64 KiB granule");
        assertThrows(IllegalArgumentException.class, () -> t16.map(4096, 0, 16384, RW), "misaligned");
        assertThrows(IllegalArgumentException.class, () -> new PageTable(Granule.G64K, 4, 0));
        assertEquals(Granule.G4K, Granule.forMappingSize("page_size", 2 << 20));
        assertEquals(Granule.G16K, Granule.forMappingSize("page_size", 32 << 20));
        assertThrows(io.nvsim.kernel.InputException.class, () -> Granule.forMappingSize("page_size", 3000));
    }

    @Test
    void shouldReplaceABlockBySmallerMappingsAndBack() {
        PageTable t = new PageTable(Granule.G4K, 3, 0);
        t.map(0, 0x4000_0000L, 2 << 20, RW);
        t.map(4096, 0x8000_0000L, 4096, RW);
        assertEquals(1, t.populated(), "the block went, one page came");
        assertFalse(t.translate(0));
        t.map(8192, 0x8000_2000L, 4096, RW);
        t.map(0, 0x4000_0000L, 2 << 20, RW);
        assertEquals(1, t.populated(), "a block over a table of pages replaces them all");
        assertTrue(t.translate(4096));
        assertEquals(0x4000_1000L, t.output());
    }

    /** Property: random maps and unmaps agree with a brute-force map of 4 KiB pages. */
    @Test
    void shouldAgreeWithABruteForceModelOnRandomOperations() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            PageTable t = new PageTable(Granule.G4K, 3, 0);
            TreeMap<Long, long[]> model = new TreeMap<>(); // leaf base -> {size, output, perms}
            for (int op = 0; op < 200; op++) {
                long span = 8L << 20;
                if (r.nextInt(4) > 0) {
                    long size = r.nextInt(5) == 0 ? 2L << 20 : 4096;
                    long ia = r.nextLong(span) & ~(size - 1);
                    long oa = (r.nextLong(1L << 32) & ~(size - 1));
                    int perms = 1 + r.nextInt(3);
                    t.map(ia, oa, size, perms);
                    // the model: drop leaves overlapping [ia, ia+size), and the block that contains ia (replaced by a table)
                    model.entrySet().removeIf(e -> e.getKey() < ia + size && e.getKey() + e.getValue()[0] > ia);
                    model.put(ia, new long[] {size, oa, perms});
                } else {
                    long start = r.nextLong(span) & ~4095L;
                    long end = start + 4096L * (1 + r.nextInt(1024));
                    long before = model.size();
                    model.entrySet().removeIf(e -> e.getKey() < end && e.getKey() + e.getValue()[0] > start);
                    assertEquals(before - model.size(), t.unmap(start, end), "seed " + seed + " op " + op);
                }
                assertEquals(model.size(), t.populated(), "seed " + seed + " op " + op);
                for (int probe = 0; probe < 20; probe++) {
                    long a = r.nextLong(span);
                    var e = model.floorEntry(a);
                    boolean expected = e != null && a < e.getKey() + e.getValue()[0];
                    assertEquals(expected, t.translate(a), "seed " + seed + " op " + op + " address " + a);
                    if (expected) {
                        assertEquals(e.getValue()[1] + (a - e.getKey()), t.output());
                        assertEquals(e.getValue()[2], t.permissions());
                    }
                }
            }
        }
    }
}
