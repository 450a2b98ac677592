package io.nvsim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler C code declared with the operations (handler-software.tsv) and the path data's checked vocabularies. */
class HandlerSoftwareTest {
    @Test
    void shouldNameOnlyParametersEveryProfileHas() {
        for (String profile : CostProfile.BUILT_IN) {
            var p = CostProfile.builtIn(profile).parameters();
            for (String name : HandlerSoftware.builtIn().parameters()) {
                assertTrue(p.has(name), profile + " lacks " + name);
            }
        }
    }

    @Test
    void shouldSumTheTermsForTheMachinesGicAndListRegisters() {
        CostModel v2 = new CostModel(CostProfile.builtIn("xgene-m400").parameters());
        CostModel v3 = new CostModel(Overrides.applyAssignments(CostProfile.builtIn("xgene-m400").parameters(), List.of("gic.version=3")));
        HandlerSoftware h = HandlerSoftware.builtIn();
        assertEquals(v2.handleHvc, h.cycles(GuestOperation.HYPERCALL, false, v2, ListRegisterState.NONE));
        assertEquals(v2.xenHypercall, h.cycles(GuestOperation.HYPERCALL, true, v2, ListRegisterState.NONE));
        assertEquals(v2.mmioKernel + v2.vgicSgi, h.cycles(GuestOperation.SGI_SEND, false, v2, ListRegisterState.NONE));
        assertEquals(v3.handleSysReg + v3.vgicSgi, h.cycles(GuestOperation.SGI_SEND, false, v3, ListRegisterState.NONE));
        ListRegisterState three = new ListRegisterState(3, 1, 3, 2);
        assertEquals(v2.hostIrq + 3 * v2.vgicFlushLr + 2 * v2.vgicQueueIrq, h.cycles(GuestOperation.IRQ_RECEIVE, false, v2, three));
        assertEquals(v2.timerUpdate + v2.vgicQueueIrq + v2.vgicFlushLr, h.cycles(GuestOperation.VTIMER_FIRE, true, v2, three),
            "no Xen row: KVM's");
        assertEquals(0, h.cycles(GuestOperation.WFI_BLOCK, false, v2, ListRegisterState.NONE));
    }

    @Test
    void shouldRefuseAnUnknownTokenOrEretTargetWithFileAndLine() {
        var catalog = io.nvsim.cpu.sysreg.SysRegCatalog.builtIn();
        String header = "phase,seq,function,instruction,register,rw,when\n";
        io.nvsim.kernel.InputException token = assertThrows(io.nvsim.kernel.InputException.class, () ->
            io.nvsim.cpu.path.PathTable.parse("t.csv", new StringReader(header + "exit,1,f,SYSREG,ESR_EL2,R,irq_exti\n"), catalog));
        assertTrue(token.describe().contains("t.csv") && token.line() == 2 && token.getMessage().contains("irq_exti"), token.describe());
        io.nvsim.kernel.InputException eret = assertThrows(io.nvsim.kernel.InputException.class, () ->
            io.nvsim.cpu.path.PathTable.parse("t.csv", new StringReader(header + "entry,1,f,ERET,to the moon,-,\n"), catalog));
        assertTrue(eret.getMessage().contains("to the moon"), eret.getMessage());
    }
}
