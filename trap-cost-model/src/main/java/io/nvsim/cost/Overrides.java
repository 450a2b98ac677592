package io.nvsim.cost;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * User overrides of parameters: {@code --config FILE} (a YAML mapping of {@code name: value},
 * optionally under a {@code parameters:} key) and {@code --set name=value}, applied in that order.
 * An unknown name or a non-numeric value is an {@link InputException} that names the file and line
 * (or the argument) and lists the valid names.
 */
public final class Overrides {
    private Overrides() {
    }

    /** Applies a config file. */
    public static ParameterSet applyFile(ParameterSet base, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), 0, "no such config file (and not a configuration name: vm, pv-nonvhe, pv-vhe, nv-nonvhe, nv-vhe, nv2-nonvhe, nv2-vhe)");
        }
        LocatedYaml.Node root;
        try (var reader = Files.newBufferedReader(file)) {
            root = LocatedYaml.parse(file.toString(), reader);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        return applyTree(base, root, file.toString());
    }

    /** Applies an already-parsed config tree (used by tests and sweeps). */
    public static ParameterSet applyTree(ParameterSet base, LocatedYaml.Node root, String file) {
        if (!root.isMapping()) {
            throw root.error("expected a mapping of parameter: value");
        }
        LocatedYaml.Node params = root.get("parameters");
        LocatedYaml.Node map = params != null && root.entries().size() == 1 ? params : root;
        ParameterSet result = base;
        for (var e : map.entries().entrySet()) {
            LocatedYaml.Node v = e.getValue();
            double value = v.isMapping() ? v.require("value").number() : v.number();
            result = result.with(e.getKey(), value, file + ":" + v.line(), file, v.line());
        }
        return result;
    }

    /** Applies {@code name=value} assignments from the command line. */
    public static ParameterSet applyAssignments(ParameterSet base, List<String> assignments) {
        ParameterSet result = base;
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new InputException("--set " + a + ": expected name=value, e.g. --set cost.trap_entry_cycles=100");
            }
            String name = a.substring(0, eq).trim();
            String text = a.substring(eq + 1).trim();
            double value;
            try {
                value = parseValue(text);
            } catch (NumberFormatException e) {
                throw new InputException("--set " + a + ": expected a number for " + name + ", found '" + text + "'");
            }
            if (!result.has(name)) {
                throw new InputException("--set " + a + ": unknown parameter '" + name + "'; valid names: "
                    + String.join(", ", result.all().stream().map(Parameter::name).toList()));
            }
            result = result.with(name, value, "--set", null, 0);
        }
        return result;
    }

    /** Numbers, with optional underscores, "true"/"false", and binary size suffixes k, m, g (4k = 4096). */
    static double parseValue(String text) {
        String t = text.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        if (t.equals("true")) {
            return 1;
        }
        if (t.equals("false")) {
            return 0;
        }
        long scale = 1;
        if (t.endsWith("k")) {
            scale = 1L << 10;
        } else if (t.endsWith("m")) {
            scale = 1L << 20;
        } else if (t.endsWith("g")) {
            scale = 1L << 30;
        }
        if (scale != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Double.parseDouble(t) * scale;
    }
}
