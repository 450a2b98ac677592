package io.nvsim.tlb;

/**
 * One set-associative TLB level with least-recently-used replacement. Entries hold combined
 * (stage-1 + stage-2) translations of one size each, tagged with the VMID, the ASID and the
 * leaf level; each also remembers the intermediate physical address it was built from, so that
 * invalidation by IPA can find it. Everything is in primitive arrays: lookups and fills
 * allocate nothing.
 *
 * <p>Entry sizes present are tracked as a bit mask of their log2, and a lookup probes one set
 * per size present (one for a single page size). Each set keeps its ways in recency order (a
 * doubly linked list over the slots), so a hit and a fill are O(1); a fully associative TLB
 * (one set of more than 8 ways, e.g. a micro-TLB) also keeps an open-addressing index of its
 * entries, so that a lookup does not scan every way.
 *
 * <pre>{@code
 * Tlb tlb = new Tlb(1024, 4);
 * tlb.insert(vmid, asid, va, 12, pa, ipa, 3, PageTable.READ);
 * int slot = tlb.lookup(vmid, asid, va);       // >= 0: hit
 * }</pre>
 */
public final class Tlb {
    private final int sets;
    private final int setMask;
    private final int ways;
    private final int waysShift;
    private final long[] tag;
    /** VMID, ASID and size packed into one word, so that a way matches with two comparisons. */
    private final long[] key;
    private final byte[] shift;
    private final int[] vmid;
    private final int[] asid;
    private final long[] pa;
    private final long[] ipa;
    private final byte[] level;
    private final byte[] perms;
    /** Recency order per set: {@code head[set]} most, {@code tail[set]} least recently used. */
    private final int[] prev;
    private final int[] next;
    private final int[] head;
    private final int[] tail;
    /** Fully associative only: slot + 1 by hash of (tag, key), linear probing; else null. */
    private final int[] index;
    private final int indexMask;
    private long sizeMask;
    private int valid;

    /**
     * @param entries total entries (a multiple of {@code ways})
     * @param ways    associativity ({@code ways == entries}: fully associative)
     */
    public Tlb(int entries, int ways) {
        if (entries < 1 || ways < 1 || entries % ways != 0) {
            throw new IllegalArgumentException("a TLB needs entries (" + entries + ") a positive multiple of ways (" + ways + ")");
        }
        this.sets = entries / ways;
        this.setMask = Integer.bitCount(sets) == 1 ? sets - 1 : -1;
        this.ways = ways;
        this.waysShift = Integer.bitCount(ways) == 1 ? Integer.numberOfTrailingZeros(ways) : -1;
        tag = new long[entries];
        key = new long[entries];
        shift = new byte[entries];
        vmid = new int[entries];
        asid = new int[entries];
        pa = new long[entries];
        ipa = new long[entries];
        level = new byte[entries];
        perms = new byte[entries];
        prev = new int[entries];
        next = new int[entries];
        head = new int[sets];
        tail = new int[sets];
        for (int set = 0; set < sets; set++) {
            int base = set * ways;
            head[set] = base;
            tail[set] = base + ways - 1;
            for (int i = base; i < base + ways; i++) {
                prev[i] = i == base ? -1 : i - 1;
                next[i] = i == base + ways - 1 ? -1 : i + 1;
            }
        }
        if (sets == 1 && ways > 8) {
            int size = Integer.highestOneBit(ways * 4 - 1) << 1;
            index = new int[size];
            indexMask = size - 1;
        } else {
            index = null;
            indexMask = 0;
        }
    }

    public int capacity() {
        return tag.length;
    }

    /** Valid entries. */
    public int size() {
        return valid;
    }

    /** The slot holding a translation of {@code va} for (vmid, asid), or -1; a hit becomes most recently used. */
    public int lookup(int vm, int as, long va) {
        long mask = sizeMask;
        while (mask != 0) {
            int s = Long.numberOfTrailingZeros(mask);
            mask &= mask - 1;
            long t = va >>> s;
            int i = find(t, pack(vm, as, s));
            if (i >= 0) {
                touch(i);
                return i;
            }
        }
        return -1;
    }

