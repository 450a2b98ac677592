package io.nvsim.cpu.rules;

/**
 * A trap that upstream KVM's VHE host (L0) resolves in EL2, in {@code fixup_guest_exit}'s exit handlers, without leaving
 * its low-level run loop ({@code arch/arm64/kvm/hyp/vhe/switch.c}, {@code hyp_exit_handlers[]}): no world switch, no run
 * loop, no put/load. Each has its own switch ({@link #parameter()}), so an ablation can send it back to a full exit.
 */
public enum FastPath {
    /** Not resolvable in EL2: a full exit. */
    NONE("", ""),
    /** ERET from vEL2 to vEL2 or to InHost EL0: SPSR/ELR rewritten, no put/load. */
    ERET("kvm_hyp_handle_eret", "l0.fast_eret"),
    /** TLBI of the EL2&0 regime (S1E2, or S1E1 with E2H=TGE=1) executed directly by {@code __kvm_tlbi_s1e2}. */
    TLBI_EL2("kvm_hyp_handle_tlbi_el2", "l0.fast_tlbi_el2"),
    /** A read of a timer register from vEL2, answered from the VNCR copy or the hardware. */
    TIMER_READ("kvm_hyp_handle_timer", "l0.fast_timer_reads"),
    /** CPACR_EL1 from a VHE vEL2 (its CPTR_EL2), trapped through CPTR_EL2.TCPAC. */
    CPACR("kvm_hyp_handle_cpacr_el1", "l0.fast_cpacr");

    private final String handler;
    private final String parameter;

    FastPath(String handler, String parameter) {
        this.handler = handler;
        this.parameter = parameter;
    }

    /** The upstream exit handler's function name. */
    public String handler() {
        return handler;
    }

    /** The boolean parameter that enables it on the upstream host ({@code l0.fast_eret}, ...). */
    public String parameter() {
        return parameter;
    }
}
