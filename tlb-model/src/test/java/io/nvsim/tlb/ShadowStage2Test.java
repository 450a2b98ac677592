package io.nvsim.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShadowStage2Test {
    private static final int RW = PageTable.READ | PageTable.WRITE;
    private static final long VTTBR = 5L << 48;

    private final TlbHierarchy tlbs = new TlbHierarchy(8, 8, 64, 4);
    private final ShadowS2Contexts contexts = new ShadowS2Contexts(2, Granule.G4K, 3, 16);
    private final ShadowStage2 shadow = new ShadowStage2(contexts, tlbs);
    private final PageTable l1 = new PageTable(Granule.G4K, 3, 0);
    private final PageTable l0 = new PageTable(Granule.G4K, 3, 0);

    @Test
    void shouldMapAtMostTheSmallerOfTheTwoBlocks() {
        int ctx = shadow.enter(VTTBR, 1);
        l1.map(0x4000_0000L, 0x1000_0000L, 2 << 20, RW);
        l0.map(0x1000_0000L, 0x2000_0000L, 4096, RW);
        assertEquals(ShadowStage2.MAPPED, shadow.resolve(ctx, l1, l0, 0x4000_0123L, false));
        assertEquals(4096, shadow.mappedSize(), "L1 block 2 MiB, L0 page 4 KiB: 4 KiB");
        assertEquals(2, shadow.l1LevelsRead(), "L1's 2 MiB block is two reads away");
        assertTrue(contexts.table(ctx).translate(0x4000_0123L));
        assertEquals(0x2000_0123L, contexts.table(ctx).output());
        l0.map(0x1020_0000L, 0x3000_0000L, 2 << 20, RW);
        l1.map(0x4020_0000L, 0x1020_0000L, 2 << 20, RW);
        assertEquals(ShadowStage2.MAPPED, shadow.resolve(ctx, l1, l0, 0x4021_0000L, false));
        assertEquals(2 << 20, shadow.mappedSize(), "both 2 MiB: a 2 MiB shadow block");
        l1.map(0x4040_0000L, 0x1040_0000L, 4096, RW);
        l0.map(0x1040_0000L, 0x5000_0000L, 2 << 20, RW);
        assertEquals(ShadowStage2.MAPPED, shadow.resolve(ctx, l1, l0, 0x4040_0010L, false));
        assertEquals(4096, shadow.mappedSize(), "L1 page, L0 block: a page");
        assertEquals(3, contexts.populated(ctx));
    }

    @Test
    void shouldNarrowPermissionsAndForwardWhatL1Forbids() {
        int ctx = shadow.enter(VTTBR, 1);
        l1.map(0x4000_0000L, 0x1000_0000L, 4096, PageTable.READ);
        l0.map(0x1000_0000L, 0x2000_0000L, 4096, RW);
        assertEquals(ShadowStage2.MAPPED, shadow.resolve(ctx, l1, l0, 0x4000_0000L, false));
        assertEquals(PageTable.READ, shadow.mappedPermissions(), "L1 read-only narrows L0's read-write");
        assertEquals(ShadowStage2.FORWARD_PERMISSION, shadow.resolve(ctx, l1, l0, 0x4000_0000L, true),
            "a write L1 does not allow is L1's fault");
        l1.map(0x4000_1000L, 0x1000_1000L, 4096, RW);
        l0.map(0x1000_1000L, 0x2000_1000L, 4096, PageTable.READ);
        assertEquals(ShadowStage2.MAPPED, shadow.resolve(ctx, l1, l0, 0x4000_1000L, false));
        assertEquals(PageTable.READ, shadow.mappedPermissions(), "L0 read-only narrows L1's read-write");
        assertEquals(ShadowStage2.HOST_FAULT, shadow.resolve(ctx, l1, l0, 0x4000_1000L, true), "L0's own permission: L0's fault");
    }

    @Test
    void shouldForwardFaultsL1HasNoMappingFor() {
        int ctx = shadow.enter(VTTBR, 1);
        assertEquals(ShadowStage2.FORWARD_UNMAPPED, shadow.resolve(ctx, l1, l0, 0x4000_0000L, false));
        assertEquals(1, shadow.l1LevelsRead(), "the walk of L1's stage-2 stopped at its empty root");
        l1.map(0x4000_0000L, 0x1000_0000L, 4096, RW);
        assertEquals(ShadowStage2.HOST_FAULT, shadow.resolve(ctx, l1, l0, 0x4000_0000L, false));
        assertEquals(0x1000_0000L, shadow.l1Ipa());
        assertEquals(0, contexts.populated(ctx));
    }

    @Test
    void shouldRecycleRoundRobinUnmappingTheVictimAndItsTlbEntries() {
        l1.map(0x4000_0000L, 0x1000_0000L, 4096, RW);
        l0.map(0x1000_0000L, 0x2000_0000L, 4096, RW);
        int a = shadow.enter(VTTBR | 0x1000, 1);
        shadow.resolve(a, l1, l0, 0x4000_0000L, false);
        tlbs.insert(contexts.hwVmid(a), 1, 0x7000, 12, 0x2000_0000L, 0x4000_0000L, 3, RW);
        int b = shadow.enter(VTTBR | 0x2000, 1);
        tlbs.insert(contexts.hwVmid(b), 1, 0x7000, 12, 0x2000_0000L, 0x4000_0000L, 3, RW);
        assertEquals(a, shadow.enter(VTTBR | 0x1000, 1), "a hit keeps the context and its entries");
        assertEquals(1, contexts.populated(a));
        int c = shadow.enter(VTTBR | 0x3000, 1);
        assertEquals(a, c, "round robin: the first context is the first victim");
        assertEquals(1, contexts.lastUnmapped());
        assertFalse(contexts.table(c).translate(0x4000_0000L), "recycling unmapped it fully");
        assertEquals(0, tlbs.lookup(contexts.hwVmid(a), 1, 0x7000), "and dropped its VMID's TLB entries");
        assertEquals(1, tlbs.lookup(contexts.hwVmid(b), 1, 0x7000), "the other context's survive");
        assertEquals(b, shadow.enter(VTTBR | 0x4000, 1), "the next victim is the second context");
    }
}
