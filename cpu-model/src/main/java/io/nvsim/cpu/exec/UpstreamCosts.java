package io.nvsim.cpu.exec;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.rules.FastPath;
import io.nvsim.cpu.rules.TrapFeatures;

/**
 * The parameters of the upstream host (Linux v6.16+ KVM/arm64, {@code l0.upstream_host=1}) and of the FEAT_NV2-era
 * hardware features it reacts to, read once into plain fields. Every field is a named parameter (in its comment) whose
 * provenance is in the profile; {@code docs/research/upstream-host.md} gives the sources.
 */
public final class UpstreamCosts {
    /** l0.upstream_host: the machine's host is upstream KVM (it runs vm with the v6 world switch, and upstream-*). */
    public final boolean upstreamHost;
    /** arch.nv2: the machine has FEAT_NV2 (the upstream host requires it). */
    public final boolean nv2;
    /** arch.fgt, arch.nv2p1, arch.nv3, arch.ras, arch.ecv. */
    public final boolean fgt;
    public final boolean nv2p1;
    public final boolean nv3;
    public final boolean ras;
    public final boolean ecv;
    /** l0.fast_eret, l0.fast_tlbi_el2, l0.fast_timer_reads, l0.fast_cpacr, indexed by {@link FastPath#ordinal()}. */
    private final boolean[] fastPathOn = new boolean[FastPath.values().length];
    /** l0.hcr_write_sync_cycles: extra synchronisation per HCR_EL2 write (AmpereOne erratum AC04_CPU_23). */
    public final long hcrWriteSync;
    /** l0.triage_cycles: deciding whether an exit of L2 goes to L1. */
    public final long triage;
    /** l0.put_load_software_cycles: the C code of one kvm_arch_vcpu_put + kvm_arch_vcpu_load. */
    public final long putLoadSoftware;
    /** l0.pmu_transition_cycles: kvm_pmu_nested_transition. */
    public final long pmuTransition;
    /** l0.fp_switch (before Linux 7.2 every L1/L2 switch saves and restores FP) and l0.fp_switch_cycles. */
    public final boolean fpSwitch;
    public final long fpSwitchCycles;

    public UpstreamCosts(ParameterSet p) {
        upstreamHost = p.flag("l0.upstream_host");
        nv2 = p.flag("arch.nv2");
        fgt = p.flag("arch.fgt");
        nv2p1 = p.flag("arch.nv2p1");
        nv3 = p.flag("arch.nv3");
        ras = p.flag("arch.ras");
        ecv = p.flag("arch.ecv");
        for (FastPath f : FastPath.values()) {
            fastPathOn[f.ordinal()] = f != FastPath.NONE && p.flag(f.parameter());
        }
        hcrWriteSync = p.cycles("l0.hcr_write_sync_cycles");
        triage = p.cycles("l0.triage_cycles");
        putLoadSoftware = p.cycles("l0.put_load_software_cycles");
        pmuTransition = p.cycles("l0.pmu_transition_cycles");
        fpSwitch = p.flag("l0.fp_switch");
        fpSwitchCycles = p.cycles("l0.fp_switch_cycles");
    }

    /** Whether the upstream host resolves traps of this kind in EL2 (its switch is on). */
    public boolean fastPathOn(FastPath f) {
        return fastPathOn[f.ordinal()];
    }

    /** The trap rules' view of the host: its features and whether its trap configuration is upstream's. */
    public TrapFeatures trapFeatures(boolean upstreamConfig) {
        return new TrapFeatures(ecv, upstreamConfig, fgt, nv2p1, nv3);
    }
}
