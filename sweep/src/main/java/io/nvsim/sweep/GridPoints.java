package io.nvsim.sweep;

import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a grid (a cartesian product, first key outermost), computed on demand from the axes: a grid of 10^6
 * points holds its axes, not 10^6 maps. {@code get(i)} decodes {@code i} in mixed radix over the axes' lengths.
 *
 * <pre>{@code
 * List<Map<String, String>> p = new GridPoints(List.of("a", "b"), List.of(List.of("1", "2"), List.of("x", "y", "z")));
 * p.size();   // 6; p.get(4) = {a=2, b=y}
 * }</pre>
 */
final class GridPoints extends AbstractList<Map<String, String>> {
    private final List<String> keys;
    private final List<List<String>> values;
    private final int size;

    GridPoints(List<String> keys, List<List<String>> values) {
        this.keys = List.copyOf(keys);
        this.values = values.stream().map(List::copyOf).toList();
        long n = 1;
        for (List<String> v : this.values) {
            n *= v.size();
            if (n > Integer.MAX_VALUE) {
                throw new io.nvsim.kernel.InputException("the grid has more than " + Integer.MAX_VALUE + " points; expected fewer");
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
        for (int k = keys.size() - 1; k >= 0; k--) {
            List<String> v = values.get(k);
            chosen[k] = v.get(rest % v.size());
            rest /= v.size();
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < keys.size(); k++) {
            m.put(keys.get(k), chosen[k]);
        }
        return m;
    }

    @Override
    public int size() {
        return size;
    }
}
