package io.nvsim.cpu.path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The vocabulary of the path files' {@code when} column ({@code nvsim/hypervisors/tokens.tsv}): every token a row may
 * be conditioned on, with its meaning and who makes it hold. {@link PathTable} refuses a row whose condition names a
 * token outside it, so that a typo cannot silently drop a row.
 */
public final class PathTokens {
    private static final Set<String> TOKENS = load();

    private PathTokens() {
    }

    public static boolean known(String token) {
        return TOKENS.contains(token);
    }

    public static String list() {
        return String.join(", ", new TreeSet<>(TOKENS));
    }

    private static Set<String> load() {
        Set<String> tokens = new TreeSet<>();
        try (InputStream in = PathTokens.class.getClassLoader().getResourceAsStream("nvsim/hypervisors/tokens.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource nvsim/hypervisors/tokens.tsv");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    tokens.add(line.split("\t", 2)[0].strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Set.copyOf(tokens);
    }
}
