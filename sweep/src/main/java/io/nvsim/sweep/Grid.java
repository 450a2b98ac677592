package io.nvsim.sweep;

import io.nvsim.kernel.InputException;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a grid (cartesian product, first key outermost) computed on demand from their
 * index, so that a grid of 10^6 points holds only its axes in memory, never its points.
 */
final class Grid extends AbstractList<Map<String, String>> {
    private final List<String> keys;
    private final List<List<String>> values;
    private final int size;

    /** A grid over {@code keys} with the given values each; refused when it has more than 2^31-1 points. */
    Grid(List<String> keys, List<List<String>> values, String file, int line) {
        this.keys = List.copyOf(keys);
        this.values = values.stream().map(List::copyOf).toList();
        long n = 1;
        for (List<String> v : this.values) {
            n = Math.multiplyExact(n, (long) v.size());
            if (n > Integer.MAX_VALUE) {
                throw new InputException(file, line, "the grid has more than " + Integer.MAX_VALUE
                    + " points; expected a grid nvsim can count (split it into several sweeps)");
            }
        }
        this.size = (int) n;
    }

    @Override
    public Map<String, String> get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        String[] chosen = new String[keys.size()];
        int rest = index;
        for (int k = keys.size() - 1; k >= 0; k--) { // the last key varies fastest
            List<String> v = values.get(k);
            chosen[k] = v.get(rest % v.size());
            rest /= v.size();
        }
        Map<String, String> point = new LinkedHashMap<>();
        for (int k = 0; k < chosen.length; k++) {
            point.put(keys.get(k), chosen[k]);
        }
        return point;
    }

    @Override
    public int size() {
        return size;
    }
}
