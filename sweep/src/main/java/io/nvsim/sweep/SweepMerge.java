package io.nvsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvsim.kernel.InputException;
import io.nvsim.reports.ResultSet;
import io.nvsim.reports.ResultTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Combines the shard directories of one sweep (those given, or every sweep directory found one
 * level below a given directory) into one set of tables. All shards must come from the same spec
 * and model; a point present in several shards must have the same hash (the first shard's copy is
 * used). Points no shard has finished are reported as missing. The shards' point logs are indexed,
 * not loaded: the tables are streamed from them one point at a time.
 */
public final class SweepMerge {

    /** Where a point's runs are: which shard's log, which line. */
    private record Location(int shard, PointLog.Entry entry) {
    }

    /** The merged sweep: its header, where each finished point is, the number of points the spec has, those missing. */
    public static final class Merged {
        private final Map<String, Object> header;
        private final List<Path> shards;
        private final TreeMap<Integer, Location> byPoint;
        private final int points;
        private final List<Integer> missing;

        private Merged(Map<String, Object> header, List<Path> shards, TreeMap<Integer, Location> byPoint, int points, List<Integer> missing) {
            this.header = header;
            this.shards = shards;
            this.byPoint = byPoint;
            this.points = points;
            this.missing = missing;
        }

        public boolean complete() {
            return missing.isEmpty();
        }

        public int points() {
            return points;
        }

        public List<Integer> missing() {
            return missing;
        }

        public List<Path> shards() {
            return shards;
        }

        /** Streams every finished point, in point order, into {@code dir}'s tables; returns the number of runs. */
        public long writeTo(Path dir) throws IOException {
            List<PointLog.Reader> readers = new ArrayList<>();
            try {
                for (Path s : shards) {
                    readers.add(new PointLog.Reader(s.resolve(PointLog.FILE)));
                }
                return ResultTables.writeTo(dir, header, each -> {
                    for (Location l : byPoint.values()) {
                        each.accept(readers.get(l.shard()).line(l.entry()).runs());
                    }
                });
            } finally {
                for (PointLog.Reader r : readers) {
                    r.close();
                }
            }
        }
    }

    private SweepMerge() {
    }

    /** The sweep directories among {@code dirs} and their children. */
    public static List<Path> findShards(List<Path> dirs) throws IOException {
        List<Path> shards = new ArrayList<>();
        for (Path d : dirs) {
            if (Files.isRegularFile(d.resolve("sweep.json"))) {
                shards.add(d);
            } else if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(c -> Files.isRegularFile(c.resolve("sweep.json"))).sorted().forEach(shards::add);
                }
            } else {
                throw new InputException(d.toString(), 0, "no such directory");
            }
        }
        if (shards.isEmpty()) {
            throw new InputException(dirs.get(0).toString(), 0, "no sweep directory (with a sweep.json) here or one level below");
        }
        return shards;
    }

    public static Merged merge(List<Path> dirs) throws IOException {
        List<Path> shards = findShards(dirs);
        ObjectMapper mapper = new ObjectMapper();
        String specHash = null;
        int points = -1;
        JsonNode first = null;
        Path firstShard = null;
        Map<String, Object> header = new LinkedHashMap<>();
        TreeMap<Integer, Location> byPoint = new TreeMap<>();
        for (int k = 0; k < shards.size(); k++) {
            Path shard = shards.get(k);
            SweepRunner.refuseOldLayout(shard);
            JsonNode m = mapper.readTree(shard.resolve("sweep.json").toFile());
            String h = m.path("spec_hash").asText();
            if (specHash == null) {
                specHash = h;
                points = m.path("points").asInt();
                first = m;
                firstShard = shard;
            } else if (!specHash.equals(h)) {
                throw new InputException(shard.toString(), 0, "belongs to another sweep (spec hash " + h + ", expected " + specHash + ")");
            } else {
                String difference = Identity.firstDifference(first, m);
                if (difference != null) {
                    throw new InputException(shard.toString(), 0, "was run with another model than " + firstShard + ": " + difference
                        + "; merge only shards run with the same --profile, --set, --config and --seed");
                }
            }
            Path results = shard.resolve("results.json");
            if (header.isEmpty() && Files.isRegularFile(results)) {
                header.putAll(ResultSet.readHeader(results));
            }
            for (PointLog.Entry e : PointLog.scan(shard.resolve(PointLog.FILE)).entries()) {
                Location seen = byPoint.putIfAbsent(e.index(), new Location(k, e));
                if (seen != null && !seen.entry().hash().equals(e.hash())) {
                    throw new InputException(shard.toString(), 0, "point " + e.index() + " differs from another shard's (hash "
                        + e.hash() + " vs " + seen.entry().hash() + ")");
                }
            }
        }
        TreeSet<Integer> missing = new TreeSet<>();
        for (int i = 0; i < points; i++) {
            if (!byPoint.containsKey(i)) {
                missing.add(i);
            }
        }
        header.put("merged_shards", shards.size());
        return new Merged(header, shards, byPoint, points, new ArrayList<>(missing));
    }
}
