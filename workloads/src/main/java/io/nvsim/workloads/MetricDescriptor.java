package io.nvsim.workloads;

/**
 * What one metric of a result means: its name, unit, whether it is its workload's headline (the
 * first metric), which direction is better, and one line of description; from the catalog
 * {@code nvsim/metrics.yaml} ({@link MetricCatalog}).
 *
 * @param direction {@code lower}, {@code higher} or {@code none} (a count or a setting, not a figure of merit)
 */
public record MetricDescriptor(String name, String unit, boolean headline, String direction, String description) {
    /** The directions a metric may declare. */
    public static final java.util.List<String> DIRECTIONS = java.util.List.of("lower", "higher", "none");
}
