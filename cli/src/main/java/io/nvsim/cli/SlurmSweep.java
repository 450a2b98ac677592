package io.nvsim.cli;

import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import io.nvsim.sweep.Shard;
import io.nvsim.sweep.SlurmArray;
import io.nvsim.sweep.SweepMerge;
import io.nvsim.sweep.SweepRunner;
import io.nvsim.sweep.SweepSpec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nvsim sweep SPEC --slurm}: checks that Slurm answers, submits the shards that are not
 * complete as one job array (each task: this same nvsim, its shard, {@code --resume}), prints the
 * job id, and with {@code --wait} follows the array, names failed tasks with their logs, and merges.
 */
final class SlurmSweep {
    private final SweepCommand command;
    private final SweepSpec spec;
    private final ParameterSet base;

    SlurmSweep(SweepCommand command, SweepSpec spec, ParameterSet base) {
        this.command = command;
        this.spec = spec;
        this.base = base;
    }

    int run(PrintWriter out) throws Exception {
        int n = command.arraySize;
        if (n < 1) {
            throw new InputException("--array-size " + n + ": expected at least 1 task");
        }
        SlurmArray array = new SlurmArray(command.slurmBin, command.slurmConf, command.out);
        array.checkReachable(); // before anything is written or submitted
        List<Integer> todo = incomplete(array, n);
        if (todo.isEmpty()) {
            out.printf("all %d shards of %s are complete; nothing to submit%n", n, command.out);
            return merge(out);
        }
        Path script = array.writeScript(taskCommand(), n);
        String job = array.submit(script, todo, command.partition, command.sbatchArgs);
        out.printf("submitted Slurm job %s: array tasks %s of %d (%s)%n", job, todo, n, script);
        out.println(job);
        out.flush();
        if (!command.waitForArray) {
            return 0;
        }
        PrintWriter err = command.spec.commandLine().getErr();
        int last = -1;
        while (true) {
            int remaining = array.remaining(job);
            if (remaining != last) {
                err.printf("slurm: job %s: %d/%d tasks done%n", job, todo.size() - remaining, todo.size());
                err.flush();
                last = remaining;
            }
            if (remaining == 0) {
                break;
            }
            Thread.sleep(500);
        }
        List<Integer> failed = incomplete(array, n);
        for (int task : failed) {
            Path log = array.log(job, task);
            err.printf("nvsim: Slurm task %s_%d did not complete its shard; log %s%n", job, task, log);
            if (Files.isRegularFile(log)) {
                List<String> lines = Files.readAllLines(log);
                lines.subList(Math.max(0, lines.size() - 5), lines.size()).forEach(l -> err.println("  | " + l));
            }
        }
        int merged = merge(out);
        return failed.isEmpty() ? merged : 1;
    }

    private List<Integer> incomplete(SlurmArray array, int n) throws java.io.IOException {
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!SweepRunner.complete(array.shardDir(i), spec, new Shard(i, n), base)) {
                todo.add(i);
            }
        }
        return todo;
    }

    private int merge(PrintWriter out) throws Exception {
        SweepMerge.Merged m = SweepMerge.merge(List.of(command.out));
        m.writeTo(command.out);
        out.printf("merged %d shards: %d of %d points -> %s%n", m.shards().size(), m.points() - m.missing().size(), m.points(),
            command.out.resolve("results.csv"));
        return m.complete() ? 0 : MergeCommand.INCOMPLETE;
    }

    /** This very nvsim (same JVM options and classpath), the sweep and its scenario options. */
    private List<String> taskCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-X") || arg.startsWith("-D") || arg.startsWith("--add-")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .map(p -> Path.of(p).toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
        cmd.add(Nvsim.class.getName());
        cmd.add("sweep");
        cmd.add(command.specFile.toAbsolutePath().toString());
        ScenarioOptions s = command.scenario;
        if (s.profileFile != null) {
            cmd.add("--profile-file");
            cmd.add(s.profileFile.toAbsolutePath().toString());
        } else {
            cmd.add("--profile");
            cmd.add(s.profile);
        }
        for (String c : s.configArgs) {
            cmd.add("--config");
            cmd.add(Files.exists(Path.of(c)) ? Path.of(c).toAbsolutePath().toString() : c);
        }
        for (String a : s.assignments) {
            cmd.add("--set");
            cmd.add(a);
        }
        if (s.seed != null) {
            cmd.add("--seed");
            cmd.add(Long.toString(s.seed));
        }
        cmd.add("--jobs");
        cmd.add("1");
        return cmd;
    }
}
