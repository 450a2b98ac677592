package io.nvsim.workloads.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.workloads.ScenarioParameters;
import io.nvsim.workloads.WorkloadResult;
import io.nvsim.workloads.Workloads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden figures of the memory workloads (memory_touch with random, zipf-prefaulted, three cloned guests on two
 * shadow contexts and 2M pages; page_fault_storm; tlbi_storm with each flush) under vm, nv-nonvhe and nv2-vhe:
 * every metric, the cycle breakdown, cycles and traps, printed exactly. The file was printed by the access loop
 * before the workloads moved onto the engine (issue 12 point 4); the engine must reproduce it, and with one event per
 * segment ({@code memory.segmented=1}) it must charge exactly what the reference loop does
 * ({@link MemoryWorkload#simulate(MachineModel, ParameterSet, boolean)}: each step's plan charged at once, programs whole).
 */
class MemoryFiguresGoldenTest {
    private static final String[][] CASES = {
        {"memory_touch", "working_set=4m", "memory_touch.accesses=20000"},
        {"memory_touch", "working_set=4m", "memory_touch.accesses=20000", "memory_touch.pattern=2", "memory_touch.s2_prefault=1"},
        {"memory_touch", "working_set=4m", "memory_touch.accesses=20000", "memory_touch.guests=3", "memory_touch.switch_interval=2000"},
        {"memory_touch", "working_set=16m", "memory_touch.accesses=20000", "page_size=2m"},
        {"page_fault_storm", "working_set=1m", "page_fault_storm.rounds=3"},
        {"tlbi_storm", "working_set=1m", "tlbi_storm.rounds=3", "tlbi_storm.tlbi_op=0"},
        {"tlbi_storm", "working_set=1m", "tlbi_storm.rounds=3", "tlbi_storm.tlbi_op=1"},
        {"tlbi_storm", "working_set=1m", "tlbi_storm.rounds=3", "tlbi_storm.tlbi_op=2"},
    };
    private static final String[] CONFIGS = {"vm", "nv-nonvhe", "nv2-vhe"};

    private static ParameterSet parameters(String[] c, String... extra) {
        List<String> assignments = new ArrayList<>(Arrays.asList(c).subList(1, c.length));
        assignments.addAll(List.of(extra));
        return Overrides.applyAssignments(ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400")), assignments);
    }

    private static String figures(String... extra) {
        StringBuilder out = new StringBuilder();
        for (String[] c : CASES) {
            ParameterSet p = parameters(c, extra);
            for (String config : CONFIGS) {
                WorkloadResult r = Workloads.get(c[0]).run(MachineModel.create(NestingConfig.parse(config), p), p);
                out.append(String.join(" ", c)).append(' ').append(config).append('\n');
                for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                    out.append("  ").append(m.getKey()).append(' ').append(m.getValue()).append('\n');
                }
                out.append("  by_class ").append(Arrays.toString(r.cyclesByClass())).append('\n');
                out.append("  events ").append(r.events()).append(" cycles ").append(r.simulatedCycles())
                    .append(" traps ").append(r.simulatedTraps()).append('\n');
            }
        }
        return out.toString();
    }

    private static String golden() throws IOException {
        try (InputStream in = MemoryFiguresGoldenTest.class.getResourceAsStream("/golden/memory-figures.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theEngineShouldPrintTheOldLoopsFigures() throws IOException {
        assertEquals(golden(), figures(), "summed programs (the default)");
    }

    @Test
    void theSegmentedEngineAndTheReferenceLoopShouldChargeTheSame() {
        for (String[] c : CASES) {
            ParameterSet p = parameters(c, "memory.segmented=1");
            MemoryWorkload w = (MemoryWorkload) Workloads.get(c[0]);
            for (String config : CONFIGS) {
                MachineModel machine = MachineModel.create(NestingConfig.parse(config), p);
                WorkloadResult engine = w.simulate(machine, p, false);
                WorkloadResult loop = w.simulate(machine, p, true);
                String what = String.join(" ", c) + " " + config;
                assertEquals(loop.metrics(), engine.metrics(), what);
                assertArrayEquals(loop.cyclesByClass(), engine.cyclesByClass(), what);
                assertEquals(loop.simulatedCycles(), engine.simulatedCycles(), what);
                assertEquals(loop.simulatedTraps(), engine.simulatedTraps(), what);
            }
        }
    }
}
