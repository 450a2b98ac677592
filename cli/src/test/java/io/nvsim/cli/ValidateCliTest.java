package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CalibrationTarget;
import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.workloads.ScenarioParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code nvsim validate} end to end, and the guards that keep the published comparisons honest: the residuals stored
 * in each profile are the ones the model gives now, and the README's figure tables and validation line are the output
 * of the commands printed beside them.
 */
class ValidateCliTest {
    private static final Path README = Path.of("../README.md");

    @Test
    void shouldValidateEveryFigureAndPassOnMain(@TempDir Path dir) throws Exception {
        NvsimCliTest.Run r = NvsimCliTest.nvsim("validate", "--out", dir.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        List<String> csv = Files.readAllLines(dir.resolve("validation.csv"));
        assertTrue(csv.get(0).startsWith("id,source,profile,config,workload,metric,published,model,error_pct,band_pct,role,status"));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("isca16_xen_hypercall,") && l.contains(",outside,outside,")),
            "Xen's native hypercall is a known departure, shown outside");
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("neve_nested_hypercall_nv,") && l.contains(",calibration,within,")),
            "NV differs from the fitted PV figure by an assumed constant: a calibration, not a check");
        assertTrue(csv.stream().anyMatch(l -> l.contains(",not-modelled,")));
        assertTrue(Files.readString(dir.resolve("validation.html")).contains("data:image/png;base64,"));
        assertTrue(Files.readString(dir.resolve("validation.json")).contains("\"summary\""));
        assertTrue(r.out().contains("checked predictions within their band"));
    }

    @Test
    void shouldExitThreeNamingAPredictionOutsideItsBand(@TempDir Path dir) throws Exception {
        Path figures = dir.resolve("figures.yaml");
        Files.writeString(figures, """
            figures:
              - id: too_tight
                source: "a test"
                profile: xgene-m400
                config: vm
                workload: virtual_ipi
                metric: cycles_per_op
                published: 1000
                role: prediction
                band_pct: 5
                why: "deliberately wrong"
            """);
        NvsimCliTest.Run r = NvsimCliTest.nvsim("validate", "--figures", figures.toString(), "--out", dir.resolve("o").toString());
        assertEquals(ValidateCommand.OUTSIDE, r.code(), r.out());
        assertTrue(r.err().contains("too_tight"), r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "figures: 3;expected a mapping with a 'figures:' list",
        "figures:\\n  - {id: a, source: s, profile: nowhere, config: vm, workload: hypercall, metric: cycles_per_op, published: 1, role: calibration};profile 'nowhere'",
        "figures:\\n  - {id: a, source: s, profile: xgene-m400, config: vm, workload: hypercall, metric: speed, published: 1, role: calibration};metric 'speed'",
        "figures:\\n  - {id: a, source: s, profile: xgene-m400, config: vm, workload: hypercall, metric: cycles_per_op, published: -1, role: calibration};expected a positive value",
        "figures:\\n  - {id: a, source: s, profile: xgene-m400, config: vm, workload: hypercall, metric: cycles_per_op, published: 1, role: prediction};band_pct",
        "figures:\\n  - {id: a, source: s, profile: xgene-m400, config: vm, workload: hypercall, metric: cycles_per_op, published: 1, role: guess};role 'guess'",
        "figures:\\n  - {id: a, source: s, status: not-modelled, role: prediction};expected a 'why'",
        "figures:\\n  - {id: a, source: s, profile: xgene-m400, config: vm, workload: hypercall, metric: cycles_per_op, published: 1, role: calibration, colour: red};unknown key 'colour'",
    })
    void shouldRefuseABadFiguresFileWithOneLine(String yaml, String expected, @TempDir Path dir) throws Exception {
        Path figures = dir.resolve("bad.yaml");
        Files.writeString(figures, yaml.replace("\\n", "\n"));
        Path out = dir.resolve("o");
        NvsimCliTest.Run r = NvsimCliTest.nvsim("validate", "--figures", figures.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(r.err().contains("bad.yaml"), "names the file: " + r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void shouldRefuseAnUnknownFigureOrProfile(@TempDir Path dir) {
        assertEquals(2, NvsimCliTest.nvsim("validate", "--only", "no_such_figure", "--out", dir.resolve("a").toString()).code());
        assertEquals(2, NvsimCliTest.nvsim("validate", "--profile", "nowhere", "--out", dir.resolve("b").toString()).code());
        assertEquals(0, NvsimCliTest.nvsim("validate", "--only", "kut_n1_ipi,isca16_xen_hypercall", "--out", dir.resolve("c").toString()).code());
    }

    @Test
    void shouldStoreInEachProfileTheResidualsTheModelGivesNow() {
        for (String name : CostProfile.BUILT_IN) {
            CostProfile profile = CostProfile.builtIn(name);
            ParameterSet p = ScenarioParameters.of(profile).with("microbench.operations", 20, "test", null, 0)
                .with("microbench.warmup_operations", 1, "test", null, 0);
            List<CalibrationTarget> targets = CalibrationTarget.builtIn(name);
            for (CostProfile.Residual r : profile.residuals()) {
                CalibrationTarget t = targets.stream().filter(x -> x.name().equals(r.target())).findFirst().orElseThrow();
                assertEquals(r.model(), CalibrateCommand.model(p, t), 0.5, name + " " + r.target() + ": recalibrate with nvsim calibrate --write");
            }
        }
    }

    @Test
    void shouldPrintInTheReadmeTheMicrobenchTableTheCommandPrints(@TempDir Path dir) throws Exception {
        String readme = Files.readString(README);
        NvsimCliTest.Run r = NvsimCliTest.nvsim("microbench", "--out", dir.resolve("x").toString());
        assertEquals(0, r.code(), r.err());
        int rows = 0;
        for (String line : readme.substring(readme.indexOf("## What you get"), readme.indexOf("## The upstream era")).lines().toList()) {
            if (line.startsWith("| hypercall |")) {
                assertTrue(r.out().contains(line), "README row not printed by ./nvsim microbench: " + line);
                rows++;
            }
        }
        assertEquals(7, rows);
        NvsimCliTest.Run g = NvsimCliTest.nvsim("microbench", "--profile", "graviton3", "--out", dir.resolve("g").toString());
        String upstream = readme.substring(readme.indexOf("`./nvsim microbench --profile graviton3` (hypercall rows"));
        for (String config : List.of("vm", "upstream-vhe", "upstream-nvhe")) {
            Matcher m = Pattern.compile("\\| " + Pattern.quote(config) + " \\| ([0-9,]+) \\| ([0-9]+) \\| ([0-9.]+x) \\|").matcher(upstream);
            assertTrue(m.find(), config);
            assertTrue(g.out().contains("| hypercall | " + config + " | " + m.group(1) + " | " + m.group(2) + " | " + m.group(3) + " |"),
                "README's graviton3 row " + config + " is not what ./nvsim microbench --profile graviton3 prints");
        }
    }

    @Test
    void shouldStateInTheReadmeTheValidationLineTheCommandPrints(@TempDir Path dir) throws Exception {
        NvsimCliTest.Run r = NvsimCliTest.nvsim("validate", "--out", dir.toString());
        String summary = r.out().lines().filter(l -> l.contains("checked predictions within their band")).findFirst().orElseThrow();
        assertTrue(Files.readString(README).contains(summary), "README's validation line must be: " + summary);
    }
}
