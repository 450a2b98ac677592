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
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.path.PathTable;
import io.nvsim.cpu.rules.TrapRules;

/**
 * What one compilation shares: the configuration, its costs, the path tables of the host and the guest hypervisor,
 * the trap rules, the host model and the compiler's parts (one per concept), and the small helpers they all use (exit
 * contexts, tokens, actors, native costs).
 */
final class CompileContext {
    final NestingConfig config;
    final CostModel cost;
    final PathTable l0Path;
    final PathTable l1Path;
    final PathTable handlers;
    final PathTable l1Handlers;
    TrapRules rules;
    /** arch.nesting_levels: 2 (L0, L1, L2) or more, the guest at level {@code levels} and the hypervisor compiled here at levels-1. */
    int levels = 2;
    /** For levels > 2: one trap of the middle hypervisor as the levels below handle it (their compiled program), else null. */
    Program innerTrap;
    KvmHost host;
    final GuestHypervisorWalk walk;
    final GuestSteps guest;
    final ExitPrograms exits;
    final MemoryPrograms memory;
    final IdlePrograms idle;

    CompileContext(NestingConfig config, CostModel cost, PathTable l0Path, PathTable l1Path, PathTable handlers, PathTable l1Handlers) {
        this.config = config;
        this.cost = cost;
        this.l0Path = l0Path;
        this.l1Path = l1Path;
        this.handlers = handlers;
        this.l1Handlers = l1Handlers;
        this.rules = new TrapRules(config.mode(), config.kind(), cost.gicVersion, cost.ecv);
        this.host = new Proto2017Host(this);
        this.walk = new GuestHypervisorWalk(this);
        this.guest = new GuestSteps(this);
        this.exits = new ExitPrograms(this);
        this.memory = new MemoryPrograms(this);
        this.idle = new IdlePrograms(this);
    }

    /** How {@code op} leaves the guest on this machine (an SGI depends on the GIC version). */
    GuestOperation.Trigger trigger(GuestOperation op) {
        return op.trigger(cost.gicVersion);
    }

    String[] exitTokens(GuestOperation op) {
        return op.exitTokens(cost.gicVersion);
    }

    /** An exit context on this machine: the GIC token ({@code gicv2}/{@code gicv3}) follows {@code gic.version}. */
    ExitContext ctx(int liveLrs, int pendingLrs, String... tokens) {
        ExitContext c = ExitContext.forGic(cost.gicVersion, liveLrs, pendingLrs, tokens);
        return c.with(host.machineTokens());
    }

    /** Path tokens of a hypervisor's handler: the exit's, plus {@code nvhe} when it runs split-mode ({@code vhe} otherwise). */
    ExitContext handlerContext(GuestOperation op, boolean vhe) {
        String[] exit = exitTokens(op);
        boolean ppi = op.maintenance() && cost.miPpiInjected && config.mode() != ArchMode.VM;
        String[] tokens = java.util.Arrays.copyOf(exit, exit.length + (ppi ? 3 : 1));
        tokens[exit.length] = vhe ? "vhe" : "nvhe"; // KVM's rows: is kvm_call_hyp an HVC (split mode) or a call
        if (ppi) {
            tokens[exit.length + 1] = "mi_ppi_injected"; // L1's kernel takes PPI 25 (upstream vgic_v3_handle_nested_maint_irq)
            tokens[exit.length + 2] = "eoimode1";
        }
        return ctx(0, 0, tokens);
    }

    String guestActor() {
        return config.mode() == ArchMode.VM ? "VM" : "L" + levels;
    }

    /** The exit's tokens less the list-register ones (they describe the exit, not the re-entry). */
    String[] entryTokens(GuestOperation op) {
        return java.util.Arrays.stream(exitTokens(op)).filter(t -> !t.startsWith("lr_")).toArray(String[]::new);
    }

    String actor(ExecutionContext ctx) {
        switch (ctx) {
            case VIRTUAL_EL2:
                return "L" + (levels - 1) + " vEL2";
            case VIRTUAL_EL1:
                return "L" + (levels - 1) + " vEL1";
            default:
                return guestActor();
        }
    }

    long nativeCost(PathInstruction row) {
        switch (row.kind()) {
            case SYSREG:
                if (isGic(row)) {
                    return row.write() ? cost.gicv3SysregWrite : cost.gicv3SysregRead;
                }
                return row.write() ? cost.sysregWrite : cost.sysregRead;
            case MMIO:
                if (row.register().startsWith("GICH_") || row.register().startsWith("GICD_") || row.register().startsWith("GICR_")) {
                    return row.write() ? cost.gicMmioWrite : cost.gicMmioRead;
                }
                return cost.gicCpuifAccess;
            case ERET:
                return cost.eret;
            case HVC:
            case SMC:
                return cost.trapEntry;
            case TLBI:
                return cost.tlbi;
            case AT:
                return cost.at;
            default:
                return 0;
        }
    }

    /** A GIC access: MMIO to a GIC frame, or a GICv3 system register (ICH_* or ICC_*). */
    static boolean isGic(PathInstruction row) {
        return row.kind() == InstructionKind.MMIO || row.kind() == InstructionKind.SYSREG
            && (row.register().startsWith("ICH_") || row.register().startsWith("ICC_"));
    }

    long emulationSoftware(PathInstruction row) {
        switch (row.kind()) {
            case TLBI:
                return cost.sysregEmulation + cost.tlbi;
            case AT:
                return cost.sysregEmulation + cost.at;
            default:
                return cost.sysregEmulation;
        }
    }

    /** The guest hypervisor's per-exit C code: KVM's run loop, or Xen's trap entry, dispatch and return to the guest. */
    long l1Loop() {
        return config.kind().kvm() ? cost.runLoop : cost.xenTrap;
    }

    /** The guest hypervisor's handler C code for {@code op}: KVM's, or Xen's own where it differs (hypercall, MMIO, SGI). */
    long l1HandlerSoftware(GuestOperation op, ListRegisterState lrs) {
        return HandlerSoftware.builtIn().cycles(op, !config.kind().kvm(), cost, lrs);
    }
}
