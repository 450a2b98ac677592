package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.kernel.InputException;
import org.junit.jupiter.api.Test;

/**
 * Xen 4.9 as the guest hypervisor: it switches no EL1 state on a trap, so a nested hypercall traps on its trap frame
 * (ELR/SPSR/ESR_EL2, the guest's SP_EL1/ELR_EL1/SPSR_EL1 under NV1), its per-CPU pointer (TPIDR_EL2), GICH_HCR and
 * its ERET only: 26 traps against split-mode KVM's 126, and under NV2 only the ERET and the two GICH accesses remain.
 */
class XenGuestHypervisorTest {
    private static final ParameterSet P = CostProfile.builtIn("xgene-m400").parameters();

    private static Program program(String config, GuestOperation op) {
        return MachineModel.create(NestingConfig.parse(config), P).program(op);
    }

    @Test
    void shouldTrapTwentySixTimesInXenForANestedNullHypercall() {
        Program nv = program("nv-xen", GuestOperation.HYPERCALL);
        assertEquals(27, nv.traps(), "L2's HVC + Xen's 15 exit-path and 11 entry-path traps");
        assertEquals(1, nv.trapsByExceptionClass().get("ERET"));
        assertEquals(2, nv.trapsByExceptionClass().get("DABT_LOW"), "GICH_HCR read and write in gic_clear_lrs");
        assertEquals(1 + 3, program("nv2-xen", GuestOperation.HYPERCALL).traps(), "NV2: the ERET and the GICH_HCR accesses");
        assertEquals(nv.traps(), program("pv-xen", GuestOperation.HYPERCALL).traps(), "paravirtualized: the same traps as HVCs");
        assertTrue(nv.steps().stream().noneMatch(s -> s.function().contains("__kvm_vcpu_run") && s.actor().startsWith("L1")),
            "no KVM world switch in L1");
    }

    @Test
    void shouldCostLessThanKvmAsGuestHypervisorForEveryMicrobenchmarkFlow() {
        for (GuestOperation op : new GuestOperation[] {GuestOperation.HYPERCALL, GuestOperation.DEVICE_MMIO, GuestOperation.SGI_SEND,
            GuestOperation.IRQ_RECEIVE, GuestOperation.VTIMER_FIRE}) {
            for (String mode : new String[] {"nv", "nv2"}) {
                Program xen = program(mode + "-xen", op);
                Program kvm = program(mode + "-nonvhe", op);
                assertTrue(xen.traps() < kvm.traps() && xen.totalCycles() < kvm.totalCycles(), mode + " " + op);
            }
        }
    }

    @Test
    void shouldSwitchEl1StateOnlyWhenXenSwitchesVcpus() {
        // a WFI makes Xen context-switch to its idle vCPU (ctxt_switch_from): far more traps than a hypercall's
        Program block = program("nv-xen", GuestOperation.WFI_BLOCK);
        assertTrue(block.traps() > 2 * program("nv-xen", GuestOperation.HYPERCALL).traps(), "context switch: " + block.traps());
        assertEquals(2, block.trapsByExceptionClass().get("WFx"), "L2's WFI and Xen's idle loop WFI");
    }

    @Test
    void shouldRefuseOperationsWhoseXenPathsAreNotModelled() {
        for (GuestOperation op : new GuestOperation[] {GuestOperation.STAGE2_FAULT, GuestOperation.TLB_FLUSH_VMID,
            GuestOperation.TIMER_WAKE}) {
            InputException e = assertThrows(InputException.class, () -> program("nv-xen", op));
            assertTrue(e.getMessage().contains("not modelled for Xen"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseGicV3BecauseXensPathsAreItsGicV2Driver() {
        InputException e = assertThrows(InputException.class,
            () -> MachineModel.create(NestingConfig.parse("nv2-xen"), GicVersionTest.gic(3)));
        assertTrue(e.getMessage().contains("gic.version=3"), e.getMessage());
    }

    @Test
    void shouldKeepXenOutOfTheDefaultConfigurationsButParseItsNames() {
        assertEquals(7, NestingConfig.ALL.size());
        assertTrue(NestingConfig.ALL.stream().noneMatch(c -> c.kind() == GuestHypervisorKind.XEN));
        assertEquals(GuestHypervisorKind.XEN, NestingConfig.parse("nv2-xen").kind());
        assertTrue(NestingConfig.isName("pv-xen"));
        InputException e = assertThrows(InputException.class, () -> NestingConfig.parse("nv-kvm"));
        assertTrue(e.getMessage().contains("nv-xen"), e.getMessage());
    }

    @Test
    void shouldEstimateTheNativeXenHypercallFromItsPaths() {
        // trap, Xen's trap frame and GICH_HCR accesses at native cost, its C code: the upstream 4.9 path. ISCA 2016 measured
        // 376 cycles on X-Gene with a benchmark that upstream Xen cannot run unpatched (docs/research/xen-l1.md)
        long xen = MachineModel.create(NestingConfig.parse("nv-xen"), P).nativeGuestHypervisorCycles(GuestOperation.HYPERCALL);
        long kvm = MachineModel.create(NestingConfig.parse("nv-nonvhe"), P).nativeGuestHypervisorCycles(GuestOperation.HYPERCALL);
        assertTrue(xen < kvm / 2, xen + " vs KVM " + kvm);
        assertTrue(xen > 376, "the upstream path has more than the benchmark's: " + xen);
    }
}
