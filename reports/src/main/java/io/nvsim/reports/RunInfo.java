package io.nvsim.reports;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved scenario of a run, recorded beside its results (as gem5's config.ini): the tool
 * version, the cost profile and its calibration residuals, every parameter with its value, unit,
 * provenance and where it was set, the seed and the configuration hash.
 */
public record RunInfo(String version, CostProfile profile, ParameterSet parameters) {

    /** The version of nvsim, from the jar manifest (or "dev" when run from classes). */
    public static String toolVersion() {
        String v = RunInfo.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    public long seed() {
        return (long) parameters.value("sim.seed");
    }

    /** A JSON-ready, ordered map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nvsim_version", version);
        m.put("profile", profile.machine());
        m.put("profile_description", profile.description());
        m.put("config_hash", parameters.hash());
        m.put("seed", seed());
        List<Map<String, Object>> residuals = new ArrayList<>();
        for (CostProfile.Residual r : profile.residuals()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("target", r.target());
            row.put("published", r.published());
            row.put("model", r.model());
            row.put("error_percent", r.errorPercent());
            residuals.add(row);
        }
        m.put("calibration_residuals", residuals);
        List<Map<String, Object>> params = new ArrayList<>();
        for (Parameter p : parameters.all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            row.put("value", p.value() == Math.rint(p.value()) ? (Object) (long) p.value() : (Object) p.value());
            row.put("unit", p.unit());
            row.put("provenance", p.provenance());
            row.put("set_by", p.origin());
            params.add(row);
        }
        m.put("parameters", params);
        return m;
    }
}
