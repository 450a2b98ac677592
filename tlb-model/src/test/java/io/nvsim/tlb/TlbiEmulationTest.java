package io.nvsim.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Which shadow entries and TLB entries each emulated TLBI drops, property-tested against a
 * brute-force model: a plain list of what was mapped and what was cached, filtered by the
 * architectural meaning of each instruction.
 */
class TlbiEmulationTest {
    private static final int RW = PageTable.READ | PageTable.WRITE;

    /** A shadow leaf: context, L2 IPA, size, and the L1 level stored with it. */
    private record Leaf(int ctx, long ipa, long size, int l1Level) {
    }

    /** A TLB entry: hardware VMID, ASID, VA, size shift, IPA. */
    private record Cached(int vmid, int asid, long va, int shift, long ipa) {
    }

    @Test
    void shouldUseTheTtlHintThenTheStoredLevelThenTheFallbackRange() {
        ShadowS2Contexts contexts = new ShadowS2Contexts(2, Granule.G4K, 3, 16);
        TlbHierarchy tlbs = new TlbHierarchy(0, 1, 64, 4);
        TlbiEmulation tlbi = new TlbiEmulation(contexts, tlbs, 1);
        int c = contexts.lookup(5L << 48, 1);
        contexts.map(c, 0x4000_0000L, 0x8000_0000L, 4096, RW, 2 + 1); // L1 mapped it with a 2 MiB block
        contexts.map(c, 0x4010_0000L, 0x8010_0000L, 4096, RW, 2 + 1);
        contexts.map(c, 0x7000_0000L, 0x9000_0000L, 4096, RW, 3 + 1);
        assertEquals(2, tlbi.ipas2e1(5, 0x4000_0000L, -1, Granule.G4K), "stored level 2: the whole 2 MiB");
        assertEquals(2 << 20, tlbi.lastRangeSize());
        tlbi.ipas2e1(5, 0xC000_0000L, -1, Granule.G4K);
        assertEquals(1L << 30, tlbi.lastRangeSize(), "nothing stored: the 4 KiB granule's 1 GiB fallback");
        assertEquals(1, contexts.populated(c), "0x7000_0000 lies outside [0xC000_0000, 0x1_0000_0000)");
        tlbi.ipas2e1(5, 0x6000_0000L, 3, Granule.G4K);
        assertEquals(4096, tlbi.lastRangeSize(), "the TTL hint wins");
        tlbi.ipas2e1(5, 0x6000_0000L, -1, Granule.G16K);
        assertEquals(32 << 20, tlbi.lastRangeSize());
        tlbi.ipas2e1(5, 0x6000_0000L, -1, Granule.G64K);
        assertEquals(512 << 20, tlbi.lastRangeSize());
        assertEquals(0, tlbi.ipas2e1(6, 0x7000_0000L, -1, Granule.G4K), "another VMID matches no context");
        assertEquals(0, tlbi.lastContexts());
    }

