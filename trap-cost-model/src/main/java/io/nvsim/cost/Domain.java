package io.nvsim.cost;

import java.util.Arrays;

/**
 * The values a parameter may take: a range, whether it must be a whole number, or an explicit set of allowed values.
 * Declared where the parameter is declared (its YAML entry: {@code min}, {@code max}, {@code allowed}), otherwise given
 * by its unit: {@code bool} is 0 or 1; {@code cycles}, {@code count}, {@code ns} and {@code bytes} are whole numbers
 * from 0; {@code GHz} is positive. Every value set from a profile, {@code --set}, {@code --config}, a sweep spec or a
 * workload file is checked before anything runs.
 *
 * <pre>{@code
 * Domain d = Domain.forUnit("count").withRange(1, 1e8);   // d.violation(0) -> "expected a whole number in 1..100000000"
 * }</pre>
 */
public record Domain(double min, double max, boolean integer, double[] allowed) {
    /** The units parameters may have. */
    public static final java.util.List<String> UNITS = java.util.List.of("cycles", "count", "bool", "ns", "bytes", "GHz", "Hz", "s",
        "factor", "divisor", "ratio");

    /** The domain a unit implies, or an {@link IllegalArgumentException} for a unit nvsim does not know. */
    public static Domain forUnit(String unit) {
        switch (unit) {
            case "bool":
                return new Domain(0, 1, true, new double[] {0, 1});
            case "cycles":
                return new Domain(0, 1e12, true, null);
            case "count":
                return new Domain(0, Integer.MAX_VALUE, true, null);
            case "ns":
                return new Domain(0, 1e15, true, null);
            case "bytes":
                return new Domain(0, Math.pow(2, 52), true, null);
            case "GHz":
                return new Domain(0.001, 100, false, null);
            case "Hz":
                return new Domain(0, 1e9, false, null);
            case "s":
                return new Domain(0, 1e9, false, null);
            case "factor":
            case "divisor":
            case "ratio":
                return new Domain(0, 1e6, false, null);
            default:
                throw new IllegalArgumentException("unknown unit '" + unit + "'; expected one of " + String.join(", ", UNITS));
        }
    }

    /** The same domain narrowed to {@code [min, max]}. */
    public Domain withRange(double newMin, double newMax) {
        return new Domain(newMin, newMax, integer, allowed);
    }

    /** The same domain restricted to these values. */
    public Domain withAllowed(double... values) {
        return new Domain(min, max, integer, values.clone());
    }

    /** Why {@code value} is outside the domain ("expected ..."), or null when it is inside. */
    public String violation(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "expected " + describe();
        }
        if (allowed != null) {
            for (double a : allowed) {
                if (a == value) {
                    return null;
                }
            }
            return "expected " + describe();
        }
        if (value < min || value > max || integer && value != Math.rint(value)) {
            return "expected " + describe();
        }
        return null;
    }

    /** e.g. "a whole number in 1..100000000", "one of 0, 1". */
    public String describe() {
        if (allowed != null) {
            return "one of " + String.join(", ", Arrays.stream(allowed).mapToObj(Domain::format).toList());
        }
        return (integer ? "a whole number in " : "a number in ") + format(min) + ".." + format(max);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
            : new java.math.BigDecimal(v, new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain d && d.min == min && d.max == max && d.integer == integer && Arrays.equals(d.allowed, allowed);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(min, max, integer, Arrays.hashCode(allowed));
    }
}
