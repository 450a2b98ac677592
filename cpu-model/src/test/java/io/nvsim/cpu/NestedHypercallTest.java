package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.Step;
import org.junit.jupiter.api.Test;

/**
 * The acceptance figures of the foundation: on xgene-m400 the nested hypercall's trap count and
 * cost come from the modelled paths and rules (NEVE SOSP'17: 126 traps, 422,720 cycles, VM 2,729).
 */
class NestedHypercallTest {
    private final ParameterSet xgene = CostProfile.builtIn("xgene-m400").parameters();

    private Program hypercall(String config) {
        return MachineModel.create(NestingConfig.parse(config), xgene).program(GuestOperation.HYPERCALL);
    }

    private static void assertWithin(double expected, double actual, double fraction) {
        assertTrue(Math.abs(actual - expected) <= fraction * expected, actual + " is not within " + fraction * 100 + "% of " + expected);
    }

    @Test
    void shouldReproduceNeveFiguresForTheNonVheGuestHypervisor() {
        for (String config : new String[] {"pv-nonvhe", "nv-nonvhe"}) {
            Program p = hypercall(config);
            assertWithin(126, p.traps(), 0.10);
            assertWithin(422_720, p.totalCycles(), 0.10);
        }
        assertWithin(2_729, hypercall("vm").totalCycles(), 0.10);
        assertEquals(1, hypercall("vm").traps());
    }

    @Test
    void shouldCountOneTrapPerTrappingInstructionOfThePaths() {
        // v4.10's path has 158 L1 instructions for a null hypercall; 126 trap, plus L2's own HVC.
        Program p = hypercall("nv-nonvhe");
        assertEquals(127, p.traps());
        assertEquals(p.traps(), p.steps().stream().mapToInt(Step::traps).sum());
        assertEquals(127, p.fullExits());
        assertEquals(121, p.trapsByExceptionClass().get("SYS64"));
        assertEquals(2, p.trapsByExceptionClass().get("ERET"));
        assertEquals(2, p.trapsByExceptionClass().get("HVC64"));
        assertEquals(2, p.trapsByExceptionClass().get("DABT_LOW"));
    }

    @Test
    void shouldTrapAsOftenUnderParavirtualizationAsUnderNvButThroughHvcs() {
        Program pv = hypercall("pv-nonvhe");
        Program nv = hypercall("nv-nonvhe");
        assertEquals(nv.traps(), pv.traps());
        assertTrue(pv.trapsByExceptionClass().get("HVC64") > 60, "architectural traps became HVCs");
        assertTrue(pv.totalCycles() > nv.totalCycles(), "PV pays the decode of each HVC immediate");
    }

    @Test
    void shouldCutTrapsWithVheAndMoreWithNv2() {
        Program nvVhe = hypercall("nv-vhe");
        Program nv2 = hypercall("nv2-nonvhe");
        assertTrue(nvVhe.traps() < hypercall("nv-nonvhe").traps());
        assertTrue(nv2.traps() < nvVhe.traps());
        assertTrue(nv2.vncrAccesses() > 50, "NV2 turns the L2 EL1 context into memory accesses");
        assertTrue(hypercall("nv2-vhe").vncrAccesses() > 40);
    }

    @Test
    void shouldSumStepsToTheProgramTotal() {
        for (NestingConfig c : NestingConfig.ALL) {
            for (GuestOperation op : GuestOperation.values()) {
                if (!op.occursIn(c.mode())) {
                    continue;
                }
                Program p = MachineModel.create(c, xgene).program(op);
                long sum = p.steps().stream().mapToLong(Step::total).sum();
                long byClass = 0;
                for (EventClass e : EventClass.values()) {
                    byClass += p.cycles(e);
                }
                assertEquals(p.totalCycles(), sum, c + " " + op);
                assertEquals(p.totalCycles(), byClass, c + " " + op);
            }
        }
    }

    @Test
    void shouldRespondToCostParametersThroughTheMechanism() {
        ParameterSet slowTraps = xgene.with("cost.trap_entry_cycles", 172, "test", null, 0);
        Program base = hypercall("nv-nonvhe");
        Program slow = MachineModel.create(NestingConfig.parse("nv-nonvhe"), slowTraps).program(GuestOperation.HYPERCALL);
        // every exception entry costs 100 more: the nested traps, plus L0's own internal HVC per full exit
        long entries = base.traps() + base.fullExits();
        assertEquals(base.totalCycles() + 100 * entries, slow.totalCycles());
        ParameterSet fastPaths = xgene.with("l0.fast_paths", 1, "test", null, 0);
        Program fp = MachineModel.create(NestingConfig.parse("nv-vhe"), fastPaths).program(GuestOperation.HYPERCALL);
        assertTrue(fp.fastPathTraps() > 0);
        assertTrue(fp.totalCycles() < hypercall("nv-vhe").totalCycles());
    }

    @Test
    void shouldAddFaultRegisterReadsForDeviceMmio() {
        Program mmio = MachineModel.create(NestingConfig.parse("nv-nonvhe"), xgene).program(GuestOperation.DEVICE_MMIO);
        // FAR_EL2 and HPFAR_EL2 are read on aborts; VTTBR_EL2 only on HVC exits.
        assertEquals(hypercall("nv-nonvhe").traps() + 2 - 1, mmio.traps());
        assertTrue(mmio.cycles(EventClass.SHADOW_S2) > 0);
    }

    @Test
    void shouldRaiseTheIpiInsideTheSendersHandling() {
        Program send = MachineModel.create(NestingConfig.parse("nv-nonvhe"), xgene).program(GuestOperation.SGI_SEND);
        assertTrue(send.kickOffset() > 0 && send.kickOffset() < send.totalCycles());
        Program eoi = MachineModel.create(NestingConfig.parse("nv-nonvhe"), xgene).program(GuestOperation.VIRTUAL_EOI);
        assertEquals(0, eoi.traps());
        assertEquals(71, eoi.totalCycles());
    }
}
