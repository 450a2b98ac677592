package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Domain;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.ScenarioParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every parameter has a domain, every declared value is in it, and any value outside it is refused wherever it is set
 * (property tests over every parameter of every profile, scenario and workload, seeded), with one line naming the
 * parameter, the value, the domain and where the value came from.
 */
class ParameterDomainTest {
    private static List<ParameterSet> everySet() {
        return CostProfile.BUILT_IN.stream().map(p -> ScenarioParameters.withWorkloads(CostProfile.builtIn(p))).toList();
    }

    @Test
    void shouldGiveEveryDeclaredParameterADomainItsValueIsIn() {
        for (ParameterSet set : everySet()) {
            for (Parameter p : set.all()) {
                assertTrue(Domain.UNITS.contains(p.unit()), p.name() + " has unit " + p.unit());
                assertNull(p.domain().violation(p.value()), p.name());
            }
        }
    }

    @Test
    void shouldRefuseAnyOutOfDomainValueAndAcceptInDomainOnes() {
        Random random = new Random(20261204);
        for (ParameterSet set : everySet()) {
            for (Parameter p : set.all()) {
                Domain d = p.domain();
                for (int i = 0; i < 5; i++) {
                    double bad = outside(d, random);
                    InputException e = assertThrows(InputException.class, () -> set.with(p.name(), bad, "--set", null, 0), p.name() + "=" + bad);
                    assertTrue(e.getMessage().contains(p.name()) && e.getMessage().contains("expected"), e.getMessage());
                }
                double good = inside(d, random);
                assertEquals(good, set.with(p.name(), good, "--set", null, 0).value(p.name()), p.name());
            }
        }
    }

    private static double outside(Domain d, Random r) {
        switch (r.nextInt(d.allowed() != null ? 3 : d.integer() ? 5 : 4)) {
            case 0:
                return Double.NaN;
            case 1:
                return d.allowed() != null ? 7 : d.min() - 1 - r.nextInt(1000);
            case 2:
                return d.allowed() != null ? -1 : d.max() * 2 + 1;
            case 3:
                return Double.POSITIVE_INFINITY;
            default:
                return Math.floor(Math.max(d.min(), 0)) + 0.5; // not whole
        }
    }

    private static double inside(Domain d, Random r) {
        if (d.allowed() != null) {
            return d.allowed()[r.nextInt(d.allowed().length)];
        }
        double v = d.min() + r.nextDouble() * Math.min(d.max() - d.min(), 1e6);
        return d.integer() ? Math.ceil(v) : v;
    }

    @ParameterizedTest
    @CsvSource({
        "microbench.operations=0", "microbench.operations=-1", "microbench.operations=3e9", "microbench.operations=1e18",
        "microbench.warmup_operations=-1", "cost.trap_entry_cycles=-5", "l0.fast_paths=7", "arch.nv3=2", "gic.version=4",
        "gic.list_registers=0", "arch.nesting_levels=9", "cost.cpu_ghz=0", "kvm.run_loop_cycles=1.5"})
    void shouldRefuseTheIssuesCasesBeforeAnyWork(String assignment, @TempDir Path dir) {
        Path out = dir.resolve("o");
        NvsimCliTest.Run r = NvsimCliTest.nvsim("microbench", "--set", assignment, "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(assignment.split("=")[0]) && r.err().contains("expected"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void shouldRefuseAnOutOfDomainValueInAConfigFileNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "cost.trap_entry_cycles: 72\nl0.fast_paths: 3\n");
        NvsimCliTest.Run r = NvsimCliTest.nvsim("microbench", "--config", config.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bad.yaml") && r.err().contains("l0.fast_paths"), r.err());
    }

    @Test
    void shouldRefuseAProfileWhoseDeclaredDomainIsBroken(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("p.yaml");
        Files.writeString(profile, "machine: p\nextends: xgene-m400\nparameters:\n  gic.version:\n    value: 5\n    provenance: x\n");
        NvsimCliTest.Run r = NvsimCliTest.nvsim("microbench", "--profile-file", profile.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("gic.version") && r.err().contains("one of 2, 3"), r.err());
    }
}
