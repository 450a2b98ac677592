package io.nvsim.reports;

import io.nvsim.kernel.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@code nvsim report} may combine (issue 13, point 1). One directory of any kind is reported as it is. Several
 * directories are combined only as replications of one model: each must be a {@code run} or {@code microbench}
 * directory (a sweep, merge or comparison holds its own replications and is reported alone; a sweep's shards are
 * combined by {@code nvsim merge}, which compares their identities itself), all of the same command, written by the
 * same nvsim version with the same profile and the same value of every parameter except {@code sim.seed}, each with
 * its own seed, over the same workloads and configurations in the same order. Anything else is refused with exit 2,
 * naming the directory and the first difference, instead of averaging two models as replications.
 */
public final class ReportInputs {
    private static final String SEED = "sim.seed";

    private ReportInputs() {
    }

    /** The runs of {@code dirs} as one result set: the one directory's, or the replications of several. */
    public static ResultSet read(List<Path> dirs) {
        List<ResultSet> sets = new ArrayList<>();
        for (Path d : dirs) {
            sets.add(ResultReader.read(d));
        }
        if (dirs.size() == 1) {
            return sets.get(0);
        }
        for (int i = 0; i < dirs.size(); i++) {
            Object kind = sets.get(i).header().get("kind");
            if (!"run".equals(kind) && !"microbench".equals(kind)) {
                throw new InputException(dirs.get(i).toString(), 0, "a " + (kind == null ? "results" : kind) + " directory is reported alone"
                    + " (it holds its own replications; combine a sweep's shards with nvsim merge first); expected one DIR,"
                    + " or several run or microbench directories that differ only in --seed");
            }
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            if (i > 0) {
                String difference = firstDifference(sets.get(0), sets.get(i), dirs.get(0));
                if (difference != null) {
                    throw new InputException(dirs.get(i).toString(), 0, "does not replicate " + dirs.get(0) + ": " + difference);
                }
            }
            if (!(scenario(sets.get(i)).get("seed") instanceof Number n)) {
                throw new InputException(dirs.get(i).toString(), 0, "records no seed in its scenario; expected an nvsim run or microbench directory");
            }
            long seed = n.longValue();
            int same = seeds.indexOf(seed);
            if (same >= 0) {
                throw new InputException(dirs.get(i).toString(), 0, "has seed " + seed + " like " + dirs.get(same)
                    + ": the same run twice is not a replication; run it again with another --seed");
            }
            seeds.add(seed);
        }
        return combine(dirs, sets, seeds);
    }

    /** The first way {@code other} is not a replication of {@code first} (read from {@code firstDir}), or null. */
    static String firstDifference(ResultSet first, ResultSet other, Path firstDir) {
        if (!Objects.equals(first.header().get("kind"), other.header().get("kind"))) {
            return "it is a " + other.header().get("kind") + " directory, " + firstDir + " a " + first.header().get("kind")
                + " directory; expected directories written by one command";
        }
        Map<String, Object> a = scenario(first);
        Map<String, Object> b = scenario(other);
        for (String key : List.of("nvsim_version", "profile")) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                return key.replace('_', ' ') + " " + b.get(key) + " against " + a.get(key) + "; replications come from one nvsim"
                    + " version and profile";
            }
        }
        Map<String, Map<String, Object>> pa = parameters(a);
        Map<String, Map<String, Object>> pb = parameters(b);
        for (String name : union(pa, pb)) {
            if (name.equals(SEED)) {
                continue;
            }
            Object va = pa.containsKey(name) ? pa.get(name).get("value") : null;
            Object vb = pb.containsKey(name) ? pb.get(name).get("value") : null;
            if (!sameValue(va, vb)) {
                return name + " = " + (vb == null ? "absent" : vb + " (set by " + pb.get(name).get("set_by") + ")") + " against "
                    + (va == null ? "absent" : va) + "; replications differ only in --seed";
            }
        }
        List<RunRecord> ra = first.runs();
        List<RunRecord> rb = other.runs();
        for (int i = 0; i < Math.max(ra.size(), rb.size()); i++) {
            String x = i < ra.size() ? ra.get(i).workload() + " on " + ra.get(i).config() : "nothing";
            String y = i < rb.size() ? rb.get(i).workload() + " on " + rb.get(i).config() : "nothing";
            if (!x.equals(y)) {
                return "its row " + (i + 1) + " is " + y + " against " + x + "; replications run the same workloads and configurations";
            }
        }
        return null;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a != null && a.equals(b);
    }

    private static ResultSet combine(List<Path> dirs, List<ResultSet> sets, List<Long> seeds) {
        List<RunRecord> runs = new ArrayList<>();
        for (int r = 0; r < sets.size(); r++) {
            for (RunRecord x : sets.get(r).runs()) {
                runs.add(new RunRecord(x.point(), r, seeds.get(r), x.workload(), x.config(), x.configHash(), x.assignments(), x.metrics(),
                    x.cyclesByClass(), x.latency()));
            }
        }
        Map<String, Object> header = new LinkedHashMap<>(sets.get(0).header());
        header.put("replications", sets.size());
        header.put("replication_dirs", dirs.stream().map(Path::toString).toList());
        header.put("seeds", seeds);
        return new ResultSet(header, runs);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scenario(ResultSet s) {
        Object sc = s.header().get("scenario");
        return sc instanceof Map ? (Map<String, Object>) sc : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> parameters(Map<String, Object> scenario) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        if (scenario.get("parameters") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> row && row.get("name") != null) {
                    byName.put(row.get("name").toString(), (Map<String, Object>) row);
                }
            }
        }
        return byName;
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> names = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(n -> !a.containsKey(n)).forEach(names::add);
        return names;
    }
}
