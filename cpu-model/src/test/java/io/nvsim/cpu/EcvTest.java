package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.Step;
import io.nvsim.cpu.rules.ExecutionContext;
import io.nvsim.cpu.rules.Outcome;
import io.nvsim.cpu.rules.TrapRules;
import io.nvsim.cpu.rules.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FEAT_NV2 puts L2's timer registers in the VNCR page, so without FEAT_ECV L0 re-evaluates L2's
 * timers on every exit from L1; with ECV it traps L1's timer accesses instead (reads on a fast path).
 */
class EcvTest {
    private final ParameterSet xgene = CostProfile.builtIn("xgene-m400").parameters();

    private Program hypercall(String config, String... set) {
        ParameterSet p = Overrides.applyAssignments(xgene, List.of(set));
        return MachineModel.create(NestingConfig.parse(config), p).program(GuestOperation.HYPERCALL);
    }

    private static long steps(Program p, String action) {
        return p.steps().stream().filter(s -> s.action().startsWith(action)).count();
    }

    @Test
    void shouldReevaluateL2TimersOnEveryExitFromL1UnderNv2WithoutEcv() {
        Program nv2 = hypercall("nv2-nonvhe");
        // every full exit but the one L2's own HVC causes comes from L1
        assertEquals(nv2.fullExits() - 1, steps(nv2, "re-evaluate L2's timers"));
        assertEquals((nv2.fullExits() - 1) * 200L, nv2.cycles(EventClass.TIMER));
        assertEquals(0, steps(hypercall("nv-nonvhe"), "re-evaluate L2's timers"), "under NV, L1's timer accesses reach L0 anyway");
        assertEquals(0, steps(hypercall("nv2-nonvhe", "arch.ecv=1"), "re-evaluate L2's timers"));
    }

    @Test
    void shouldTrapTheGuestHypervisorsTimerAccessesWithEcv() {
        TrapRules vhe = new TrapRules(ArchMode.NV2, GuestHypervisorKind.VHE, 2, true);
        Verdict read = vhe.classify(ExecutionContext.VIRTUAL_EL2, TrapRulesTest.sysreg("CNTV_CTL_EL02", false));
        Verdict write = vhe.classify(ExecutionContext.VIRTUAL_EL2, TrapRulesTest.sysreg("CNTV_CVAL_EL02", true));
        assertEquals(Outcome.TRAP, read.outcome());
        assertTrue(read.fastPathEligible() && !write.fastPathEligible(), "reads on kvm_hyp_handle_timer, writes full exits");
        assertEquals(Outcome.NATIVE, vhe.classify(ExecutionContext.VIRTUAL_EL2, TrapRulesTest.sysreg("CNTV_CTL_EL0", false)).outcome(),
            "a VHE L1's own (EL2) timer through the _EL0 encoding stays in hardware");
        TrapRules nvhe = new TrapRules(ArchMode.NV2, GuestHypervisorKind.NON_VHE, 2, true);
        assertEquals(Outcome.TRAP, nvhe.classify(ExecutionContext.VIRTUAL_EL2, TrapRulesTest.sysreg("CNTV_CTL_EL0", true)).outcome());
        TrapRules noEcv = new TrapRules(ArchMode.NV2, GuestHypervisorKind.VHE, 2, false);
        assertEquals(Outcome.MEMORY, noEcv.classify(ExecutionContext.VIRTUAL_EL2, TrapRulesTest.sysreg("CNTV_CTL_EL02", false)).outcome());
        // v4.10's non-VHE path reads CTL and CVAL and writes CTL on exit, writes CVAL and CTL on entry: 5 more traps
        assertEquals(hypercall("nv2-nonvhe").traps() + 5, hypercall("nv2-nonvhe", "arch.ecv=1").traps());
        Program fast = hypercall("nv2-nonvhe", "arch.ecv=1", "l0.fast_paths=1");
        assertEquals(2, fast.fastPathTraps(), "the two timer reads on the exit path");
        assertTrue(fast.steps().stream().mapToLong(Step::traps).sum() == fast.traps());
    }
}
