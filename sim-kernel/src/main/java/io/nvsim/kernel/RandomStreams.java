package io.nvsim.kernel;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The seeded random streams of one run: each component asks for its own stream by a stable
 * name, and gets a generator whose seed is derived from the run's seed and that name only.
 * Adding a component, or asking in another order, never changes another component's stream.
 *
 * <pre>{@code
 * RandomStreams streams = new RandomStreams(42);
 * SplittableRandom arrivals = streams.stream("workload.arrivals");
 * }</pre>
 */
public final class RandomStreams {
    private final long runSeed;

    public RandomStreams(long runSeed) {
        this.runSeed = runSeed;
    }

    public long runSeed() {
        return runSeed;
    }

    /** A fresh generator for the component called {@code name}. */
    public SplittableRandom stream(String name) {
        return new SplittableRandom(derivedSeed(name));
    }

    /** The seed of the stream called {@code name}: SplitMix64 of the run seed mixed with FNV-1a of the name. */
    public long derivedSeed(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x100000001b3L;
        }
        return mix(runSeed ^ mix(hash));
    }

    /** Seed of replication {@code index} of a base seed (for sweeps). */
    public static long replicationSeed(long baseSeed, int index) {
        return mix(baseSeed + 0x9E3779B97F4A7C15L * (index + 1));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
