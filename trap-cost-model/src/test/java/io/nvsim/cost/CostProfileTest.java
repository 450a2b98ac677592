package io.nvsim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.kernel.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostProfileTest {

    @Test
    void shouldShipXgeneWithProvenanceForEveryParameter() {
        CostProfile p = CostProfile.builtIn("xgene-m400");
        assertEquals("xgene-m400", p.machine());
        assertEquals(72, p.parameters().cycles("cost.trap_entry_cycles"));
        for (Parameter q : p.parameters().all()) {
            assertFalse(q.provenance().isBlank(), q.name());
            assertFalse(q.unit().isBlank(), q.name());
            assertTrue(q.name().matches("[a-z0-9_]+(\\.[a-z0-9_]+)+"), "dotted name: " + q.name());
        }
        assertTrue(p.parameters().all().stream().anyMatch(Parameter::free));
        assertFalse(p.residuals().isEmpty(), "the shipped profile records the residuals it was fit with");
    }

    @Test
    void shouldDeriveAProfileFromItsBase() {
        CostProfile xgene = CostProfile.builtIn("xgene-m400");
        CostProfile seattle = CostProfile.builtIn("seattle");
        assertEquals(6413 - 2729, seattle.parameters().cycles("kvm.run_loop_cycles") - xgene.parameters().cycles("kvm.run_loop_cycles"),
            "the whole difference of the two machines' VM hypercalls lands on the fitted run loop");
        assertEquals(xgene.parameters().cycles("cost.trap_entry_cycles"), seattle.parameters().cycles("cost.trap_entry_cycles"));
        assertEquals(xgene.parameters().all().size(), seattle.parameters().all().size());
        assertTrue(seattle.parameters().parameter("kvm.run_loop_cycles").free());
        assertFalse(seattle.parameters().parameter("l0.sysreg_emulation_cycles").free(), "the base's free flags do not carry over");
        assertEquals(3, seattle.residuals().size());
        String bad = "machine: x\nextends: xgene-m400\nparameters:\n  cost.nope: {value: 1, provenance: p}\n";
        InputException e = assertThrows(InputException.class, () -> CostProfile.parse("x.yaml", LocatedYaml.parse("x.yaml", bad)));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("unknown parameter 'cost.nope'"));
    }

    @Test
    void shouldListBuiltInProfilesWhenTheNameIsUnknown() {
        InputException e = assertThrows(InputException.class, () -> CostProfile.builtIn("pentium"));
        assertTrue(e.getMessage().contains("xgene-m400"));
    }

    @Test
    void shouldApplySetAssignmentsAndConfigFilesWithLineNumbers(@TempDir Path dir) throws Exception {
        ParameterSet base = CostProfile.builtIn("xgene-m400").parameters();
        ParameterSet set = Overrides.applyAssignments(base, List.of("cost.trap_entry_cycles=100"));
        assertEquals(100, set.cycles("cost.trap_entry_cycles"));
        assertNotEquals(base.hash(), set.hash());
        Path config = dir.resolve("over.yaml");
        Files.writeString(config, "# overrides\ncost.eret_cycles: 80\n\ncost.nope_cycles: 3\n");
        InputException e = assertThrows(InputException.class, () -> Overrides.applyFile(base, config));
        assertEquals(config.toString(), e.file());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("unknown parameter 'cost.nope_cycles'"));
        assertTrue(e.getMessage().contains("cost.trap_entry_cycles"), "lists the valid names");
        Files.writeString(config, "parameters:\n  cost.eret_cycles: 80\n");
        assertEquals(80, Overrides.applyFile(base, config).cycles("cost.eret_cycles"));
    }

    @Test
    void shouldRejectMalformedInputClearly(@TempDir Path dir) throws Exception {
        ParameterSet base = CostProfile.builtIn("xgene-m400").parameters();
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "cost.eret_cycles: [1, 2\n");
        InputException e = assertThrows(InputException.class, () -> Overrides.applyFile(base, bad));
        assertEquals(bad.toString(), e.file());
        assertTrue(e.line() >= 1);
        Files.writeString(bad, "cost.eret_cycles: fast\n");
        InputException t = assertThrows(InputException.class, () -> Overrides.applyFile(base, bad));
        assertTrue(t.getMessage().contains("expected a number"));
        assertEquals(1, t.line());
        assertThrows(InputException.class, () -> Overrides.applyAssignments(base, List.of("cost.eret_cycles")));
        assertThrows(InputException.class, () -> Overrides.applyAssignments(base, List.of("cost.eret_cycles=x")));
    }

    @Test
    void shouldParseSizesAndBooleans() {
        assertEquals(4096, Overrides.parseValue("4k"));
        assertEquals(2 * 1024 * 1024, Overrides.parseValue("2m"));
        assertEquals(1, Overrides.parseValue("true"));
        assertEquals(1_000_000, Overrides.parseValue("1_000_000"));
    }

    @Test
    void shouldRewriteOnlyFittedValuesWhenWritingCalibration() {
        String yaml = "machine: m\nparameters:\n  a.x_cycles:\n    value: 10\n    unit: cycles\n    free: true\n    provenance: \"p\"\n"
            + "  a.y_cycles:\n    value: 5\n    unit: cycles\n    provenance: \"q\"\ncalibration:\n  residuals: []\n";
        CostProfile p = CostProfile.parse("m.yaml", LocatedYaml.parse("m.yaml", yaml));
        Calibrator.Result r = new Calibrator((ps, t) -> ps.value("a.x_cycles") * 3 + ps.value("a.y_cycles"))
            .fit(p.parameters(), List.of(new CalibrationTarget("t", "m", "b", "c", "cycles_per_op", 95, "s", true)));
        String out = ProfileWriter.withCalibration(yaml, r);
        CostProfile again = CostProfile.parse("m.yaml", LocatedYaml.parse("m.yaml", out));
        assertEquals(30, again.parameters().value("a.x_cycles"));
        assertEquals(5, again.parameters().value("a.y_cycles"));
        assertEquals(1, again.residuals().size());
        assertEquals(95, again.residuals().get(0).model(), 1e-9);
    }
}
