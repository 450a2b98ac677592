package io.nvsim.cpu.arch;

import io.nvsim.kernel.InputException;
import java.util.List;

/**
 * One configuration users compare: an architecture mode and, when nested, the kind of guest
 * hypervisor. Named as in every output: {@code vm}, {@code pv-nonvhe}, {@code pv-vhe},
 * {@code nv-nonvhe}, {@code nv-vhe}, {@code nv2-nonvhe}, {@code nv2-vhe}.
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

    public String name() {
        return mode == ArchMode.VM ? "vm" : mode.id() + "-" + kind.id();
    }

    /** Parses a configuration name; an {@link InputException} listing the valid names otherwise. */
    public static NestingConfig parse(String name) {
        for (NestingConfig c : ALL) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new InputException("unknown config '" + name + "'; valid configs: " + String.join(", ", names()));
    }

    public static List<String> names() {
        return ALL.stream().map(NestingConfig::name).toList();
    }

    @Override
    public String toString() {
        return name();
    }
}
