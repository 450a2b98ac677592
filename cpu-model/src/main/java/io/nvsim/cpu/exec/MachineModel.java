package io.nvsim.cpu.exec;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.path.PathTable;
import io.nvsim.cpu.sysreg.SysRegCatalog;
import io.nvsim.kernel.InputException;
import java.util.EnumMap;
import java.util.Map;

/**
 * A modelled machine in one configuration: the host hypervisor (L0), the guest hypervisor (L1,
 * KVM v4.10 non-VHE or VHE) and their code paths, under a cost profile. It compiles each guest
 * operation into a {@link Program} once and hands out the cached program afterwards.
 *
 * <pre>{@code
 * MachineModel m = MachineModel.create(NestingConfig.parse("nv-nonvhe"), profile.parameters());
 * Program hvc = m.program(GuestOperation.HYPERCALL);   // hvc.traps() == 127
 * }</pre>
 */
public final class MachineModel {
    /** The guest hypervisor modelled: KVM/arm64 of Linux v4.10 (the seed's L1). */
    public static final String GUEST_HYPERVISOR = "kvm-v4.10";
    /** The Xen guest hypervisor's path files ({@code xen-4.x-l1-paths.csv}, {@code xen-4.x-l1-handlers.csv}). */
    public static final String XEN = "xen-4.x";

    private final NestingConfig config;
    private final CostModel cost;
    private final ProgramCompiler compiler;
    private final Map<GuestOperation, Program> programs = new EnumMap<>(GuestOperation.class);
    private final Map<ListRegisterKey, Program> lrPrograms = new java.util.HashMap<>();

    private MachineModel(NestingConfig config, CostModel cost, ProgramCompiler compiler) {
        this.config = config;
        this.cost = cost;
        this.compiler = compiler;
    }

    /** Builds the machine for a configuration and a resolved parameter set. */
    public static MachineModel create(NestingConfig config, ParameterSet parameters) {
        CostModel cost = new CostModel(parameters);
        if (cost.gicVersion != 2 && cost.gicVersion != 3) {
            throw new InputException("gic.version=" + cost.gicVersion + " is not modelled; valid values: 2 (GICH over MMIO), "
                + "3 (ICH_* system registers)");
        }
        if (cost.listRegisters < 1 || cost.listRegisters > 16) {
            throw new InputException("gic.list_registers=" + cost.listRegisters + " is out of range; valid values: 1..16");
        }
        if (!config.kind().kvm() && cost.gicVersion != 2) {
            throw new InputException("gic.version=" + cost.gicVersion + " is not modelled for " + config.kind().description()
                + ": its paths are those of Xen's GICv2 driver (gic-v2.c); valid value: 2");
        }
        SysRegCatalog catalog = SysRegCatalog.builtIn();
        PathTable l0Path = Paths.load(GUEST_HYPERVISOR + "-" + (cost.l0Vhe ? GuestHypervisorKind.VHE : GuestHypervisorKind.NON_VHE)
            .pathSuffix() + ".csv", catalog);
        PathTable handlers = Paths.load(GUEST_HYPERVISOR + "-host-handlers.csv", catalog);
        PathTable l1Path = config.kind().kvm() ? Paths.load(GUEST_HYPERVISOR + "-" + config.kind().pathSuffix() + ".csv", catalog)
            : Paths.load(XEN + "-l1-paths.csv", catalog);
        PathTable l1Handlers = config.kind().kvm() ? handlers : Paths.load(XEN + "-l1-handlers.csv", catalog);
        ProgramCompiler compiler = new ProgramCompiler(config, cost, l0Path, l1Path, handlers, l1Handlers);
        int levels = parameters.count("arch.nesting_levels");
        if (levels < 2 || levels > 4) {
            throw new InputException("arch.nesting_levels=" + levels + " is out of range; valid: 2 (L2 on L1), 3 (L3 on L2 on L1), 4");
        }
        if (levels > 2 && !config.kind().kvm() && config.mode() != io.nvsim.cpu.arch.ArchMode.VM) {
            throw new InputException("arch.nesting_levels=" + levels + " is not modelled for " + config.kind().description()
                + ": Xen offers its guests no virtual EL2, so it cannot be a middle hypervisor; valid value: 2");
        }
        if (levels > 2 && config.mode() != io.nvsim.cpu.arch.ArchMode.VM) {
            // one exit of the hypervisor below, handled nested: the same machine one level shallower
            Program inner = create(config, parameters.with("arch.nesting_levels", levels - 1, "recursive nesting", null, 0))
                .program(GuestOperation.HYPERCALL);
            compiler.recursive(levels, inner);
        }
        return new MachineModel(config, cost, compiler);
    }

    public NestingConfig config() {
        return config;
    }

    public CostModel cost() {
        return cost;
    }

    /** The hardware this configuration runs on. */
    public io.nvsim.cpu.arch.ArchFeatures features() {
        return io.nvsim.cpu.arch.ArchFeatures.of(config, cost.gicVersion, cost.listRegisters, cost.ecv);
    }

    /** What {@code op} would cost with this configuration's guest hypervisor running on the hardware itself (single level). */
    public long nativeGuestHypervisorCycles(GuestOperation op) {
        return compiler.nativeCycles(op);
    }

    /** The compiled program of an operation (compiled on first use). */
    public Program program(GuestOperation op) {
        return programs.computeIfAbsent(op, compiler::compile);
    }

    /**
     * The compiled program of an operation whose exit and re-entry find the guest's list registers in
     * state {@code lrs} (compiled on first use; look programs up before a run, not in its loop).
     */
    public synchronized Program program(GuestOperation op, ListRegisterState lrs) {
        return lrPrograms.computeIfAbsent(new ListRegisterKey(op, lrs), k -> compiler.compile(op, lrs));
    }

    private record ListRegisterKey(GuestOperation op, ListRegisterState lrs) {
    }

    /** Caches parsed path tables: they are immutable and shared by every model. */
    private static final class Paths {
        private static final Map<String, PathTable> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        static PathTable load(String file, SysRegCatalog catalog) {
            return CACHE.computeIfAbsent(file, f -> PathTable.builtIn(f, catalog));
        }
    }
}
