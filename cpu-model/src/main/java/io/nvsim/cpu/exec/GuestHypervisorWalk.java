package io.nvsim.cpu.exec;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.path.ExitContext;
import io.nvsim.cpu.path.InstructionKind;
import io.nvsim.cpu.path.PathInstruction;
import io.nvsim.cpu.rules.ExecutionContext;
import io.nvsim.cpu.rules.Verdict;
import java.util.List;

/**
 * The guest hypervisor's (L1's) code paths walked instruction by instruction: every instruction through the trap rules,
 * and every trap handed to the host ({@link KvmHost}); its exit path, handler rows and entry path back into its guest.
 */
final class GuestHypervisorWalk {
    static final String L0 = "L0";

    final CompileContext c;

    GuestHypervisorWalk(CompileContext c) {
        this.c = c;
    }

    /** One instruction of the guest hypervisor: native, memory, redirected, or a trap with L0's handling. */
    void l1Execute(ProgramBuilder b, PathInstruction row, ExecutionContext ctx, int l2Lrs) {
        Verdict v = c.rules.classify(ctx, row);
        String actor = c.actor(ctx);
        if (!v.traps()) {
            switch (v.outcome()) {
                case MEMORY:
                    b.vncrAccesses++;
                    b.step(0, actor, row.describe(), row.function(), "memory: " + v.reason(), EventClass.L1_EXECUTION,
                        c.cost.vncrAccess, 0, false);
                    return;
                case REDIRECT:
                    b.step(0, actor, row.describe(), row.function(), "native: " + v.reason(), EventClass.L1_EXECUTION,
                        row.write() ? c.cost.sysregWrite : c.cost.sysregRead, 0, false);
                    return;
                default:
                    b.step(0, actor, row.describe(), row.function(), "native", c.isGic(row)
                        ? EventClass.VGIC : EventClass.L1_EXECUTION, c.nativeCost(row), 0, false);
                    return;
            }
        }
        String verdict = "trap " + Verdict.ecName(v.exceptionClass()) + c.host.resolution(v) + ": " + v.reason();
        if (c.innerTrap != null) {
            // recursive nesting: the trap reaches L0, which forwards it to the hypervisor below this one, which emulates
            // it running nested itself (its program at c.levels - 1; its emulation is kvm_handle_sys_reg, not handle_hvc)
            b.absorb(c.innerTrap, actor, row.describe(), row.function(), verdict + "; forwarded and emulated "
                + (c.levels - 2) + " level(s) down (" + c.innerTrap.traps() + " traps)");
            b.addToLast(EventClass.L1_EXECUTION, Math.max(0, c.cost.sysregEmulation - c.cost.handleHvc));
            boolean sgi = row.write() && (row.register().equals("GICD_SGIR") || row.register().equals("ICC_SGI1R_EL1"));
            if (sgi && b.kickOffset < 0) {
                b.kickOffset = b.total(); // the c.levels below pass the kick on: the physical IPI leaves when they are done
            }
            return;
        }
        b.countTrap(v.exceptionClass(), v.reason());
        b.step(0, actor, row.describe(), row.function(), verdict, EventClass.HW_TRAP, c.cost.trapEntry, 1, false);
        if (c.host.resolvesInEl2(v)) {
            b.fastPathTraps++;
            c.host.fastPath(b, v, row);
            return;
        }
        boolean pv = c.config.mode() == ArchMode.PV && v.exceptionClass() == Verdict.EC_HVC64 && row.kind() != InstructionKind.HVC;
        boolean fromVel2 = ctx == ExecutionContext.VIRTUAL_EL2;
        String exitToken = v.exceptionClass() == Verdict.EC_HVC64 ? "hvc_exit"
            : v.exceptionClass() == Verdict.EC_DABT_LOW ? "abort" : v.exceptionClass() == Verdict.EC_WFX ? "wfi_exit" : "sync";
        ExitContext exit = c.ctx(b.l1LiveLrs, 0, exitToken);
        switch (row.kind()) {
            case WFI:
                // L1's own idle: L0 handles its WFI (L1's virtual HCR_EL2.TWI is clear in its host context) and blocks it
                c.host.l0BlocksVcpu(b, c.ctx(b.l1LiveLrs, 0, "wfi_exit"), fromVel2, "L1's", false);
                return;
            case ERET: {
                boolean toL2 = row.eretTarget() == io.nvsim.cpu.path.EretTarget.L2;
                boolean toVel1 = row.eretTarget() == io.nvsim.cpu.path.EretTarget.KERNEL_EL1 && ctx == ExecutionContext.VIRTUAL_EL2
                    && c.config.kind() == GuestHypervisorKind.NON_VHE;
                ExitContext entry = c.ctx(toL2 ? l2Lrs : b.l1LiveLrs, 0);
                boolean toVel2 = !toL2 && !toVel1;
                b.l2Switch = toL2;
                c.host.l0FullExit(b, exit, entry, true, fromVel2, toVel2, () -> {
                    c.host.pvDecode(b, pv);
                    b.l0("emulate ERET from vEL2 to " + (toL2 ? "L2" : toVel1 ? "vEL1" : "vEL2"),
                        "kvm_emulate_nested_eret", "", EventClass.L0_HANDLING, c.cost.eretEmulation);
                    if (toL2) {
                        c.host.enterL2(b, l2Lrs);
                    }
                });
                return;
            }
            case HVC:
                c.host.l0FullExit(b, exit, c.ctx(b.l1LiveLrs, 0), true, fromVel2, true, () ->
                    b.l0("inject HVC into vEL2", "kvm_inject_nested_sync", "", EventClass.L0_HANDLING,
                        c.cost.injectNested));
                return;
            case MMIO: {
                boolean sgir = row.register().equals("GICD_SGIR");
                String frame = row.register().startsWith("GICH_") ? " (GICH frame)"
                    : row.register().startsWith("GICR_") ? " (redistributor)" : " (distributor)";
                c.host.l0FullExit(b, exit, c.ctx(b.l1LiveLrs, 0), true, fromVel2, fromVel2, () -> {
                    b.l0("emulate " + row.register() + " " + (row.write() ? "write" : "read")
                            + (sgir ? " (vgic SGIR: queue the SGI, kick the target vCPU)" : frame),
                        "io_mem_abort / vgic mmio", "", EventClass.VGIC,
                        c.cost.mmioKernel + (sgir ? c.cost.vgicSgi : 0));
                    if (sgir) {
                        c.host.l0SendsPhysicalSgi(b);
                    }
                });
                return;
            }
            default:
                if (row.kind() == InstructionKind.SYSREG && row.register().equals("ICC_SGI1R_EL1")) {
                    c.host.l0FullExit(b, exit, c.ctx(b.l1LiveLrs, 0), true, fromVel2, fromVel2, () -> {
                        b.l0("emulate MSR ICC_SGI1R_EL1 (vgic_v3_dispatch_sgi: queue the SGI, kick the target vCPU)",
                            "kvm_handle_sys_reg > access_gic_sgi", "", EventClass.VGIC, c.cost.handleSysReg + c.cost.vgicSgi);
                        c.host.l0SendsPhysicalSgi(b);
                    });
                    return;
                }
                c.host.l0FullExit(b, exit, c.ctx(b.l1LiveLrs, 0), true, fromVel2, fromVel2, () -> {
                    c.host.pvDecode(b, pv);
                    b.l0("emulate " + row.describe(), "kvm_handle_sys_reg / emulate-nested", "",
                        row.kind() == InstructionKind.TLBI ? EventClass.TLBI : c.isGic(row) ? EventClass.VGIC : EventClass.L0_HANDLING,
                        c.emulationSoftware(row));
                });
        }
    }

