package io.nvsim.workloads.memory;

import io.nvsim.kernel.InputException;
import java.util.SplittableRandom;

/**
 * Which byte of the working set the i-th access touches: {@code 0} sequential (a fixed stride,
 * wrapping), {@code 1} uniformly random, {@code 2} Zipf-distributed over pages (rank 0 hottest,
 * exponent {@code s}) with a random line in the page. Offsets are 64-byte aligned. Zipf sampling
 * uses a cumulative table built once, then a binary search: allocation-free per access.
 */
final class AccessPattern {
    static final int SEQUENTIAL = 0;
    static final int RANDOM = 1;
    static final int ZIPF = 2;
    private static final int MAX_ZIPF_PAGES = 1 << 22;

    private final int kind;
    private final long bytes;
    private final long pageSize;
    private final long stride;
    private final double[] cdf;

    AccessPattern(String parameter, int kind, long bytes, long pageSize, long stride, double zipfExponent) {
        if (kind < SEQUENTIAL || kind > ZIPF) {
            throw new InputException(parameter + "=" + kind + " is not a pattern; valid: 0 (sequential), 1 (random), 2 (zipf)");
        }
        if (stride < 1) {
            throw new InputException("stride must be at least 1 byte, found " + stride);
        }
        this.kind = kind;
        this.bytes = bytes;
        this.pageSize = pageSize;
        this.stride = stride;
        if (kind == ZIPF) {
            long pages = bytes / pageSize;
            if (pages > MAX_ZIPF_PAGES) {
                throw new InputException(parameter + "=2 (zipf) supports at most " + MAX_ZIPF_PAGES + " pages; working_set / page_size = " + pages);
            }
            if (!(zipfExponent > 0)) {
                throw new InputException("zipf exponent must be positive, found " + zipfExponent);
            }
            cdf = new double[(int) pages];
            double sum = 0;
            for (int r = 0; r < cdf.length; r++) {
                sum += 1.0 / Math.pow(r + 1, zipfExponent);
                cdf[r] = sum;
            }
            for (int r = 0; r < cdf.length; r++) {
                cdf[r] /= sum;
            }
        } else {
            cdf = null;
        }
    }

    /** Byte offset into the working set of access {@code i}. */
    long offset(long i, SplittableRandom random) {
        switch (kind) {
            case SEQUENTIAL:
                return (i * stride) % bytes & ~63L;
            case RANDOM:
                return random.nextLong(bytes) & ~63L;
            default:
                double u = random.nextDouble();
                int lo = 0;
                int hi = cdf.length - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cdf[mid] < u) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                return lo * pageSize + (random.nextLong(pageSize) & ~63L);
        }
    }
}
