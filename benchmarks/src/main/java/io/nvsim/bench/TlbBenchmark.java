package io.nvsim.bench;

import io.nvsim.tlb.Granule;
import io.nvsim.tlb.PageTable;
import io.nvsim.tlb.TlbHierarchy;
import io.nvsim.tlb.TwoDimensionalWalk;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulated memory accesses per second through the TLB model: a random access stream over a
 * working set of 4 KiB pages, each access a lookup in the micro-TLB and unified TLB
 * ({@link TlbHierarchy}, 32 + 1024 x 4-way), and on a miss a two-dimensional walk of a 4-level
 * stage-1 and 3-level stage-2 ({@link TwoDimensionalWalk}) and a fill. The baseline does the same
 * walks behind a plain {@code HashMap}-based TLB (a {@code LinkedHashMap} in access order, so LRU,
 * of 1,056 entries keyed by VMID/ASID/page); {@code nvsimUnifiedOnly} is the nvsim model with its
 * unified level only, for a one-level comparison.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TlbBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
public class TlbBenchmark {
    static final int BATCH = 4096;
    private static final int RW = PageTable.READ | PageTable.WRITE;
    private static final long VA = 64L << 30;
    private static final long IPA = 1L << 30;
    private static final long TABLES = 128L << 30;
    private static final int ENTRIES = 32 + 1024;

    /** Working set in MiB: 2 fits the TLB (mostly hits), 64 does not (mostly walks). */
    @Param({"2", "64"})
    int workingSetMib;

    private PageTable stage1;
    private PageTable stage2;
    private TwoDimensionalWalk walker;
    private TlbHierarchy tlbs;
    private TlbHierarchy unifiedOnly;
    private Map<Long, Long> hashTlb;
    private long[] stream;
    private int cursor;
    /** Walk references so far (both variants must agree on the same stream). */
    long walkRefs;

    @Setup
    public void setup() {
        long bytes = (long) workingSetMib << 20;
        stage1 = new PageTable(Granule.G4K, 4, TABLES);
        for (long off = 0; off < bytes; off += 4096) {
            stage1.map(VA + off, IPA + off, 4096, RW);
        }
        stage2 = new PageTable(Granule.G4K, 3, 0);
        for (long off = 0; off < bytes; off += 4096) {
            stage2.map(IPA + off, IPA + off + (1L << 30), 4096, RW);
        }
        for (long t = 0; t < stage1.tables(); t++) {
            stage2.map(TABLES + t * 4096, TABLES + t * 4096 + (1L << 30), 4096, RW);
        }
        walker = new TwoDimensionalWalk(0);
        tlbs = new TlbHierarchy(32, 32, 1024, 4);
        unifiedOnly = new TlbHierarchy(0, 1, 1024, 4);
        hashTlb = new LinkedHashMap<>(2 * ENTRIES, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > ENTRIES;
            }
        };
        SplittableRandom r = new SplittableRandom(1);
        stream = new long[1 << 16];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = VA + (r.nextLong(bytes) & ~63L);
        }
        cursor = 0;
        walkRefs = 0;
    }

    /** The nvsim TLB model: primitive arrays, set-associative, LRU. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long nvsimTlb() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            long va = stream[cursor];
            cursor = (cursor + 1) & (stream.length - 1);
            if (tlbs.lookup(1, 1, va) == 0) {
                walker.walk(stage1, stage2, va, false);
                walkRefs += walker.refs();
                tlbs.insert(1, 1, va, walker.sizeShift(), walker.pa() & ~4095L, walker.ipa() & ~4095L, walker.leafLevel(),
                    walker.permissions());
            }
            sum += tlbs.translate(va);
        }
        return sum;
    }

    /** The nvsim TLB model with one level only (the unified TLB), like the baseline. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long nvsimUnifiedOnly() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            long va = stream[cursor];
            cursor = (cursor + 1) & (stream.length - 1);
            if (unifiedOnly.lookup(1, 1, va) == 0) {
                walker.walk(stage1, stage2, va, false);
                walkRefs += walker.refs();
                unifiedOnly.insert(1, 1, va, walker.sizeShift(), walker.pa() & ~4095L, walker.ipa() & ~4095L, walker.leafLevel(),
                    walker.permissions());
            }
            sum += unifiedOnly.translate(va);
        }
        return sum;
    }

    /** Baseline: a HashMap-based TLB (boxed keys and values) in front of the same walks. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long hashMapTlb() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            long va = stream[cursor];
            cursor = (cursor + 1) & (stream.length - 1);
            long key = (1L << 56) | (1L << 48) | (va >>> 12);
            Long pa = hashTlb.get(key);
            if (pa == null) {
                walker.walk(stage1, stage2, va, false);
                walkRefs += walker.refs();
                pa = walker.pa() & ~4095L;
                hashTlb.put(key, pa);
            }
            sum += pa | (va & 4095);
        }
        return sum;
    }
}
