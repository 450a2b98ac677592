package io.nvsim.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code manifest.json}, written last into an output directory: the name, size and SHA-256 of every file the command
 * wrote. A directory whose manifest is missing, or whose files differ from it (a run interrupted half-way, a CSV
 * written over by a later run beside an older JSON), is incomplete, and {@link #verify} refuses it (issue 13, point 4).
 */
public final class OutputManifest {
    /** The manifest's file name. */
    public static final String NAME = "manifest.json";

    private OutputManifest() {
    }

    /** Writes the manifest of every regular file directly in {@code dir} (except itself), atomically, last. */
    public static void write(Path dir, String command) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(NAME))
                .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        write(dir, command, files.stream().map(p -> p.getFileName().toString()).toList());
    }

    /** Writes the manifest of the named files in {@code dir}, atomically. */
    public static void write(Path dir, String command, List<String> names) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "nvsim-manifest");
        root.put("command", command);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String name : names) {
            Path f = dir.resolve(name);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", name);
            e.put("bytes", Files.size(f));
            e.put("sha256", sha256(f));
            entries.add(e);
        }
        root.put("files", entries);
        AtomicFiles.write(dir.resolve(NAME), MicrobenchReport.mapper().writer(MicrobenchReport.printer()).writeValueAsString(root) + "\n");
    }

    /** Removes the manifest (before a directory's files are replaced, so that a half-replaced directory reads as incomplete). */
    public static void remove(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(NAME));
    }

    /** Refuses {@code dir} (exit 2, one line) unless its manifest is present and every file it lists matches. */
    public static void verify(Path dir) {
        Path m = dir.resolve(NAME);
        if (!Files.isRegularFile(m)) {
            throw new InputException(dir.toString(), 0, "incomplete output: no " + NAME
                + " (the command that wrote it was interrupted or failed, or it predates manifests); run it again");
        }
        try {
            JsonNode root = MicrobenchReport.mapper().readTree(m.toFile());
            if (root == null || !"nvsim-manifest".equals(root.path("kind").asText()) || !root.path("files").isArray()) {
                throw new InputException(m.toString(), 1, "not an nvsim manifest (expected \"kind\": \"nvsim-manifest\" and \"files\")");
            }
            for (JsonNode e : root.get("files")) {
                String name = e.path("name").asText();
                Path f = dir.resolve(name).normalize();
                if (name.isEmpty() || !f.getParent().equals(dir.normalize()) || !Files.isRegularFile(f)) {
                    throw new InputException(dir.toString(), 0, "incomplete output: " + NAME + " lists '" + name + "', which is missing");
                }
                if (Files.size(f) != e.path("bytes").asLong() || !sha256(f).equals(e.path("sha256").asText())) {
                    throw new InputException(dir.toString(), 0, "incomplete output: " + name
                        + " differs from " + NAME + " (changed or half-written after the manifest); run the command again");
                }
            }
        } catch (IOException e) {
            throw new InputException(m.toString(), 0, "cannot read the manifest: " + String.valueOf(e.getMessage()).split("\n")[0]);
        }
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
