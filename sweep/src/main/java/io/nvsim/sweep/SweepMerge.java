package io.nvsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvsim.kernel.InputException;
import io.nvsim.reports.ResultSet;
import io.nvsim.reports.RunRecord;
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
 * level below a given directory) into one result set. All shards must come from the same spec;
 * a point present in several shards must have the same hash. Points no shard has finished are
 * reported as missing.
 */
public final class SweepMerge {

    /** The merged runs, the number of points the spec has, and the indexes of those missing. */
    public record Merged(ResultSet results, int points, List<Integer> missing, List<Path> shards) {
        public boolean complete() {
            return missing.isEmpty();
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
        TreeMap<Integer, List<RunRecord>> byPoint = new TreeMap<>();
        Map<Integer, String> hashes = new TreeMap<>();
        for (Path shard : shards) {
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
                header.putAll(ResultSet.read(results).header());
            }
            ResultSet runs = SweepRunner.collect(shard, Map.of());
            for (Map.Entry<Integer, List<RunRecord>> e : runs.byPoint().entrySet()) {
                String hash = e.getValue().get(0).configHash();
                String seen = hashes.putIfAbsent(e.getKey(), hash);
                if (seen != null && !seen.equals(hash)) {
                    throw new InputException(shard.toString(), 0, "point " + e.getKey() + " differs from another shard's (hash " + hash + " vs " + seen + ")");
                }
                byPoint.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        List<RunRecord> all = new ArrayList<>();
        byPoint.values().forEach(all::addAll);
        TreeSet<Integer> missing = new TreeSet<>();
        for (int i = 0; i < points; i++) {
            if (!byPoint.containsKey(i)) {
                missing.add(i);
            }
        }
        header.put("merged_shards", shards.size());
        return new Merged(new ResultSet(header, all), points, new ArrayList<>(missing), shards);
    }
}
