package io.nvsim.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TwoDimensionalWalkTest {
    private static final int RW = PageTable.READ | PageTable.WRITE;
    private static final long TABLES = 1L << 32;

    /** A 4-level stage-1 mapping one page, and a stage-2 of {@code s2Levels} mapping its data and its tables. */
    private static PageTable[] tables(int s2Levels, long s1Leaf, long s2Leaf) {
        PageTable s1 = new PageTable(Granule.G4K, 4, TABLES);
        s1.map(0x7000_0000_0000L & ~(s1Leaf - 1), 0x4000_0000L, s1Leaf, RW);
        PageTable s2 = new PageTable(Granule.G4K, s2Levels, 0);
        for (long a = 0x4000_0000L; a < 0x4000_0000L + Math.max(s1Leaf, s2Leaf); a += s2Leaf) {
            s2.map(a, a + (1L << 33), s2Leaf, RW);
        }
        for (long a = TABLES; a < TABLES + s1.tables() * 4096L; a += 4096) {
            s2.map(a, a + (1L << 33), 4096, RW);
        }
        return new PageTable[] {s1, s2};
    }

    @Test
    void shouldReadTwentyFourDescriptorsForFourPlusFourLevelsWithoutWalkCache() {
        PageTable[] t = tables(4, 4096, 4096);
        TwoDimensionalWalk w = new TwoDimensionalWalk(0);
        assertEquals(TwoDimensionalWalk.OK, w.walk(t[0], t[1], 0x7000_0000_0123L, false));
        assertEquals(24, w.refs());
        assertEquals(TwoDimensionalWalk.references(4, 4, 0), w.refs());
        assertEquals(0x4000_0123L + (1L << 33), w.pa());
        assertEquals(12, w.sizeShift());
    }

    @Test
    void shouldReadFewerWithAStage2WalkCache() {
        PageTable[] t = tables(4, 4096, 4096);
        for (int cached = 1; cached <= 3; cached++) {
            TwoDimensionalWalk w = new TwoDimensionalWalk(cached);
            assertEquals(TwoDimensionalWalk.OK, w.walk(t[0], t[1], 0x7000_0000_0123L, false));
            assertEquals(TwoDimensionalWalk.references(4, 4, cached), w.refs());
            assertTrue(w.refs() < 24);
        }
        assertEquals(9, TwoDimensionalWalk.references(4, 4, 3));
    }

    @Test
    void shouldReadFewerWithBlocksAndCacheTheSmallerOfTheTwoLeaves() {
        PageTable[] t = tables(3, 2L << 20, 2L << 20);
        TwoDimensionalWalk w = new TwoDimensionalWalk(0);
        assertEquals(TwoDimensionalWalk.OK, w.walk(t[0], t[1], 0x7000_0000_0123L, false));
        // stage 1 reads 3 tables (each behind a 3-level stage-2 walk of a 4 KiB table page), the data's walk stops at a 2 MiB block
        assertEquals(3 * (3 + 1) + 2, w.refs());
        assertEquals(21, w.sizeShift());
        PageTable[] mixed = tables(3, 2L << 20, 4096);
        w.walk(mixed[0], mixed[1], 0x7000_0000_0123L, false);
        assertEquals(12, w.sizeShift(), "a 2 MiB stage-1 block over 4 KiB stage-2 pages is cached as 4 KiB");
    }

    @Test
    void shouldReportStage2FaultsOnTablesAndDataAndStage1Faults() {
        PageTable s1 = new PageTable(Granule.G4K, 4, TABLES);
        s1.map(0x1000, 0x5000, 4096, PageTable.READ);
        PageTable s2 = new PageTable(Granule.G4K, 3, 0);
        TwoDimensionalWalk w = new TwoDimensionalWalk(0);
        assertEquals(TwoDimensionalWalk.STAGE2_FAULT, w.walk(s1, s2, 0x1000, false));
        assertTrue(w.faultOnTable());
        assertEquals(TABLES, w.faultIpa(), "the root table's IPA");
        for (long a = TABLES; a < TABLES + 4 * 4096; a += 4096) {
            s2.map(a, a, 4096, RW);
        }
        assertEquals(TwoDimensionalWalk.STAGE2_FAULT, w.walk(s1, s2, 0x1000, false));
        assertEquals(0x5000, w.faultIpa());
        s2.map(0x5000, 0x9000, 4096, PageTable.READ);
        assertEquals(TwoDimensionalWalk.OK, w.walk(s1, s2, 0x1000, false));
        assertEquals(TwoDimensionalWalk.STAGE1_FAULT, w.walk(s1, s2, 0x1000, true), "stage-1 read-only");
        assertEquals(TwoDimensionalWalk.STAGE1_FAULT, w.walk(s1, s2, 0x2000, false), "no stage-1 mapping");
    }
}
