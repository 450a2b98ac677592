package io.nvsim.reports.validation;

import java.util.Map;

/**
 * One published figure nvsim is held against: where it comes from, the scenario that reproduces it (profile,
 * configuration, overrides, microbenchmark, metric, optionally as a ratio to another configuration or workload), the
 * published value or range, whether a parameter was fitted to it (calibration) or the model predicts it (prediction),
 * and for a prediction the band it must fall in. A figure nvsim cannot express is kept, {@code modelled == false}, so
 * that the gap is visible.
 *
 * @param expectedOutside a known departure: reported as outside, but not a failure of {@code nvsim validate}
 */
public record Figure(String id, String source, boolean modelled, String profile, String config, Map<String, Double> set,
                     String workload, String metric, String ratioConfig, String ratioWorkload, double publishedLow,
                     double publishedHigh, String role, double bandPct, boolean expectedOutside, String why, String file, int line) {

    /** The published value (the middle of a range). */
    public double published() {
        return (publishedLow + publishedHigh) / 2;
    }

    public boolean isRange() {
        return publishedLow != publishedHigh;
    }

    public boolean isPrediction() {
        return role.equals("prediction");
    }

    public boolean isRatio() {
        return ratioConfig != null;
    }

    /** The signed error of {@code model} in percent: against the value, or against the nearer end of a range (0 inside). */
    public double errorPct(double model) {
        if (model >= publishedLow && model <= publishedHigh) {
            return isRange() ? 0 : 100.0 * (model - publishedLow) / publishedLow;
        }
        double bound = model < publishedLow ? publishedLow : publishedHigh;
        return 100.0 * (model - bound) / bound;
    }
}
