package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cpu.path.ExitContext;
import io.nvsim.cpu.path.PathInstruction;
import io.nvsim.cpu.path.PathTable;
import io.nvsim.cpu.sysreg.SysRegCatalog;
import io.nvsim.kernel.InputException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PathTableTest {
    private final SysRegCatalog catalog = SysRegCatalog.builtIn();

    @Test
    void shouldLoadTheShippedPathsWithTheirConditions() {
        PathTable nvhe = PathTable.builtIn("kvm-v4.10-nvhe.csv", catalog);
        ExitContext hvc = ExitContext.of(0, 0, "hvc_exit");
        int rows = 0;
        for (String phase : new String[] {"exit", "entry"}) {
            for (PathInstruction r : nvhe.group(phase)) {
                rows += hvc.repeat(r);
            }
        }
        assertEquals(159, rows); // the reconstruction: 159 rows, less L2's HVC, plus v4.10's PMSELR_EL0 write
        PathTable vhe = PathTable.builtIn("kvm-v4.10-vhe.csv", catalog);
        assertTrue(vhe.group("entry").stream().noneMatch(r -> r.register().equals("HVC #0")), "VHE calls the hyp directly");
    }

    @Test
    void shouldRepeatPerListRegisterRowsAndHonourNegation() {
        PathTable nvhe = PathTable.builtIn("kvm-v4.10-nvhe.csv", catalog);
        PathInstruction perLr = nvhe.group("entry").stream().filter(r -> r.when().equals("gicv2+per_lr")).findFirst().orElseThrow();
        assertEquals(3, ExitContext.of(3, 0).repeat(perLr));
        assertEquals(0, ExitContext.of(0, 0).repeat(perLr));
        PathInstruction sync = nvhe.group("exit").stream().filter(r -> r.when().equals("!irq_exit")).findFirst().orElseThrow();
        assertEquals(1, ExitContext.of(0, 0, "hvc_exit").repeat(sync));
        assertEquals(0, ExitContext.of(0, 0, "irq_exit").repeat(sync));
        assertTrue(ExitContext.of(0, 0, "abort").holds("abort_noat"));
    }

    @Test
    void shouldNameFileAndLineOfABadRow() {
        String csv = "# comment\nphase,seq,function,instruction,register,rw,when\nexit,1,f,SYSREG,HCR_EL2,R,\nexit,2,f,SYSREG,NOT_A_REG,R,\n";
        InputException e = assertThrows(InputException.class, () -> PathTable.parse("bad.csv", new StringReader(csv), catalog));
        assertEquals("bad.csv", e.file());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("NOT_A_REG"));
        String badKind = "phase,seq,function,instruction,register,rw,when\nexit,1,f,JUMP,x,R,\n";
        InputException k = assertThrows(InputException.class, () -> PathTable.parse("k.csv", new StringReader(badKind), catalog));
        assertEquals(2, k.line());
    }
}
