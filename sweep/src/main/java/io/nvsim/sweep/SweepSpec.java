package io.nvsim.sweep;

import io.nvsim.cost.LocatedYaml;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.Workloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep specification (YAML): the workload(s), a grid (cartesian product, first key outermost)
 * or an explicit list of points over any scenario parameter, {@code config} and {@code workload},
 * a number of replications with derived seeds, and optional base overrides.
 *
 * <pre>
 * workload: hypercall
 * grid:
 *   config: [vm, pv-nonvhe, nv-nonvhe]
 *   cost.trap_entry_cycles: [40, 70, 100]
 * replications: 3
 * </pre>
 *
 * Every name and value is checked when the spec is read, against the parameters a run would
 * have: a bad spec is one {@link InputException} with file, line and the valid names, and nothing runs.
 * Keys: {@code workload}, {@code config} (a value or a list, used when the grid does not sweep
 * them; config defaults to all seven), {@code grid} or {@code points}, {@code replications}
 * (default 1), {@code seed}, {@code profile}, {@code set} (overrides applied to every point).
 */
public final class SweepSpec {
    private static final List<String> TOP_LEVEL = List.of("workload", "config", "grid", "points", "replications", "seed", "profile", "set");

    private final String file;
    private final List<Map<String, String>> points;
    private final List<String> keys;
    private final int replications;
    private final Long seed;
    private final String profile;
    private final Map<String, String> set;
    private String hash; // computed on first use: a huge grid is refused by its size before it is hashed

    /**
     * The most points a sweep may have without {@code --large-grid} (100,000): beyond it a typo in a
     * grid (one more axis, a list pasted twice) would silently start days of work and gigabytes of output.
     */
    public static final int LARGE_GRID_POINTS = 100_000;

    private SweepSpec(String file, List<String> keys, List<Map<String, String>> points, int replications, Long seed,
                      String profile, Map<String, String> set) {
        this.file = file;
        this.keys = List.copyOf(keys);
        this.points = Collections.unmodifiableList(points);
        this.replications = replications;
        this.seed = seed;
        this.profile = profile;
        this.set = Collections.unmodifiableMap(set);
    }

    /**
     * Refuses a sweep of more than {@link #LARGE_GRID_POINTS} points unless {@code allowLarge}
     * (the {@code --large-grid} flag), before anything runs.
     */
    public void checkSize(boolean allowLarge) {
        if (!allowLarge && points.size() > LARGE_GRID_POINTS) {
            throw new InputException(file, 0, "the sweep has " + points.size() + " points, more than "
                + LARGE_GRID_POINTS + "; expected at most " + LARGE_GRID_POINTS + " points, or add --large-grid to run it anyway");
        }
    }

    public String file() {
        return file;
    }

    /** The assignments of every point, in point order; each has {@code workload} and {@code config}. */
    public List<Map<String, String>> points() {
        return points;
    }

    /** The swept keys in spec order (including workload and config when they vary or are given). */
    public List<String> keys() {
        return keys;
    }

    public int replications() {
        return replications;
    }

    /** The base seed, or null to use the profile's {@code sim.seed}. */
    public Long seed() {
        return seed;
    }

    /** The profile named by the spec, or null. */
    public String profile() {
        return profile;
    }

    public Map<String, String> set() {
        return set;
    }

    /**
     * SHA-256 prefix of the spec's canonical content: a resumed or merged sweep must have the same.
     * Digested point by point, so a large grid is hashed in bounded memory.
     */
    public synchronized String hash() {
        if (hash == null) {
            MessageDigest md = digest();
            update(md, "keys=" + keys + "\npoints=[");
            for (int i = 0; i < points.size(); i++) {
                update(md, (i == 0 ? "" : ", ") + points.get(i));
            }
            update(md, "]\nreplications=" + replications + "\nseed=" + seed + "\nprofile=" + profile + "\nset=" + set);
            hash = hex(md.digest());
        }
        return hash;
    }

