package io.nvsim.cpu.arch;

import io.nvsim.kernel.InputException;
import java.util.List;

/**
 * One configuration users compare: an architecture mode, when nested the kind of guest hypervisor, and the host (L0)
 * that runs it. Named as in every output: on the 2017 prototype host {@code vm}, {@code pv-nonvhe}, {@code pv-vhe},
 * {@code nv-nonvhe}, {@code nv-vhe}, {@code nv2-nonvhe}, {@code nv2-vhe} (its default set), and on request
 * {@code pv-xen}, {@code nv-xen}, {@code nv2-xen} (Xen as the guest hypervisor); on the upstream host
 * {@code vm}, {@code upstream-vhe} and {@code upstream-nvhe} (FEAT_NV2, a Linux v6 KVM guest hypervisor, VHE or E2H0).
 * {@code vm} is one name for both hosts: its host is the profile's ({@code l0.upstream_host}).
 */
public record NestingConfig(ArchMode mode, GuestHypervisorKind kind, HostKind host) {

    /** A configuration on the 2017 prototype host. */
    public NestingConfig(ArchMode mode, GuestHypervisorKind kind) {
        this(mode, kind, HostKind.PROTO_2017);
    }

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

    /** The upstream host's nested configurations: a Linux v6 KVM guest hypervisor, VHE (default) or E2H0. */
    public static final List<NestingConfig> UPSTREAM = List.of(
        new NestingConfig(ArchMode.NV2, GuestHypervisorKind.VHE, HostKind.UPSTREAM),
        new NestingConfig(ArchMode.NV2, GuestHypervisorKind.NON_VHE, HostKind.UPSTREAM));

    /** The default set on a machine whose host is upstream: {@code vm}, {@code upstream-vhe}, {@code upstream-nvhe}. */
    public static final List<NestingConfig> UPSTREAM_DEFAULTS = List.of(ALL.get(0), UPSTREAM.get(0), UPSTREAM.get(1));

    public String name() {
        if (mode == ArchMode.VM) {
            return "vm";
        }
        return host == HostKind.UPSTREAM ? "upstream-" + (kind == GuestHypervisorKind.VHE ? "vhe" : "nvhe") : mode.id() + "-" + kind.id();
    }

    /** The default configurations of a machine whose host is upstream ({@code l0.upstream_host=1}) or the 2017 prototype. */
    public static List<NestingConfig> defaults(boolean upstreamHost) {
        return upstreamHost ? UPSTREAM_DEFAULTS : ALL;
    }

    /** The guest hypervisor in words: "VHE KVM v4.10", "Linux v6 KVM (E2H0)", ... */
    public String guestHypervisor() {
        if (host == HostKind.UPSTREAM) {
            return kind == GuestHypervisorKind.VHE ? "Linux v6.16+ KVM, VHE" : "Linux v6.16+ KVM, E2H0 (nVHE, HCR_EL2.NV1)";
        }
        return kind.description();
    }

    /** Parses a configuration name; an {@link InputException} listing the valid names otherwise. */
    public static NestingConfig parse(String name) {
        for (List<NestingConfig> list : List.of(ALL, EXTRA, UPSTREAM)) {
            for (NestingConfig c : list) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
        }
        throw new InputException("unknown config '" + name + "'; valid configs: " + String.join(", ", names()) + ", and on request "
            + String.join(", ", EXTRA.stream().map(NestingConfig::name).toList()) + "; on the upstream host "
            + String.join(", ", UPSTREAM.stream().map(NestingConfig::name).toList()));
    }

    /** Whether {@code name} names a configuration (standard or on request). */
    public static boolean isName(String name) {
        return names().contains(name) || EXTRA.stream().anyMatch(c -> c.name().equals(name))
            || UPSTREAM.stream().anyMatch(c -> c.name().equals(name));
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
