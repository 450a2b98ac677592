package io.nvsim.workloads;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import java.util.List;

/**
 * The full parameter set of a run: a machine's cost profile plus the scenario's own parameters
 * ({@code nvsim/scenario-defaults.yaml}: seed, operation counts, think time), before overrides.
 */
public final class ScenarioParameters {
    private ScenarioParameters() {
    }

    /** The scenario defaults shipped in the jar. */
    public static List<Parameter> defaults() {
        return CostProfile.parametersResource(ScenarioParameters.class.getClassLoader(), "nvsim/scenario-defaults.yaml");
    }

    /** A profile's parameters with the scenario defaults added. */
    public static ParameterSet of(CostProfile profile) {
        return profile.parameters().plus(defaults());
    }

    /** A profile's parameters, the scenario defaults and every workload's own parameters. */
    public static ParameterSet withWorkloads(CostProfile profile) {
        ParameterSet p = of(profile);
        for (Workload w : Workloads.all()) {
            for (Parameter q : w.parameters()) {
                if (!p.has(q.name())) {
                    p = p.plus(List.of(q));
                }
            }
        }
        return p;
    }
}
