package io.nvsim.tlb;

import io.nvsim.kernel.InputException;

/**
 * A translation granule of the ARMv8 VMSA (4 KiB, 16 KiB or 64 KiB): the page size, the index
 * bits each table level resolves, which levels may hold block mappings, and the range L0 falls
 * back to when an {@code IPAS2E1} from a guest hypervisor carries no level hint (upstream
 * {@code nested.c}: 1 GiB, 32 MiB, 512 MiB).
 *
 * <p>Levels are numbered as in the architecture: 3 is the last (page) level, a table with
 * {@code n} levels starts at level {@code 4 - n}.
 */
public enum Granule {
    G4K(12, 9, 4, 1L << 30),
    G16K(14, 11, 4, 32L << 20),
    G64K(16, 13, 3, 512L << 20);

    private final int pageShift;
    private final int bitsPerLevel;
    private final int maxLevels;
    private final long fallbackRange;

    Granule(int pageShift, int bitsPerLevel, int maxLevels, long fallbackRange) {
        this.pageShift = pageShift;
        this.bitsPerLevel = bitsPerLevel;
        this.maxLevels = maxLevels;
        this.fallbackRange = fallbackRange;
    }

    public int pageShift() {
        return pageShift;
    }

    public long pageSize() {
        return 1L << pageShift;
    }

    public int bitsPerLevel() {
        return bitsPerLevel;
    }

    /** Entries of one table (one granule-sized page of 8-byte descriptors). */
    public int entriesPerTable() {
        return 1 << bitsPerLevel;
    }

    /** Most levels a table of this granule can have (48-bit input; 64 KiB: 3). */
    public int maxLevels() {
        return maxLevels;
    }

    /** The address bit where level {@code level}'s index starts. */
    public int shift(int level) {
        return pageShift + (3 - level) * bitsPerLevel;
    }

    /** Bytes one entry of level {@code level} maps. */
    public long levelSize(int level) {
        return 1L << shift(level);
    }

    /** Whether a block (leaf above the last level) is allowed at {@code level}: 4 KiB at levels 1-2, 16/64 KiB at level 2. */
    public boolean blockAllowed(int level) {
        return this == G4K ? level == 1 || level == 2 : level == 2;
    }

    /** The level whose leaf maps exactly {@code size} bytes, or -1. */
    public int leafLevel(long size) {
        for (int level = 3; level >= 0; level--) {
            if (levelSize(level) == size && (level == 3 || blockAllowed(level))) {
                return level;
            }
        }
        return -1;
    }

    /** The range an IPAS2E1 without level information invalidates (upstream fallback). */
    public long fallbackRange() {
        return fallbackRange;
    }

    /** The granule of a page size in bytes (4k, 16k, 64k). */
    public static Granule ofPageSize(long bytes) {
        for (Granule g : values()) {
            if (g.pageSize() == bytes) {
                return g;
            }
        }
        return null;
    }

    /**
     * The granule and leaf size a mapping size implies: a page (4k/16k/64k) or a block of the
     * smallest granule that has it (2m, 1g: 4 KiB; 32m: 16 KiB; 512m: 64 KiB).
     *
     * @throws InputException naming {@code what} and the valid sizes
     */
    public static Granule forMappingSize(String what, long bytes) {
        for (Granule g : values()) {
            if (g.leafLevel(bytes) >= 0) {
                return g;
            }
        }
        throw new InputException(what + "=" + bytes + " is not a page or block size; valid: 4k, 16k, 64k, 2m, 1g (4 KiB granule), "
            + "32m (16 KiB), 512m (64 KiB)");
    }
}
