package io.nvsim.workloads.irq;

import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.ListRegisterState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The exits of one burst of {@code pending} virtual interrupts delivered to a guest at once through
 * {@code listRegisters} list registers, as KVM v4.10's vGIC produces them
 * ({@code docs/research/interrupts-timers.md} section 2): the delivery fills min(P, N) LRs and sets
 * underflow (UIE) when more are queued; with edge interrupts the guest completes N-1 of them, the
 * underflow maintenance interrupt (at most one LR valid) brings its hypervisor in to fold and
 * refill, ceil((P-N)/(N-1)) times; with level interrupts every LR carries the EOI bit and each
 * completion is an EOI maintenance interrupt (P of them), which refills one LR.
 *
 * <p>N = 1 is degenerate (the underflow condition holds as soon as the one LR is valid); the plan
 * lets the guest complete the interrupt first, one maintenance interrupt per interrupt after the
 * first (an assumption, not checked against hardware).
 *
 * <pre>{@code
 * BurstPlan p = BurstPlan.of(16, 4, false);   // p.maintenanceInterrupts() == 4
 * }</pre>
 */
public final class BurstPlan {
    /**
     * One exit of the burst and what follows it.
     *
     * @param operation     the delivery ({@link GuestOperation#IRQ_RECEIVE}) or a maintenance interrupt
     * @param lrs           the list registers at that exit and re-entry
     * @param handledAfter  interrupts the guest then takes and completes before the next exit
     */
    public record Exit(GuestOperation operation, ListRegisterState lrs, int handledAfter) {
    }

    private final int pending;
    private final int listRegisters;
    private final boolean level;
    private final List<Exit> exits;

    private BurstPlan(int pending, int listRegisters, boolean level, List<Exit> exits) {
        this.pending = pending;
        this.listRegisters = listRegisters;
        this.level = level;
        this.exits = Collections.unmodifiableList(exits);
    }

    /** The plan of {@code pending} (1..4096) interrupts through {@code listRegisters} (1..16) LRs, edge or level triggered. */
    public static BurstPlan of(int pending, int listRegisters, boolean level) {
        if (pending < 1 || pending > 4096 || listRegisters < 1 || listRegisters > 16) {
            throw new IllegalArgumentException("pending " + pending + " (1..4096), list registers " + listRegisters + " (1..16)");
        }
        List<Exit> exits = new ArrayList<>();
        int n = listRegisters;
        int inLr = Math.min(pending, n);
        int queued = pending - inLr;
        if (level) {
            exits.add(new Exit(GuestOperation.IRQ_RECEIVE, new ListRegisterState(0, 0, inLr, pending), 1));
            while (inLr > 0) {
                int fill = Math.min(inLr - 1 + queued, n);
                queued = inLr - 1 + queued - fill;
                exits.add(new Exit(GuestOperation.LR_EOI_MI, new ListRegisterState(inLr, inLr - 1, fill, 0), fill > 0 ? 1 : 0));
                inLr = fill;
            }
        } else {
            int first = queued == 0 ? inLr : n >= 2 ? inLr - 1 : 1;
            exits.add(new Exit(GuestOperation.IRQ_RECEIVE, new ListRegisterState(0, 0, inLr, pending), first));
            while (queued > 0) {
                int stillPending = n >= 2 ? 1 : 0;
                int fill = Math.min(stillPending + queued, n);
                queued -= fill - stillPending;
                int handled = queued == 0 ? fill : n >= 2 ? fill - 1 : 1;
                exits.add(new Exit(GuestOperation.LR_UNDERFLOW_MI, new ListRegisterState(inLr, stillPending, fill, 0), handled));
                inLr = fill;
            }
        }
        return new BurstPlan(pending, listRegisters, level, exits);
    }

    public int pending() {
        return pending;
    }

    public int listRegisters() {
        return listRegisters;
    }

    public boolean level() {
        return level;
    }

    /** The exits in order: the delivery, then the maintenance interrupts. */
    public List<Exit> exits() {
        return exits;
    }

    public int maintenanceInterrupts() {
        return exits.size() - 1;
    }
}