    /**
     * Rows of one host-handler group run by the guest hypervisor, starting in {@code host}. In a
     * split-mode (non-VHE) L1 an HVC enters its hyp code at vEL2 and the ERET back returns to vEL1,
     * so the rows between them are classified at vEL2.
     */
    void l1HandlerRows(ProgramBuilder b, String group, ExitContext ctx, ExecutionContext host, int l2Lrs) {
        // a group KVM's paths have but the guest hypervisor's lack is a path nobody reconstructed: refuse, do not guess
        if (c.l1Handlers != c.handlers && c.handlers.groups().contains(group) && !c.l1Handlers.groups().contains(group)) {
            throw new io.nvsim.kernel.InputException(b.op.label() + " is not modelled for " + c.config.kind().description()
                + " (its handler paths have no '" + group + "' group)");
        }
        ExecutionContext at = host;
        for (PathInstruction row : c.l1Handlers.group(group)) {
            for (int i = ctx.repeat(row); i > 0; i--) {
                l1Execute(b, row, at, l2Lrs);
                if (host == ExecutionContext.VIRTUAL_EL1 && row.kind() == InstructionKind.HVC) {
                    at = ExecutionContext.VIRTUAL_EL2;
                } else if (host == ExecutionContext.VIRTUAL_EL1 && at == ExecutionContext.VIRTUAL_EL2
                    && row.kind() == InstructionKind.ERET) {
                    at = ExecutionContext.VIRTUAL_EL1;
                }
            }
        }
    }

    /** C: L1's entry path; D: its ERET to L2 (trapped and emulated by L0); the guest takes its interrupt, if any. */
    void l1EntersL2(ProgramBuilder b, GuestOperation op, int l2Lrs, boolean vhe) {
        ExitContext l1Entry = c.ctx(l2Lrs, 0, c.entryTokens(op));
        for (PathInstruction row : c.l1Path.group("entry")) {
            ExecutionContext ctx = !vhe && row.kind() == InstructionKind.HVC ? ExecutionContext.VIRTUAL_EL1
                : ExecutionContext.VIRTUAL_EL2;
            int times = l1Entry.repeat(row);
            for (int i = 0; i < times; i++) {
                l1Execute(b, nthListRegister(row, i), ctx, l2Lrs);
            }
        }
        if (op.guestTakesInterrupt() && l2Lrs > 0) {
            c.guest.guestTakesInterrupt(b);
        }
    }

