package io.nvsim.cpu.arch;

import io.nvsim.kernel.InputException;
import java.util.List;

/**
 * One configuration users compare: an architecture mode and, when nested, the kind of guest
 * hypervisor. Named as in every output: {@code vm}, {@code pv-nonvhe}, {@code pv-vhe},
 * {@code nv-nonvhe}, {@code nv-vhe}, {@code nv2-nonvhe}, {@code nv2-vhe} (the default set), and on
 * request {@code pv-xen}, {@code nv-xen}, {@code nv2-xen} (Xen as the guest hypervisor).
 */
public record NestingConfig(ArchMode mode, GuestHypervisorKind kind) {

    /** The seven standard configurations, in report order. */
    public static final List<NestingConfig> ALL = List.of(
        new NestingConfig(ArchMode.VM, GuestHypervisorKind.NON_VHE),
        new NestingConfig(ArchMode.PV, GuestHypervisorKind.NON_VHE),
        new NestingConfig(ArchMode.PV, GuestHypervisorKind.VHE),
        new NestingConfig(ArchMode.NV, GuestHypervisorKind.NON_VHE),
        new NestingConfig(ArchMode.NV, GuestHypervisorKind.VHE),
        new NestingConfig(ArchMode.NV2, GuestHypervisorKind.NON_VHE),
        new NestingConfig(ArchMode.NV2, GuestHypervisorKind.VHE));

    /** Configurations run only when named (a Xen guest hypervisor); not in the default set. */
    public static final List<NestingConfig> EXTRA = List.of(
        new NestingConfig(ArchMode.PV, GuestHypervisorKind.XEN),
        new NestingConfig(ArchMode.NV, GuestHypervisorKind.XEN),
        new NestingConfig(ArchMode.NV2, GuestHypervisorKind.XEN));

    public String name() {
        return mode == ArchMode.VM ? "vm" : mode.id() + "-" + kind.id();
    }

    /** Parses a configuration name; an {@link InputException} listing the valid names otherwise. */
    public static NestingConfig parse(String name) {
        for (List<NestingConfig> list : List.of(ALL, EXTRA)) {
            for (NestingConfig c : list) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
        }
        throw new InputException("unknown config '" + name + "'; valid configs: " + String.join(", ", names()) + ", and on request "
            + String.join(", ", EXTRA.stream().map(NestingConfig::name).toList()));
    }

    /** Whether {@code name} names a configuration (standard or on request). */
    public static boolean isName(String name) {
        return names().contains(name) || EXTRA.stream().anyMatch(c -> c.name().equals(name));
    }

    /** The names of the standard configurations (the default set). */
    public static List<String> names() {
        return ALL.stream().map(NestingConfig::name).toList();
    }

    @Override
    public String toString() {
        return name();
    }
}
