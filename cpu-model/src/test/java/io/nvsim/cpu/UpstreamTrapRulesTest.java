package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.path.InstructionKind;
import io.nvsim.cpu.path.PathInstruction;
import io.nvsim.cpu.rules.ExecutionContext;
import io.nvsim.cpu.rules.FastPath;
import io.nvsim.cpu.rules.Outcome;
import io.nvsim.cpu.rules.TrapFeatures;
import io.nvsim.cpu.rules.TrapRules;
import io.nvsim.cpu.rules.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trap rules' table for the upstream host's features: an instruction of a guest hypervisor at vEL2 under FEAT_NV2,
 * with or without FEAT_FGT, FEAT_NV2p1 and FEAT_NV3, and the fast path that resolves it (upstream-2026.md A.1, A.6;
 * nested.c kvm_nested_setup_mdcr_el2, config.c __compute_hdfgwtr, vhe/switch.c hyp_exit_handlers[]).
 */
class UpstreamTrapRulesTest {

    private static Verdict classify(String kind, String features, InstructionKind insn, String register, boolean write) {
        boolean upstream = features.contains("up");
        TrapFeatures f = new TrapFeatures(features.contains("ecv"), upstream, features.contains("fgt"), features.contains("nv2p1"),
            features.contains("nv3"));
        TrapRules rules = new TrapRules(ArchMode.NV2, GuestHypervisorKind.valueOf(kind), 3, f);
        PathInstruction row = insn == InstructionKind.SYSREG ? TrapRulesTest.sysreg(register, write)
            : new PathInstruction("exit", 1, "test", insn, register, null, write, "", "test");
        return rules.classify(ExecutionContext.VIRTUAL_EL2, row);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} -> {5} {6}")
    @CsvSource({
        // kind, features, instruction, register, write, outcome, fast path
        // MDSCR_EL1: the 2017 host traps it by TDA; upstream without FGT by TDA (reads and writes), with FGT only writes
        "VHE,     -,      SYSREG, MDSCR_EL1,      false, TRAP,   NONE",
        "VHE,     up,     SYSREG, MDSCR_EL1,      false, TRAP,   NONE",
        "VHE,     up,     SYSREG, MDSCR_EL1,      true,  TRAP,   NONE",
        "VHE,     up+fgt, SYSREG, MDSCR_EL1,      false, MEMORY, NONE",
        "VHE,     up+fgt, SYSREG, MDSCR_EL1,      true,  TRAP,   NONE",
        "NON_VHE, up,     SYSREG, MDSCR_EL1,      false, TRAP,   NONE",
        "NON_VHE, up+fgt, SYSREG, MDSCR_EL1,      false, MEMORY, NONE",
        // CPACR_EL1 (vEL2's CPTR_EL2 with E2H=1): TCPAC and kvm_hyp_handle_cpacr_el1; FEAT_NV2p1 needs no TCPAC
        "VHE,     up,     SYSREG, CPACR_EL1,      true,  TRAP,   CPACR",
        "VHE,     up+nv2p1, SYSREG, CPACR_EL1,    true,  NATIVE, NONE",
        "NON_VHE, up,     SYSREG, CPACR_EL1,      true,  MEMORY, NONE",
        // ERET: within hyp context kvm_hyp_handle_eret, elided by FEAT_NV3; out of it (to L2, to an E2H0 kernel) slow
        "VHE,     up,     ERET,   ERET (EL1 to EL1), false, TRAP,  ERET",
        "VHE,     up+nv3, ERET,   ERET (EL1 to EL1), false, NATIVE, NONE",
        "VHE,     up+nv3, ERET,   to L2,          false, TRAP,   NONE",
        "NON_VHE, up+nv3, ERET,   to host EL1,    false, TRAP,   NONE",
        "VHE,     -,      ERET,   ERET (EL1 to EL1), false, TRAP,  NONE",
        // TLBI of the EL2 regime: kvm_hyp_handle_tlbi_el2, elided by FEAT_NV3; stage-2 TLBIs are emulated by L0
        "VHE,     up,     TLBI,   VAE2IS,         true,  TRAP,   TLBI_EL2",
        "VHE,     up+nv3, TLBI,   VAE2IS,         true,  NATIVE, NONE",
        "VHE,     up+nv3, TLBI,   IPAS2E1IS,      true,  TRAP,   NONE",
        // timer reads from vEL2: kvm_hyp_handle_timer (reads only); with ECV the EL02 accesses trap by CNTHCTL_EL2
        "VHE,     up+ecv, SYSREG, CNTV_CTL_EL02,  false, TRAP,   TIMER_READ",
        "VHE,     up+ecv, SYSREG, CNTV_CTL_EL02,  true,  TRAP,   NONE",
    })
    void shouldClassifyAsTheUpstreamHostConfiguresTheTraps(String kind, String features, InstructionKind insn, String register,
                                                          boolean write, Outcome outcome, FastPath fastPath) {
        Verdict v = classify(kind, features, insn, register, write);
        assertEquals(outcome, v.outcome(), v.reason());
        assertEquals(fastPath, v.fastPath(), v.reason());
    }
}
