package io.nvsim.cli;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import io.nvsim.sweep.Shard;
import io.nvsim.sweep.SweepRunner;
import io.nvsim.sweep.SweepSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim sweep SPEC.yaml --out DIR}: a grid or list of points, in parallel, resumable, shardable. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Run a parameter sweep: parallel, resumable, shardable, or as a Slurm job array.",
        "A grid or explicit points over any parameter, config and workload, with replications:",
        "points run in parallel, each finished point is appended as one line to DIR/points.jsonl (forced to disk),",
        "--resume finishes an interrupted sweep, --shard i/n runs one slice (merge the slices with nvsim merge).",
        "Writes DIR/results.csv (one row per run), DIR/summary.csv (mean and 95%% CI per point), DIR/results.json."})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "the sweep specification")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the sweep directory")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "points run at once (default: the cores); results do not depend on it")
    Integer jobs;

    @Option(names = "--resume", description = "finish the sweep already in DIR, skipping its finished points")
    boolean resume;

    @Option(names = "--shard", paramLabel = "i/n", description = "run only slice i (0-based) of n, e.g. --shard $SLURM_ARRAY_TASK_ID/4")
    String shard;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    @Option(names = "--slurm", description = "submit the sweep as a Slurm job array (one shard per task into DIR/shard-i) and print the job id")
    boolean slurm;

    @Option(names = "--array-size", paramLabel = "N", defaultValue = "4", description = "with --slurm: array tasks (shards), default ${DEFAULT-VALUE}")
    int arraySize;

    @Option(names = "--partition", paramLabel = "P", description = "with --slurm: the partition to submit to")
    String partition;

    @Option(names = "--sbatch-args", paramLabel = "ARGS", split = " ", description = "with --slurm: more sbatch options, e.g. \"--time=1:00:00 --cpus-per-task=2\"")
    java.util.List<String> sbatchArgs = new java.util.ArrayList<>();

    @Option(names = "--wait", description = "with --slurm: follow the array (tasks done/total), report failed tasks with their logs, merge when all end")
    boolean waitForArray;

    @Option(names = "--slurm-bin", paramLabel = "DIR", description = "with --slurm: where sbatch, squeue and scontrol are (default: the PATH)")
    Path slurmBin;

    @Option(names = "--slurm-conf", paramLabel = "FILE", description = "with --slurm: the slurm.conf to use (default: $SLURM_CONF or Slurm's own)")
    Path slurmConf;

    @Option(names = "--large-grid", description = "allow a sweep of more than 100,000 points (refused without it)")
    boolean largeGrid;

    @Mixin
    ScenarioOptions scenario;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) {
            throw new InputException("--jobs " + threads + ": expected a positive number of threads");
        }
        if (!slurm && (waitForArray || partition != null || sbatchArgs != null && !sbatchArgs.isEmpty())) {
            throw new InputException((waitForArray ? "--wait" : partition != null ? "--partition" : "--sbatch-args")
                + " works only with --slurm; expected --slurm, or none of --wait, --partition, --sbatch-args");
        }
        Shard slice = shard == null ? Shard.ALL : Shard.parse(shard);
        OutputPaths.directory("--out", this.out);
        CostProfile defaultProfile = scenario.costProfile();
        ParameterSet available = scenario.resolve(defaultProfile);
        SweepSpec sweep = SweepSpec.read(specFile, available);
        sweep.checkSize(largeGrid);
        CostProfile profile = defaultProfile;
        ParameterSet base = available;
        if (sweep.profile() != null && !sweep.profile().equals(defaultProfile.machine())) {
            profile = CostProfile.builtIn(sweep.profile());
            base = scenario.resolve(profile);
        }
        if (slurm) {
            if (shard != null || resume) {
                throw new InputException("--slurm chooses the shards itself and always resumes: drop --shard and --resume");
            }
            return new SlurmSweep(this, sweep, base).run(out);
        }
        SweepRunner.Outcome o = new SweepRunner(sweep, profile, base, this.out, slice,
            quiet ? null : spec.commandLine().getErr()).run(threads, resume);
        out.printf("sweep %s: %d points x %d replications%s; ran %d, already done %d; %.2f s wall on %d threads%n",
            specFile, o.total(), sweep.replications(), slice.count() > 1 ? " (shard " + slice + ": " + o.inShard() + " points)" : "",
            o.ran(), o.skipped(), o.wallSeconds(), threads);
        out.printf("host speed: %s events/s, %s simulated cycles/s (%s)%n", io.nvsim.reports.Numbers.grouped(o.hostSpeed().eventsPerSecond()),
            io.nvsim.reports.Numbers.grouped(o.hostSpeed().simulatedCyclesPerSecond()), this.out.resolve("host.json"));
        out.printf("results: %s (runs), %s (mean and 95%% CI per point), %s%n", this.out.resolve("results.csv"),
            this.out.resolve("summary.csv"), this.out.resolve("results.json"));
        return 0;
    }
}