    public static SweepSpec read(Path path, ParameterSet available) {
        if (!Files.isRegularFile(path)) {
            throw new InputException(path.toString(), 0, "no such sweep spec");
        }
        try (var reader = Files.newBufferedReader(path)) {
            return parse(path.toString(), LocatedYaml.parse(path.toString(), reader), available);
        } catch (IOException e) {
            throw new InputException(path.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    /** Parses and validates a spec against the parameter names a run would accept. */
    public static SweepSpec parse(String file, LocatedYaml.Node root, ParameterSet available) {
        if (!root.isMapping() || root.entries().isEmpty()) {
            throw new InputException(file, root.line(), "a sweep spec is a mapping with keys " + TOP_LEVEL);
        }
        for (var e : root.entries().entrySet()) {
            if (!TOP_LEVEL.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "'; valid keys: " + String.join(", ", TOP_LEVEL));
            }
        }
        if (root.get("grid") != null && root.get("points") != null) {
            throw root.get("points").error("give either 'grid' (a cartesian product) or 'points' (an explicit list), not both");
        }
        int replications = 1;
        if (root.get("replications") != null) {
            replications = positiveInt(root.get("replications"), "replications");
        }
        Long seed = root.get("seed") == null ? null : (long) integer(root.get("seed"), "seed");
        String profile = root.get("profile") == null ? null : scalar(root.get("profile"), "profile");
        Map<String, String> set = new LinkedHashMap<>();
        if (root.get("set") != null) {
            for (var e : root.get("set").entries().entrySet()) {
                String value = checkValue(e.getKey(), e.getValue(), available);
                // one rule, never a silent choice: a parameter set both here and on the command line with another value is refused
                if (available.has(e.getKey())) {
                    io.nvsim.cost.Parameter given = available.parameter(e.getKey());
                    boolean fromCommandLine = given.origin().startsWith("--set") || given.origin().startsWith("--seed")
                        || given.origin().startsWith("--config");
                    if (fromCommandLine && Double.parseDouble(value) != given.value()) {
                        throw e.getValue().error("set " + e.getKey() + ": " + value + " conflicts with " + given.origin() + " "
                            + e.getKey() + "=" + io.nvsim.cost.ParameterSet.formatValue(given.value())
                            + "; expected one of them (the spec's set: and the command line may not disagree)");
                    }
                }
                set.put(e.getKey(), value);
            }
        }
        // the axes: top-level workload/config when not swept, then the grid or the points
        LinkedHashMap<String, List<String>> axes = new LinkedHashMap<>();
        LinkedHashMap<String, LocatedYaml.Node> axisNodes = new LinkedHashMap<>();
        List<Map<String, String>> explicit = null;
        if (root.get("grid") != null) {
            LocatedYaml.Node grid = root.get("grid");
            if (!grid.isMapping() || grid.entries().isEmpty()) {
                throw grid.error("the grid is empty: give at least one key with a list of values");
            }
            for (var e : grid.entries().entrySet()) {
                axisNodes.put(e.getKey(), e.getValue());
            }
        } else if (root.get("points") != null) {
            LocatedYaml.Node list = root.get("points");
            if (!list.isSequence() || list.items().isEmpty()) {
                throw list.error("'points' must be a non-empty list of mappings");
            }
            explicit = new ArrayList<>();
            for (LocatedYaml.Node p : list.items()) {
                if (!p.isMapping() || p.entries().isEmpty()) {
                    throw p.error("each point is a mapping of name: value");
                }
                Map<String, String> point = new LinkedHashMap<>();
                for (var e : p.entries().entrySet()) {
                    point.put(e.getKey(), checkValue(e.getKey(), e.getValue(), available));
                }
                explicit.add(point);
            }
        } else {
            throw root.error("the spec has neither 'grid' nor 'points'");
        }
        List<String> keys = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        List<Map<String, String>> points = new ArrayList<>();
        if (explicit == null) {
            for (String fixed : List.of("workload", "config")) {
                if (!axisNodes.containsKey(fixed)) {
                    keys.add(fixed);
                    values.add(topLevelValues(root, fixed, available));
                }
            }
            for (var e : axisNodes.entrySet()) {
                LocatedYaml.Node n = e.getValue();
                List<String> v = new ArrayList<>();
                if (n.isSequence()) {
                    if (n.items().isEmpty()) {
                        throw n.error("grid key '" + e.getKey() + "' has no values");
                    }
                    for (LocatedYaml.Node item : n.items()) {
                        v.add(checkValue(e.getKey(), item, available));
                    }
                } else {
                    v.add(checkValue(e.getKey(), n, available));
                }
                keys.add(e.getKey());
                values.add(v);
            }
            points = new Grid(keys, values, file, root.line());
        } else {
            // explicit points: top-level workload/config (single values) are defaults for points that omit them
            keys.add("workload");
            keys.add("config");
            Map<String, String> defaults = new LinkedHashMap<>();
            for (String fixed : List.of("workload", "config")) {
                LocatedYaml.Node n = root.get(fixed);
                if (n != null) {
                    if (!n.isScalar()) {
                        throw n.error("with explicit points, '" + fixed + "' is a single default value; give lists per point instead");
                    }
                    defaults.put(fixed, checkValue(fixed, n, available));
                }
            }
            for (int i = 0; i < explicit.size(); i++) {
                Map<String, String> full = new LinkedHashMap<>(defaults);
                full.putAll(explicit.get(i));
                for (String fixed : List.of("workload", "config")) {
                    if (!full.containsKey(fixed)) {
                        throw root.get("points").items().get(i).error("point " + i + " has no " + fixed
                            + "; give it in the point or as a top-level default");
                    }
                }
                Map<String, String> ordered = new LinkedHashMap<>();
                ordered.put("workload", full.get("workload"));
                ordered.put("config", full.get("config"));
                full.forEach(ordered::putIfAbsent);
                points.add(ordered);
                for (String k : ordered.keySet()) {
                    if (!keys.contains(k)) {
                        keys.add(k);
                    }
                }
            }
        }
        return new SweepSpec(file, keys, points, replications, seed, profile, set);
    }

    /** A top-level workload or config: one value or a list; config defaults to all seven. */
    private static List<String> topLevelValues(LocatedYaml.Node root, String key, ParameterSet available) {
        List<String> v = new ArrayList<>();
        LocatedYaml.Node n = root.get(key);
        if (n == null) {
            if (key.equals("workload")) {
                throw root.error("no workload: give 'workload: NAME' or sweep it; valid workloads: " + String.join(", ", Workloads.names()));
            }
            v.addAll(NestingConfig.names());
        } else if (n.isSequence()) {
            for (LocatedYaml.Node item : n.items()) {
                v.add(checkValue(key, item, available));
            }
            if (v.isEmpty()) {
                throw n.error("'" + key + "' has no values");
            }
        } else {
            v.add(checkValue(key, n, available));
        }
        return v;
    }

    /** Checks one value of a key: a config name, a workload name, or a number for a known parameter. */
    private static String checkValue(String key, LocatedYaml.Node node, ParameterSet available) {
        String text = scalar(node, key);
        switch (key) {
            case "config":
                if (!NestingConfig.isName(text)) {
                    try {
                        NestingConfig.parse(text);
                    } catch (InputException e) {
                        throw node.error(e.getMessage()); // the message lists the valid names; the node adds file and line
                    }
                }
                return text;
            case "workload":
                if (!Workloads.names().contains(text)) {
                    throw node.error("unknown workload '" + text + "'; valid workloads: " + String.join(", ", Workloads.names()));
                }
                return text;
            default:
                if (!available.has(key)) {
                    throw node.error("unknown parameter '" + key + "'; valid names: config, workload, "
                        + String.join(", ", available.all().stream().map(p -> p.name()).toList()));
                }
                try {
                    io.nvsim.cost.Overrides.applyAssignments(available, List.of(key + "=" + text));
                } catch (InputException e) {
                    throw node.error("'" + key + "' needs a number (e.g. 100, 4k, true), found '" + text + "'");
                }
                return text;
        }
    }

    private static String scalar(LocatedYaml.Node node, String key) {
        if (!node.isScalar() || node.text() == null || node.text().isBlank()) {
            throw node.error("'" + key + "' needs a single value here");
        }
        return node.text().trim();
    }

    private static int positiveInt(LocatedYaml.Node node, String key) {
        int v = integer(node, key);
        if (v < 1) {
            throw node.error("'" + key + "' must be at least 1, found " + v);
        }
        return v;
    }

    private static int integer(LocatedYaml.Node node, String key) {
        String t = scalar(node, key);
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw node.error("'" + key + "' must be an integer, found '" + t + "'");
        }
    }

    static String sha(String text) {
        MessageDigest md = digest();
        update(md, text);
        return hex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest md, String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] digest) {
        StringBuilder sb = new StringBuilder();
        for (byte b : digest) {
            sb.append(String.format("%02x", b));
        }
        return sb.substring(0, 16);
    }
}
