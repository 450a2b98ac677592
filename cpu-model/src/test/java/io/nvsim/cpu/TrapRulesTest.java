package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.path.InstructionKind;
import io.nvsim.cpu.path.PathInstruction;
import io.nvsim.cpu.rules.ExecutionContext;
import io.nvsim.cpu.rules.Outcome;
import io.nvsim.cpu.rules.TrapRules;
import io.nvsim.cpu.rules.Verdict;
import io.nvsim.cpu.sysreg.SysRegCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trap rules, mode x guest-hypervisor kind x register class (docs/research/trap-rules.md). */
class TrapRulesTest {
    private static final SysRegCatalog CATALOG = SysRegCatalog.builtIn();

    static PathInstruction sysreg(String name, boolean write) {
        return new PathInstruction("exit", 1, "test", InstructionKind.SYSREG, name, CATALOG.require(name), write, "", "test");
    }

    static PathInstruction insn(InstructionKind kind, String register) {
        return new PathInstruction("exit", 1, "test", kind, register, null, true, "", "test");
    }

    private static Verdict vel2(String mode, String kind, String register) {
        TrapRules rules = new TrapRules(ArchMode.valueOf(mode), GuestHypervisorKind.valueOf(kind), 2);
        return rules.classify(ExecutionContext.VIRTUAL_EL2, sysreg(register, false));
    }

    @ParameterizedTest(name = "{0} {1}: {2} -> {3} {4}")
    @CsvSource({
        // FEAT_NV, non-VHE guest hypervisor (HCR_EL2.NV=1, NV1=1): EL2 registers, NV1 and SP_EL1 architectural,
        // the TVM group, CPACR, ACTLR, MDSCR and PMU registers by L0's configuration, EL0 state native.
        "NV, NON_VHE, HCR_EL2, TRAP, 0x18",
        "NV, NON_VHE, ICH_LR0_EL2, TRAP, 0x18",
        "NV, NON_VHE, CNTHCTL_EL2, TRAP, 0x18",
        "NV, NON_VHE, SCTLR_EL1, TRAP, 0x18",
        "NV, NON_VHE, VBAR_EL1, TRAP, 0x18",
        "NV, NON_VHE, SP_EL1, TRAP, 0x18",
        "NV, NON_VHE, CPACR_EL1, TRAP, 0x18",
        "NV, NON_VHE, ACTLR_EL1, TRAP, 0x18",
        "NV, NON_VHE, MDSCR_EL1, TRAP, 0x18",
        "NV, NON_VHE, PMUSERENR_EL0, TRAP, 0x18",
        "NV, NON_VHE, TPIDR_EL1, NATIVE, 0",
        "NV, NON_VHE, CSSELR_EL1, NATIVE, 0",
        "NV, NON_VHE, TPIDR_EL0, NATIVE, 0",
        "NV, NON_VHE, CNTV_CTL_EL0, NATIVE, 0",
        // FEAT_NV, VHE guest hypervisor (NV1=0): _EL1 encodings reach its own EL2 state in hardware; _EL12 trap.
        "NV, VHE, SCTLR_EL1, NATIVE, 0",
        "NV, VHE, ESR_EL1, NATIVE, 0",
        "NV, VHE, VBAR_EL1, NATIVE, 0",
        "NV, VHE, ELR_EL1, NATIVE, 0",
        "NV, VHE, SCTLR_EL12, TRAP, 0x18",
        "NV, VHE, CNTV_CTL_EL02, TRAP, 0x18",
        "NV, VHE, CPACR_EL1, TRAP, 0x18",
        "NV, VHE, HCR_EL2, TRAP, 0x18",
        "NV, VHE, SP_EL1, TRAP, 0x18",
        // FEAT_NV2, non-VHE: VNCR-listed EL2 and (NV1=1) _EL1 registers are memory; ELR/SPSR/ESR/FAR_EL2 redirected.
        "NV2, NON_VHE, HCR_EL2, MEMORY, 0",
        "NV2, NON_VHE, VTTBR_EL2, MEMORY, 0",
        "NV2, NON_VHE, ICH_LR3_EL2, MEMORY, 0",
        "NV2, NON_VHE, SCTLR_EL1, MEMORY, 0",
        "NV2, NON_VHE, VBAR_EL1, MEMORY, 0",
        "NV2, NON_VHE, SP_EL1, MEMORY, 0",
        "NV2, NON_VHE, ESR_EL2, REDIRECT, 0",
        "NV2, NON_VHE, ELR_EL2, REDIRECT, 0",
        "NV2, NON_VHE, CPTR_EL2, TRAP, 0x18",
        "NV2, NON_VHE, MDCR_EL2, TRAP, 0x18",
        "NV2, NON_VHE, HPFAR_EL2, TRAP, 0x18",
        "NV2, NON_VHE, ICH_MISR_EL2, TRAP, 0x18",
        "NV2, NON_VHE, PMUSERENR_EL0, TRAP, 0x18",
        "NV2, NON_VHE, CNTV_CTL_EL0, NATIVE, 0",
        // FEAT_NV2, VHE: the _EL12/_EL02 aliases are memory, the _EL1 encodings hardware.
        "NV2, VHE, SCTLR_EL12, MEMORY, 0",
        "NV2, VHE, CNTV_CTL_EL02, MEMORY, 0",
        "NV2, VHE, SCTLR_EL1, NATIVE, 0",
        "NV2, VHE, VBAR_EL1, NATIVE, 0",
        "NV2, VHE, CNTKCTL_EL12, TRAP, 0x18",
        "NV2, VHE, ACTLR_EL1, TRAP, 0x18",
        // PV: architectural traps become HVCs; L0-configured traps stay hardware SYS64 traps.
        "PV, NON_VHE, HCR_EL2, TRAP, 0x16",
        "PV, NON_VHE, VBAR_EL1, TRAP, 0x16",
        "PV, NON_VHE, SCTLR_EL1, TRAP, 0x18",
        "PV, NON_VHE, PMUSERENR_EL0, TRAP, 0x18",
        "PV, VHE, SCTLR_EL12, TRAP, 0x16",
        "PV, VHE, SCTLR_EL1, NATIVE, 0",
    })
    void shouldClassifyRegisterAccessesFromVirtualEl2(String mode, String kind, String register, Outcome outcome, String ec) {
        Verdict v = vel2(mode, kind, register);
        assertEquals(outcome, v.outcome(), v.reason());
        assertEquals(Integer.decode(ec).intValue(), v.exceptionClass(), v.reason());
    }