    /** C and D: the guest hypervisor's exit path, its handler and its entry path back into its guest. */
    void compileNestedHypervisor(ProgramBuilder b, GuestOperation op, ListRegisterState lrs) {
        boolean vhe = c.config.kind().hostAtVel2();
        int l2Lrs = lrs.liveAtEntry();
        // C: L1's exit path in vEL2.
        ExitContext l1Exit = c.ctx(lrs.liveAtExit(), lrs.pendingAtExit(), c.exitTokens(op));
        for (PathInstruction row : c.l1Path.group("exit")) {
            int times = l1Exit.repeat(row);
            for (int i = 0; i < times; i++) {
                l1Execute(b, nthListRegister(row, i), ExecutionContext.VIRTUAL_EL2, l2Lrs);
            }
        }
        // L1's host side: run loop, taking its own interrupt, the exit handler.
        ExecutionContext host = vhe ? ExecutionContext.VIRTUAL_EL2 : ExecutionContext.VIRTUAL_EL1;
        b.step(0, c.actor(host), (c.config.kind().kvm() ? "run loop and handle_exit (C code)" : "trap dispatch and handler (C code)")
                + (op == GuestOperation.SGI_POLLED ? ": the SGI is queued; the polling target sees it, no IPI" : ""),
            c.config.kind().kvm() ? "arm.c kvm_arch_vcpu_ioctl_run" : "traps.c do_trap_guest_sync / do_trap_irq", "no trap",
            EventClass.L1_EXECUTION, c.l1Loop() + c.l1HandlerSoftware(op, lrs), 0, op == GuestOperation.SGI_POLLED);
        l1HandlerRows(b, op.handler(), c.handlerContext(op, vhe), host, l2Lrs);
        b.l1LiveLrs = 0; // L1 has taken (acknowledged and completed) its own interrupt, if any
        l1EntersL2(b, op, l2Lrs, vhe);
    }

    /**
     * A per-LR row (written with list register 0, as the path files do) for list register {@code n}:
     * {@code ICH_LR<n>_EL2} (its own catalog entry and VNCR offset) or {@code GICH_LR<n>}.
     */
    static PathInstruction nthListRegister(PathInstruction row, int n) {
        if (n == 0 || !row.when().contains("per_lr")) {
            return row;
        }
        if (row.register().equals("ICH_LR0_EL2")) {
            String name = "ICH_LR" + n + "_EL2";
            return new PathInstruction(row.phase(), row.seq(), row.function(), row.kind(), name,
                io.nvsim.cpu.sysreg.SysRegCatalog.builtIn().require(name), row.write(), row.when(), row.source());
        }
        if (row.register().equals("GICH_LR0")) {
            return new PathInstruction(row.phase(), row.seq(), row.function(), row.kind(), "GICH_LR" + n, null,
                row.write(), row.when(), row.source());
        }
        return row;
    }

    /**
     * What {@code op} costs when the guest hypervisor itself runs on the hardware (single level, no nesting): the
     * guest's trap, the guest hypervisor's exit path, its C code and handler rows and its entry path, every row at its
     * native c.cost. For split-mode KVM this is the {@code vm} machine's program (L0 runs the same KVM); for Xen it is
     * the figure ISCA 2016 measured for Xen on X-Gene, a check of the Xen paths and costs.
     */
    long nativeCycles(GuestOperation op) {
        ListRegisterState lrs = ListRegisterState.of(op, c.cost.listRegisters);
        ExitContext exit = c.ctx(lrs.liveAtExit(), lrs.pendingAtExit(), c.exitTokens(op));
        ExitContext entry = c.ctx(lrs.liveAtEntry(), 0, c.entryTokens(op));
        // KVM's world switch saves the guest's and restores the host's GP registers on exit and the reverse on entry;
        // Xen has no host context: its entry saves the guest's registers and its exit restores them
        long gp = (c.config.kind().kvm() ? 2 : 1) * (c.cost.gpSave + c.cost.gpRestore);
        long total = c.cost.trapEntry + gp + c.l1Loop() + c.l1HandlerSoftware(op, lrs);
        for (PathInstruction row : c.l1Path.group("exit")) {
            total += exit.repeat(row) * c.nativeCost(row);
        }
        for (PathInstruction row : c.l1Handlers.group(op.handler())) {
            total += c.handlerContext(op, c.config.kind().hostAtVel2()).repeat(row) * c.nativeCost(row);
        }
        for (PathInstruction row : c.l1Path.group("entry")) {
            total += entry.repeat(row) * c.nativeCost(row);
        }
        return total;
    }
}
