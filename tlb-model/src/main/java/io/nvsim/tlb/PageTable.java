package io.nvsim.tlb;

import java.util.Arrays;

/**
 * One translation table tree (a stage-1 or a stage-2 of the VMSA) with a given granule and
 * number of levels, holding page and block mappings with read/write permissions. Tables live in
 * one primitive pool; table {@code i} sits at address {@code tableBase + i * granule} of the
 * table's own input space of its walker, so that a nested walk can translate the address of every table it reads.
 *
 * <p>{@link #translate} walks the tree and leaves the result in fields ({@link #output()},
 * {@link #leafLevel()}, {@link #permissions()}, {@link #levelsRead()}): it allocates nothing.
 * Mapping allocates only when the pool grows.
 *
 * <pre>{@code
 * PageTable s2 = new PageTable(Granule.G4K, 3, 0);
 * s2.map(0x4000_0000L, 0x8000_0000L, 2 << 20, PageTable.READ | PageTable.WRITE);   // a 2 MiB block
 * s2.translate(0x4001_2345L);   // true; output() == 0x8001_2345, leafLevel() == 2, levelsRead() == 2
 * }</pre>
 */
public final class PageTable {
    /** Permission bits. */
    public static final int READ = 1;
    public static final int WRITE = 2;

    private static final long VALID = 1;
    private static final long TABLE = 2;
    private static final int PERM_SHIFT = 2;
    private static final int TAG_SHIFT = 4;
    private static final long TAG_MASK = 0xFL << TAG_SHIFT;
    private static final long ADDR_MASK = ~0xFFFL;

    private final Granule granule;
    private final int levels;
    private final int startLevel;
    private final int entries;
    private final int indexMask;
    private final long inputLimit;
    private final long tableBase;
    private long[] pool;
    private int nodes;
    private long populated;

    private long lastOutput;
    private int lastLevel;
    private int lastPerms;
    private int lastTag;
    private int lastRead;
    private final long[] lastTables = new long[5];

    /**
     * @param granule   translation granule
     * @param levels    number of levels (1..granule.maxLevels())
     * @param tableBase address of table 0 (tables are granule-sized and consecutive)
     */
    public PageTable(Granule granule, int levels, long tableBase) {
        if (levels < 1 || levels > granule.maxLevels()) {
            throw new IllegalArgumentException(granule + " tables have 1.." + granule.maxLevels() + " levels, not " + levels);
        }
        this.granule = granule;
        this.levels = levels;
        this.startLevel = 4 - levels;
        this.entries = granule.entriesPerTable();
        this.indexMask = entries - 1;
        int inputBits = granule.pageShift() + levels * granule.bitsPerLevel();
        this.inputLimit = inputBits >= 63 ? Long.MAX_VALUE : 1L << inputBits;
        this.tableBase = tableBase;
        this.pool = new long[entries * 4];
        this.nodes = 1;
    }

    public Granule granule() {
        return granule;
    }

    public int levels() {
        return levels;
    }

    /** The first level (4 - levels). */
    public int startLevel() {
        return startLevel;
    }

    /** Leaf entries (pages and blocks) currently mapped. */
    public long populated() {
        return populated;
    }

    /** Tables allocated (root included). */
    public int tables() {
        return nodes;
    }

    /** The address of table {@code node} (for the walker of this table's input space). */
    public long tableAddress(int node) {
        return tableBase + ((long) node << granule.pageShift());
    }

    /** Addresses at least this large are outside the table's input range. */
    public long inputLimit() {
        return inputLimit;
    }

    /**
     * Maps {@code [ia, ia + size)} to {@code oa} as one leaf; {@code size} must be the granule's page
     * or one of its block sizes, both addresses aligned to it. A mapping already covering part of
     * the range is replaced. {@code tag} (0..15) is kept with the leaf (the shadow stage-2 stores
     * the guest hypervisor's level there).
     */
    public void map(long ia, long oa, long size, int permissions, int tag) {
        int level = granule.leafLevel(size);
        if (level < startLevel) {
            throw new IllegalArgumentException("no " + size + "-byte leaf in a " + levels + "-level " + granule + " table");
        }
        if ((ia & (size - 1)) != 0 || (oa & (size - 1)) != 0 || ia < 0 || ia + size > inputLimit) {
            throw new IllegalArgumentException("misaligned or out-of-range mapping " + Long.toHexString(ia) + " -> "
                + Long.toHexString(oa) + " size " + size);
        }
        int node = 0;
        for (int l = startLevel; l < level; l++) {
            int slot = node * entries + index(ia, l);
            long d = pool[slot];
            if ((d & VALID) == 0 || (d & TABLE) == 0) {
                if ((d & VALID) != 0) {
                    populated--; // a block is replaced by a table of smaller mappings
                }
                int child = allocate();
                pool[slot] = ((long) child << 12) | TABLE | VALID;
                node = child;
            } else {
                node = (int) (d >>> 12);
            }
        }
        int slot = node * entries + index(ia, level);
        long d = pool[slot];
        if ((d & VALID) == 0) {
            populated++;
        } else if ((d & TABLE) != 0 && level < 3) {
            populated -= clearSubtree((int) (d >>> 12), level + 1);
            populated++;
        }
        pool[slot] = (oa & ADDR_MASK) | ((long) (tag & 0xF) << TAG_SHIFT) | ((long) (permissions & 3) << PERM_SHIFT) | VALID;
    }

