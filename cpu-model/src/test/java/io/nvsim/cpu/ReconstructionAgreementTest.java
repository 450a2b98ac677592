package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.path.InstructionKind;
import io.nvsim.cpu.path.PathInstruction;
import io.nvsim.cpu.rules.ExecutionContext;
import io.nvsim.cpu.rules.TrapRules;
import io.nvsim.cpu.sysreg.SysRegCatalog;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cross-check: the shared reconstruction of the non-VHE hypercall path
 * (shared/data/l1-kvm-v4.10-nonvhe-hypercall-path.csv, copied into the test resources) carries
 * its own trap verdict per row under ARMv8.3. The simulator's trap rules, applied to the same
 * rows, must reach the same verdict on every row, and so the same 126.
 */
class ReconstructionAgreementTest {

    @Test
    void shouldAgreeWithTheReconstructionOnEveryRow() throws Exception {
        SysRegCatalog catalog = SysRegCatalog.builtIn();
        TrapRules rules = new TrapRules(ArchMode.NV, GuestHypervisorKind.NON_VHE, 2);
        int traps = 0;
        int rows = 0;
        List<String> disagreements = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/l1-kvm-v4.10-nonvhe-hypercall-path.csv");
             MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                 .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            while (it.hasNext()) {
                Map<String, String> r = it.next();
                rows++;
                String cls = r.get("cls");
                String register = r.get("register");
                boolean expected = r.get("trap").equals("1");
                boolean actual;
                if (r.get("function").equals("L2 guest")) {
                    actual = true; // L2's own HVC, the operation's trigger: always taken to EL2
                } else {
                    InstructionKind kind = switch (cls) {
                        case "HVC" -> InstructionKind.HVC;
                        case "ERET" -> InstructionKind.ERET;
                        case "GICH_MMIO" -> InstructionKind.MMIO;
                        default -> InstructionKind.SYSREG;
                    };
                    PathInstruction insn = new PathInstruction(r.get("phase"), Integer.parseInt(r.get("seq")), r.get("function"), kind,
                        register, kind == InstructionKind.SYSREG ? catalog.require(register) : null, "W".equals(r.get("rw")), "", "shared");
                    ExecutionContext ctx = kind == InstructionKind.HVC ? ExecutionContext.VIRTUAL_EL1 : ExecutionContext.VIRTUAL_EL2;
                    actual = rules.classify(ctx, insn).traps();
                }
                if (actual != expected) {
                    disagreements.add(r.get("seq") + " " + register);
                }
                if (actual) {
                    traps++;
                }
            }
        }
        assertEquals(List.of(), disagreements);
        assertEquals(159, rows);
        assertEquals(126, traps);
    }
}
