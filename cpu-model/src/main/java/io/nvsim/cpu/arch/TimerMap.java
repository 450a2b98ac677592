package io.nvsim.cpu.arch;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which of a nested vCPU's four architected timers an upstream L0 (FEAT_NV) keeps in the hardware
 * timers and which it emulates with host hrtimers, in each vCPU context: upstream
 * {@code arch/arm64/kvm/arch_timer.c} {@code get_timer_map} (stored v6.16-era copy, [TMR] in
 * {@code docs/research/interrupts-timers.md} section 3). In hyp context (the guest hypervisor's
 * EL2 code, or a VHE guest hypervisor's kernel, at vEL2) the EL2 timers are loaded into the
 * hardware EL1 timers and the EL1 timers are emulated; otherwise (L2, or a non-VHE guest
 * hypervisor's kernel at vEL1) the reverse. Every switch between the two kinds of context
 * re-points all four (charged by the compiler with {@code l0.nv_timer_map=1}). Not modelled: the 2017
 * prototype's own timer handling (it has no EL2 timers) and FEAT_ECV trapping. Doubt: upstream's
 * support for a non-VHE guest hypervisor's timers is unclear (a comment in {@code timer_set_traps}).
 *
 * <pre>{@code
 * TimerMap.backing(TimerMap.Timer.EL2_PHYSICAL, TimerMap.Context.L2)   // EMULATED: a VHE L1's tick is an L0 hrtimer
 * }</pre>
 */
public final class TimerMap {
    /** An architected timer of the vCPU and its PPI. */
    public enum Timer {
        /** CNTP (PPI 30): a non-VHE guest hypervisor's clockevent (kernel booted at EL2). */
        EL1_PHYSICAL("CNTP", 30),
        /** CNTV (PPI 27): a guest's virtual timer; v4.10 switches it for L2. */
        EL1_VIRTUAL("CNTV", 27),
        /** CNTHP (PPI 26): a VHE guest hypervisor's clockevent (CNTP_*_EL0 redirected by E2H). */
        EL2_PHYSICAL("CNTHP", 26),
        /** CNTHV (PPI 28): the EL2 virtual timer (VHE); unused by a v4.10 guest hypervisor. */
        EL2_VIRTUAL("CNTHV", 28);

        private final String register;
        private final int ppi;

        Timer(String register, int ppi) {
            this.register = register;
            this.ppi = ppi;
        }

        public String register() {
            return register;
        }

        public int ppi() {
            return ppi;
        }
    }

    /** What the vCPU runs. */
    public enum Context {
        /** The guest hypervisor at vEL2 (its hyp code; all of a VHE guest hypervisor): {@code is_hyp_ctxt}. */
        VIRTUAL_EL2,
        /** A non-VHE guest hypervisor's kernel at vEL1: not hyp context. */
        VIRTUAL_EL1,
        /** The nested guest (L2). */
        L2
    }

    /** How L0 backs a timer. */
    public enum Backing {
        /** Loaded into a hardware timer: it fires as a physical PPI while the vCPU runs. */
        HARDWARE,
        /** A host hrtimer that L0 arms from the saved state (soft timer). */
        EMULATED
    }

    private TimerMap() {
    }

    /** How L0 backs {@code timer} while the vCPU runs in {@code context}. */
    public static Backing backing(Timer timer, Context context) {
        boolean el2Timer = timer == Timer.EL2_PHYSICAL || timer == Timer.EL2_VIRTUAL;
        boolean hypContext = context == Context.VIRTUAL_EL2;
        return el2Timer == hypContext ? Backing.HARDWARE : Backing.EMULATED;
    }

    /** The timers in hardware in {@code context}. */
    public static Set<Timer> hardware(Context context) {
        Set<Timer> set = EnumSet.noneOf(Timer.class);
        for (Timer t : Timer.values()) {
            if (backing(t, context) == Backing.HARDWARE) {
                set.add(t);
            }
        }
        return set;
    }

    /** The timers whose backing changes when the vCPU switches from {@code from} to {@code to} (re-pointed). */
    public static Set<Timer> repointed(Context from, Context to) {
        Set<Timer> set = EnumSet.noneOf(Timer.class);
        for (Timer t : Timer.values()) {
            if (backing(t, from) != backing(t, to)) {
                set.add(t);
            }
        }
        return set;
    }

    /** The timer a guest hypervisor uses as its clockevent (its tick): CNTP for split-mode KVM, CNTHP for VHE KVM and Xen. */
    public static Timer clockevent(GuestHypervisorKind kind) {
        return kind.hostAtVel2() ? Timer.EL2_PHYSICAL : Timer.EL1_PHYSICAL;
    }
}
