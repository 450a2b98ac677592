package io.nvsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.LocatedYaml;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.ScenarioParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepSpecTest {
    static final ParameterSet BASE = ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400"));

    static SweepSpec parse(String yaml) {
        return SweepSpec.parse("spec.yaml", LocatedYaml.parse("spec.yaml", yaml), BASE);
    }

    @Test
    void shouldExpandTheIssuesExampleAsACartesianProduct() {
        SweepSpec s = parse("workload: hypercall\ngrid:\n  config: [vm, pv-nonvhe, nv-nonvhe, nv-vhe, nv2-nonvhe, nv2-vhe]\n"
            + "  cost.trap_entry_cycles: [40, 70, 100, 130, 160]\nreplications: 3\n");
        assertEquals(30, s.points().size());
        assertEquals(3, s.replications());
        assertEquals(Map.of("workload", "hypercall", "config", "vm", "cost.trap_entry_cycles", "40"), s.points().get(0));
        assertEquals("70", s.points().get(1).get("cost.trap_entry_cycles"), "the last key varies fastest");
        assertEquals("pv-nonvhe", s.points().get(5).get("config"));
        assertEquals(List.of("workload", "config", "cost.trap_entry_cycles"), s.keys());
    }

    @Test
    void shouldRunAllSevenConfigsWhenNoneIsGivenAndAcceptExplicitPoints() {
        assertEquals(7 * 2, parse("workload: device_io\ngrid:\n  gic.list_registers: [2, 4]\n").points().size());
        SweepSpec s = parse("workload: hypercall\nconfig: nv-vhe\npoints:\n  - {cost.eret_cycles: 50}\n  - {config: vm, cost.eret_cycles: 80}\n");
        assertEquals(2, s.points().size());
        assertEquals("nv-vhe", s.points().get(0).get("config"));
        assertEquals("vm", s.points().get(1).get("config"));
        assertNotEquals(s.hash(), parse("workload: hypercall\nconfig: nv-vhe\npoints:\n  - {cost.eret_cycles: 51}\n").hash());
    }

    private static InputException bad(String yaml) {
        return assertThrows(InputException.class, () -> parse(yaml));
    }

    @Test
    void shouldRejectBadSpecsWithOneClearError() {
        InputException unknown = bad("workload: hypercall\ngrid:\n  config: [vm]\n  cost.trap_cycles: [1, 2]\n");
        assertEquals(4, unknown.line());
        assertTrue(unknown.getMessage().contains("unknown parameter 'cost.trap_cycles'"));
        assertTrue(unknown.getMessage().contains("cost.trap_entry_cycles"), "lists the valid names");
        assertEquals(3, bad("workload: hypercall\ngrid:\n  config: []\n").line());
        assertTrue(bad("workload: hypercall\ngrid: {}\n").getMessage().contains("grid is empty"));
        assertTrue(bad("workload: hypercall\ngrid:\n  cost.eret_cycles: [10, fast]\n").getMessage().contains("needs a number"));
        assertTrue(bad("workload: hypercall\ngrid:\n  config: [nv3]\n").getMessage().contains("valid configs"));
        assertTrue(bad("workload: nope\ngrid:\n  config: [vm]\n").getMessage().contains("valid workloads"));
        assertTrue(bad("workload: hypercall\ngird:\n  config: [vm]\n").getMessage().contains("unknown key 'gird'"));
        assertTrue(bad("workload: hypercall\nreplications: 0\ngrid:\n  config: [vm]\n").getMessage().contains("at least 1"));
        assertTrue(bad("workload: hypercall\nreplications: two\ngrid:\n  config: [vm]\n").getMessage().contains("integer"));
        assertTrue(bad("grid:\n  config: [vm]\n").getMessage().contains("no workload"));
        assertTrue(bad("workload: hypercall\n").getMessage().contains("neither 'grid' nor 'points'"));
        assertTrue(bad("workload: hypercall\ngrid:\n  config: [vm]\npoints:\n  - {config: vm}\n").getMessage().contains("not both"));
    }
}
