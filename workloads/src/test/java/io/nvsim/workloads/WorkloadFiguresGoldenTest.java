package io.nvsim.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden figures of the event-driven workloads (ipi_ring, idle_guest, interrupt_burst and a mix), with
 * and without halt polling, under vm, nv-vhe and nv2-vhe: every metric, the cycle breakdown, events and
 * traps, printed exactly. The file was produced before the engine refactoring of issue 12 and must not
 * change unless the dynamics do (regenerate with -Dnvsim.updateGolden=true and explain the diff).
 */
class WorkloadFiguresGoldenTest {

    static String figures() {
        ParameterSet base = ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400"))
            .with("ipi_ring.passes", 3000, "test", null, 0).with("ipi_ring.vcpus", 4, "test", null, 0)
            .with("ipi_ring.tokens", 2, "test", null, 0)
            .with("idle_guest.seconds", 0.05, "test", null, 0).with("idle_guest.vcpus", 3, "test", null, 0)
            .with("idle_guest.tick_hz", 1000, "test", null, 0)
            .with("interrupt_burst.bursts", 5, "test", null, 0).with("interrupt_burst.pending", 23, "test", null, 0);
        StringBuilder out = new StringBuilder();
        for (String workload : new String[] {"ipi_ring", "idle_guest", "interrupt_burst", "netperf_tcp_rr"}) {
            for (long pollNs : new long[] {500_000, 0}) {
                for (String config : new String[] {"vm", "nv-vhe", "nv2-vhe"}) {
                    ParameterSet p = base.with("kvm.halt_poll_ns", pollNs, "test", null, 0);
                    MachineModel machine = MachineModel.create(NestingConfig.parse(config), p);
                    WorkloadResult r = Workloads.get(workload).run(machine, p);
                    out.append(workload).append(" halt_poll_ns=").append(pollNs).append(' ').append(config).append('\n');
                    for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                        out.append("  ").append(m.getKey()).append(' ').append(m.getValue()).append('\n');
                    }
                    out.append("  by_class ").append(Arrays.toString(r.cyclesByClass())).append('\n');
                    out.append("  events ").append(r.events()).append(" cycles ").append(r.simulatedCycles())
                        .append(" traps ").append(r.simulatedTraps()).append('\n');
                }
            }
        }
        return out.toString();
    }

    @Test
    void figuresShouldMatchTheGoldenFile() throws IOException {
        String actual = figures();
        if (Boolean.getBoolean("nvsim.updateGolden")) {
            Files.writeString(Paths.get("src/test/resources/golden/workload-figures.txt"), actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = WorkloadFiguresGoldenTest.class.getResourceAsStream("/golden/workload-figures.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual);
        }
    }
}
