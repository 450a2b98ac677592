package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvsim.cost.CostProfile;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import org.junit.jupiter.api.Test;

/** The guest hypervisor's paths run natively reproduce the single-level machine when L0 runs the same hypervisor. */
class NativeGuestHypervisorTest {
    @Test
    void shouldCostASplitModeKvmHypercallExactlyAsTheVmMachine() {
        var p = CostProfile.builtIn("xgene-m400").parameters();
        long vm = MachineModel.create(NestingConfig.parse("vm"), p).program(GuestOperation.HYPERCALL).totalCycles();
        long nativeL1 = MachineModel.create(NestingConfig.parse("nv-nonvhe"), p).nativeGuestHypervisorCycles(GuestOperation.HYPERCALL);
        assertEquals(vm, nativeL1, "L0 and L1 are the same split-mode KVM v4.10: 2,729 cycles either way");
        long vmIo = MachineModel.create(NestingConfig.parse("vm"), p).program(GuestOperation.DEVICE_MMIO).totalCycles();
        assertEquals(vmIo, MachineModel.create(NestingConfig.parse("pv-nonvhe"), p).nativeGuestHypervisorCycles(GuestOperation.DEVICE_MMIO));
    }
}
