package io.nvsim.reports;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts of a study (XChart), rendered to PNG and embedded into the HTML as data URIs. */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 460;

    private Charts() {
    }

    /** One series of a line chart: x values, y means and CI half-widths (NaN: no error bar). */
    public record Line(String name, double[] x, double[] y, double[] error) {
    }

    /** A line chart with error bars, e.g. cycles per operation against a swept cost. */
    public static String lines(String title, String xTitle, String yTitle, List<Line> series, boolean logY) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(logY && series.stream().allMatch(l -> positive(l.y(), l.error())));
        for (Line l : series) {
            boolean bars = false;
            double[] err = new double[l.error().length];
            for (int i = 0; i < err.length; i++) {
                err[i] = Double.isNaN(l.error()[i]) ? 0 : l.error()[i];
                bars |= err[i] > 0;
            }
            var s = bars ? chart.addSeries(l.name(), l.x(), l.y(), err) : chart.addSeries(l.name(), l.x(), l.y());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return png(chart);
    }

    /** A bar chart: categories on x, one bar per series; stacked when asked (a breakdown). */
    public static String bars(String title, String yTitle, List<String> categories, List<String> seriesNames,
                              double[][] values, double[][] errors, boolean stacked, boolean logY) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setStacked(stacked);
        boolean allPositive = true;
        for (int s = 0; s < values.length; s++) {
            allPositive &= positive(values[s], errors == null ? null : errors[s]);
        }
        if (logY && !stacked && allPositive) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(minimum(values)))));
        }
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 30 : 0);
        for (int s = 0; s < seriesNames.size(); s++) {
            List<Double> ys = new java.util.ArrayList<>();
            List<Double> es = new java.util.ArrayList<>();
            boolean anyError = false;
            for (int c = 0; c < categories.size(); c++) {
                ys.add(Double.isNaN(values[s][c]) ? 0.0 : values[s][c]);
                double e = errors == null || Double.isNaN(errors[s][c]) ? 0 : errors[s][c];
                es.add(e);
                anyError |= e > 0;
            }
            if (anyError) {
                chart.addSeries(seriesNames.get(s), categories, ys, es);
            } else {
                chart.addSeries(seriesNames.get(s), categories, ys);
            }
        }
        return png(chart);
    }

    private static double minimum(double[][] values) {
        double m = Double.MAX_VALUE;
        for (double[] row : values) {
            for (double v : row) {
                m = Math.min(m, v);
            }
        }
        return m;
    }

    /** Whether every value (less its error bar) is positive and finite, as a logarithmic axis needs. */
    private static boolean positive(double[] values, double[] errors) {
        for (int i = 0; i < values.length; i++) {
            double e = errors == null || Double.isNaN(errors[i]) ? 0 : errors[i];
            if (!(values[i] - e > 0) || Double.isInfinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setAntiAlias(true);
    }

    /**
     * A scatter of model against published values on log axes, one series per kind (e.g. calibration, prediction), with
     * the diagonal y = x (a perfect model) drawn across the range.
     */
    public static String scatterAgainstDiagonal(String title, String xTitle, String yTitle, List<String> names,
                                                List<List<double[]>> points) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int s = 0; s < names.size(); s++) {
            List<double[]> pts = points.get(s).stream().filter(p -> p[0] > 0 && p[1] > 0).toList();
            if (pts.isEmpty()) {
                continue;
            }
            double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
            for (double[] p : pts) {
                lo = Math.min(lo, Math.min(p[0], p[1]));
                hi = Math.max(hi, Math.max(p[0], p[1]));
            }
            var series = chart.addSeries(names.get(s), x, y);
            series.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            series.setMarker(s == 0 ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        }
        if (hi > 0) {
            var diagonal = chart.addSeries("y = x", new double[] {lo / 2, hi * 2}, new double[] {lo / 2, hi * 2});
            diagonal.setMarker(SeriesMarkers.NONE);
        }
        return png(chart);
    }

    private static String png(Chart<?, ?> chart) throws IOException {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
