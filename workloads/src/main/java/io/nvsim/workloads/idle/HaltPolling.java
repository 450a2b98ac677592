package io.nvsim.workloads.idle;

import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;

/**
 * One vCPU's halt-polling window, as Linux v4.10's {@code kvm_vcpu_block} adapts it
 * ({@code virt/kvm/kvm_main.c}, {@code grow_halt_poll_ns} / {@code shrink_halt_poll_ns}): the window
 * starts at 0; after a halt shorter than the maximum ({@code kvm.halt_poll_ns}) that the window did not
 * cover, it grows (0 to 10,000 ns, then times {@code kvm.halt_poll_ns_grow}, capped at the maximum);
 * after a halt longer than the maximum it shrinks (divided by {@code kvm.halt_poll_ns_shrink}, or reset
 * to 0 when that is 0). Held in cycles; mutable, one per vCPU, no allocation after construction.
 *
 * <pre>{@code
 * HaltPolling p = new HaltPolling(1_200_000, 2, 0, 24_000);   // 500 us max at 2.4 GHz
 * p.window();            // 0: the first WFI blocks at once
 * p.halted(50_000);      // a 21 us halt: the window grows to 10 us (24,000 cycles)
 * }</pre>
 */
public final class HaltPolling {
    private final long max;
    private final long grow;
    private final long shrink;
    private final long base;
    private long window;

    /**
     * @param maxCycles   the maximum window (kvm.halt_poll_ns in cycles); 0 disables polling
     * @param grow        kvm.halt_poll_ns_grow
     * @param shrink      kvm.halt_poll_ns_shrink (0: reset)
     * @param baseCycles  the first window after growing from 0 (v4.10: 10,000 ns) in cycles
     */
    public HaltPolling(long maxCycles, long grow, long shrink, long baseCycles) {
        this.max = maxCycles;
        this.grow = grow;
        this.shrink = shrink;
        this.base = baseCycles;
    }

    /**
     * The window of the hypervisor that polls for the guest on {@code machine}: KVM's ({@code kvm.halt_poll_ns}, L0 for a
     * VM, L1 nested) or none for a Xen guest hypervisor (Xen 4.9 blocks a vCPU at its WFI at once).
     */
    public static HaltPolling of(ParameterSet p, io.nvsim.cpu.exec.MachineModel machine) {
        HaltPolling kvm = of(p);
        boolean xen = machine.config().mode() != io.nvsim.cpu.arch.ArchMode.VM && !machine.config().kind().kvm();
        return xen ? new HaltPolling(0, kvm.grow, kvm.shrink, kvm.base) : kvm;
    }

    /** The profile's settings at its clock ({@code cost.cpu_ghz}), validated. */
    public static HaltPolling of(ParameterSet p) {
        double ghz = p.value("cost.cpu_ghz");
        double ns = p.value("kvm.halt_poll_ns");
        double grow = p.value("kvm.halt_poll_ns_grow");
        double shrink = p.value("kvm.halt_poll_ns_shrink");
        if (!(ghz > 0) || Double.isInfinite(ghz)) {
            throw new InputException("cost.cpu_ghz=" + ghz + ": expected a positive clock in GHz");
        }
        if (!(ns >= 0) || ns > 1e9) {
            throw new InputException("kvm.halt_poll_ns=" + ns + ": expected 0 (no polling) to 1000000000 ns");
        }
        if (!(grow >= 0) || grow > 1000 || grow != Math.rint(grow) || !(shrink >= 0) || shrink > 1000 || shrink != Math.rint(shrink)) {
            throw new InputException("kvm.halt_poll_ns_grow and kvm.halt_poll_ns_shrink must be whole numbers from 0 to 1000");
        }
        return new HaltPolling(Math.round(ns * ghz), (long) grow, (long) shrink, Math.round(10_000 * ghz));
    }

    /** A fresh window with the same settings (for another vCPU). */
    public HaltPolling copy() {
        return new HaltPolling(max, grow, shrink, base);
    }

    /** How long the next WFI spins before it blocks (cycles); 0: it blocks at once. */
    public long window() {
        return window;
    }

    /** Adapts the window after a halt of {@code haltCycles} (from the WFI to the interrupt that ended it). */
    public void halted(long haltCycles) {
        if (max == 0) {
            window = 0;
        } else if (haltCycles <= window) {
            return; // the poll caught it
        } else if (window > 0 && haltCycles > max) {
            window = shrink == 0 ? 0 : window / shrink;
        } else if (window < max && haltCycles < max) {
            window = window == 0 && grow > 0 ? base : window * grow;
            window = Math.min(window, max);
        }
    }
}
