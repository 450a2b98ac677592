package io.nvsim.cpu.exec;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.path.ExitContext;
import io.nvsim.cpu.path.InstructionKind;
import io.nvsim.cpu.path.PathInstruction;
import io.nvsim.cpu.path.PathTable;
import io.nvsim.cpu.rules.FastPath;
import io.nvsim.cpu.rules.TrapFeatures;

/**
 * What the upstream host (L0, Linux v6.16+ KVM/arm64, VHE) does differently from the 2017 prototype when it handles a
 * guest hypervisor's traps ({@code docs/research/upstream-host.md}):
 * <ul>
 *   <li>no shadow EL1 copy of vEL2 on every entry and exit: vEL2's EL1-twin registers live in the hardware EL1
 *       registers and its pure EL2 registers in the VNCR page;</li>
 *   <li>fast paths: ERET within vEL2, EL2 TLBIs, timer reads and CPACR_EL1 resolved in EL2 ({@link FastPath}), each
 *       behind its own switch;</li>
 *   <li>every switch between hyp context and L2 (or an E2H0 guest hypervisor's vEL1) is a full
 *       {@code kvm_arch_vcpu_put} + {@code kvm_arch_vcpu_load}, whose parts are listed step by step
 *       ({@link #putLoad}): registers from {@code kvm-v6.16-host-handlers.csv}, timer re-pointing, the nested vGICv3
 *       shadow interface, the shadow stage-2 lookup, the PMU transition and (before Linux 7.2) the FP registers;</li>
 *   <li>deciding whether an exit of L2 goes to L1 ({@code triage_sysreg_trap}), and per HCR_EL2 write the AmpereOne
 *       erratum's synchronisation.</li>
 * </ul>
 * It is the host beside {@link Proto2017Host}: {@link KvmHost} asks either at each of these points.
 */
final class UpstreamHost extends KvmHost {
    private final NestingConfig config;
    private final CostModel cost;
    private final UpstreamCosts up;
    private final PathTable putLoad;

    UpstreamHost(CompileContext c, UpstreamCosts up, PathTable putLoad) {
        super(c);
        this.config = c.config;
        this.cost = c.cost;
        this.up = up;
        this.putLoad = putLoad;
    }

    @Override
    ExitContext entryContext(ExitContext entry, boolean toVel2) {
        // __compute_hcr: NV|NV2|AT|TTLB and VNCR_EL2 for the vEL2 context
        return toVel2 && config.mode().nested() ? entry.with("hyp_ctxt") : entry;
    }

    @Override
    void switchContext(ProgramBuilder b, boolean fromL1, boolean fromVel2, boolean toVel2) {
        if (config.mode().nested() && fromVel2 != toVel2) {
            // every switch between hyp context and L2 (or an E2H0 L1's vEL1) is kvm_arch_vcpu_put + kvm_arch_vcpu_load
            putLoad(b, fromVel2, toVel2, !fromL1 && b.l2Switch, fromL1 && b.l2Switch && !toVel2);
        }
    }

    @Override
    String worldSwitchFunction() {
        return "hyp/vhe/switch.c __kvm_vcpu_run_vhe";
    }

    @Override
    void leaveVel2(ProgramBuilder b) {
        // vEL2's EL1-twin registers stay in the hardware EL1 registers, its EL2 registers in the VNCR page: nothing to copy
    }

    @Override
    long extraRowCycles(PathInstruction row) {
        return hcrWriteSync(row);
    }

    @Override
    boolean resolvesInEl2(io.nvsim.cpu.rules.Verdict v) {
        return resolvesInEl2(v.fastPath());
    }

    @Override
    void fastPath(ProgramBuilder b, io.nvsim.cpu.rules.Verdict v, PathInstruction row) {
        // __guest_exit saves the GP registers, fixup_guest_exit runs the handler, __guest_enter returns
        b.l0("resolved in EL2 by " + v.fastPath().handler() + " (fixup_guest_exit: no full exit)",
            "hyp/vhe/switch.c " + v.fastPath().handler(), "fast path", EventClass.L0_HANDLING,
            cost.fastPath + (row.kind() == InstructionKind.TLBI ? cost.tlbi : 0));
        b.addToLast(EventClass.WORLD_SWITCH, cost.gpSave + cost.gpRestore);
        b.l0("ERET to L1", "", "", EventClass.HW_TRAP, cost.eret);
    }

    @Override
    String resolution(io.nvsim.cpu.rules.Verdict v) {
        return resolvesInEl2(v.fastPath()) ? ", EL2 fast path " + v.fastPath().handler() : ", full exit in L0";
    }

    @Override
    String guestExitResolution(boolean nested, boolean shadowFault) {
        return !nested || shadowFault ? ", full exit in L0" : ", full exit, forwarded to L1";
    }

    @Override
    void enterL2(ProgramBuilder b, int l2Lrs) {
        // the shadow stage-2 lookup and the shadow list registers are parts of the load (putLoad)
    }

    @Override
    void forward(ProgramBuilder b, String what) {
        triage(b, what);
    }

    @Override
    void wakeIntoVel2(ProgramBuilder b) {
        // no shadow state: vEL2's registers are loaded by vcpu_load
    }

    UpstreamCosts costs() {
        return up;
    }

    /** The trap rules' view of this host: upstream's trap configuration applies to the upstream configurations. */
    TrapFeatures trapFeatures() {
        return up.trapFeatures(config.host() == io.nvsim.cpu.arch.HostKind.UPSTREAM);
    }

    /** Whether L0 resolves a trap of this kind in EL2 (eligible by the trap rules and its switch on). */
    boolean resolvesInEl2(FastPath f) {
        return f != FastPath.NONE && up.fastPathOn(f);
    }

