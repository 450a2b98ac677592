package io.nvsim.cli;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.workloads.ScenarioParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every simulating command shares: the cost profile and parameter overrides. */
public final class ScenarioOptions {
    @Option(names = "--profile", paramLabel = "MACHINE", defaultValue = "xgene-m400",
        description = "built-in cost profile (default: ${DEFAULT-VALUE}; built-in: xgene-m400, seattle, neoverse-n1, graviton3, ampereone)")
    String profile;

    @Option(names = "--profile-file", paramLabel = "FILE", description = "a cost profile YAML file instead of a built-in one")
    Path profileFile;

    @Option(names = "--config", paramLabel = "FILE|CONFIG",
        description = {"a YAML file of parameter overrides (name: value), or the name of a configuration to run",
            "(vm, pv-nonvhe, pv-vhe, nv-nonvhe, nv-vhe, nv2-nonvhe, nv2-vhe; on request pv-xen, nv-xen, nv2-xen;", "on an upstream host (graviton3, ampereone) upstream-vhe, upstream-nvhe); repeatable"})
    List<String> configArgs = new ArrayList<>();

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override one parameter, e.g. --set cost.trap_entry_cycles=100 (repeatable)")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "the run's seed (same as --set sim.seed=N)")
    Long seed;

    /** The cost profile chosen. */
    public CostProfile costProfile() {
        return profileFile != null ? CostProfile.fromFile(profileFile) : CostProfile.builtIn(profile);
    }

    /** The configurations named with --config (a value that is a configuration name, not a file). */
    public List<NestingConfig> namedConfigs() {
        return configArgs.stream().filter(NestingConfig::isName).map(NestingConfig::parse).toList();
    }

    /**
     * The configurations to run on this machine: those named, or the machine's default set (the seven 2017 ones, or on an
     * upstream host vm, upstream-vhe, upstream-nvhe; only vm where the machine lacks FEAT_NV2). Every one is checked
     * against the machine before any work: a configuration its host cannot run is refused (exit 2, one line).
     */
    public List<NestingConfig> configs(List<String> configsOption, ParameterSet parameters) {
        io.nvsim.cpu.exec.UpstreamCosts machine = new io.nvsim.cpu.exec.UpstreamCosts(parameters);
        boolean named = !configsOption.isEmpty() || !namedConfigs().isEmpty();
        List<NestingConfig> list = named ? configs(configsOption) : !machine.upstreamHost ? NestingConfig.ALL
            : machine.nv2 ? NestingConfig.UPSTREAM_DEFAULTS : List.of(NestingConfig.ALL.get(0));
        for (NestingConfig c : list) {
            io.nvsim.cpu.exec.MachineModel.hostOf(c, machine);
        }
        return list;
    }

    /** The configurations to run: those named by --config and --configs, or all seven. */
    public List<NestingConfig> configs(List<String> configsOption) {
        List<NestingConfig> list = new ArrayList<>(namedConfigs());
        for (String c : configsOption) {
            NestingConfig parsed = NestingConfig.parse(c);
            if (!list.contains(parsed)) {
                list.add(parsed);
            }
        }
        return list.isEmpty() ? NestingConfig.ALL : list;
    }

    /** Profile + scenario defaults, then each --config FILE, then --set, then --seed. */
    public ParameterSet resolve(CostProfile costProfile) {
        return resolve(costProfile, List.of());
    }

    /** As {@link #resolve(CostProfile)}, with a workload's own parameters (e.g. trace.*) added before the overrides. */
    public ParameterSet resolve(CostProfile costProfile, List<Parameter> workloadParameters) {
        ParameterSet p = ScenarioParameters.withWorkloads(costProfile);
        for (Parameter q : workloadParameters) {
            if (!p.has(q.name())) {
                p = p.plus(List.of(q));
            }
        }
        for (String a : configArgs) {
            if (!NestingConfig.isName(a)) {
                p = Overrides.applyFile(p, Path.of(a));
            }
        }
        p = Overrides.applyAssignments(p, assignments);
        if (seed != null) {
            p = p.with("sim.seed", seed, "--seed", null, 0);
        }
        return p;
    }
}
