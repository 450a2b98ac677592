package io.nvsim.tlb;

/**
 * One set-associative TLB level with least-recently-used replacement. Entries hold combined
 * (stage-1 + stage-2) translations of one size each, tagged with the VMID, the ASID and the
 * leaf level; each also remembers the intermediate physical address it was built from, so that
 * invalidation by IPA can find it. Everything is in primitive arrays: lookups and fills
 * allocate nothing.
 *
 * <p>Entry sizes present are tracked as a bit mask of their log2, and a lookup probes one set
 * per size present (one for a single page size).
 *
 * <pre>{@code
 * Tlb tlb = new Tlb(1024, 4);
 * tlb.insert(vmid, asid, va, 12, pa, ipa, 3, PageTable.READ);
 * int slot = tlb.lookup(vmid, asid, va);       // >= 0: hit
 * }</pre>
 */
public final class Tlb {
    private final int sets;
    private final int ways;
    private final long[] tag;
    private final byte[] shift;
    private final int[] vmid;
    private final int[] asid;
    private final long[] pa;
    private final long[] ipa;
    private final byte[] level;
    private final byte[] perms;
    private final long[] stamp;
    private long clock;
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
        this.ways = ways;
        tag = new long[entries];
        shift = new byte[entries];
        vmid = new int[entries];
        asid = new int[entries];
        pa = new long[entries];
        ipa = new long[entries];
        level = new byte[entries];
        perms = new byte[entries];
        stamp = new long[entries];
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
            int base = set(t) * ways;
            for (int i = base; i < base + ways; i++) {
                if (shift[i] == s && tag[i] == t && vmid[i] == vm && asid[i] == as) {
                    stamp[i] = ++clock;
                    return i;
                }
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
        long t = va >>> sizeShift;
        int base = set(t) * ways;
        int victim = base;
        for (int i = base; i < base + ways; i++) {
            if (shift[i] == sizeShift && tag[i] == t && vmid[i] == vm && asid[i] == as) {
                victim = i;
                break;
            }
            if (shift[i] == 0) {
                victim = i;
                break;
            }
            if (stamp[i] < stamp[victim]) {
                victim = i;
            }
        }
        if (shift[victim] == 0) {
            valid++;
        }
        tag[victim] = t;
        shift[victim] = (byte) sizeShift;
        vmid[victim] = vm;
        asid[victim] = as;
        pa[victim] = paBase;
        ipa[victim] = ipaBase;
        level[victim] = (byte) leafLevel;
        perms[victim] = (byte) permissions;
        stamp[victim] = ++clock;
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
            shift[i] = 0;
        }
        valid = 0;
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
        shift[i] = 0;
        valid--;
    }

    private int set(long t) {
        if (sets == 1) {
            return 0;
        }
        long h = t * 0x9E3779B97F4A7C15L;
        return (int) ((h >>> 32) % sets);
    }
}
