package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.kernel.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recursive nesting ({@code arch.nesting_levels}): every trap of the middle hypervisor, and the guest's exit on its way
 * to it, is one exit handled by the levels below. The trap count is therefore the two-level count raised to the depth
 * minus one (127 traps per nested hypercall become 127^2 at L3), and the cycles multiply likewise.
 */
class RecursiveNestingTest {
    private static Program program(String config, int levels, GuestOperation op) {
        return MachineModel.create(NestingConfig.parse(config), Overrides.applyAssignments(
            CostProfile.builtIn("xgene-m400").parameters(), List.of("arch.nesting_levels=" + levels))).program(op);
    }

    @Test
    void shouldMultiplyTheTrapsByTheTwoLevelCountAtEachLevel() {
        for (String config : new String[] {"pv-nonvhe", "nv-nonvhe", "nv-vhe", "nv2-nonvhe", "nv2-vhe"}) {
            long two = program(config, 2, GuestOperation.HYPERCALL).traps();
            assertEquals(two * two, program(config, 3, GuestOperation.HYPERCALL).traps(), config);
            assertEquals(two * two * two, program(config, 4, GuestOperation.HYPERCALL).traps(), config);
        }
    }

    @Test
    void shouldCostAboutOneTwoLevelExitPerTrapOfTheMiddleHypervisor() {
        Program two = program("nv-nonvhe", 2, GuestOperation.HYPERCALL);
        Program three = program("nv-nonvhe", 3, GuestOperation.HYPERCALL);
        double perInnerExit = (double) three.totalCycles() / two.traps();
        assertTrue(perInnerExit > two.totalCycles() && perInnerExit < two.totalCycles() * 1.01,
            perInnerExit + " per forwarded exit vs " + two.totalCycles());
        assertEquals(1 + 126, three.steps().stream().filter(s -> s.verdict().contains("level(s) down")).count(),
            "the guest's exit plus each of L2's 126 trapping instructions, each absorbed as one step");
        assertTrue(three.steps().get(0).actor().equals("L3"), three.steps().get(0).actor());
    }

    @Test
    void shouldStillKickTheTargetOfAnIpiAndIgnoreTheDepthForTheVm() {
        Program sgi = program("nv2-vhe", 3, GuestOperation.SGI_SEND);
        assertTrue(sgi.kickOffset() > 0 && sgi.kickOffset() <= sgi.totalCycles());
        assertEquals(program("vm", 2, GuestOperation.HYPERCALL).totalCycles(), program("vm", 3, GuestOperation.HYPERCALL).totalCycles());
    }

    @Test
    void shouldRefuseWhatDoesNotRecurse() {
        assertThrows(InputException.class, () -> program("nv-nonvhe", 3, GuestOperation.WFI_BLOCK));
        assertThrows(InputException.class, () -> program("nv-nonvhe", 5, GuestOperation.HYPERCALL));
        assertThrows(InputException.class, () -> program("nv-xen", 3, GuestOperation.HYPERCALL));
    }
}
