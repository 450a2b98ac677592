package io.nvsim.cpu.exec;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.arch.HostKind;
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
    /** Upstream KVM/arm64 of Linux v6.16+: the host's world switch and put/load, and the v6 guest hypervisor's paths. */
    public static final String UPSTREAM_HYPERVISOR = "kvm-v6.16";

    /**
     * The host that runs {@code config} on this machine, or an {@link InputException} (exit 2, one line) when the
     * configuration and the machine do not belong together: the upstream host needs FEAT_NV2 and runs only
     * {@code vm} and {@code upstream-*}; the 2017 prototype runs every other configuration on every machine.
     */
    public static HostKind hostOf(NestingConfig config, UpstreamCosts machine) {
        if (config.mode() == io.nvsim.cpu.arch.ArchMode.VM) {
            return machine.upstreamHost ? HostKind.UPSTREAM : HostKind.PROTO_2017;
        }
        if (config.host() == HostKind.UPSTREAM) {
            if (!machine.upstreamHost) {
                throw new InputException("config " + config.name() + " runs on the upstream host, but this profile's host is the "
                    + "2017 prototype (l0.upstream_host=0); use --set l0.upstream_host=1, or a 2017 config (nv2-vhe, nv2-nonvhe, ...)");
            }
            if (!machine.nv2) {
                throw new InputException("config " + config.name() + " needs FEAT_NV2 (upstream KVM refuses the old NV: "
                    + "ARM64_HAS_NESTED_VIRT), but this machine has arch.nv2=0; valid here: vm");
            }
            return HostKind.UPSTREAM;
        }
        if (machine.upstreamHost) {
            throw new InputException("config " + config.name() + " is the 2017 prototype's, but this profile's host is upstream KVM "
                + "(l0.upstream_host=1), which runs only FEAT_NV2 guest hypervisors; valid configs: vm, upstream-vhe, upstream-nvhe "
                + "(or --set l0.upstream_host=0 for the 2017 prototype on this machine, a what-if)");
        }
        return HostKind.PROTO_2017;
    }

    private final NestingConfig config;
    private final CostModel cost;
    private final ProgramCompiler compiler;
    private final Map<GuestOperation, Program> programs = new EnumMap<>(GuestOperation.class);
    private final Map<ListRegisterKey, Program> lrPrograms = new java.util.HashMap<>();

    private final HostKind host;
    private final UpstreamCosts upstream;

    private MachineModel(NestingConfig config, CostModel cost, ProgramCompiler compiler, HostKind host, UpstreamCosts upstream) {
        this.config = config;
        this.cost = cost;
        this.compiler = compiler;
        this.host = host;
        this.upstream = upstream;
    }

    /** The host (L0) running this configuration: the 2017 prototype or upstream KVM. */
    public HostKind host() {
        return host;
    }

    /** The FEAT_NV2-era features and the upstream host's parameters of this machine. */
    public UpstreamCosts upstream() {
        return upstream;
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
        UpstreamCosts upstream = new UpstreamCosts(parameters);
        HostKind host = hostOf(config, upstream);
        SysRegCatalog catalog = SysRegCatalog.builtIn();
        PathTable l0Path = host == HostKind.UPSTREAM ? Paths.load(UPSTREAM_HYPERVISOR + "-vhe.csv", catalog)
            : Paths.load(GUEST_HYPERVISOR + "-" + (cost.l0Vhe ? GuestHypervisorKind.VHE : GuestHypervisorKind.NON_VHE)
            .pathSuffix() + ".csv", catalog);
        PathTable handlers = Paths.load(GUEST_HYPERVISOR + "-host-handlers.csv", catalog);
        PathTable l1Path;
        if (config.host() == HostKind.UPSTREAM) {
            l1Path = Paths.load(UPSTREAM_HYPERVISOR + "-" + (config.kind() == GuestHypervisorKind.VHE ? "vhe" : "e2h0") + ".csv", catalog);
        } else {
            l1Path = config.kind().kvm() ? Paths.load(GUEST_HYPERVISOR + "-" + config.kind().pathSuffix() + ".csv", catalog)
                : Paths.load(XEN + "-l1-paths.csv", catalog);
        }
        PathTable l1Handlers = config.kind().kvm() ? handlers : Paths.load(XEN + "-l1-handlers.csv", catalog);
        PathTable putLoad = host == HostKind.UPSTREAM ? Paths.load(UPSTREAM_HYPERVISOR + "-host-handlers.csv", catalog) : null;
        ProgramCompiler compiler = new ProgramCompiler(config, cost, l0Path, l1Path, handlers, l1Handlers);
        if (host == HostKind.UPSTREAM) {
            compiler.upstreamHost(upstream, putLoad);
        }
        int levels = parameters.count("arch.nesting_levels");
        if (levels < 2 || levels > 4) {
            throw new InputException("arch.nesting_levels=" + levels + " is out of range; valid: 2 (L2 on L1), 3 (L3 on L2 on L1), 4");
        }
        if (levels > 2 && !config.kind().kvm() && config.mode() != io.nvsim.cpu.arch.ArchMode.VM) {
            throw new InputException("arch.nesting_levels=" + levels + " is not modelled for " + config.kind().description()
                + ": Xen offers its guests no virtual EL2, so it cannot be a middle hypervisor; valid value: 2");
        }
        if (levels > 2 && host == HostKind.UPSTREAM && config.mode() != io.nvsim.cpu.arch.ArchMode.VM) {
            throw new InputException("arch.nesting_levels=" + levels + " is not modelled for the upstream host (its recursive "
                + "nesting goes through the VNCR pseudo-TLB, not modelled yet); valid value: 2");
        }
        if (levels > 2 && config.mode() != io.nvsim.cpu.arch.ArchMode.VM) {
            // one exit of the hypervisor below, handled nested: the same machine one level shallower
            Program inner = create(config, parameters.with("arch.nesting_levels", levels - 1, "recursive nesting", null, 0))
                .program(GuestOperation.HYPERCALL);
            compiler.recursive(levels, inner);
        }
        return new MachineModel(config, cost, compiler, host, upstream);
    }

    public NestingConfig config() {
        return config;
    }

    public CostModel cost() {
        return cost;
    }

    /** The hardware this configuration runs on. */
    public io.nvsim.cpu.arch.ArchFeatures features() {
        io.nvsim.cpu.arch.ArchFeatures f = io.nvsim.cpu.arch.ArchFeatures.of(config, cost.gicVersion, cost.listRegisters, cost.ecv);
        if (host != HostKind.UPSTREAM) {
            return f;
        }
        StringBuilder v = new StringBuilder(upstream.ecv ? "ECV" : "no ECV");
        v.append(upstream.fgt ? ", FGT" : ", no FGT");
        if (upstream.nv2p1) {
            v.append(", NV2p1");
        }
        if (upstream.nv3) {
            v.append(", NV3");
        }
        return new io.nvsim.cpu.arch.ArchFeatures("ARMv8.4+ [" + v + "]", true, upstream.nv2, upstream.nv2, cost.gicVersion,
            cost.listRegisters);
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