    @Test
    void shouldDropExactlyTheEntriesEachTlbiCoversOnRandomStates() {
        for (long seed = 1; seed <= 300; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            ShadowS2Contexts contexts = new ShadowS2Contexts(3, Granule.G4K, 3, 16);
            TlbHierarchy tlbs = new TlbHierarchy(0, 1, 256, 4);
            TlbiEmulation tlbi = new TlbiEmulation(contexts, tlbs, 1);
            int[] l1Vmid = new int[3];
            for (int c = 0; c < 3; c++) {
                l1Vmid[c] = 5 + r.nextInt(2); // two contexts may share a VMID (same VM, other VTCR)
                assertEquals(c, contexts.lookup(((long) l1Vmid[c] << 48) | c, 1));
            }
            List<Leaf> leaves = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int c = r.nextInt(3);
                long size = r.nextInt(4) == 0 ? 2L << 20 : 4096;
                long ipa = r.nextLong(1L << 31) & ~(size - 1);
                int level = size == 4096 ? (r.nextBoolean() ? 3 : 2) : 2;
                if (contexts.table(c).translate(ipa) || overlaps(leaves, c, ipa, size)) {
                    continue;
                }
                contexts.map(c, ipa, ipa + (1L << 32), size, RW, level + 1);
                leaves.add(new Leaf(c, ipa, size, level));
            }
            for (int i = 0; i < 120; i++) {
                int vmid = r.nextInt(6) == 0 ? 1 : 16 + r.nextInt(3);
                int shift = r.nextInt(4) == 0 ? 21 : 12;
                long va = r.nextLong(1L << 31) & ~((1L << shift) - 1);
                long ipa = r.nextLong(1L << 31) & ~((1L << shift) - 1);
                tlbs.insert(vmid, 1 + r.nextInt(2), va, shift, ipa, ipa, 3, RW);
            }
            List<Cached> cached = cached(tlbs.unified());
            int op = r.nextInt(7);
            int vmid = 5 + r.nextInt(2);
            long ipa = r.nextInt(3) == 0 && !leaves.isEmpty() ? leaves.get(r.nextInt(leaves.size())).ipa() + r.nextLong(4096)
                : r.nextLong(1L << 31);
            long length = 4096L * (1 + r.nextInt(4096));
            int ttl = r.nextInt(3) == 0 ? 2 + r.nextInt(2) : -1;
            int asid = 1 + r.nextInt(2);
            long va = cached.isEmpty() ? 0 : cached.get(r.nextInt(cached.size())).va();
            // the brute-force model of each instruction: the invalidated range of each context
            long[] start = new long[3];
            long[] end = new long[3];
            for (int c = 0; c < 3; c++) {
                if (op == 2) {
                    long size = ttl >= 0 ? Granule.G4K.levelSize(ttl) : storedSize(leaves, c, ipa);
                    start[c] = ipa & ~(size - 1);
                    end[c] = start[c] + size;
                } else if (op == 3) {
                    start[c] = ipa & ~4095L;
                    end[c] = start[c] + length;
                }
            }
            java.util.function.IntPredicate ctxMatches = c -> op == 0 || l1Vmid[c] == vmid;
            java.util.function.Predicate<Leaf> leafDropped = switch (op) {
                case 0, 1 -> l -> ctxMatches.test(l.ctx());
                case 2, 3 -> l -> ctxMatches.test(l.ctx()) && l.ipa() < end[l.ctx()] && l.ipa() + l.size() > start[l.ctx()];
                default -> l -> false;
            };
            java.util.function.Predicate<Cached> tlbDropped = cacheEntry -> {
                int c = cacheEntry.vmid() - 16;
                boolean shadowVmid = c >= 0 && c < 3 && ctxMatches.test(c);
                return switch (op) {
                    case 0 -> cacheEntry.vmid() == 1 || (c >= 0 && c < 3);
                    case 1, 4 -> shadowVmid;
                    case 2, 3 -> shadowVmid && cacheEntry.ipa() < end[c] && cacheEntry.ipa() + (1L << cacheEntry.shift()) > start[c];
                    case 5 -> shadowVmid && cacheEntry.asid() == asid && va >= cacheEntry.va() && va < cacheEntry.va() + (1L << cacheEntry.shift());
                    default -> shadowVmid && cacheEntry.asid() == asid;
                };
            };
            long unmapped = switch (op) {
                case 0 -> tlbi.alle1();
                case 1 -> tlbi.vmalls12e1(vmid);
                case 2 -> tlbi.ipas2e1(vmid, ipa, ttl, Granule.G4K);
                case 3 -> tlbi.ripas2e1(vmid, ipa & ~4095L, length);
                case 4 -> tlbi.vmalle1(vmid);
                case 5 -> tlbi.vae1(vmid, asid, va);
                default -> tlbi.aside1(vmid, asid);
            };
            String where = "seed " + seed + " op " + op;
            List<Leaf> survivors = leaves.stream().filter(leafDropped.negate()).toList();
            assertEquals(leaves.size() - survivors.size(), unmapped, where);
            for (Leaf l : leaves) {
                assertEquals(survivors.contains(l), contexts.table(l.ctx()).translate(l.ipa()), where + " " + l);
            }
            for (int c = 0; c < 3; c++) {
                final int cc = c;
                assertEquals(survivors.stream().filter(l -> l.ctx() == cc).count(), contexts.populated(c), where);
            }
            List<Cached> expected = cached.stream().filter(tlbDropped.negate()).toList();
            assertEquals(expected, cached(tlbs.unified()), where);
            assertEquals(cached.size() - expected.size(), tlbi.lastTlbDropped(), where);
        }
    }

    /** get_guest_mapping_ttl by brute force: the first leaf of context c at ipa aligned to 4K, 2M, 1G. */
    private static long storedSize(List<Leaf> leaves, int c, long ipa) {
        for (long align : new long[] {4096, 2L << 20, 1L << 30}) {
            long a = ipa & ~(align - 1);
            for (Leaf l : leaves) {
                if (l.ctx() == c && a >= l.ipa() && a < l.ipa() + l.size()) {
                    long size = Granule.G4K.levelSize(l.l1Level());
                    return ipa < a + size ? size : 1L << 30;
                }
            }
        }
        return 1L << 30;
    }

    private static boolean overlaps(List<Leaf> leaves, int ctx, long ipa, long size) {
        for (Leaf l : leaves) {
            if (l.ctx() == ctx && l.ipa() < ipa + size && l.ipa() + l.size() > ipa) {
                return true;
            }
        }
        return false;
    }

    private static List<Cached> cached(Tlb tlb) {
        List<Cached> list = new ArrayList<>();
        for (int i = 0; i < tlb.capacity(); i++) {
            if (tlb.isValid(i)) {
                list.add(new Cached(tlb.vmid(i), tlb.asid(i), tlb.vaBase(i), tlb.sizeShift(i), tlb.ipaBase(i)));
            }
        }
        list.sort(java.util.Comparator.comparing(Cached::toString));
        return list;
    }
}
