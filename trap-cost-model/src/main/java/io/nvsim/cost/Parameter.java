package io.nvsim.cost;

import io.nvsim.kernel.InputException;

/**
 * One named, documented, overridable model parameter: a cost in cycles, a count, or a switch, with the values it may
 * take ({@link Domain}). A value outside its domain is refused where it is set, naming the parameter, the value, the
 * domain and where the value came from.
 *
 * @param name       dotted path, e.g. {@code cost.trap_entry_cycles}
 * @param unit       e.g. {@code cycles}, {@code count}, {@code bool}
 * @param value      the value in force
 * @param provenance the published figure or assumption it comes from
 * @param origin     where the value was set (profile file and line, or the override that set it)
 * @param free       true when calibration fits this parameter to published targets
 * @param domain     the values it may take
 */
public record Parameter(String name, String unit, double value, String provenance, String origin, boolean free, Domain domain) {

    public Parameter {
        String why = domain.violation(value);
        if (why != null) {
            throw new InputException(origin + ": " + name + "=" + ParameterSet.formatValue(value) + " is out of its domain: " + why
                + " (" + unit + ")");
        }
    }

    /** A parameter whose domain is its unit's. */
    public Parameter(String name, String unit, double value, String provenance, String origin, boolean free) {
        this(name, unit, value, provenance, origin, free, Domain.forUnit(unit));
    }

    /** A copy with another value, set by {@code origin}. */
    public Parameter withValue(double newValue, String newOrigin) {
        return new Parameter(name, unit, newValue, provenance, newOrigin, free, domain);
    }

    /** A copy with another domain (e.g. a workload narrowing a count). */
    public Parameter withDomain(Domain newDomain) {
        return new Parameter(name, unit, value, provenance, origin, free, newDomain);
    }

    /** The value rounded to whole cycles (or counts). */
    public long asLong() {
        return Math.round(value);
    }
}
