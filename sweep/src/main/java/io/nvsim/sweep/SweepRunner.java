package io.nvsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import io.nvsim.reports.AtomicFiles;
import io.nvsim.reports.ResultSet;
import io.nvsim.reports.RunInfo;
import io.nvsim.reports.RunRecord;
import io.nvsim.workloads.WorkloadResult;
import io.nvsim.workloads.WorkloadRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs a sweep into a directory: points in parallel, each finished point written atomically into
 * {@code points/<id>/} (its resolved parameters, hash and runs) and then recorded in
 * {@code journal.log}; {@code --resume} skips the points already done, so a sweep killed at any
 * moment (even by SIGKILL) finishes with the same results as an uninterrupted one. At the end the
 * runs of every finished point are merged into {@code results.csv}, {@code summary.csv} and
 * {@code results.json}.
 */
public final class SweepRunner {
    /** What a sweep run did. */
    public record Outcome(int total, int inShard, int ran, int skipped, double wallSeconds, ResultSet results,
                          io.nvsim.workloads.HostSpeed hostSpeed) {
    }

    private final java.util.concurrent.atomic.LongAdder events = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder simulatedCycles = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder simulatedTraps = new java.util.concurrent.atomic.LongAdder();

    private final SweepSpec spec;
    private final CostProfile profile;
    private final ParameterSet base;
    private final Path out;
    private final Shard shard;
    private final PrintWriter progress;

    public SweepRunner(SweepSpec spec, CostProfile profile, ParameterSet base, Path out, Shard shard, PrintWriter progress) {
        this.spec = spec;
        this.profile = profile;
        this.base = base;
        this.out = out;
        this.shard = shard;
        this.progress = progress;
    }

    /**
     * Seconds between two progress lines (default 5, system property {@code nvsim.sweep.progressSeconds}):
     * a long sweep prints at most one line per interval, plus the last.
     */
    public static final double PROGRESS_SECONDS = Double.parseDouble(System.getProperty("nvsim.sweep.progressSeconds", "5"));

    /** Points handed to the threads at once: bounds the memory of a sweep's queue whatever its size. */
    static final int BATCH_PER_THREAD = 64;

    private long lastProgress = Long.MIN_VALUE;

    public Outcome run(int jobs, boolean resume) throws IOException {
        int total = spec.points().size();
        int from = shard.from(total);
        int to = shard.to(total);
        for (int i = from; i < to; i++) { // every point resolves (and validates) before anything is written, one at a time
            SweepPoint p = SweepPoint.resolve(spec, i, base);
            io.nvsim.cpu.exec.MachineModel.create(p.config(), p.parameters());
        }
        boolean created = !Files.exists(out);
        boolean lockExisted = Files.exists(out.resolve(SweepLock.FILE));
        Files.createDirectories(out);
        SweepLock lock;
        try {
            lock = SweepLock.acquire(out, progress);
        } catch (IOException | RuntimeException e) {
            if (created) { // never the tree: the directory may be another process's sweep by now
                try {
                    Files.deleteIfExists(out);
                } catch (java.nio.file.DirectoryNotEmptyException ignored) {
                    // another process's files are in it: leave them
                }
            }
            throw e;
        }
        try (lock) {
            try {
                checkDirectory(resume);
            } catch (IOException | RuntimeException e) {
                lock.close();
                removeIfCreated(created);
                if (!created && !lockExisted) { // a refused sweep leaves the directory as it found it
                    Files.deleteIfExists(out.resolve(SweepLock.FILE));
                }
                throw e;
            }
            return runLocked(jobs, total, from, to);
        }
    }

    private void removeIfCreated(boolean created) throws IOException {
        if (created) {
            deleteTree(out);
        }
    }

