package io.nvsim.workloads.mix;

import io.nvsim.kernel.InputException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * The distribution of the guest time between two arrivals of one operation, by its mean and its
 * coefficient of variation (Commons Math distributions on a {@link Well19937c} generator seeded
 * from the run's {@code RandomStreams}):
 * {@code exponential} (Poisson arrivals, cv 1), {@code gamma} (shape 1/cv^2), {@code lognormal}
 * (sigma^2 = ln(1 + cv^2)), {@code uniform} (on mean*(1 -+ cv*sqrt 3)), {@code constant} (cv 0).
 */
public enum InterArrival {
    EXPONENTIAL, GAMMA, LOGNORMAL, UNIFORM, CONSTANT;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static InterArrival parse(String id, io.nvsim.cost.LocatedYaml.Node where) {
        for (InterArrival d : values()) {
            if (d.id().equals(id)) {
                return d;
            }
        }
        throw where.error("unknown distribution '" + id + "'; valid: " + String.join(", ", ids()));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(InterArrival::id).toList();
    }

    /** A sampler of gaps with this mean (cycles) and coefficient of variation, seeded with {@code seed}; null for CONSTANT. */
    RealDistribution distribution(double mean, double cv, long seed) {
        Well19937c rng = new Well19937c(seed);
        switch (this) {
            case EXPONENTIAL:
                return new ExponentialDistribution(rng, mean);
            case GAMMA: {
                double shape = 1.0 / (cv * cv);
                return new GammaDistribution(rng, shape, mean / shape);
            }
            case LOGNORMAL: {
                double s2 = Math.log(1 + cv * cv);
                return new LogNormalDistribution(rng, Math.log(mean) - s2 / 2, Math.sqrt(s2));
            }
            case UNIFORM: {
                double half = Math.min(1.0, cv * Math.sqrt(3)) * mean;
                return new UniformRealDistribution(rng, mean - half, mean + half);
            }
            default:
                return null;
        }
    }

    void check(double cv, String file, int line) {
        if ((this == GAMMA || this == LOGNORMAL || this == UNIFORM) && !(cv > 0)) {
            throw new InputException(file, line, id() + " needs cv > 0 (coefficient of variation)");
        }
        if (this == UNIFORM && cv > 1 / Math.sqrt(3)) {
            throw new InputException(file, line, "uniform needs cv <= 0.577 (gaps must stay >= 0)");
        }
    }
}