    /** Tokens of the machine that every path context carries: {@code ras}, and {@code nv_vcpu} when L0 runs a guest hypervisor. */
    @Override
    String[] machineTokens() {
        boolean nested = config.mode().nested();
        if (up.ras && nested) {
            return new String[] {"ras", "nv_vcpu"};
        }
        return up.ras ? new String[] {"ras"} : nested ? new String[] {"nv_vcpu"} : new String[0];
    }

    /** The extra synchronisation of one HCR_EL2 write (0 but on AmpereOne). */
    long hcrWriteSync(PathInstruction row) {
        return row.kind() == InstructionKind.SYSREG && row.write() && "HCR_EL2".equals(row.register()) ? up.hcrWriteSync : 0;
    }

    /** L0 decides whether the exit of L2 is forwarded to the guest hypervisor (it is, for the operations modelled). */
    void triage(ProgramBuilder b, String what) {
        b.l0("triage: forward " + what + " to L1 (guest hypervisor's trap controls, FGT/CGT tables)",
            "emulate-nested.c triage_sysreg_trap / kvm_handle_hvc", "", EventClass.L0_HANDLING, up.triage);
    }

    /**
     * One kvm_arch_vcpu_put + kvm_arch_vcpu_load: the vCPU leaves the context {@code fromHyp} (vEL2) or not (L2, or an
     * E2H0 guest hypervisor's vEL1) and enters the other. {@code intoL2} and {@code outOfL2} say whether L2's context is
     * loaded or put (the shadow stage-2 and the nested vGIC interface belong to it); {@code l2Lrs} are L1's live LRs
     * for L2 on the way in.
     */
    void putLoad(ProgramBuilder b, boolean fromHyp, boolean toHyp, boolean outOfL2, boolean intoL2) {
        String from = fromHyp ? "vEL2" : outOfL2 ? "L2" : "vEL1";
        String to = toHyp ? "vEL2" : intoL2 ? "L2" : "vEL1";
        String gic = cost.gicVersion >= 3 ? "gicv3" : "gicv2";
        ExitContext put = ExitContext.of(0, 0, tokens(fromHyp, gic));
        ExitContext load = ExitContext.of(0, 0, tokens(toHyp, gic));
        b.l0("kvm_arch_vcpu_put (" + from + "): " + rows("vcpu_put", put) + " register accesses (traps, EL1 state, timers"
                + (cost.gicVersion >= 3 ? ", VMCR/APRs" : "") + ")", "kvm_vcpu_put_vhe, kvm_timer_vcpu_put, vgic_v3_put", "put/load",
            EventClass.WORLD_SWITCH, 0);
        b.addToLast(rowCycles("vcpu_put", put));
        if (outOfL2 && cost.nvVgicNested && cost.gicVersion >= 3) {
            nestedVgicSwitch(b, false, "put/load");
        }
        b.l0("kvm_arch_vcpu_load (" + to + "): " + rows("vcpu_load", load) + " register accesses (EL1 state, traps"
                + (up.fgt ? " and FGT registers" : "") + ", stage-2, timers" + (cost.gicVersion >= 3 ? ", VMCR/APRs" : "") + ")",
            "kvm_vcpu_load_vhe, __load_stage2, kvm_timer_vcpu_load, vgic_v3_load", "put/load", EventClass.WORLD_SWITCH, 0);
        b.addToLast(rowCycles("vcpu_load", load));
        b.addToLast(EventClass.WORLD_SWITCH, up.putLoadSoftware);
        if (intoL2) {
            b.l0("look up (or recycle) the shadow stage-2 for L1's VTTBR/VTCR and take a reference",
                "nested.c kvm_vcpu_load_hw_mmu > get_s2_mmu_nested", "put/load", EventClass.SHADOW_S2, cost.shadowS2Lookup);
        }
        if (cost.nvTimerMap) {
            repointTimers(b, fromHyp, toHyp, "put/load");
        }
        if (intoL2 && cost.nvVgicNested && cost.gicVersion >= 3) {
            nestedVgicSwitch(b, true, "put/load");
        }
        b.l0("kvm_pmu_nested_transition", "emulate-nested.c", "put/load", EventClass.L0_HANDLING, up.pmuTransition);
        if (up.fpSwitch) {
            b.l0("save and reload the FP/SIMD registers (kvm_arch_vcpu_put_fp / load_fp; dropped in Linux 7.2)",
                "fpsimd.c", "put/load", EventClass.WORLD_SWITCH, up.fpSwitchCycles);
        }
    }

    private String[] tokens(boolean hyp, String gic) {
        java.util.List<String> t = new java.util.ArrayList<>(java.util.List.of(gic));
        if (hyp) {
            t.add("hyp_ctxt");
        }
        if (up.fgt) {
            t.add("fgt");
        }
        return t.toArray(String[]::new);
    }

    private int rows(String group, ExitContext ctx) {
        int n = 0;
        for (PathInstruction r : putLoad.group(group)) {
            n += ctx.repeat(r);
        }
        return n;
    }

    private long[] rowCycles(String group, ExitContext ctx) {
        long[] c = new long[EventClass.COUNT];
        for (PathInstruction r : putLoad.group(group)) {
            int times = ctx.repeat(r);
            if (times == 0) {
                continue;
            }
            boolean gic = r.register().startsWith("ICH_") || r.register().startsWith("ICC_");
            boolean timer = r.register().startsWith("CNT");
            long each = gic ? (r.write() ? cost.gicv3SysregWrite : cost.gicv3SysregRead) : r.write() ? cost.sysregWrite : cost.sysregRead;
            c[(gic ? EventClass.VGIC : timer ? EventClass.TIMER : EventClass.WORLD_SWITCH).ordinal()] += times * each;
        }
        return c;
    }
}
