package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Upstream L0 behaviours behind switches: the shadow GICv3 interface switch and L1's maintenance PPI 25. */
class UpstreamL0SwitchesTest {
    private static Program program(String config, GuestOperation op, String... sets) {
        return MachineModel.create(NestingConfig.parse(config),
            Overrides.applyAssignments(CostProfile.builtIn("xgene-m400").parameters(), List.of(sets))).program(op);
    }

    private static long steps(Program p, String prefix) {
        return p.steps().stream().filter(s -> s.action().startsWith(prefix)).count();
    }

    @Test
    void shouldLoadTheShadowGicInterfaceIntoL2AndPutItBackOutOfL2() {
        Program on = program("nv2-nonvhe", GuestOperation.HYPERCALL, "gic.version=3", "l0.nv_vgic_nested=1");
        Program off = program("nv2-nonvhe", GuestOperation.HYPERCALL, "gic.version=3");
        assertEquals(1, steps(on, "vgic_v3_put_nested"), "L2's exit to L0 (A)");
        assertEquals(1, steps(on, "vgic_v3_load_nested"), "L1's ERET to L2 (D)");
        assertEquals(off.traps(), on.traps(), "L0's own ICH accesses do not trap");
        assertTrue(on.totalCycles() > off.totalCycles());
        // every LR is written: more list registers, more cost
        Program sixteen = program("nv2-nonvhe", GuestOperation.HYPERCALL, "gic.version=3", "l0.nv_vgic_nested=1",
            "gic.list_registers=16");
        assertTrue(sixteen.totalCycles() > on.totalCycles());
        assertEquals(0, steps(program("nv2-nonvhe", GuestOperation.HYPERCALL, "l0.nv_vgic_nested=1"), "vgic_v3"), "GICv2");
        assertEquals(0, steps(program("vm", GuestOperation.HYPERCALL, "gic.version=3", "l0.nv_vgic_nested=1"), "vgic_v3"));
    }

    @Test
    void shouldLetL1sKernelTakeItsMaintenancePpiWhenL0InjectsIt() {
        Program seed = program("nv-nonvhe", GuestOperation.LR_EOI_MI);
        Program upstream = program("nv-nonvhe", GuestOperation.LR_EOI_MI, "l0.mi_ppi_injected=1");
        assertEquals(seed.traps(), upstream.traps(), "a non-VHE L1 takes PPI 25 at vEL1 through its GICC: nothing traps");
        assertTrue(upstream.steps().stream().anyMatch(s -> s.function().contains("gic_eoimode1_eoi_irq")));
        assertTrue(seed.steps().stream().noneMatch(s -> s.function().contains("gic_eoimode1_eoi_irq")));
        // a VHE L1 takes it at vEL2: its kernel's exception return traps
        Program vhe = program("nv2-vhe", GuestOperation.LR_EOI_MI, "gic.version=3", "l0.mi_ppi_injected=1");
        Program vheSeed = program("nv2-vhe", GuestOperation.LR_EOI_MI, "gic.version=3");
        assertEquals(vheSeed.trapsByExceptionClass().getOrDefault("ERET", 0) + 1, (int) vhe.trapsByExceptionClass().get("ERET"));
    }
}
