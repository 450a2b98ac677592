package io.nvsim.cpu.arch;

/**
 * The host hypervisor (L0) of a configuration, one of two eras of KVM/arm64's nested virtualization:
 * <ul>
 *   <li>{@link #PROTO_2017}: the 2017 prototype (Lim, Dall et al.; NEVE, SOSP 2017) on a Linux v4.10 host: every trap of
 *       the guest hypervisor is a full exit, and the shadow EL1 copy of vEL2 is rebuilt on every entry. It runs every
 *       architecture mode on every machine (on a machine without the feature, as a what-if).</li>
 *   <li>{@link #UPSTREAM}: upstream KVM/arm64 of Linux v6.16 and later, a VHE host that requires FEAT_NV2: several traps
 *       are resolved in EL2 without a full exit, vEL2's EL1-twin registers live in the hardware EL1 registers, and every
 *       switch between the guest hypervisor and its guest is a full vcpu put/load ({@code docs/research/upstream-host.md}).</li>
 * </ul>
 * Which host a profile's machine runs is its {@code l0.upstream_host} parameter.
 */
public enum HostKind {
    PROTO_2017("2017", "the 2017 KVM/ARM nesting prototype (Linux v4.10 host)"),
    UPSTREAM("upstream", "upstream KVM/arm64 (Linux v6.16+, VHE host, FEAT_NV2)");

    private final String id;
    private final String description;

    HostKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