    private int find(long t, long k) {
        if (index != null) {
            for (int h = hash(t, k); ; h = (h + 1) & indexMask) {
                int e = index[h];
                if (e == 0) {
                    return -1;
                }
                if (tag[e - 1] == t && key[e - 1] == k) {
                    return e - 1;
                }
            }
        }
        int base = set(t) * ways;
        for (int i = base; i < base + ways; i++) {
            if (tag[i] == t && key[i] == k) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Fills a translation of size {@code 2^sizeShift} (replacing the least recently used entry of
     * its set); returns its slot. {@code paBase}, {@code ipaBase} are the output and intermediate addresses of
     * the entry's first byte.
     */
    public int insert(int vm, int as, long va, int sizeShift, long paBase, long ipaBase, int leafLevel, int permissions) {
        return fill(vm, as, va, sizeShift, paBase, ipaBase, leafLevel, permissions, true);
    }

    /** {@link #insert} for a translation the caller just failed to find (skips the search for it). */
    public int insertMissing(int vm, int as, long va, int sizeShift, long paBase, long ipaBase, int leafLevel, int permissions) {
        return fill(vm, as, va, sizeShift, paBase, ipaBase, leafLevel, permissions, false);
    }

    private int fill(int vm, int as, long va, int sizeShift, long paBase, long ipaBase, int leafLevel, int permissions,
                     boolean search) {
        long t = va >>> sizeShift;
        long k = pack(vm, as, sizeShift);
        int victim = search ? find(t, k) : -1;
        if (victim < 0) {
            victim = tail[set(t)]; // least recently used; dropped entries are moved there first
            if (shift[victim] != 0) {
                unindex(victim);
            }
        }
        if (shift[victim] == 0) {
            valid++;
        }
        tag[victim] = t;
        key[victim] = k;
        shift[victim] = (byte) sizeShift;
        vmid[victim] = vm;
        asid[victim] = as;
        pa[victim] = paBase;
        ipa[victim] = ipaBase;
        level[victim] = (byte) leafLevel;
        perms[victim] = (byte) permissions;
        touch(victim);
        if (index != null) {
            int h = hash(t, k);
            while (index[h] != 0 && index[h] != victim + 1) {
                h = (h + 1) & indexMask;
            }
            index[h] = victim + 1;
        }
        sizeMask |= 1L << sizeShift;
        return victim;
    }

    /** The physical address of {@code va} through slot {@code slot}. */
    public long translate(int slot, long va) {
        return pa[slot] | (va & ((1L << shift[slot]) - 1));
    }

    public int permissions(int slot) {
        return perms[slot];
    }

    public int leafLevel(int slot) {
        return level[slot];
    }

    public int sizeShift(int slot) {
        return shift[slot];
    }

    public int vmid(int slot) {
        return vmid[slot];
    }

    public int asid(int slot) {
        return asid[slot];
    }

    public long vaBase(int slot) {
        return tag[slot] << shift[slot];
    }

    public long ipaBase(int slot) {
        return ipa[slot];
    }

    public boolean isValid(int slot) {
        return shift[slot] != 0;
    }

    /** TLBI ALLE1: every entry. */
    public int invalidateAll() {
        int n = valid;
        for (int i = 0; i < shift.length; i++) {
            if (shift[i] != 0) {
                drop(i);
            }
        }
        return n;
    }

    /** TLBI VMALLE1 / VMALLS12E1 (combined entries): every entry of {@code vm}. */
    public int invalidateVmid(int vm) {
        int n = 0;
        for (int i = 0; i < shift.length; i++) {
            if (shift[i] != 0 && vmid[i] == vm) {
                drop(i);
                n++;
            }
        }
        return n;
    }

    /** TLBI ASIDE1: every entry of (vm, as). */
    public int invalidateAsid(int vm, int as) {
        int n = 0;
        for (int i = 0; i < shift.length; i++) {
            if (shift[i] != 0 && vmid[i] == vm && asid[i] == as) {
                drop(i);
                n++;
            }
        }
        return n;
    }

    /** TLBI VAE1 (as >= 0) or VAAE1 (as < 0, any ASID): the entries of {@code vm} whose range holds {@code va}. */
    public int invalidateVa(int vm, int as, long va) {
        int n = 0;
        for (int i = 0; i < shift.length; i++) {
            if (shift[i] != 0 && vmid[i] == vm && (as < 0 || asid[i] == as) && (va >>> shift[i]) == tag[i]) {
                drop(i);
                n++;
            }
        }
        return n;
    }

    /**
     * TLBI IPAS2E1 / RIPAS2E1 on a TLB of combined entries: the entries of {@code vm} built from an
     * intermediate address range that overlaps {@code [start, end)}.
     */
    public int invalidateIpaRange(int vm, long start, long end) {
        int n = 0;
        for (int i = 0; i < shift.length; i++) {
            if (shift[i] != 0 && vmid[i] == vm && ipa[i] < end && ipa[i] + (1L << shift[i]) > start) {
                drop(i);
                n++;
            }
        }
        return n;
    }

    private void drop(int i) {
        unindex(i);
        shift[i] = 0;
        key[i] = 0;
        tag[i] = 0;
        valid--;
        // an invalid way is the first to be refilled: move it to the tail of its set
        int set = setOf(i);
        unlink(i, set);
        prev[i] = tail[set];
        next[i] = -1;
        if (tail[set] >= 0) {
            next[tail[set]] = i;
        }
        tail[set] = i;
        if (head[set] < 0) {
            head[set] = i;
        }
    }

    /** Makes slot {@code i} the most recently used of its set. */
    private void touch(int i) {
        int set = setOf(i);
        if (head[set] == i) {
            return;
        }
        unlink(i, set);
        prev[i] = -1;
        next[i] = head[set];
        if (head[set] >= 0) {
            prev[head[set]] = i;
        }
        head[set] = i;
        if (tail[set] < 0) {
            tail[set] = i;
        }
    }

    private void unlink(int i, int set) {
        int p = prev[i];
        int n = next[i];
        if (p >= 0) {
            next[p] = n;
        } else {
            head[set] = n;
        }
        if (n >= 0) {
            prev[n] = p;
        } else {
            tail[set] = p;
        }
    }

    /** Removes slot {@code i} from the fully associative index (backward-shift deletion). */
    private void unindex(int i) {
        if (index == null || shift[i] == 0) {
            return;
        }
        int h = hash(tag[i], key[i]);
        while (index[h] != i + 1) {
            h = (h + 1) & indexMask;
        }
        int hole = h;
        for (int j = (hole + 1) & indexMask; index[j] != 0; j = (j + 1) & indexMask) {
            int e = index[j] - 1;
            int home = hash(tag[e], key[e]);
            // move e into the hole if its home does not lie cyclically in (hole, j]
            boolean between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (!between) {
                index[hole] = index[j];
                hole = j;
            }
        }
        index[hole] = 0;
    }

    private int setOf(int slot) {
        return waysShift >= 0 ? slot >> waysShift : slot / ways;
    }

    private int hash(long t, long k) {
        long h = (t ^ (k * 0xC2B2AE3D27D4EB4FL)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & indexMask;
    }

    /** Never 0 for a valid entry (the size is at least 2^12), so an invalid way (key 0) never matches. */
    private static long pack(int vm, int as, int sizeShift) {
        return ((long) (vm & 0xFFFFFF) << 40) | ((long) (as & 0xFFFFFFFFL) << 8) | sizeShift;
    }

    private int set(long t) {
        if (sets == 1) {
            return 0;
        }
        long h = t * 0x9E3779B97F4A7C15L;
        int x = (int) (h >>> 32);
        return setMask >= 0 ? x & setMask : Integer.remainderUnsigned(x, sets);
    }
}
