package io.nvsim.cost;

import io.nvsim.kernel.InputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered, immutable set of {@link Parameter}s: a cost profile plus the scenario's own
 * parameters, after overrides. Lookups by name happen when a model is built, never per event.
 */
public final class ParameterSet {
    private final Map<String, Parameter> byName;

    public ParameterSet(List<Parameter> parameters) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            map.put(p.name(), p);
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    public List<Parameter> all() {
        return new ArrayList<>(byName.values());
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public Parameter parameter(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalStateException("model asks for undefined parameter " + name);
        }
        return p;
    }

    public double value(String name) {
        return parameter(name).value();
    }

    /** A cost in whole cycles. */
    public long cycles(String name) {
        return parameter(name).asLong();
    }

    public int count(String name) {
        return (int) parameter(name).asLong();
    }

    public boolean flag(String name) {
        return parameter(name).value() != 0;
    }

    /** A copy with {@code name} set to {@code value}; an {@link InputException} naming the valid names if unknown. */
    public ParameterSet with(String name, double value, String origin, String file, int line) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new InputException(file, line, "unknown parameter '" + name + "'; valid names: " + String.join(", ", byName.keySet()));
        }
        String why = p.domain().violation(value);
        if (why != null) {
            throw new InputException(file, line, name + "=" + formatValue(value) + " (" + origin + ") is out of its domain: " + why
                + " (" + p.unit() + ")");
        }
        List<Parameter> list = new ArrayList<>(byName.values());
        list.replaceAll(q -> q.name().equals(name) ? q.withValue(value, origin) : q);
        return new ParameterSet(list);
    }

    /** Adds parameters that are not yet defined (e.g. scenario defaults beside a profile). */
    public ParameterSet plus(List<Parameter> more) {
        List<Parameter> list = new ArrayList<>(byName.values());
        for (Parameter p : more) {
            if (byName.containsKey(p.name())) {
                throw new IllegalStateException("parameter defined twice: " + p.name());
            }
            list.add(p);
        }
        return new ParameterSet(list);
    }

    /** SHA-256 (first 16 hex digits) of every name=value, in order: identifies a resolved configuration. */
    public String hash() {
        Map<String, Double> values = new LinkedHashMap<>();
        byName.values().forEach(p -> values.put(p.name(), p.value()));
        return hash(values);
    }

    /** The {@link #hash()} of named values in their order: checks a set's hash recorded beside its values. */
    public static String hash(Map<String, Double> values) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Double> e : values.entrySet()) {
                md.update((e.getKey() + "=" + formatValue(e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Integers print without a decimal point; other values with up to 6 significant decimals. */
    public static String formatValue(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
