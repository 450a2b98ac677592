package io.nvsim.sweep;

import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.kernel.RandomStreams;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One point of a sweep, resolved: its index and directory name, the workload and configuration,
 * the full parameter set (base, the spec's {@code set}, the point's assignments) and the seed of
 * each replication (derived from the base seed and the replication index only, so a point's
 * results never depend on which shard or thread ran it), and the hash identifying the resolved point
 * (workload, configuration and every parameter value).
 */
public record SweepPoint(int index, Map<String, String> assignments, Workload workload, NestingConfig config,
                         ParameterSet parameters, long[] seeds, String hash) {

    /** Resolves point {@code index} of {@code spec} on the base parameter set. */
    public static SweepPoint resolve(SweepSpec spec, int index, ParameterSet base) {
        Map<String, String> a = spec.points().get(index);
        List<String> assignments = new ArrayList<>();
        spec.set().forEach((k, v) -> assignments.add(k + "=" + v));
        a.forEach((k, v) -> {
            if (!k.equals("workload") && !k.equals("config")) {
                assignments.add(k + "=" + v);
            }
        });
        ParameterSet p = Overrides.applyAssignments(base, assignments);
        long baseSeed = spec.seed() != null ? spec.seed() : (long) p.value("sim.seed");
        p = p.with("sim.seed", baseSeed, "sweep", null, 0);
        long[] seeds = new long[spec.replications()];
        for (int r = 0; r < seeds.length; r++) {
            // kept below 2^53 so that the seed survives the parameter set's double exactly
            seeds[r] = spec.replications() == 1 ? baseSeed : RandomStreams.replicationSeed(baseSeed, r) & ((1L << 53) - 1);
        }
        Workload workload = Workloads.get(a.get("workload"));
        NestingConfig config = NestingConfig.parse(a.get("config"));
        // the hash identifying the resolved point (workload, configuration, every parameter value), computed once
        String hash = SweepSpec.sha(workload.name() + "\n" + config.name() + "\n" + p.hash());
        return new SweepPoint(index, a, workload, config, p, seeds, hash);
    }

    /** The point's directory name: {@code p00017-<hash>}. */
    public String id() {
        return String.format(Locale.ROOT, "p%05d-%s", index, hash().substring(0, 8));
    }

    /** The parameter set of replication {@code r}. */
    public ParameterSet replication(int r) {
        return parameters.with("sim.seed", seeds[r], "sweep replication " + r, null, 0);
    }
}
