package io.nvsim.workloads;

import io.nvsim.cost.LocatedYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog of metrics ({@code nvsim/metrics.yaml}): unit, better direction and description of
 * every metric a workload may report, exact names or families ending in {@code *}. A result's
 * metrics are described by looking them up here; a metric the catalog does not know is a bug
 * (MetricCatalogTest runs every workload against it).
 */
public final class MetricCatalog {
    private static final String RESOURCE = "nvsim/metrics.yaml";
    private static final Map<String, String[]> EXACT = new LinkedHashMap<>();
    private static final Map<String, String[]> FAMILIES = new LinkedHashMap<>();

    static {
        try (InputStream in = MetricCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            LocatedYaml.Node root = LocatedYaml.parse(RESOURCE, in);
            for (Map.Entry<String, LocatedYaml.Node> e : root.require("metrics").entries().entrySet()) {
                LocatedYaml.Node n = e.getValue();
                String direction = n.require("direction").text();
                if (!MetricDescriptor.DIRECTIONS.contains(direction)) {
                    throw n.error("direction '" + direction + "'; expected one of " + MetricDescriptor.DIRECTIONS);
                }
                String[] d = {n.require("unit").text(), direction, n.require("description").text()};
                if (e.getKey().endsWith("*")) {
                    FAMILIES.put(e.getKey().substring(0, e.getKey().length() - 1), d);
                } else {
                    EXACT.put(e.getKey(), d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MetricCatalog() {
    }

    /** Whether the catalog describes {@code name}. */
    public static boolean knows(String name) {
        return entry(name) != null;
    }

    /** The descriptor of {@code name}; {@code headline} if it is its result's first metric. */
    public static MetricDescriptor describe(String name, boolean headline) {
        String[] d = entry(name);
        if (d == null) {
            throw new IllegalStateException("metric " + name + " is not described in " + RESOURCE);
        }
        return new MetricDescriptor(name, d[0], headline, d[1], d[2]);
    }

    /** Descriptors of {@code names} in their order, the first the headline. */
    public static List<MetricDescriptor> describe(Iterable<String> names) {
        List<MetricDescriptor> list = new ArrayList<>();
        for (String n : names) {
            list.add(describe(n, list.isEmpty()));
        }
        return Collections.unmodifiableList(list);
    }

    private static String[] entry(String name) {
        String[] d = EXACT.get(name);
        if (d != null) {
            return d;
        }
        for (Map.Entry<String, String[]> f : FAMILIES.entrySet()) {
            if (name.startsWith(f.getKey())) {
                return f.getValue();
            }
        }
        return null;
    }
}