    private void checkDirectory(boolean resume) throws IOException {
        Path manifest = out.resolve("sweep.json");
        if (Files.exists(manifest)) {
            JsonNode existing = new ObjectMapper().readTree(manifest.toFile());
            if (!resume) {
                throw new InputException(out.toString(), 0, "already holds a sweep; add --resume to finish it, or choose another --out");
            }
            if (!spec.hash().equals(existing.path("spec_hash").asText()) || !shard.toString().equals(existing.path("shard").asText())) {
                throw new InputException(out.toString(), 0, "holds a different sweep (spec hash " + existing.path("spec_hash").asText()
                    + ", shard " + existing.path("shard").asText() + "); this spec has hash " + spec.hash() + ", shard " + shard);
            }
            String difference = Identity.firstDifference(existing, profile.machine(), base);
            if (difference != null) {
                throw new InputException(out.toString(), 0, "--resume refused: " + difference
                    + "; resume with the same --profile, --set, --config and --seed, or choose another --out");
            }
        } else if (!isEmpty(out)) {
            throw new InputException(out.toString(), 0, "exists and is not a sweep directory; choose an empty or new --out");
        }
    }

    private Outcome runLocked(int jobs, int total, int from, int to) throws IOException {
        Path manifest = out.resolve("sweep.json");
        Files.createDirectories(out.resolve("points"));
        AtomicFiles.write(manifest, manifestJson(total));
        cleanTemporaries(out.resolve("points"));

        Map<String, String> journaled = Journal.read(out.resolve("journal.log"));
        java.util.BitSet todo = new java.util.BitSet(to - from);
        int skipped = 0;
        for (int i = from; i < to; i++) {
            SweepPoint p = SweepPoint.resolve(spec, i, base);
            String hash = journaled.get(p.id());
            boolean present = Files.isRegularFile(out.resolve("points").resolve(p.id()).resolve("runs.json"));
            if (present && (hash == null || hash.equals(p.hash()))) {
                skipped++;
            } else {
                todo.set(i - from);
            }
        }
        long start = System.nanoTime();
        final int alreadyDone = skipped;
        AtomicInteger done = new AtomicInteger(skipped);
        int inShard = to - from;
        int batch = Math.max(1, jobs) * BATCH_PER_THREAD;
        try (Journal journal = new Journal(out.resolve("journal.log"))) {
            List<Callable<Void>> tasks = new ArrayList<>(batch);
            for (int k = todo.nextSetBit(0); k >= 0; k = todo.nextSetBit(k + 1)) {
                final int index = from + k;
                tasks.add(() -> {
                    SweepPoint p = SweepPoint.resolve(spec, index, base);
                    List<RunRecord> runs = runPoint(p);
                    writePoint(p, runs);
                    if (!Files.isRegularFile(out.resolve("points").resolve(p.id()).resolve("runs.json"))) {
                        throw new IllegalStateException("point " + p.id() + " was not written");
                    }
                    journal.done(p.id(), p.hash());
                    report(done.incrementAndGet(), inShard, alreadyDone, start);
                    return null;
                });
                if (tasks.size() == batch) {
                    WorkloadRunner.runAll(tasks, jobs);
                    tasks.clear();
                }
            }
            WorkloadRunner.runAll(tasks, jobs);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        ResultSet results = collect(out, header(total));
        results.writeTo(out);
        io.nvsim.workloads.HostSpeed speed = new io.nvsim.workloads.HostSpeed(wall, events.sum(), simulatedCycles.sum(), simulatedTraps.sum());
        AtomicFiles.write(out.resolve("host.json"), io.nvsim.reports.MicrobenchReport.hostJson(speed, System.getProperty("nvsim.git.commit", "unknown")));
        return new Outcome(total, inShard, todo.cardinality(), skipped, wall, results, speed);
    }

    private List<RunRecord> runPoint(SweepPoint p) {
        List<RunRecord> runs = new ArrayList<>();
        for (int r = 0; r < p.seeds().length; r++) {
            ParameterSet ps = p.replication(r);
            WorkloadResult result = new WorkloadRunner.Point(p.workload(), p.config(), ps).run();
            events.add(result.events());
            simulatedCycles.add(result.simulatedCycles());
            simulatedTraps.add(result.simulatedTraps());
            runs.add(RunRecord.of(p.index(), r, p.seeds()[r], p.hash(), p.assignments(), result));
        }
        return runs;
    }

    /** Writes the point into a temporary sibling, then renames it into place: a point directory is whole or absent. */
    private void writePoint(SweepPoint p, List<RunRecord> runs) throws IOException {
        Path points = out.resolve("points");
        Path tmp = Files.createTempDirectory(points, ".tmp-" + p.id() + "-");
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("index", p.index());
        point.put("id", p.id());
        point.put("hash", p.hash());
        point.put("workload", p.workload().name());
        point.put("config", p.config().name());
        point.put("assignments", p.assignments());
        point.put("seeds", p.seeds());
        Map<String, Object> params = new LinkedHashMap<>();
        for (Parameter q : p.parameters().all()) {
            params.put(q.name(), q.value());
        }
        point.put("parameters", params);
        ObjectMapper mapper = new ObjectMapper();
        Files.writeString(tmp.resolve("point.json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(point) + "\n");
        Files.writeString(tmp.resolve("runs.json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(runs) + "\n");
        Path target = points.resolve(p.id());
        if (Files.exists(target)) { // left by a run killed between the rename and the journal line: same content
            deleteTree(target);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
    }

    private void report(int done, int total, int skipped, long start) {
        if (progress == null) {
            return;
        }
        long now = System.nanoTime();
        double elapsed = (now - start) / 1e9;
        double rate = (done - skipped) / Math.max(elapsed, 1e-9);
        double eta = rate > 0 ? (total - done) / rate : 0;
        synchronized (progress) {
            if (done < total && lastProgress != Long.MIN_VALUE && now - lastProgress < PROGRESS_SECONDS * 1e9) {
                return; // at most one line per interval, and always the last
            }
            lastProgress = now;
            progress.printf("sweep: %d/%d points, %.1f points/s, ETA %.0f s%n", done, total, rate, eta);
            progress.flush();
        }
    }

    private Map<String, Object> header(int total) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("kind", "sweep");
        h.put("spec", spec.file());
        h.put("spec_hash", spec.hash());
        h.put("points", total);
        h.put("replications", spec.replications());
        h.put("keys", spec.keys());
        h.put("scenario", new RunInfo(RunInfo.toolVersion(), profile, base).toMap());
        return h;
    }

    private String manifestJson(int total) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "nvsim-sweep");
        m.put("spec", spec.file());
        m.put("spec_hash", spec.hash());
        m.put("shard", shard.toString());
        m.put("points", total);
        m.put("first_point", shard.from(total));
        m.put("end_point", shard.to(total));
        m.put("replications", spec.replications());
        m.put("profile", profile.machine());
        Identity.record(m, base);
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n";
    }

    /**
     * Whether the shard directory {@code dir} holds every point of {@code shard} finished (its
     * points' directories and its merged tables): the test a Slurm resubmission uses.
     */
    public static boolean complete(Path dir, SweepSpec spec, Shard shard, ParameterSet base) {
        if (!Files.isRegularFile(dir.resolve("results.csv")) || !Files.isRegularFile(dir.resolve("sweep.json"))) {
            return false;
        }
        int total = spec.points().size();
        for (int i = shard.from(total); i < shard.to(total); i++) {
            if (!Files.isRegularFile(dir.resolve("points").resolve(SweepPoint.resolve(spec, i, base).id()).resolve("runs.json"))) {
                return false;
            }
        }
        return true;
    }

    /** Every finished point under {@code dir/points}, as one result set. */
    public static ResultSet collect(Path dir, Map<String, Object> header) throws IOException {
        List<RunRecord> runs = new ArrayList<>();
        Path points = dir.resolve("points");
        if (Files.isDirectory(points)) {
            ObjectMapper mapper = new ObjectMapper();
            try (Stream<Path> s = Files.list(points)) {
                for (Path p : s.filter(x -> !x.getFileName().toString().startsWith(".")).sorted().toList()) {
                    Path runsFile = p.resolve("runs.json");
                    if (Files.isRegularFile(runsFile)) {
                        runs.addAll(List.of(mapper.readValue(runsFile.toFile(), RunRecord[].class)));
                    }
                }
            }
        }
        return new ResultSet(header, runs);
    }

    private static void cleanTemporaries(Path points) throws IOException {
        try (Stream<Path> s = Files.list(points)) {
            for (Path p : s.filter(x -> x.getFileName().toString().startsWith(".tmp-")).toList()) {
                deleteTree(p);
            }
        }
    }

    /** Deletes a directory tree (a stale point, a scratch folder). */
    public static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(x -> x.getFileName().toString().equals(SweepLock.FILE));
        }
    }
}
