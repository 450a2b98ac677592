package io.nvsim.reports.validation;

import io.nvsim.reports.AtomicFiles;
import io.nvsim.reports.Charts;
import io.nvsim.reports.MarkdownHtml;
import io.nvsim.reports.Numbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The validation report: the table (id, source, published, model, error, band, role, status), a one-line summary
 * (figures, predictions, median and worst prediction error), {@code validation.csv}, {@code validation.json},
 * {@code validation.md} and a self-contained {@code validation.html} with the predicted-against-published chart.
 */
public final class ValidationReport {
    /** The first columns of validation.csv, a contract. */
    public static final String CSV_HEADER = "id,source,profile,config,workload,metric,published,model,error_pct,band_pct,role,status";

    private final List<Validator.Outcome> outcomes;

    public ValidationReport(List<Validator.Outcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    public List<Validator.Outcome> outcomes() {
        return outcomes;
    }

    /** The predictions that fail the gate (outside their band, not a known departure). */
    public List<Validator.Outcome> failures() {
        return outcomes.stream().filter(Validator.Outcome::fails).toList();
    }

    /** One line: the counts, then the error of the predictions (known departures apart). */
    public String summary() {
        long calibrations = outcomes.stream().filter(o -> o.figure().modelled() && !o.figure().isPrediction()).count();
        List<Validator.Outcome> predictions = outcomes.stream().filter(o -> o.figure().modelled() && o.figure().isPrediction()).toList();
        List<Validator.Outcome> checked = predictions.stream().filter(o -> !o.figure().expectedOutside()).toList();
        List<Validator.Outcome> known = predictions.stream().filter(o -> o.figure().expectedOutside()).toList();
        long within = checked.stream().filter(o -> o.status().equals("within")).count();
        long notModelled = outcomes.stream().filter(o -> !o.figure().modelled()).count();
        double[] errs = checked.stream().mapToDouble(o -> Math.abs(o.errorPct())).sorted().toArray();
        String median = errs.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", errs.length % 2 == 1 ? errs[errs.length / 2]
            : (errs[errs.length / 2 - 1] + errs[errs.length / 2]) / 2);
        String worst = errs.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", errs[errs.length - 1]);
        double worstKnown = known.stream().mapToDouble(o -> Math.abs(o.errorPct())).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%d figures (%d calibrations, %d predictions, %d not modelled): %d of %d checked predictions "
                + "within their band, error median %s, worst %s; %d known departures%s", outcomes.size(), calibrations,
            predictions.size(), notModelled, within, checked.size(), median, worst, known.size(),
            known.isEmpty() ? "" : String.format(Locale.ROOT, " (worst %.0f%%)", worstKnown));
    }

    public String csv() {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append(",expected,why\n");
        for (Validator.Outcome o : outcomes) {
            Figure f = o.figure();
            sb.append(f.id()).append(',').append(quote(f.source())).append(',').append(f.profile()).append(',')
                .append(f.isRatio() ? f.config() + "/" + f.ratioConfig() : f.config()).append(',')
                .append(f.isRatio() && !f.ratioWorkload().equals(f.workload()) ? f.workload() + "/" + f.ratioWorkload() : f.workload())
                .append(',').append(f.metric()).append(',').append(published(f)).append(',').append(num(o.model())).append(',')
                .append(num(o.errorPct())).append(',').append(f.isPrediction() && f.modelled() ? num(f.bandPct()) : "").append(',')
                .append(f.role()).append(',').append(o.status()).append(',').append(f.expectedOutside() ? "outside" : "").append(',')
                .append(quote(f.why())).append('\n');
        }
        return sb.toString();
    }

    public String json() {
        StringBuilder sb = new StringBuilder("{\n  \"summary\": ").append(jsonString(summary())).append(",\n  \"figures\": [\n");
        for (int i = 0; i < outcomes.size(); i++) {
            Validator.Outcome o = outcomes.get(i);
            Figure f = o.figure();
            sb.append("    {\"id\": ").append(jsonString(f.id())).append(", \"source\": ").append(jsonString(f.source()))
                .append(", \"profile\": ").append(jsonString(f.profile())).append(", \"config\": ").append(jsonString(f.config()))
                .append(", \"ratio_to_config\": ").append(f.ratioConfig() == null ? "null" : jsonString(f.ratioConfig()))
                .append(", \"workload\": ").append(jsonString(f.workload())).append(", \"metric\": ").append(jsonString(f.metric()))
                .append(", \"published_low\": ").append(jsonNum(f.publishedLow())).append(", \"published_high\": ")
                .append(jsonNum(f.publishedHigh())).append(", \"model\": ").append(jsonNum(o.model())).append(", \"error_pct\": ")
                .append(jsonNum(o.errorPct())).append(", \"band_pct\": ").append(jsonNum(f.bandPct())).append(", \"role\": ")
                .append(jsonString(f.role())).append(", \"status\": ").append(jsonString(o.status())).append(", \"expected_outside\": ")
                .append(f.expectedOutside()).append(", \"why\": ").append(jsonString(f.why())).append('}')
                .append(i + 1 < outcomes.size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    /** The table as Markdown, the summary line above it. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# nvsim validation: every published figure it can be held against\n\n");
        sb.append(summary()).append("\n\n");
        sb.append("| id | source | published | model | error | band | role | status |\n|---|---|---:|---:|---:|---:|---|---|\n");
        for (Validator.Outcome o : outcomes) {
            Figure f = o.figure();
            String status = o.status() + (f.expectedOutside() ? " (known)" : "");
            sb.append("| ").append(f.id()).append(" | ").append(f.source().replace("|", "/")).append(" | ")
                .append(f.modelled() ? publishedText(f) : "").append(" | ").append(f.modelled() ? modelText(o.model()) : "").append(" | ")
                .append(f.modelled() ? String.format(Locale.ROOT, "%+.1f%%", o.errorPct()) : "").append(" | ")
                .append(f.isPrediction() && f.modelled() ? "±" + Numbers.fixed(f.bandPct(), 0) + "%" : f.modelled() ? "fit" : "")
                .append(" | ").append(f.role()).append(" | ").append(status).append(" |\n");
        }
        sb.append("\nKnown departures and not-modelled figures say why in `validation.csv` (column `why`) and in the figures file.\n");
        return sb.toString();
    }

    public String html() throws IOException {
        List<double[]> cal = new ArrayList<>();
        List<double[]> pred = new ArrayList<>();
        for (Validator.Outcome o : outcomes) {
            if (o.figure().modelled()) {
                (o.figure().isPrediction() ? pred : cal).add(new double[] {o.figure().published(), o.model()});
            }
        }
        String chart = Charts.scatterAgainstDiagonal("model against published (log axes; the diagonal is a perfect model)",
            "published", "model", List.of("calibration", "prediction"), List.of(cal, pred));
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>nvsim validation</title><style>body{font-family:sans-serif;"
            + "max-width:1200px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
            + "</style></head><body>\n<img alt=\"model against published\" src=\"" + chart + "\">\n" + MarkdownHtml.toHtml(markdown())
            + "</body></html>\n";
    }

    /** Writes the four files into {@code dir}, each atomically. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        String html = html();
        AtomicFiles.write(dir.resolve("validation.csv"), csv());
        AtomicFiles.write(dir.resolve("validation.json"), json());
        AtomicFiles.write(dir.resolve("validation.md"), markdown());
        AtomicFiles.write(dir.resolve("validation.html"), html);
    }

    private static String publishedText(Figure f) {
        return f.isRange() ? modelText(f.publishedLow()) + "-" + modelText(f.publishedHigh()) : modelText(f.publishedLow());
    }

    private static String modelText(double v) {
        return Math.abs(v) >= 100 ? Numbers.grouped(v) : Numbers.fixed(v, 3);
    }

    private static String published(Figure f) {
        return !f.modelled() ? "" : f.isRange() ? num(f.publishedLow()) + "-" + num(f.publishedHigh()) : num(f.publishedLow());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String jsonNum(double v) {
        return Double.isNaN(v) ? "null" : num(v);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
