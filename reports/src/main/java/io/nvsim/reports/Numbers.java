package io.nvsim.reports;

import java.util.Locale;

/** Number formatting shared by every writer: locale-independent, so output bytes never depend on the host. */
public final class Numbers {
    private Numbers() {
    }

    /** Fixed decimals, e.g. {@code fixed(2729.0, 1)} is {@code 2729.0}. */
    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Thousands separators for humans, e.g. {@code 422,720}. */
    public static String grouped(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    /** A ratio such as {@code 154.9x}. */
    public static String ratio(double v) {
        return String.format(Locale.ROOT, "%.1fx", v);
    }
}
