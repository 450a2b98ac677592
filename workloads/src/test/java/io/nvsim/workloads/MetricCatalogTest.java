package io.nvsim.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every metric every workload reports is described in nvsim/metrics.yaml: unit, better direction, one line. */
class MetricCatalogTest {
    private static final ParameterSet P = ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400"))
        .with("microbench.operations", 20, "test", null, 0)
        .with("interrupt_burst.bursts", 3, "test", null, 0)
        .with("ipi_ring.passes", 50, "test", null, 0)
        .with("idle_guest.seconds", 0.005, "test", null, 0)
        .with("mix.guest_work_cycles", 1_000_000, "test", null, 0)
        .with("memory_touch.accesses", 500, "test", null, 0)
        .with("page_fault_storm.rounds", 1, "test", null, 0)
        .with("tlbi_storm.rounds", 1, "test", null, 0);

    static Stream<String> workloads() {
        return Workloads.names().stream();
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void everyMetricIsDescribed(String name) {
        WorkloadResult r = Workloads.get(name).run(MachineModel.create(NestingConfig.parse("nv2-vhe"), P), P);
        List<MetricDescriptor> d = r.descriptors();
        assertEquals(List.copyOf(r.metrics().keySet()), d.stream().map(MetricDescriptor::name).toList());
        assertTrue(d.get(0).headline(), "the first metric is the headline");
        assertEquals(1, d.stream().filter(MetricDescriptor::headline).count());
        assertFalse(d.get(0).direction().equals("none"), name + ": a headline is a figure of merit: " + d.get(0));
        for (MetricDescriptor m : d) {
            assertFalse(m.unit().isBlank() || m.description().isBlank(), m.toString());
        }
    }

    @Test
    void anUndescribedMetricIsABug() {
        assertFalse(MetricCatalog.knows("made_up_metric"));
        assertThrows(IllegalStateException.class, () -> MetricCatalog.describe("made_up_metric", false));
        assertTrue(MetricCatalog.knows("ops_sgi_send"), "families end in *");
    }
}
