package io.nvsim.traces;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** JSON in and out for the trace files (summaries, store metadata): keys in insertion order, '\n' line ends on every OS. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** {@code map} as pretty-printed JSON ending with a newline. */
    public static String write(Map<String, Object> map) throws IOException {
        DefaultPrettyPrinter p = new DefaultPrettyPrinter();
        p.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        p.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        return MAPPER.writer(p).writeValueAsString(map) + "\n";
    }

    public static Map<String, Object> read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
    }
}
