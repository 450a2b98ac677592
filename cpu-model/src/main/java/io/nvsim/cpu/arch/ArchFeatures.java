package io.nvsim.cpu.arch;

/**
 * The hardware features a configuration runs on: the architecture version and its
 * virtualization extensions (VHE from ARMv8.1, FEAT_NV from ARMv8.3, FEAT_NV2 from ARMv8.4), the
 * GIC version and its list-register count.
 *
 * <pre>{@code
 * ArchFeatures f = ArchFeatures.of(NestingConfig.parse("nv2-vhe"), 2, 4);   // ARMv8.4, VHE, NV, NV2
 * }</pre>
 */
public record ArchFeatures(String version, boolean vhe, boolean nv, boolean nv2, int gicVersion, int listRegisters) {

    /**
     * The features a configuration needs: {@code vm} and {@code pv} run on ARMv8.0 (the seed's
     * X-Gene; a paravirtualized VHE-style guest hypervisor needs no VHE hardware), {@code nv} on
     * ARMv8.3 and {@code nv2} on ARMv8.4, both of which include VHE.
     */
    public static ArchFeatures of(NestingConfig config, int gicVersion, int listRegisters) {
        switch (config.mode()) {
            case NV:
                return new ArchFeatures("ARMv8.3", true, true, false, gicVersion, listRegisters);
            case NV2:
                return new ArchFeatures("ARMv8.4", true, true, true, gicVersion, listRegisters);
            default:
                return new ArchFeatures("ARMv8.0", false, false, false, gicVersion, listRegisters);
        }
    }

    /** The same features on a host that also has FEAT_ECV (ARMv8.6): the version reads "ARMv8.6". */
    public static ArchFeatures of(NestingConfig config, int gicVersion, int listRegisters, boolean ecv) {
        ArchFeatures f = of(config, gicVersion, listRegisters);
        return ecv && f.nv() ? new ArchFeatures("ARMv8.6 (FEAT_ECV)", f.vhe(), f.nv(), f.nv2(), gicVersion, listRegisters) : f;
    }

    /** e.g. "ARMv8.4 (VHE, FEAT_NV, FEAT_NV2), GICv2 with 4 list registers". */
    public String describe() {
        StringBuilder sb = new StringBuilder(version);
        if (vhe || nv || nv2) {
            sb.append(" (").append(vhe ? "VHE" : "").append(nv ? ", FEAT_NV" : "").append(nv2 ? ", FEAT_NV2" : "").append(')');
        }
        return sb.append(", GICv").append(gicVersion).append(" with ").append(listRegisters).append(" list registers").toString();
    }
}
