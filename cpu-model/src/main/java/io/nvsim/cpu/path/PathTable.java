package io.nvsim.cpu.path;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.nvsim.cpu.sysreg.SysReg;
import io.nvsim.cpu.sysreg.SysRegCatalog;
import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hypervisor code path as data: the ordered instructions of one CSV file, grouped by the value
 * of its first column ({@code phase} for world-switch files, {@code handler} for host-handler files).
 * Lines starting with '#' are comments (they cite the sources). Every SYSREG row must name a
 * register of the {@link SysRegCatalog}; any other error names the file and line.
 *
 * <pre>{@code
 * PathTable nvhe = PathTable.builtIn("kvm-v4.10-nvhe.csv", SysRegCatalog.builtIn());
 * List<PathInstruction> exit = nvhe.group("exit");
 * }</pre>
 */
public final class PathTable {
    /** A condition: a token, tokens joined by '+' (all must hold), optionally negated with a leading '!'. */
    private static final java.util.regex.Pattern CONDITION = java.util.regex.Pattern.compile("!?[a-z0-9_]+(\\+[a-z0-9_]+)*");

    private final String name;
    private final Map<String, List<PathInstruction>> groups;

    private PathTable(String name, Map<String, List<PathInstruction>> groups) {
        this.name = name;
        this.groups = groups;
    }

    public String name() {
        return name;
    }

    /** The instructions of one group ({@code exit}, {@code entry}, or a handler name), possibly empty. */
    public List<PathInstruction> group(String group) {
        return groups.getOrDefault(group, List.of());
    }

    public Set<String> groups() {
        return Collections.unmodifiableSet(groups.keySet());
    }

    /** Loads {@code nvsim/hypervisors/FILE} from the jar. */
    public static PathTable builtIn(String file, SysRegCatalog catalog) {
        String resource = "nvsim/hypervisors/" + file;
        InputStream in = PathTable.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        return parse(resource, new InputStreamReader(in, StandardCharsets.UTF_8), catalog);
    }

    /** Parses a path CSV: group column, seq, function, instruction, register, rw, when. */
    public static PathTable parse(String file, Reader reader, SysRegCatalog catalog) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.ALLOW_COMMENTS);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        Map<String, List<PathInstruction>> groups = new LinkedHashMap<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema().withComments())
                .readValues(reader)) {
            boolean header = true;
            while (it.hasNextValue()) {
                String[] f = it.nextValue();
                int line = it.getCurrentLocation().getLineNr() - 1;
                if (f.length == 0 || (f.length == 1 && f[0].isBlank())) {
                    continue;
                }
                if (header) {
                    header = false;
                    if (f.length < 7 || !f[1].equals("seq")) {
                        throw new InputException(file, line, "expected header <group>,seq,function,instruction,register,rw,when");
                    }
                    continue;
                }
                if (f.length < 6) {
                    throw new InputException(file, line, "expected 7 columns: <group>,seq,function,instruction,register,rw,when");
                }
                String group = f[0];
                int seq;
                InstructionKind kind;
                try {
                    seq = Integer.parseInt(f[1]);
                } catch (NumberFormatException e) {
                    throw new InputException(file, line, "seq must be an integer, found '" + f[1] + "'");
                }
                try {
                    kind = InstructionKind.parse(f[3]);
                } catch (IllegalArgumentException e) {
                    throw new InputException(file, line, "unknown instruction '" + f[3] + "'; expected one of "
                        + java.util.Arrays.toString(InstructionKind.values()));
                }
                String register = f[4];
                SysReg sysReg = null;
                if (kind == InstructionKind.SYSREG) {
                    sysReg = catalog.find(register);
                    if (sysReg == null) {
                        throw new InputException(file, line, "register '" + register + "' is not in the system-register catalog");
                    }
                }
                String rw = f[5];
                if (!rw.equals("R") && !rw.equals("W") && !rw.equals("-")) {
                    throw new InputException(file, line, "rw must be R, W or -, found '" + rw + "'");
                }
                String when = f.length > 6 ? f[6] : "";
                if (!when.isEmpty() && !CONDITION.matcher(when).matches()) {
                    throw new InputException(file, line, "malformed condition '" + when + "'; expected token, token+token or !token");
                }
                for (String token : when.isEmpty() ? new String[0] : when.replace("!", "").split("\\+")) {
                    if (!PathTokens.known(token)) {
                        throw new InputException(file, line, "unknown token '" + token + "' in '" + when + "'; expected one of the "
                            + "vocabulary of nvsim/hypervisors/tokens.tsv: " + PathTokens.list());
                    }
                }
                if (kind == InstructionKind.ERET && EretTarget.parse(register) == null) {
                    throw new InputException(file, line, "ERET target '" + register + "' is not in the vocabulary; expected one of: "
                        + EretTarget.vocabulary());
                }
                groups.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(new PathInstruction(group, seq, f[2], kind, register, sysReg, rw.equals("W"), when, file + ":" + line));
            }
        } catch (IOException e) {
            throw new InputException(file, 0, "cannot parse CSV: " + e.getMessage());
        }
        groups.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new PathTable(file, Collections.unmodifiableMap(groups));
    }
}
