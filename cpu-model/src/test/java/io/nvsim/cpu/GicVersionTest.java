package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.Step;
import io.nvsim.kernel.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GICv3 against GICv2: the same paths with the GICv3 world-switch rows instead of the GICH MMIO
 * rows, and the trap counts that follow from them under each mode (docs/research/interrupts-timers.md
 * section 1: per L1 exit + entry without live LRs, GICv2 traps 2 GICH accesses in every mode, GICv3
 * 7 ICH/ICC_SRE accesses under NV and PV, 5 under NV2, where ICH_VMCR_EL2 is VNCR memory).
 */
class GicVersionTest {
    static ParameterSet gic(int version) {
        return Overrides.applyAssignments(CostProfile.builtIn("xgene-m400").parameters(), List.of("gic.version=" + version));
    }

    static Program program(String config, int version, GuestOperation op) {
        return MachineModel.create(NestingConfig.parse(config), gic(version)).program(op);
    }

    @Test
    void shouldTrapFiveMoreUnderNvAndThreeMoreUnderNv2ForANullHypercall() {
        String[] configs = {"pv-nonvhe", "pv-vhe", "nv-nonvhe", "nv-vhe", "nv2-nonvhe", "nv2-vhe"};
        int[] delta = {5, 5, 5, 5, 3, 3};
        for (int i = 0; i < configs.length; i++) {
            Program v2 = program(configs[i], 2, GuestOperation.HYPERCALL);
            Program v3 = program(configs[i], 3, GuestOperation.HYPERCALL);
            assertEquals(v2.traps() + delta[i], v3.traps(), configs[i]);
            assertNull(v3.trapsByExceptionClass().get("DABT_LOW"), configs[i] + ": no GICH MMIO under GICv3");
        }
        assertEquals(132, program("nv-nonvhe", 3, GuestOperation.HYPERCALL).traps());
        assertEquals(22, program("nv2-nonvhe", 3, GuestOperation.HYPERCALL).traps());
        assertEquals(1, program("vm", 3, GuestOperation.HYPERCALL).traps());
    }

    @Test
    void shouldTurnTheListRegisterFileIntoVncrMemoryUnderNv2() {
        Program v2 = program("nv2-nonvhe", 2, GuestOperation.HYPERCALL);
        Program v3 = program("nv2-nonvhe", 3, GuestOperation.HYPERCALL);
        assertEquals(v2.vncrAccesses() + 2, v3.vncrAccesses(), "ICH_VMCR_EL2 read on exit and written on entry");
        // the receiver of an IPI: one live LR on entry; ICH_HCR, ICH_AP0R0, ICH_AP1R0, ICH_LR0 are memory, ICH_VTR traps
        Program irq = program("nv2-nonvhe", 3, GuestOperation.IRQ_RECEIVE);
        Program irqV2 = program("nv2-nonvhe", 2, GuestOperation.IRQ_RECEIVE);
        assertEquals(irqV2.traps(), irq.traps(), "5 GICH MMIO traps become 5 ICC_SRE_EL2/ICH_VTR_EL2 traps");
        assertTrue(irq.steps().stream().anyMatch(s -> s.action().equals("MSR ICH_LR0_EL2") && s.verdict().startsWith("memory")));
        assertTrue(irq.steps().stream().anyMatch(s -> s.action().equals("MRS ICH_VTR_EL2") && s.verdict().startsWith("trap")));
    }

    @Test
    void shouldSendAGicv3SgiAsATrappedSystemRegisterWriteWithoutTheAbortRows() {
        Program v2 = program("nv-nonvhe", 2, GuestOperation.SGI_SEND);
        Program v3 = program("nv-nonvhe", 3, GuestOperation.SGI_SEND);
        Step first = v3.steps().get(0);
        assertEquals("MSR ICC_SGI1R_EL1", first.action());
        assertTrue(first.verdict().startsWith("trap SYS64"));
        assertNull(v3.trapsByExceptionClass().get("DABT_LOW"));
        // v2: L2's abort + FAR/HPFAR + GICD_SGIR; v3: L2's SYS64, no FAR/HPFAR, L1's ICC_SGI1R_EL1 write; +5 world switch
        assertEquals(v2.traps() - 2 + 5, v3.traps());
        assertTrue(v3.steps().stream().anyMatch(s -> s.actor().startsWith("L1") && s.action().equals("MSR ICC_SGI1R_EL1")
            && s.verdict().startsWith("trap SYS64")), "L1's kick traps");
        assertTrue(v3.kickOffset() > 0, "L0 sends the physical SGI");
        assertTrue(v3.steps().stream().anyMatch(s -> s.kick() && s.action().startsWith("MSR ICC_SGI1R_EL1")));
        Program vm = program("vm", 3, GuestOperation.SGI_SEND);
        assertEquals(1, vm.traps());
        assertTrue(vm.kickOffset() > 0);
    }

    @Test
    void shouldChargeL0sOwnGicv3WorldSwitchAsSystemRegistersNotMmio() {
        Program v2 = program("vm", 2, GuestOperation.HYPERCALL);
        Program v3 = program("vm", 3, GuestOperation.HYPERCALL);
        // GICv2: GICH_VMCR read (250) + write (26); GICv3: ICH_VMCR R, ICC_SRE_EL2 R/W x2, ICH_VTR R
        assertEquals(276, v2.cycles(EventClass.VGIC));
        assertEquals(10 + 10 + 24 + 10 + 24 + 10 + 24, v3.cycles(EventClass.VGIC));
        assertFalse(v3.steps().stream().anyMatch(s -> s.action().contains("GICH")));
    }

    @Test
    void shouldRefuseAnUnknownGicVersion() {
        InputException e = assertThrows(InputException.class,
            () -> MachineModel.create(NestingConfig.parse("nv-vhe"), gic(4)));
        assertTrue(e.getMessage().contains("gic.version=4"));
    }
}