    /** Maps with tag 0. */
    public void map(long ia, long oa, long size, int permissions) {
        map(ia, oa, size, permissions, 0);
    }

    /**
     * Walks the tables for {@code ia}. True if a leaf maps it; then {@link #output()}, {@link #leafLevel()},
     * {@link #permissions()} and {@link #tag()} describe it. Either way {@link #levelsRead()} tells how
     * many descriptors were read and {@link #tableRead(int)} which tables.
     */
    public boolean translate(long ia) {
        lastRead = 0;
        if (ia < 0 || ia >= inputLimit) {
            lastLevel = startLevel;
            return false;
        }
        int node = 0;
        for (int level = startLevel; level <= 3; level++) {
            lastTables[lastRead++] = tableAddress(node);
            long d = pool[node * entries + index(ia, level)];
            if ((d & VALID) == 0) {
                lastLevel = level;
                return false;
            }
            if ((d & TABLE) != 0 && level < 3) {
                node = (int) (d >>> 12);
                continue;
            }
            long size = granule.levelSize(level);
            lastOutput = (d & ADDR_MASK & ~(size - 1)) | (ia & (size - 1));
            lastLevel = level;
            lastPerms = (int) ((d >>> PERM_SHIFT) & 3);
            lastTag = (int) ((d & TAG_MASK) >>> TAG_SHIFT);
            return true;
        }
        throw new IllegalStateException("unreachable");
    }

    /** Output address of the last successful translate. */
    public long output() {
        return lastOutput;
    }

    /** Level of the last translate's leaf (or of the invalid entry it stopped at). */
    public int leafLevel() {
        return lastLevel;
    }

    /** Bytes the last translate's leaf maps. */
    public long leafSize() {
        return granule.levelSize(lastLevel);
    }

    public int permissions() {
        return lastPerms;
    }

    public int tag() {
        return lastTag;
    }

    /** Descriptors the last translate read: one memory reference each. */
    public int levelsRead() {
        return lastRead;
    }

    /** Address of the {@code i}-th table the last translate read (0 = root). */
    public long tableRead(int i) {
        return lastTables[i];
    }

    /** Removes every leaf that overlaps {@code [start, end)} (a block partly inside goes whole); returns how many. */
    public long unmap(long start, long end) {
        if (end <= start) {
            return 0;
        }
        long n = unmapRange(0, startLevel, 0, start, Math.min(end, inputLimit));
        populated -= n;
        return n;
    }

    /** Removes every mapping and table; returns the leaves removed. */
    public long clear() {
        long n = populated;
        Arrays.fill(pool, 0, entries, 0);
        nodes = 1;
        populated = 0;
        return n;
    }

    private long unmapRange(int node, int level, long nodeBase, long start, long end) {
        int shift = granule.shift(level);
        long size = 1L << shift;
        long n = 0;
        int first = (int) Math.max(0, (start - nodeBase) >> shift);
        long lastAddr = end - 1 - nodeBase;
        int last = (int) Math.min(indexMask, lastAddr >> shift);
        for (int i = first; i <= last; i++) {
            int slot = node * entries + i;
            long d = pool[slot];
            if ((d & VALID) == 0) {
                continue;
            }
            long base = nodeBase + ((long) i << shift);
            if ((d & TABLE) != 0 && level < 3) {
                n += unmapRange((int) (d >>> 12), level + 1, base, start, end);
            } else {
                pool[slot] = 0;
                n++;
            }
            if (base + size <= 0) {
                break;
            }
        }
        return n;
    }

    private long clearSubtree(int node, int level) {
        long n = 0;
        for (int i = 0; i < entries; i++) {
            int slot = node * entries + i;
            long d = pool[slot];
            if ((d & VALID) == 0) {
                continue;
            }
            if ((d & TABLE) != 0 && level < 3) {
                n += clearSubtree((int) (d >>> 12), level + 1);
            } else {
                n++;
            }
            pool[slot] = 0;
        }
        return n;
    }

    private int index(long ia, int level) {
        return (int) (ia >>> granule.shift(level)) & indexMask;
    }

    private int allocate() {
        if ((nodes + 1) * entries > pool.length) {
            pool = Arrays.copyOf(pool, pool.length * 2);
        }
        int n = nodes++;
        Arrays.fill(pool, n * entries, (n + 1) * entries, 0);
        return n;
    }
}
