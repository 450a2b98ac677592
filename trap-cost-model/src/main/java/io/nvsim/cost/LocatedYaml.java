package io.nvsim.cost;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read with Jackson's streaming parser into a small tree whose every node
 * remembers its line, so that errors can name the file and line of the offending value.
 *
 * <pre>{@code
 * LocatedYaml.Node root = LocatedYaml.parse("profile.yaml", reader);
 * LocatedYaml.Node v = root.get("parameters");
 * }</pre>
 */
public final class LocatedYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private LocatedYaml() {
    }

    /** One node of the tree: a mapping, a sequence or a scalar (text, possibly null). */
    public static final class Node {
        private final String file;
        private final int line;
        private final Map<String, Node> mapping;
        private final List<Node> sequence;
        private final String scalar;
        private final boolean numeric;

        Node(String file, int line, Map<String, Node> mapping, List<Node> sequence, String scalar, boolean numeric) {
            this.file = file;
            this.line = line;
            this.mapping = mapping;
            this.sequence = sequence;
            this.scalar = scalar;
            this.numeric = numeric;
        }

        public String file() {
            return file;
        }

        public int line() {
            return line;
        }

        public boolean isMapping() {
            return mapping != null;
        }

        public boolean isSequence() {
            return sequence != null;
        }

        public boolean isScalar() {
            return mapping == null && sequence == null;
        }

        /** The entries of a mapping, in document order. */
        public Map<String, Node> entries() {
            if (mapping == null) {
                throw error("expected a mapping (key: value lines)");
            }
            return Collections.unmodifiableMap(mapping);
        }

        public List<Node> items() {
            if (sequence == null) {
                throw error("expected a list");
            }
            return Collections.unmodifiableList(sequence);
        }

        /** The child called {@code key}, or null. */
        public Node get(String key) {
            return entries().get(key);
        }

        /** The child called {@code key}; a clear error if it is missing. */
        public Node require(String key) {
            Node n = get(key);
            if (n == null) {
                throw error("missing key '" + key + "'");
            }
            return n;
        }

        public String text() {
            if (!isScalar()) {
                throw error("expected a single value, found a " + (isMapping() ? "mapping" : "list"));
            }
            return scalar;
        }

        public double number() {
            String t = text();
            if (t == null) {
                throw error("expected a number, found nothing");
            }
            try {
                return Double.parseDouble(t.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw error("expected a number, found '" + t + "'");
            }
        }

        public boolean isNumeric() {
            return numeric;
        }

        public InputException error(String message) {
            return new InputException(file, line, message);
        }
    }

    public static Node parse(String file, Reader reader) {
        try (JsonParser parser = FACTORY.createParser(reader)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new Node(file, 1, new LinkedHashMap<>(), null, null, false);
            }
            Node root = read(file, parser, token);
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String msg = e.getOriginalMessage().split("\n")[0];
            throw new InputException(file, line, "not valid YAML: " + msg);
        } catch (IOException e) {
            throw new InputException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    public static Node parse(String file, String text) {
        return parse(file, new StringReader(text));
    }

    public static Node parse(String file, InputStream in) {
        return parse(file, new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Node read(String file, JsonParser p, JsonToken token) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT: {
                Map<String, Node> map = new LinkedHashMap<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    Node value = read(file, p, p.nextToken());
                    if (map.containsKey(key)) {
                        throw new InputException(file, keyLine, "duplicate key '" + key + "'");
                    }
                    map.put(key, value);
                }
                return new Node(file, line, map, null, null, false);
            }
            case START_ARRAY: {
                List<Node> list = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(file, p, t));
                }
                return new Node(file, line, null, list, null, false);
            }
            case VALUE_NULL:
                return new Node(file, line, null, null, null, false);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Node(file, line, null, null, p.getText(), true);
            default:
                return new Node(file, line, null, null, p.getText(), false);
        }
    }
}
