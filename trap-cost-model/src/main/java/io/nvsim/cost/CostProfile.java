package io.nvsim.cost;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost profile of one machine: every per-primitive cost and machine property as a named
 * {@link Parameter} with unit and provenance, plus the calibration residuals the profile was fit
 * with. Profiles are YAML files; the built-in ones ship in the jar under {@code nvsim/profiles/}.
 *
 * <pre>{@code
 * CostProfile xgene = CostProfile.builtIn("xgene-m400");
 * long trap = xgene.parameters().cycles("cost.trap_entry_cycles");
 * }</pre>
 */
public final class CostProfile {
    /** The built-in profiles, by machine name. */
    public static final List<String> BUILT_IN = List.of("xgene-m400", "seattle", "neoverse-n1", "graviton3", "ampereone");

    /** One recorded residual of the calibration the profile was fit with. */
    public record Residual(String target, double published, double model, double errorPercent) {
    }

    private final String machine;
    private final String description;
    private final String source;
    private final ParameterSet parameters;
    private final List<Residual> residuals;
    private final String calibrationCommand;

    public CostProfile(String machine, String description, String source, ParameterSet parameters,
                       List<Residual> residuals, String calibrationCommand) {
        this.machine = machine;
        this.description = description;
        this.source = source;
        this.parameters = parameters;
        this.residuals = List.copyOf(residuals);
        this.calibrationCommand = calibrationCommand;
    }

    public String machine() {
        return machine;
    }

    public String description() {
        return description;
    }

    /** Where the profile was read from (resource path or file). */
    public String source() {
        return source;
    }

    public ParameterSet parameters() {
        return parameters;
    }

    public List<Residual> residuals() {
        return residuals;
    }

    public String calibrationCommand() {
        return calibrationCommand;
    }

    /** Loads a built-in profile by machine name; an {@link InputException} listing the valid names if unknown. */
    public static CostProfile builtIn(String machine) {
        String resource = "nvsim/profiles/" + machine + ".yaml";
        InputStream in = CostProfile.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new InputException("unknown cost profile '" + machine + "'; built-in profiles: " + String.join(", ", BUILT_IN));
        }
        try (in) {
            return parse(resource, LocatedYaml.parse(resource, in));
        } catch (IOException e) {
            throw new InputException(resource, 0, e.getMessage());
        }
    }

    /** Loads a profile from a YAML file of the same schema as the built-in ones. */
    public static CostProfile fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), 0, "no such profile file");
        }
        try (var reader = Files.newBufferedReader(file)) {
            return parse(file.toString(), LocatedYaml.parse(file.toString(), reader));
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    /** Parses the profile schema: {@code machine}, {@code description}, {@code parameters}, optional {@code calibration}. */
    public static CostProfile parse(String file, LocatedYaml.Node root) {
        String machine = root.require("machine").text();
        LocatedYaml.Node desc = root.get("description");
        LocatedYaml.Node base = root.get("extends");
        List<Parameter> params;
        if (base == null) {
            params = parseParameters(file, root.require("parameters"));
        } else {
            params = derive(file, builtIn(base.text()).parameters(), root.require("parameters"));
        }
        List<Residual> residuals = new ArrayList<>();
        String command = "";
        LocatedYaml.Node cal = root.get("calibration");
        if (cal != null) {
            LocatedYaml.Node cmd = cal.get("command");
            command = cmd == null ? "" : cmd.text();
            LocatedYaml.Node res = cal.get("residuals");
            if (res != null) {
                for (LocatedYaml.Node r : res.items()) {
                    residuals.add(new Residual(r.require("target").text(), r.require("published").number(),
                        r.require("model").number(), r.require("error_percent").number()));
                }
            }
        }
        return new CostProfile(machine, desc == null ? "" : desc.text(), file, new ParameterSet(params), residuals, command);
    }

    /**
     * A derived profile ({@code extends: MACHINE}): the base profile's parameters, with the values
     * (and, where given, units, provenance and {@code free}) this file overrides. A derived profile
     * cannot invent parameters: an unknown name is an error that lists the valid ones.
     */
    private static List<Parameter> derive(String file, ParameterSet base, LocatedYaml.Node node) {
        List<Parameter> params = new ArrayList<>(base.all());
        params.replaceAll(p -> new Parameter(p.name(), p.unit(), p.value(), p.provenance(), p.origin(), false));
        for (var e : node.entries().entrySet()) {
            LocatedYaml.Node p = e.getValue();
            if (!base.has(e.getKey())) {
                throw p.error("unknown parameter '" + e.getKey() + "' (a derived profile overrides its base's parameters); valid names: "
                    + String.join(", ", base.all().stream().map(Parameter::name).toList()));
            }
            if (!p.isMapping()) {
                throw p.error("parameter '" + e.getKey() + "' needs value and provenance");
            }
            Parameter old = base.parameter(e.getKey());
            LocatedYaml.Node unit = p.get("unit");
            LocatedYaml.Node free = p.get("free");
            Parameter q = new Parameter(e.getKey(), unit == null ? old.unit() : unit.text(), p.require("value").number(),
                p.require("provenance").text(), file + ":" + p.line(), free != null && Boolean.parseBoolean(free.text()));
            params.replaceAll(x -> x.name().equals(q.name()) ? q : x);
        }
        return params;
    }

    /**
     * Reads a resource file of parameter defaults ({@code parameters:} in the profile schema), e.g.
     * a workload's own parameters shipped in its jar.
     */
    public static List<Parameter> parametersResource(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parseParameters(resource, LocatedYaml.parse(resource, in).require("parameters"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Parses a {@code parameters:} mapping whose entries are
     * {@code name: {value: V, unit: U, provenance: P, free: false}}.
     */
    public static List<Parameter> parseParameters(String file, LocatedYaml.Node node) {
        List<Parameter> params = new ArrayList<>();
        for (var e : node.entries().entrySet()) {
            LocatedYaml.Node p = e.getValue();
            if (!p.isMapping()) {
                throw p.error("parameter '" + e.getKey() + "' needs value, unit and provenance");
            }
            for (String key : p.entries().keySet()) {
                if (!List.of("value", "unit", "provenance", "free").contains(key)) {
                    throw p.get(key).error("unknown key '" + key + "' in parameter '" + e.getKey() + "'; valid keys: value, unit, provenance, free");
                }
            }
            LocatedYaml.Node free = p.get("free");
            params.add(new Parameter(e.getKey(), p.require("unit").text(), p.require("value").number(),
                p.require("provenance").text(), file + ":" + p.line(),
                free != null && Boolean.parseBoolean(free.text())));
        }
        return params;
    }
}
