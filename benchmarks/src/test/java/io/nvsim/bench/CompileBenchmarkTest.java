package io.nvsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.workloads.ScenarioParameters;
import org.junit.jupiter.api.Test;

/** The compile benchmark's body compiles every operation of each of its points, the same every time. */
class CompileBenchmarkTest {
    @Test
    void shouldCompileEveryPointDeterministically() {
        CompileBenchmark b = new CompileBenchmark();
        for (String point : new String[] {"xgene-m400:nv-nonvhe", "graviton3:upstream-vhe", "graviton3:upstream-nvhe"}) {
            b.point = point;
            b.setup();
            long first = b.compileAll();
            assertTrue(first > 0, point);
            assertEquals(first, b.compileAll(), point);
        }
        assertTrue(CompileBenchmark.compileAll(NestingConfig.parse("vm"), ScenarioParameters.of(CostProfile.builtIn("graviton3"))) > 0);
    }
}
