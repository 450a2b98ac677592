package io.nvsim.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites a profile YAML text after a calibration, keeping its comments and layout: the
 * {@code value:} of each fitted parameter is replaced, and the {@code calibration:} block at the
 * end is replaced by the residuals of the fit.
 */
public final class ProfileWriter {
    private ProfileWriter() {
    }

    public static String withCalibration(String yaml, Calibrator.Result result) {
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
        String current = null;
        int calibrationLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("calibration:")) {
                calibrationLine = i;
                break;
            }
            String trimmed = line.trim();
            if (line.startsWith("  ") && !line.startsWith("    ") && trimmed.endsWith(":") && !trimmed.startsWith("#")) {
                current = trimmed.substring(0, trimmed.length() - 1);
            } else if (current != null && line.startsWith("    value:") && result.fitted().has(current)
                    && result.fitted().parameter(current).free()) {
                lines.set(i, "    value: " + ParameterSet.formatValue(result.fitted().value(current)));
            }
        }
        if (calibrationLine >= 0) {
            lines = new ArrayList<>(lines.subList(0, calibrationLine));
        }
        StringBuilder sb = new StringBuilder(String.join("\n", lines));
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
        sb.append("calibration:\n");
        sb.append("  command: \"nvsim calibrate --profile ").append(machine(yaml)).append(" --write FILE\"\n");
        sb.append("  residuals:\n");
        for (Calibrator.Row r : result.rows()) {
            sb.append("    - target: ").append(r.target().name()).append('\n');
            sb.append("      published: ").append(ParameterSet.formatValue(r.target().value())).append('\n');
            sb.append("      model: ").append(String.format(Locale.ROOT, "%.1f", r.model())).append('\n');
            sb.append("      error_percent: ").append(String.format(Locale.ROOT, "%.3f", r.errorPercent())).append('\n');
        }
        return sb.toString();
    }

    private static String machine(String yaml) {
        for (String line : yaml.split("\n")) {
            if (line.startsWith("machine:")) {
                return line.substring("machine:".length()).trim();
            }
        }
        return "MACHINE";
    }
}
