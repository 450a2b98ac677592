package io.nvsim.sweep;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A sweep run as a Slurm job array: a job script in which each array task runs the shard
 * {@code $SLURM_ARRAY_TASK_ID/N} of the same spec into its own folder {@code DIR/shard-i}, the
 * {@code sbatch} submission of the tasks still to do, and {@code squeue} polling. It drives the
 * real Slurm client commands ({@code sbatch}, {@code squeue}, {@code scontrol}) found on the PATH
 * or in a given directory.
 */
public final class SlurmArray {
    private final Path binDir;
    private final Path slurmConf;
    private final Path out;

    /**
     * @param binDir    directory of sbatch/squeue/scontrol, or null to search the PATH
     * @param slurmConf the slurm.conf to use (SLURM_CONF), or null for the environment's
     * @param out       the sweep directory; shards go to {@code out/shard-i}, Slurm files to {@code out/slurm}
     */
    public SlurmArray(Path binDir, Path slurmConf, Path out) {
        this.binDir = binDir;
        this.slurmConf = slurmConf;
        this.out = out.toAbsolutePath();
    }

    /** The folder of shard {@code i}. */
    public Path shardDir(int i) {
        return out.resolve("shard-" + i);
    }

    /** Checks that the client commands exist and the controller answers; an {@link InputException} otherwise. */
    public void checkReachable() {
        for (String tool : List.of("sbatch", "squeue", "scontrol")) {
            tool(tool);
        }
        Result ping = exec(List.of(tool("scontrol").toString(), "ping"), 20);
        if (ping.code() != 0 || !ping.out().contains("UP")) {
            String why = (ping.out() + "\n" + ping.err()).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("*"))
                .reduce((a, b) -> b).orElse("no answer");
            throw new InputException("the Slurm controller is unreachable (scontrol ping: " + (why.length() > 200 ? why.substring(0, 200) + "..." : why)
                + "); is slurmctld running, and SLURM_CONF (or --slurm-conf) right?");
        }
    }

    /** Writes the array's job script: every task runs {@code command} with its shard options appended. */
    public Path writeScript(List<String> command, int shards) throws IOException {
        Path dir = out.resolve("slurm");
        Files.createDirectories(dir.resolve("logs"));
        String cmd = command.stream().map(SlurmArray::quote).collect(Collectors.joining(" "));
        String script = "#!/bin/bash\n"
            + "# nvsim sweep as a Slurm job array: task i runs shard i of " + shards + " into " + out + "/shard-i\n"
            + "set -euo pipefail\n"
            + "exec " + cmd + " \\\n"
            + "  --out " + quote(out.toString()) + "/shard-$SLURM_ARRAY_TASK_ID --shard $SLURM_ARRAY_TASK_ID/" + shards
            + " --resume --quiet\n";
        Path file = dir.resolve("nvsim-array.sh");
        io.nvsim.reports.AtomicFiles.write(file, script);
        file.toFile().setExecutable(true);
        return file;
    }

    /** Submits the given array tasks; returns the job id. */
    public String submit(Path script, List<Integer> tasks, String partition, List<String> extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(tool("sbatch").toString(), "--parsable", "--job-name=nvsim-sweep",
            "--array=" + tasks.stream().map(String::valueOf).collect(Collectors.joining(",")),
            "--output=" + out.resolve("slurm/logs").resolve("%A_%a.out")));
        if (partition != null) {
            cmd.add("--partition=" + partition);
        }
        cmd.addAll(extraArgs);
        cmd.add(script.toString());
        Result r = exec(cmd, 60);
        if (r.code() != 0) {
            throw new InputException("sbatch refused the job: " + (r.err() + r.out()).strip().replace('\n', ' '));
        }
        String id = r.out().strip().split(";")[0];
        if (!id.matches("\\d+")) {
            throw new IllegalStateException("sbatch printed no job id: " + r.out());
        }
        return id;
    }

    /** Array tasks of the job still pending or running. */
    public int remaining(String jobId) {
        Result r = exec(List.of(tool("squeue").toString(), "-h", "-r", "-j", jobId, "-o", "%K"), 30);
        if (r.code() != 0) {
            // squeue fails for a job id it no longer knows: nothing remains
            return 0;
        }
        return (int) r.out().lines().filter(l -> !l.isBlank()).count();
    }

    /** The log of task {@code i} of job {@code jobId}. */
    public Path log(String jobId, int task) {
        return out.resolve("slurm/logs").resolve(jobId + "_" + task + ".out");
    }

    private Path tool(String name) {
        if (binDir != null) {
            Path p = binDir.resolve(name);
            if (!Files.isExecutable(p)) {
                throw new InputException("no " + name + " in " + binDir + " (--slurm-bin): is Slurm's client installed there?");
            }
            return p;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        throw new InputException("no " + name + " on the PATH: install Slurm's client (slurm-client) or give --slurm-bin DIR");
    }

    /** A finished command's exit code and output. */
    public record Result(int code, String out, String err) {
    }

    private Result exec(List<String> cmd, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (slurmConf != null) {
                Map<String, String> env = pb.environment();
                env.put("SLURM_CONF", slurmConf.toAbsolutePath().toString());
            }
            Path stdout = Files.createTempFile("nvsim-slurm", ".out");
            Path stderr = Files.createTempFile("nvsim-slurm", ".err");
            try {
                Process p = pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(124, "", cmd.get(0) + " timed out after " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted");
        }
    }

    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=+,@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
