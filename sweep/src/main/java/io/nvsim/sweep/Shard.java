package io.nvsim.sweep;

import io.nvsim.kernel.InputException;

/**
 * Slice {@code index} of {@code count} of a sweep's points: a contiguous block, so that the
 * shards of a Slurm job array ({@code --shard $SLURM_ARRAY_TASK_ID/N}) cover every point once.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    /** Parses "i/n" with 0 &lt;= i &lt; n. */
    public static Shard parse(String text) {
        String[] p = text.split("/");
        try {
            if (p.length == 2) {
                Shard s = new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
                if (s.count >= 1 && s.index >= 0 && s.index < s.count) {
                    return s;
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InputException("--shard " + text + ": expected i/n with 0 <= i < n, e.g. --shard 0/4");
    }

    /** First point of this shard among {@code total}. */
    public int from(int total) {
        return (int) ((long) total * index / count);
    }

    /** One past the last point of this shard. */
    public int to(int total) {
        return (int) ((long) total * (index + 1) / count);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
