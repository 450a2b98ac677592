package io.nvsim.reports;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Mean and 95% confidence interval over replications, with Student's t (Commons Math):
 * {@code mean ± t(0.975, n-1) * s / sqrt(n)}. With one replication the interval is undefined (NaN).
 */
public record Statistics(long n, double mean, double halfWidth) {

    public static Statistics of(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            s.addValue(v);
        }
        if (s.getN() < 2) {
            return new Statistics(s.getN(), s.getN() == 0 ? Double.NaN : s.getMean(), Double.NaN);
        }
        double t = new TDistribution(null, s.getN() - 1).inverseCumulativeProbability(0.975);
        return new Statistics(s.getN(), s.getMean(), t * s.getStandardDeviation() / Math.sqrt(s.getN()));
    }

    public double low() {
        return mean - halfWidth;
    }

    public double high() {
        return mean + halfWidth;
    }
}
