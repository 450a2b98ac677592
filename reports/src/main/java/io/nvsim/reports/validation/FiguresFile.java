package io.nvsim.reports.validation;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.LocatedYaml;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.Microbenchmark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the validation figures file ({@code nvsim/validation/figures.yaml}, or one given): every entry checked before
 * anything runs, and a bad one refused with file, line, value and what was expected.
 *
 * <pre>{@code
 * List<Figure> figures = FiguresFile.builtIn();
 * }</pre>
 */
public final class FiguresFile {
    /** The built-in figures file (a resource of the reports module). */
    public static final String RESOURCE = "nvsim/validation/figures.yaml";
    private static final Set<String> METRICS = Set.of("cycles_per_op", "traps_per_op", "native_cycles");
    private static final Set<String> KEYS = Set.of("id", "source", "profile", "config", "set", "workload", "metric", "ratio_to",
        "published", "role", "band_pct", "why", "status", "expected");

    private FiguresFile() {
    }

    public static List<Figure> builtIn() {
        try (InputStream in = FiguresFile.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(LocatedYaml.parse(RESOURCE, in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Figure> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(LocatedYaml.parse(file.toString(), in));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the figures file (" + e.getMessage() + ")");
        }
    }

    static List<Figure> parse(LocatedYaml.Node root) {
        if (!root.isMapping() || root.get("figures") == null || !root.get("figures").isSequence()) {
            throw root.error("expected a mapping with a 'figures:' list");
        }
        List<Figure> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (LocatedYaml.Node n : root.get("figures").items()) {
            Figure f = figure(n);
            if (!ids.add(f.id())) {
                throw n.require("id").error("duplicate figure id '" + f.id() + "'");
            }
            out.add(f);
        }
        return out;
    }

    private static Figure figure(LocatedYaml.Node n) {
        if (!n.isMapping()) {
            throw n.error("expected a figure (a mapping with id, source, ...)");
        }
        for (String k : n.entries().keySet()) {
            if (!KEYS.contains(k)) {
                throw n.get(k).error("unknown key '" + k + "'; expected one of " + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
        String id = n.require("id").text();
        String source = n.require("source").text();
        String why = n.get("why") == null ? "" : n.get("why").text();
        String role = n.require("role").text();
        if (!role.equals("calibration") && !role.equals("prediction")) {
            throw n.get("role").error("role '" + role + "': expected calibration or prediction");
        }
        String status = n.get("status") == null ? "modelled" : n.get("status").text();
        if (!status.equals("modelled") && !status.equals("not-modelled")) {
            throw n.get("status").error("status '" + status + "': expected modelled or not-modelled");
        }
        if (status.equals("not-modelled")) {
            if (why.isBlank()) {
                throw n.error("figure " + id + " is not-modelled: expected a 'why' saying what is missing");
            }
            return new Figure(id, source, false, "", "", Map.of(), "", "", null, null, Double.NaN, Double.NaN, role, Double.NaN,
                false, why, n.file(), n.line());
        }
        String profile = n.require("profile").text();
        if (!CostProfile.BUILT_IN.contains(profile)) {
            throw n.get("profile").error("profile '" + profile + "': expected one of " + String.join(", ", CostProfile.BUILT_IN));
        }
        String config = n.require("config").text();
        if (!NestingConfig.isName(config)) {
            throw n.get("config").error("config '" + config + "' is not a configuration");
        }
        String workload = n.require("workload").text();
        if (!Microbenchmark.ids().contains(workload)) {
            throw n.get("workload").error("workload '" + workload + "': expected a microbenchmark, one of " + Microbenchmark.ids());
        }
        String metric = n.require("metric").text();
        if (!METRICS.contains(metric)) {
            throw n.get("metric").error("metric '" + metric + "': expected one of " + new java.util.TreeSet<>(METRICS));
        }
        Map<String, Double> set = new LinkedHashMap<>();
        if (n.get("set") != null) {
            for (Map.Entry<String, LocatedYaml.Node> e : n.get("set").entries().entrySet()) {
                if (!e.getValue().isNumeric()) {
                    throw e.getValue().error("set " + e.getKey() + ": expected a number, got '" + e.getValue().text() + "'");
                }
                set.put(e.getKey(), e.getValue().number());
            }
        }
        String ratioConfig = null;
        String ratioWorkload = null;
        if (n.get("ratio_to") != null) {
            LocatedYaml.Node r = n.get("ratio_to");
            ratioConfig = r.get("config") == null ? config : r.get("config").text();
            ratioWorkload = r.get("workload") == null ? workload : r.get("workload").text();
            if (!NestingConfig.isName(ratioConfig)) {
                throw r.error("ratio_to config '" + ratioConfig + "' is not a configuration");
            }
            if (!Microbenchmark.ids().contains(ratioWorkload)) {
                throw r.error("ratio_to workload '" + ratioWorkload + "' is not a microbenchmark");
            }
        }
        LocatedYaml.Node p = n.require("published");
        double low;
        double high;
        if (p.isSequence()) {
            if (p.items().size() != 2 || !p.items().get(0).isNumeric() || !p.items().get(1).isNumeric()) {
                throw p.error("published: expected a number or [low, high]");
            }
            low = p.items().get(0).number();
            high = p.items().get(1).number();
        } else {
            if (!p.isNumeric()) {
                throw p.error("published '" + p.text() + "': expected a number or [low, high]");
            }
            low = p.number();
            high = low;
        }
        if (!(low > 0) || high < low) {
            throw p.error("published " + low + ".." + high + ": expected a positive value (low <= high)");
        }
        double band = Double.NaN;
        if (role.equals("prediction")) {
            LocatedYaml.Node b = n.require("band_pct");
            if (!b.isNumeric() || b.number() < 0 || b.number() > 1000) {
                throw b.error("band_pct '" + b.text() + "': expected a percentage in 0..1000");
            }
            if (why.isBlank()) {
                throw n.error("prediction " + id + ": expected a 'why' saying why this band");
            }
            band = b.number();
        }
        boolean expectedOutside = false;
        if (n.get("expected") != null) {
            if (!n.get("expected").text().equals("outside")) {
                throw n.get("expected").error("expected '" + n.get("expected").text() + "': the only value is 'outside'");
            }
            expectedOutside = true;
        }
        return new Figure(id, source, true, profile, config, java.util.Collections.unmodifiableMap(set), workload, metric, ratioConfig, ratioWorkload, low,
            high, role, band, expectedOutside, why, n.file(), n.line());
    }
}
