package io.nvsim.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TlbModelTest {

    @Test
    void shouldCountTwentyFourReferencesForFourPlusFourLevelsWithoutWalkCaches() {
        assertEquals(24, TwoDimensionalWalk.references(4, 4, 0));
        assertEquals(15, TwoDimensionalWalk.references(3, 3, 0));
        assertEquals(3, TwoDimensionalWalk.references(0, 3, 0), "a stage-2-only walk reads one entry per level");
        // a stage-2 walk cache serving 3 of 4 levels leaves 1 reference per stage-2 walk: 4 * 2 + 1
        assertEquals(9, TwoDimensionalWalk.references(4, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> TwoDimensionalWalk.references(4, 4, 4));
    }

    @Test
    void shouldHitOnTheSameVttbrAndRecycleRoundRobin() {
        ShadowS2Contexts mmus = new ShadowS2Contexts(2);
        int a = mmus.lookup(0x1000, 7);
        mmus.mapped(a, 10);
        assertEquals(a, mmus.lookup(0x1000, 7));
        assertEquals(1, mmus.hits());
        int b = mmus.lookup(0x2000, 7);
        mmus.mapped(b, 5);
        assertEquals(2, mmus.misses());
        assertEquals(0, mmus.recycles(), "free contexts are used before any is recycled");
        int c = mmus.lookup(0x3000, 7); // recycles the first victim: context a, which mapped 10 entries
        assertEquals(a, c);
        assertEquals(10, mmus.lastUnmapped());
        assertEquals(1, mmus.recycles());
        assertEquals(0, mmus.populated(c));
        assertEquals(b, mmus.lookup(0x2000, 7), "the other context survived");
        assertEquals(a == 0 ? 1 : 0, mmus.lookup(0x1000, 8), "a different VTCR is a different context");
        assertEquals(5, mmus.lastUnmapped());
    }

    @Test
    void shouldUnmapEverythingOnAHostNotifier() {
        ShadowS2Contexts mmus = new ShadowS2Contexts(3);
        mmus.mapped(mmus.lookup(1, 1), 4);
        mmus.mapped(mmus.lookup(2, 1), 6);
        assertEquals(10, mmus.unmapAll());
        assertEquals(10, mmus.entriesUnmapped());
        assertEquals(0, mmus.populated(0));
    }
}
