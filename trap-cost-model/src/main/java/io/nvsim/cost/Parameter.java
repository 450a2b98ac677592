package io.nvsim.cost;

/**
 * One named, documented, overridable model parameter: a cost in cycles, a count, or a switch.
 *
 * @param name       dotted path, e.g. {@code cost.trap_entry_cycles}
 * @param unit       e.g. {@code cycles}, {@code count}, {@code bool}
 * @param value      the value in force
 * @param provenance the published figure or assumption it comes from
 * @param origin     where the value was set (profile file and line, or the override that set it)
 * @param free       true when calibration fits this parameter to published targets
 */
public record Parameter(String name, String unit, double value, String provenance, String origin, boolean free) {

    /** A copy with another value, set by {@code origin}. */
    public Parameter withValue(double newValue, String newOrigin) {
        return new Parameter(name, unit, newValue, provenance, newOrigin, free);
    }

    /** The value rounded to whole cycles (or counts). */
    public long asLong() {
        return Math.round(value);
    }
}
