package io.nvsim.workloads.memory;

import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import io.nvsim.tlb.Granule;
import java.util.List;

/**
 * The address spaces a memory workload builds, from its parameters: L2's stage-1 (page size,
 * levels), the stage-2 its hypervisor gives it (L1's for L2 nested, L0's for a VM; block size),
 * L0's stage-2 for L1 (block size), and where each lives. Addresses are fixed and 1 GiB
 * aligned so that any block size fits: L2 data at IPA 1 GiB (VA 64 GiB), L2's stage-1 tables at
 * IPA 128 GiB, L1 backs L2 IPA {@code x} with L1 IPA {@code x + 64 GiB}, and each stage-2 outputs
 * its input plus 1 GiB.
 *
 * <p>Parameters (shared by the memory workloads, so {@code --set page_size=2m} reaches each):
 * {@code page_size}, {@code s2_block_size}, {@code l0_block_size}, {@code s1_levels},
 * {@code working_set}; stage-2 tables have {@code l0.l1_s2_levels} levels.
 */
public record MemoryLayout(long pageSize, Granule s1Granule, int s1Levels, long s2Block, Granule s2Granule,
                           long l0Block, Granule l0Granule, int s2Levels, long workingSet) {
    public static final long GIB = 1L << 30;
    /** L2 (VM) virtual address of the data. */
    public static final long VA_BASE = 64 * GIB;
    /** L2 (VM) intermediate physical address of the data. */
    public static final long DATA_IPA = GIB;
    /** L2 IPA of L2's stage-1 tables. */
    public static final long S1_TABLE_IPA = 128 * GIB;
    /** L1 IPA = L2 IPA + this. */
    public static final long L1_OFFSET = 64 * GIB;
    /** Every stage-2 maps its input to input + this. */
    public static final long PA_OFFSET = GIB;
    /** Most data a workload may touch (below the table region). */
    public static final long MAX_DATA = S1_TABLE_IPA - DATA_IPA;

    /** The layout parameters with defaults, units and provenance. */
    public static List<Parameter> parameters() {
        return List.of(
            new Parameter("page_size", "bytes", 4096, "L2's stage-1 leaf: 4k, 16k, 64k pages or 2m/1g (4 KiB granule), 32m (16 KiB), "
                + "512m (64 KiB) blocks (workload parameter)", "memory workloads", false),
            new Parameter("s2_block_size", "bytes", 0, "leaf of the stage-2 L2's hypervisor builds (L1's for L2; L0's for a VM); "
                + "0 = page_size (workload parameter)", "memory workloads", false),
            new Parameter("l0_block_size", "bytes", 0, "leaf of L0's stage-2 for L1 (nested); 0 = s2_block_size (workload parameter)",
                "memory workloads", false),
            new Parameter("s1_levels", "count", 0, "levels of L2's stage-1; 0 = Linux's default for the granule with 48-bit VAs "
                + "(4 for 4K/16K, 3 for 64K) (workload parameter)", "memory workloads", false),
            new Parameter("working_set", "bytes", 64L << 20, "bytes of L2 memory the workload touches (per round for the storms) "
                + "(workload parameter)", "memory workloads", false));
    }

    /** Reads and checks the layout; bad values are an {@link InputException} naming the parameter. */
    public static MemoryLayout of(ParameterSet p) {
        long page = (long) p.value("page_size");
        Granule g1 = Granule.forMappingSize("page_size", page);
        long s2 = (long) p.value("s2_block_size");
        if (s2 == 0) {
            s2 = page;
        }
        Granule g2 = Granule.forMappingSize("s2_block_size", s2);
        long l0 = (long) p.value("l0_block_size");
        if (l0 == 0) {
            l0 = s2;
        }
        Granule g0 = Granule.forMappingSize("l0_block_size", l0);
        int s1Levels = p.count("s1_levels");
        if (s1Levels == 0) {
            s1Levels = g1 == Granule.G64K ? 3 : 4;
        }
        if (s1Levels < 2 || s1Levels > g1.maxLevels() || g1.leafLevel(page) < 4 - s1Levels) {
            throw new InputException("s1_levels=" + s1Levels + " does not fit page_size=" + page + "; valid: 2.." + g1.maxLevels()
                + " with the leaf level inside the table");
        }
        int s2Levels = p.count("l0.l1_s2_levels");
        for (Granule g : new Granule[] {g2, g0}) {
            if (s2Levels < 2 || s2Levels > g.maxLevels()) {
                throw new InputException("l0.l1_s2_levels=" + s2Levels + " is out of range for a " + g + " stage-2; valid: 2.." + g.maxLevels());
            }
        }
        long ws = (long) p.value("working_set");
        if (ws < page || ws > MAX_DATA) {
            throw new InputException("working_set=" + ws + " is out of range; valid: page_size (" + page + ") .. " + MAX_DATA);
        }
        MemoryLayout layout = new MemoryLayout(page, g1, s1Levels, s2, g2, l0, g0, s2Levels, ws - ws % page);
        long limit = new io.nvsim.tlb.PageTable(g2, s2Levels, 0).inputLimit();
        if (S1_TABLE_IPA + L1_OFFSET + GIB > limit || g2.leafLevel(s2) < 4 - s2Levels || g0.leafLevel(l0) < 4 - s2Levels) {
            throw new InputException("l0.l1_s2_levels=" + s2Levels + " gives a stage-2 too small for the layout (needs 256 GiB of "
                + "IPA space and room for the block sizes); valid: 3.." + g2.maxLevels());
        }
        return layout;
    }

    /** Pages of the working set. */
    public long pages() {
        return workingSet / pageSize;
    }

    /** The shadow stage-2's granule: L0 builds it with the finer of its own and L1's granules. */
    public Granule shadowGranule() {
        return s2Granule.pageSize() <= l0Granule.pageSize() ? s2Granule : l0Granule;
    }
}
