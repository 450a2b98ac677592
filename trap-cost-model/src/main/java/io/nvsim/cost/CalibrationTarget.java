package io.nvsim.cost;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A published figure a profile is fit to (or checked against): which benchmark and config it
 * measures, which metric, the value and its source. {@code fit} targets enter the least-squares
 * fit; the others are checks whose agreement is reported but not optimised for.
 */
public record CalibrationTarget(String name, String machine, String benchmark, String config, String metric,
                                double value, String source, boolean fit) {

    /** The targets of {@code nvsim/calibration/targets.yaml} for one machine. */
    public static List<CalibrationTarget> builtIn(String machine) {
        String resource = "nvsim/calibration/targets.yaml";
        InputStream in = CalibrationTarget.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (in) {
            LocatedYaml.Node root = LocatedYaml.parse(resource, in);
            List<CalibrationTarget> targets = new ArrayList<>();
            for (LocatedYaml.Node t : root.require("targets").items()) {
                CalibrationTarget target = new CalibrationTarget(t.require("name").text(), t.require("machine").text(),
                    t.require("benchmark").text(), t.require("config").text(), t.require("metric").text(),
                    t.require("value").number(), t.require("source").text(),
                    Boolean.parseBoolean(t.require("fit").text()));
                if (target.machine().equals(machine)) {
                    targets.add(target);
                }
            }
            return targets;
        } catch (IOException e) {
            throw new InputException(resource, 0, e.getMessage());
        }
    }
}
