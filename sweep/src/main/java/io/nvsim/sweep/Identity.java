package io.nvsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What produced a sweep directory, recorded in its {@code sweep.json}: the nvsim version, the profile, the hash of the
 * resolved base parameters (profile, {@code --config}, {@code --set}, {@code --seed}) and every one of their values, so
 * that {@code --resume} and {@code merge} can refuse to mix two models and name the first parameter that differs.
 */
final class Identity {
    private Identity() {
    }

    static void record(Map<String, Object> manifest, ParameterSet base) {
        manifest.put("nvsim_version", io.nvsim.reports.RunInfo.toolVersion());
        manifest.put("base_hash", base.hash());
        Map<String, Object> values = new TreeMap<>();
        for (Parameter p : base.all()) {
            values.put(p.name(), p.value());
        }
        manifest.put("base_parameters", values);
    }

    /** The first difference between a recorded identity and this run's profile and parameters, or null. */
    static String firstDifference(JsonNode recorded, String profile, ParameterSet base) {
        if (!recorded.has("base_hash")) {
            return "the directory records no model identity (written by an older nvsim)";
        }
        if (!profile.equals(recorded.path("profile").asText())) {
            return "it was run with --profile " + recorded.path("profile").asText() + ", this run uses " + profile;
        }
        if (recorded.path("base_hash").asText().equals(base.hash())) {
            return null;
        }
        JsonNode values = recorded.path("base_parameters");
        for (Parameter p : base.all()) {
            JsonNode v = values.get(p.name());
            if (v == null) {
                return "parameter " + p.name() + " did not exist when it was run";
            }
            if (v.asDouble() != p.value()) {
                return p.name() + " was " + ParameterSet.formatValue(v.asDouble()) + ", this run sets "
                    + ParameterSet.formatValue(p.value()) + " (" + p.origin() + ")";
            }
        }
        return "its parameters differ (hash " + recorded.path("base_hash").asText() + ", this run " + base.hash() + ")";
    }

    /** The first difference between two recorded identities (two shards), or null. */
    static String firstDifference(JsonNode a, JsonNode b) {
        if (!a.has("base_hash") || !b.has("base_hash")) {
            return a.has("base_hash") == b.has("base_hash") ? null : "one shard records no model identity";
        }
        if (!a.path("profile").asText().equals(b.path("profile").asText())) {
            return "profile " + b.path("profile").asText() + " against " + a.path("profile").asText();
        }
        if (a.path("base_hash").asText().equals(b.path("base_hash").asText())) {
            return null;
        }
        JsonNode va = a.path("base_parameters");
        JsonNode vb = b.path("base_parameters");
        for (Iterator<String> it = va.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!vb.has(name) || vb.get(name).asDouble() != va.get(name).asDouble()) {
                return name + " = " + (vb.has(name) ? ParameterSet.formatValue(vb.get(name).asDouble()) : "absent") + " against "
                    + ParameterSet.formatValue(va.get(name).asDouble());
            }
        }
        return "their parameters differ (hash " + b.path("base_hash").asText() + " against " + a.path("base_hash").asText() + ")";
    }
}
