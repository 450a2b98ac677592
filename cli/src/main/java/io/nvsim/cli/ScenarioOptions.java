package io.nvsim.cli;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.workloads.ScenarioParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every simulating command shares: the cost profile and parameter overrides. */
public final class ScenarioOptions {
    @Option(names = "--profile", paramLabel = "MACHINE", defaultValue = "xgene-m400",
        description = "built-in cost profile (default: ${DEFAULT-VALUE}; built-in: xgene-m400)")
    String profile;

    @Option(names = "--profile-file", paramLabel = "FILE", description = "a cost profile YAML file instead of a built-in one")
    Path profileFile;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of parameter overrides (name: value)")
    Path configFile;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override one parameter, e.g. --set cost.trap_entry_cycles=100 (repeatable)")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "the run's seed (same as --set sim.seed=N)")
    Long seed;

    /** The cost profile chosen. */
    public CostProfile costProfile() {
        return profileFile != null ? CostProfile.fromFile(profileFile) : CostProfile.builtIn(profile);
    }

    /** Profile + scenario defaults, then --config, then --set, then --seed. */
    public ParameterSet resolve(CostProfile costProfile) {
        ParameterSet p = ScenarioParameters.withWorkloads(costProfile);
        if (configFile != null) {
            p = Overrides.applyFile(p, configFile);
        }
        p = Overrides.applyAssignments(p, assignments);
        if (seed != null) {
            p = p.with("sim.seed", seed, "--seed", null, 0);
        }
        return p;
    }
}
