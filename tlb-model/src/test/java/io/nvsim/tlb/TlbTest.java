package io.nvsim.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TlbTest {

    @Test
    void shouldEvictTheLeastRecentlyUsedWayOfASet() {
        Tlb tlb = new Tlb(4, 4); // one fully associative set
        for (int i = 0; i < 4; i++) {
            tlb.insert(1, 1, i * 4096L, 12, i * 8192L, i * 4096L, 3, 3);
        }
        assertTrue(tlb.lookup(1, 1, 0) >= 0); // page 0 becomes most recently used
        tlb.insert(1, 1, 4 * 4096L, 12, 0, 0, 3, 3);
        assertEquals(-1, tlb.lookup(1, 1, 4096), "page 1 was least recently used");
        assertTrue(tlb.lookup(1, 1, 0) >= 0);
        assertEquals(4, tlb.size());
    }

    @Test
    void shouldTagByVmidAndAsidAndTranslateBySize() {
        TlbHierarchy tlbs = new TlbHierarchy(8, 8, 64, 4);
        tlbs.insert(1, 7, 0x20_0000L, 21, 0x4000_0000L, 0x8000_0000L, 2, 3);
        assertEquals(1, tlbs.lookup(1, 7, 0x21_2345L));
        assertEquals(0x4001_2345L, tlbs.translate(0x21_2345L));
        assertEquals(0x8001_2345L, tlbs.ipa(0x21_2345L));
        assertEquals(0, tlbs.lookup(2, 7, 0x21_2345L), "another VMID misses");
        assertEquals(0, tlbs.lookup(1, 8, 0x21_2345L), "another ASID misses");
        tlbs.micro().invalidateAll();
        assertEquals(2, tlbs.lookup(1, 7, 0x21_2345L), "the unified TLB refills the micro-TLB");
        assertEquals(1, tlbs.lookup(1, 7, 0x21_2345L));
    }

    /** Property: lookups, fills and invalidations agree with a brute-force LRU list, set-associative and fully associative. */
    @Test
    void shouldBehaveAsABruteForceLruModel() {
        for (long seed = 1; seed <= 60; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            boolean full = seed % 2 == 0;
            int entries = full ? 32 : 16;
            int ways = full ? 32 : 4;
            Tlb tlb = new Tlb(entries, ways);
            // the model: per set, most recently used first
            java.util.List<java.util.List<long[]>> sets = new ArrayList<>();
            for (int i = 0; i < entries / ways; i++) {
                sets.add(new ArrayList<>());
            }
            for (int op = 0; op < 3000; op++) {
                int vm = 1 + r.nextInt(2);
                long page = r.nextInt(full ? 64 : 48);
                long va = page << 12;
                int slot = tlb.lookup(vm, 1, va);
                java.util.List<long[]> set = null;
                long[] found = null;
                for (java.util.List<long[]> s2 : sets) {
                    for (long[] e : s2) {
                        if (e[0] == vm && e[1] == page) {
                            found = e;
                            set = s2;
                        }
                    }
                }
                String where = "seed " + seed + " op " + op;
                assertEquals(found != null, slot >= 0, where);
                if (found != null) {
                    set.remove(found);
                    set.add(0, found);
                    assertEquals(page << 20, tlb.translate(slot, va), where);
                } else if (r.nextInt(8) == 0) {
                    int dropped = tlb.invalidateVa(vm, 1, va + (1L << 12)); // the neighbour page
                    int n = 0;
                    for (java.util.List<long[]> s2 : sets) {
                        for (java.util.Iterator<long[]> it = s2.iterator(); it.hasNext(); ) {
                            long[] e = it.next();
                            if (e[0] == vm && e[1] == page + 1) {
                                it.remove();
                                n++;
                            }
                        }
                    }
                    assertEquals(n, dropped, where);
                } else {
                    int filled = tlb.insert(vm, 1, va, 12, page << 20, page << 12, 3, 3);
                    int setIndex = filled / ways;
                    java.util.List<long[]> target = sets.get(setIndex);
                    if (target.size() == ways) {
                        target.remove(ways - 1);
                    }
                    target.add(0, new long[] {vm, page});
                    int valid = 0;
                    for (java.util.List<long[]> s2 : sets) {
                        valid += s2.size();
                    }
                    assertEquals(valid, tlb.size(), where);
                }
            }
        }
    }

    private record Entry(int vmid, int asid, long va, int shift, long ipa) {
    }

    private static List<Entry> entries(Tlb tlb) {
        List<Entry> list = new ArrayList<>();
        for (int i = 0; i < tlb.capacity(); i++) {
            if (tlb.isValid(i)) {
                list.add(new Entry(tlb.vmid(i), tlb.asid(i), tlb.vaBase(i), tlb.sizeShift(i), tlb.ipaBase(i)));
            }
        }
        list.sort(java.util.Comparator.comparing(Entry::toString));
        return list;
    }

    /** Property: each invalidation drops exactly the entries a brute-force predicate selects. */
    @Test
    void shouldDropExactlyWhatEachInvalidationCovers() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            Tlb tlb = new Tlb(64, 4);
            for (int i = 0; i < 80; i++) {
                int shift = r.nextInt(3) == 0 ? 21 : 12;
                long va = r.nextLong(64L << 20) & ~((1L << shift) - 1);
                long ipa = r.nextLong(64L << 20) & ~((1L << shift) - 1);
                tlb.insert(1 + r.nextInt(3), 1 + r.nextInt(3), va, shift, ipa + (1L << 30), ipa, 3, 3);
            }
            List<Entry> before = entries(tlb);
            int op = r.nextInt(5);
            int vmid = 1 + r.nextInt(3);
            int asid = r.nextInt(4) - 1; // -1: any ASID (VAAE1)
            long addr = r.nextLong(64L << 20);
            long end = addr + r.nextLong(8L << 20);
            java.util.function.Predicate<Entry> dropped = switch (op) {
                case 0 -> e -> true;
                case 1 -> e -> e.vmid() == vmid;
                case 2 -> e -> e.vmid() == vmid && e.asid() == asid;
                case 3 -> e -> e.vmid() == vmid && (asid < 0 || e.asid() == asid) && addr >= e.va() && addr < e.va() + (1L << e.shift());
                default -> e -> e.vmid() == vmid && e.ipa() < end && e.ipa() + (1L << e.shift()) > addr;
            };
            int n = switch (op) {
                case 0 -> tlb.invalidateAll();
                case 1 -> tlb.invalidateVmid(vmid);
                case 2 -> tlb.invalidateAsid(vmid, asid);
                case 3 -> tlb.invalidateVa(vmid, asid, addr);
                default -> tlb.invalidateIpaRange(vmid, addr, end);
            };
            List<Entry> expected = before.stream().filter(dropped.negate()).toList();
            assertEquals(expected, entries(tlb), "seed " + seed + " op " + op);
            assertEquals(before.size() - expected.size(), n);
        }
    }
}
