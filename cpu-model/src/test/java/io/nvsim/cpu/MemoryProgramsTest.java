package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import org.junit.jupiter.api.Test;

/** The nested cost of memory faults and hypervisor TLB flushes, derived by the same mechanism as the microbenchmarks. */
class MemoryProgramsTest {
    private final ParameterSet xgene = CostProfile.builtIn("xgene-m400").parameters();

    private Program program(String config, GuestOperation op) {
        return MachineModel.create(NestingConfig.parse(config), xgene).program(op);
    }

    @Test
    void shouldResolveAShadowFaultInL0AloneWithOneTrapAndOneFullExit() {
        Program p = program("nv-nonvhe", GuestOperation.SHADOW_S2_FAULT);
        assertEquals(1, p.traps());
        assertEquals(1, p.fullExits());
        assertEquals(800, p.cycles(EventClass.SHADOW_S2), "l0.shadow_s2_fault_cycles; walk and map are charged per fault");
        assertEquals(0, p.cycles(EventClass.L1_EXECUTION), "L1 never runs");
        assertThrows(IllegalArgumentException.class, () -> program("vm", GuestOperation.SHADOW_S2_FAULT));
    }

    @Test
    void shouldForwardAStage2FaultThroughL1sAbortPathAndUserMemAbort() {
        Program vm = program("vm", GuestOperation.STAGE2_FAULT);
        assertEquals(1, vm.traps());
        assertTrue(vm.cycles(EventClass.L0_HANDLING) >= 3000, "kvm.user_mem_abort_cycles in L0");
        for (String c : new String[] {"nv-nonvhe", "nv-vhe", "nv2-nonvhe", "nv2-vhe"}) {
            Program fault = program(c, GuestOperation.STAGE2_FAULT);
            Program mmio = program(c, GuestOperation.DEVICE_MMIO);
            assertEquals(mmio.traps(), fault.traps(), c + ": the same abort exit path; user_mem_abort adds no trapping instruction");
            assertEquals(mmio.totalCycles() - 1500 + 3000, fault.totalCycles(), c + ": only the handler's C code differs");
        }
        Program nv = program("nv-nonvhe", GuestOperation.STAGE2_FAULT);
        assertTrue(nv.traps() > 100);
        assertTrue(nv.steps().stream().anyMatch(st -> st.actor().equals("L1 vEL2") && st.action().contains("FAR_EL2")
            && st.verdict().startsWith("trap")), "L1's exit path takes its abort rows (__populate_fault_info reads FAR_EL2)");
        assertTrue(nv.steps().stream().anyMatch(st -> st.action().contains("no mapping: forward to L1")),
            "L0 walked L1's stage-2 before forwarding");
    }

    @Test
    void shouldTrapEachInstructionOfL1sTlbFlushThatTheRulesTrap() {
        assertEquals(0, program("vm", GuestOperation.TLB_FLUSH_VMID_IPA).traps(), "a VM's host runs it natively");
        // split-mode: HVC into its hyp code, VTTBR_EL2 write, TLBI IPAS2E1IS, TLBI VMALLE1IS, VTTBR_EL2 write, ERET
        assertEquals(6, program("nv-nonvhe", GuestOperation.TLB_FLUSH_VMID_IPA).traps());
        assertEquals(4, program("nv2-nonvhe", GuestOperation.TLB_FLUSH_VMID_IPA).traps(), "NV2: VTTBR_EL2 is a VNCR access");
        assertEquals(4, program("nv-vhe", GuestOperation.TLB_FLUSH_VMID_IPA).traps(), "VHE: kvm_call_hyp is a call, no HVC/ERET");
        assertEquals(2, program("nv2-vhe", GuestOperation.TLB_FLUSH_VMID_IPA).traps(), "only the two TLBIs trap");
        assertEquals(java.util.Map.of("HVC64", 6), program("pv-nonvhe", GuestOperation.TLB_FLUSH_VMID_IPA).trapsByExceptionClass(),
            "paravirtualized: every trapping instruction is an HVC");
        assertEquals(5, program("nv-nonvhe", GuestOperation.TLB_FLUSH_VMID).traps());
        assertEquals(3, program("nv-nonvhe", GuestOperation.FLUSH_VM_CONTEXT).traps());
        assertEquals(1, program("nv2-vhe", GuestOperation.FLUSH_VM_CONTEXT).traps());
        assertTrue(program("nv-nonvhe", GuestOperation.TLB_FLUSH_VMID_IPA).cycles(EventClass.TLBI) > 0,
            "L0's emulation of each TLBI is TLB maintenance");
    }
}
