package io.nvsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import io.nvsim.reports.AtomicFiles;
import io.nvsim.reports.ResultSet;
import io.nvsim.reports.ResultTables;
import io.nvsim.reports.RunInfo;
import io.nvsim.reports.RunRecord;
import io.nvsim.workloads.WorkloadResult;
import io.nvsim.workloads.WorkloadRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs a sweep into a directory: points in parallel, each finished point appended as one line (its parameters, hash
 * and runs) to {@link PointLog points.jsonl} with a single forced write; {@code --resume} skips the points already
 * there, so a sweep killed at any moment (even by SIGKILL) finishes with the same results as an uninterrupted one. At
 * the end the points are streamed, in point order, into {@code results.csv}, {@code summary.csv} and
 * {@code results.json} ({@link ResultTables}): the directory holds a fixed number of files whatever the sweep's size,
 * and memory holds one point's runs at a time.
 */
public final class SweepRunner {
    /** What a sweep run did. */
    public record Outcome(int total, int inShard, int ran, int skipped, double wallSeconds, Path dir, Map<String, Object> header,
                          io.nvsim.workloads.HostSpeed hostSpeed) {
        /** Every run of the sweep, in memory (for a small study such as {@code compare}; a large one streams). */
        public ResultSet results() throws IOException {
            return collect(dir, header);
        }
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
            refuseOldLayout(out);
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

    /** Refuses a sweep directory of nvsim before points.jsonl (a points/ directory and journal.log): it cannot be resumed or merged. */
    static void refuseOldLayout(Path dir) {
        if (Files.exists(dir.resolve("points")) || Files.exists(dir.resolve("journal.log"))) {
            throw new InputException(dir.toString(), 0, "holds a sweep written by an older nvsim (points/ and journal.log, not "
                + PointLog.FILE + "); finish or merge it with that nvsim, or run the sweep again into a new --out");
        }
    }

    private Outcome runLocked(int jobs, int total, int from, int to) throws IOException {
        AtomicFiles.write(out.resolve("sweep.json"), manifestJson(total));
        List<PointLog.Entry> held = new ArrayList<>();
        java.util.BitSet todo = new java.util.BitSet(to - from);
        int skipped = 0;
        long start;
        AtomicInteger done;
        int inShard = to - from;
        try (PointLog log = PointLog.openForAppend(out.resolve(PointLog.FILE), held)) {
            if (log.droppedBytes() > 0 && progress != null) {
                progress.printf("sweep: %s ended in a line cut short (%d bytes, a run interrupted while writing); its point runs again%n",
                    out.resolve(PointLog.FILE), log.droppedBytes());
                progress.flush();
            }
            Map<String, String> finished = new HashMap<>();
            held.forEach(e -> finished.put(e.id(), e.hash()));
            held.clear();
            for (int i = from; i < to; i++) {
                SweepPoint p = finished.isEmpty() ? null : SweepPoint.resolve(spec, i, base);
                if (p != null && p.hash().equals(finished.get(p.id()))) {
                    skipped++;
                } else {
                    todo.set(i - from);
                }
            }
            start = System.nanoTime();
            final int alreadyDone = skipped;
            done = new AtomicInteger(skipped);
            int batch = Math.max(1, jobs) * BATCH_PER_THREAD;
            List<Callable<Void>> tasks = new ArrayList<>(batch);
            for (int k = todo.nextSetBit(0); k >= 0; k = todo.nextSetBit(k + 1)) {
                final int index = from + k;
                tasks.add(() -> {
                    SweepPoint p = SweepPoint.resolve(spec, index, base);
                    log.append(line(p, runPoint(p)));
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
        Map<String, Object> header = header(total);
        writeTables(out, header, from, to);
        io.nvsim.workloads.HostSpeed speed = new io.nvsim.workloads.HostSpeed(wall, events.sum(), simulatedCycles.sum(), simulatedTraps.sum());
        AtomicFiles.write(out.resolve("host.json"), io.nvsim.reports.MicrobenchReport.hostJson(speed, System.getProperty("nvsim.git.commit", "unknown")));
        return new Outcome(total, inShard, todo.cardinality(), skipped, wall, out, header, speed);
    }

    /** Streams points {@code from..to} of the directory's log, in point order, into its tables; every one must be there. */
    private static void writeTables(Path dir, Map<String, Object> header, int from, int to) throws IOException {
        PointLog.Entry[] byIndex = new PointLog.Entry[to - from];
        for (PointLog.Entry e : PointLog.scan(dir.resolve(PointLog.FILE)).entries()) {
            if (e.index() >= from && e.index() < to) {
                byIndex[e.index() - from] = e; // a point written twice: its latest line
            }
        }
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] == null) {
                throw new IllegalStateException("point " + (from + i) + " finished but is not in " + PointLog.FILE);
            }
        }
        try (PointLog.Reader reader = new PointLog.Reader(dir.resolve(PointLog.FILE))) {
            ResultTables.writeTo(dir, header, each -> {
                for (PointLog.Entry e : byIndex) {
                    each.accept(reader.line(e).runs());
                }
            });
        }
    }

    /** A finished point's line: what identifies it, the parameters it sets apart from the sweep's base, and its runs. */
    private PointLog.Line line(SweepPoint p, List<RunRecord> runs) {
        Map<String, Double> params = new TreeMap<>();
        for (Parameter q : p.parameters().all()) {
            if (!base.has(q.name()) || base.value(q.name()) != q.value()) {
                params.put(q.name(), q.value());
            }
        }
        return new PointLog.Line(p.index(), p.id(), p.hash(), p.workload().name(), p.config().name(), p.assignments(), p.seeds(),
            params, runs);
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
     * Whether the shard directory {@code dir} holds every point of {@code shard} finished (in its point log) and its
     * tables: the test a Slurm resubmission uses.
     */
    public static boolean complete(Path dir, SweepSpec spec, Shard shard, ParameterSet base) throws IOException {
        if (!Files.isRegularFile(dir.resolve("results.csv")) || !Files.isRegularFile(dir.resolve("sweep.json"))) {
            return false;
        }
        java.util.Set<String> finished = new java.util.HashSet<>();
        PointLog.scan(dir.resolve(PointLog.FILE)).entries().forEach(e -> finished.add(e.id()));
        int total = spec.points().size();
        for (int i = shard.from(total); i < shard.to(total); i++) {
            if (!finished.contains(SweepPoint.resolve(spec, i, base).id())) {
                return false;
            }
        }
        return true;
    }

    /** Every finished point in {@code dir}'s point log, as one result set in memory (small sweeps only). */
    public static ResultSet collect(Path dir, Map<String, Object> header) throws IOException {
        List<RunRecord> runs = new ArrayList<>();
        PointLog.Index index = PointLog.scan(dir.resolve(PointLog.FILE));
        if (!index.entries().isEmpty()) {
            try (PointLog.Reader reader = new PointLog.Reader(index.file())) {
                for (PointLog.Entry e : index.entries()) {
                    runs.addAll(reader.line(e).runs());
                }
            }
        }
        return new ResultSet(header, runs);
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
