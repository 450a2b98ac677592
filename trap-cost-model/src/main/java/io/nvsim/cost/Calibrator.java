package io.nvsim.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits the free parameters of a profile to published targets by Levenberg-Marquardt least
 * squares (Commons Math) on relative errors, {@code model/published - 1}, so that a 2,729-cycle
 * target and a 422,720-cycle target weigh alike. The model is any function from a parameter set
 * to a target's value: in nvsim it runs the simulator itself, so the fit explains the published
 * figures with the modelled mechanism, never with per-config tuning.
 */
public final class Calibrator {

    /** The outcome of a fit: the fitted parameters and each target's published value, model value and error. */
    public record Result(ParameterSet fitted, List<Row> rows, int evaluations, double rms) {
    }

    /** One target after the fit. */
    public record Row(CalibrationTarget target, double model, double errorPercent) {
    }

    private final BiFunction<ParameterSet, CalibrationTarget, Double> model;

    /** @param model computes a target's value under a parameter set (e.g. by running the benchmark). */
    public Calibrator(BiFunction<ParameterSet, CalibrationTarget, Double> model) {
        this.model = model;
    }

    /** Fits the parameters marked free in {@code start} to the {@code fit} targets and evaluates every target. */
    public Result fit(ParameterSet start, List<CalibrationTarget> targets) {
        List<String> free = start.all().stream().filter(Parameter::free).map(Parameter::name).toList();
        List<CalibrationTarget> fitTargets = targets.stream().filter(CalibrationTarget::fit).toList();
        ParameterSet fitted = start;
        int evaluations = 0;
        if (!free.isEmpty() && !fitTargets.isEmpty()) {
            double[] initial = free.stream().mapToDouble(start::value).toArray();
            MultivariateJacobianFunction function = point -> {
                ParameterSet ps = assign(start, free, point.toArray());
                double[] values = residuals(ps, fitTargets);
                double[][] jacobian = new double[fitTargets.size()][free.size()];
                for (int j = 0; j < free.size(); j++) {
                    double[] shifted = point.toArray();
                    double step = Math.max(1.0, Math.abs(shifted[j]) * 0.01);
                    shifted[j] += step;
                    double[] up = residuals(assign(start, free, shifted), fitTargets);
                    for (int i = 0; i < fitTargets.size(); i++) {
                        jacobian[i][j] = (up[i] - values[i]) / step;
                    }
                }
                return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(
                    new ArrayRealVector(values), new Array2DRowRealMatrix(jacobian));
            };
            LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .start(initial)
                .model(function)
                .target(new double[fitTargets.size()])
                .lazyEvaluation(false)
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build());
            double[] best = optimum.getPoint().toArray();
            for (int j = 0; j < best.length; j++) {
                best[j] = Math.max(0, Math.round(best[j])); // costs are whole cycles
            }
            fitted = assign(start, free, best);
            evaluations = optimum.getEvaluations();
        }
        List<Row> rows = new ArrayList<>();
        double sumSq = 0;
        for (CalibrationTarget t : targets) {
            double value = model.apply(fitted, t);
            double err = 100.0 * (value / t.value() - 1.0);
            rows.add(new Row(t, value, err));
            if (t.fit()) {
                sumSq += err * err;
            }
        }
        return new Result(fitted, rows, evaluations, Math.sqrt(sumSq / Math.max(1, fitTargets.size())));
    }

    private double[] residuals(ParameterSet ps, List<CalibrationTarget> targets) {
        double[] r = new double[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            r[i] = model.apply(ps, targets.get(i)) / targets.get(i).value() - 1.0;
        }
        return r;
    }

    private static ParameterSet assign(ParameterSet base, List<String> names, double[] values) {
        ParameterSet ps = base;
        for (int i = 0; i < names.size(); i++) {
            // the optimiser explores real values: the model reads whole cycles anyway, so round and keep them in the domain
            Domain d = ps.parameter(names.get(i)).domain();
            double v = Math.max(d.min(), Math.min(d.max(), d.integer() ? Math.rint(values[i]) : values[i]));
            ps = ps.with(names.get(i), v, "calibration", null, 0);
        }
        return ps;
    }
}
