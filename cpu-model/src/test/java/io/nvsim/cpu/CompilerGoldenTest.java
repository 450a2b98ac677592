package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.ListRegisterState;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.Step;
import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every compiled program, step by step (actor, action, function, verdict, cycles by class, traps, kick), for every
 * operation under every configuration of both hosts, on four profiles and the switches that change the compiler's
 * branches: the compiler's behaviour pinned byte for byte, so that restructuring it cannot move a figure.
 * Regenerate deliberately with {@code -Dnvsim.updateGolden=true}.
 */
class CompilerGoldenTest {
    private static final List<String[]> SCENARIOS = List.of(
        new String[] {"xgene-m400"},
        new String[] {"xgene-m400", "gic.version=3", "l0.nv_vgic_nested=1", "l0.mi_ppi_injected=1", "l0.nv_timer_map=1"},
        new String[] {"xgene-m400", "l0.fast_paths=1", "arch.ecv=1", "l0.vhe=1"},
        new String[] {"xgene-m400", "arch.nesting_levels=3"},
        new String[] {"seattle"},
        new String[] {"graviton3"},
        new String[] {"ampereone"},
        new String[] {"graviton3", "arch.fgt=1", "arch.nv2p1=1", "arch.nv3=1", "l0.fp_switch=1"},
        new String[] {"graviton3", "l0.upstream_host=0"});

    @Test
    void shouldCompileEveryProgramAsTheGoldenFileSays() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String[] scenario : SCENARIOS) {
            ParameterSet p = Overrides.applyAssignments(CostProfile.builtIn(scenario[0]).parameters(),
                Arrays.asList(scenario).subList(1, scenario.length));
            for (List<NestingConfig> list : List.of(NestingConfig.ALL, NestingConfig.EXTRA, NestingConfig.UPSTREAM)) {
                for (NestingConfig c : list) {
                    MachineModel m;
                    try {
                        m = MachineModel.create(c, p);
                    } catch (InputException refused) {
                        sb.append(String.join(" ", scenario)).append(" | ").append(c.name()).append(" | refused: ")
                            .append(refused.getMessage()).append('\n');
                        continue;
                    }
                    for (GuestOperation op : GuestOperation.values()) {
                        dump(sb, String.join(" ", scenario) + " | " + c.name() + " | " + op.name(), () -> m.program(op));
                    }
                    dump(sb, String.join(" ", scenario) + " | " + c.name() + " | IRQ_RECEIVE lrs 3/1",
                        () -> m.program(GuestOperation.IRQ_RECEIVE, new ListRegisterState(3, 1, 2, 0)));
                }
            }
        }
        Path golden = Path.of("src/test/resources/golden/compiled-programs.txt");
        if (Boolean.getBoolean("nvsim.updateGolden")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, sb.toString());
        }
        List<String> expected = Files.readAllLines(golden);
        List<String> actual = sb.toString().lines().toList();
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "first difference at line " + (i + 1)
                + " (regenerate deliberately with -Dnvsim.updateGolden=true)");
        }
        assertEquals(expected.size(), actual.size(), "number of programs");
    }

    private static void dump(StringBuilder sb, String title, java.util.function.Supplier<Program> compile) {
        Program p;
        try {
            p = compile.get();
        } catch (InputException | IllegalArgumentException refused) {
            sb.append(title).append(" | refused: ").append(refused.getMessage()).append('\n');
            return;
        }
        StringBuilder steps = new StringBuilder();
        for (Step s : p.steps()) {
            steps.append(s.depth()).append(" | ").append(s.actor()).append(" | ").append(s.action()).append(" | ")
                .append(s.function()).append(" | ").append(s.verdict()).append(" | ").append(Arrays.toString(s.cycles()))
                .append(" | ").append(s.traps()).append(s.kick() ? " | kick" : "").append('\n');
        }
        sb.append(title).append(" | ").append(p.totalCycles()).append(" cycles, ").append(p.traps()).append(" traps, ")
            .append(p.fullExits()).append(" full exits, ").append(p.fastPathTraps()).append(" fast, ").append(p.vncrAccesses())
            .append(" vncr, kick ").append(p.kickOffset()).append(", ").append(p.steps().size()).append(" steps sha256 ")
            .append(sha256(steps.toString())).append(", causes ").append(p.trapsByCause()).append(", ecs ")
            .append(p.trapsByExceptionClass()).append('\n');
    }

    /** The steps' text is long (every step of 5,000 programs): the golden file keeps its digest. */
    private static String sha256(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
