package io.nvsim.cpu.exec;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.path.ExitContext;
import io.nvsim.cpu.path.InstructionKind;
import io.nvsim.cpu.path.PathInstruction;
import io.nvsim.cpu.rules.Verdict;

/**
 * The 2017 prototype host (columbia/nesting-pub on Linux v4.10): every trap of the guest hypervisor is a full exit,
 * the shadow EL1 copy of vEL2 is rebuilt on every entry into vEL2 and copied back on every exit from it, and on entry
 * to L2 it looks up the shadow stage-2 and translates L1's list registers. The upstream behaviours it can be given one
 * by one ({@code l0.fast_paths}, {@code l0.nv_timer_map}, {@code l0.nv_vgic_nested}) are what-ifs on top of it.
 */
final class Proto2017Host extends KvmHost {
    Proto2017Host(CompileContext c) {
        super(c);
    }

    @Override
    ExitContext entryContext(ExitContext entry, boolean toVel2) {
        return entry;
    }

    @Override
    void switchContext(ProgramBuilder b, boolean fromL1, boolean fromVel2, boolean toVel2) {
        prototypeSwitchContext(b, fromVel2, toVel2);
    }

    @Override
    String worldSwitchFunction() {
        return "hyp/switch.c __kvm_vcpu_run";
    }

    @Override
    void leaveVel2(ProgramBuilder b) {
        b.l0("copy back the shadow EL1 state of vEL2 (" + c.cost.shadowSyncBackRegisters + " registers)",
            "kvm_arm_restore_shadow_state", "", EventClass.WORLD_SWITCH,
            c.cost.shadowSyncBackRegisters * c.cost.contextCopyPerReg);
    }

    @Override
    boolean resolvesInEl2(Verdict v) {
        return c.cost.fastPaths && v.fastPathEligible();
    }

    @Override
    void fastPath(ProgramBuilder b, Verdict v, PathInstruction row) {
        b.l0("fast path in the exit loop (fixup_guest_exit)", "hyp/vhe/switch.c", "",
            EventClass.L0_HANDLING, c.cost.fastPath + (row.kind() == InstructionKind.ERET ? 0 : c.emulationSoftware(row)));
        b.l0("ERET to L1", "", "", EventClass.HW_TRAP, c.cost.eret);
    }

    @Override
    String resolution(Verdict v) {
        return "";
    }

    @Override
    String guestExitResolution(boolean nested, boolean shadowFault) {
        return "";
    }

    @Override
    void enterL2(ProgramBuilder b, int l2Lrs) {
        b.l0("look up the shadow stage-2 for L1's VTTBR/VTCR", "kvm_vcpu_load_hw_mmu", "",
            EventClass.SHADOW_S2, c.cost.shadowS2Lookup);
        if (l2Lrs > 0) {
            b.l0("translate " + l2Lrs + " of L1's list registers into hardware LRs",
                "vgic nested flush", "", EventClass.VGIC, l2Lrs * c.cost.lrTranslate);
        }
    }

    @Override
    void wakeIntoVel2(ProgramBuilder b) {
        b.l0("set up the shadow EL1 state for vEL2 (" + c.cost.shadowStateRegisters + " registers)",
            "kvm_arm_setup_shadow_state", "", EventClass.WORLD_SWITCH, c.cost.shadowStateRegisters * c.cost.contextCopyPerReg);
    }
}