    @Test
    void shouldTrapEretFromVirtualEl2ButNotFromAGuestKernel() {
        TrapRules nv = new TrapRules(ArchMode.NV, GuestHypervisorKind.NON_VHE, 2);
        assertEquals(Verdict.EC_ERET, nv.classify(ExecutionContext.VIRTUAL_EL2, insn(InstructionKind.ERET, "to L2")).exceptionClass());
        assertEquals(Outcome.NATIVE, nv.classify(ExecutionContext.VIRTUAL_EL1, insn(InstructionKind.ERET, "EL1")).outcome());
        TrapRules pv = new TrapRules(ArchMode.PV, GuestHypervisorKind.NON_VHE, 2);
        assertEquals(Verdict.EC_HVC64, pv.classify(ExecutionContext.VIRTUAL_EL2, insn(InstructionKind.ERET, "to L2")).exceptionClass());
        TrapRules nv2 = new TrapRules(ArchMode.NV2, GuestHypervisorKind.VHE, 2);
        assertEquals(Verdict.EC_ERET, nv2.classify(ExecutionContext.VIRTUAL_EL2, insn(InstructionKind.ERET, "to L2")).exceptionClass());
    }

    @Test
    void shouldTreatTheGuestHypervisorKernelAsAnOrdinaryGuest() {
        TrapRules nv = new TrapRules(ArchMode.NV, GuestHypervisorKind.NON_VHE, 2);
        assertEquals(Outcome.NATIVE, nv.classify(ExecutionContext.VIRTUAL_EL1, sysreg("SCTLR_EL1", true)).outcome());
        assertEquals(Outcome.NATIVE, nv.classify(ExecutionContext.VIRTUAL_EL1, sysreg("VBAR_EL1", false)).outcome());
        assertEquals(Outcome.TRAP, nv.classify(ExecutionContext.VIRTUAL_EL1, sysreg("PMUSERENR_EL0", true)).outcome());
        assertEquals(Verdict.EC_HVC64, nv.classify(ExecutionContext.VIRTUAL_EL1, insn(InstructionKind.HVC, "HVC #0")).exceptionClass());
    }

    @Test
    void shouldEmulateGicFramesExceptTheVirtualCpuInterface() {
        TrapRules nv2 = new TrapRules(ArchMode.NV2, GuestHypervisorKind.NON_VHE, 2);
        assertEquals(Verdict.EC_DABT_LOW, nv2.classify(ExecutionContext.VIRTUAL_EL2, insn(InstructionKind.MMIO, "GICH_VMCR")).exceptionClass());
        assertEquals(Verdict.EC_DABT_LOW, nv2.classify(ExecutionContext.VIRTUAL_EL1, insn(InstructionKind.MMIO, "GICD_SGIR")).exceptionClass());
        assertEquals(Outcome.NATIVE, nv2.classify(ExecutionContext.VIRTUAL_EL1, insn(InstructionKind.MMIO, "GICC_IAR")).outcome());
    }

    @Test
    void shouldMarkUpstreamFastPathsOnlyWhereL0HasThem() {
        assertTrue(vel2("NV", "VHE", "CPACR_EL1").fastPathEligible());
        assertTrue(vel2("NV", "VHE", "CNTV_CTL_EL02").fastPathEligible());
        assertEquals(false, vel2("NV", "NON_VHE", "HCR_EL2").fastPathEligible());
    }
}
