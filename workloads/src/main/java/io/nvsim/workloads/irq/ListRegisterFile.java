package io.nvsim.workloads.irq;

import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.ListRegisterState;

/**
 * The list registers of one vCPU and its hypervisor's queue of pending virtual interrupts, as
 * state that lives from one exit to the next (KVM v4.10's vGIC, {@code docs/research/interrupts-timers.md}
 * section 2). The hypervisor queues interrupts ({@link #inject}); on each re-entry it reads back the
 * LRs that still hold an interrupt and fills free LRs from the queue, arming the underflow
 * maintenance interrupt (UIE) when some stay queued ({@link #exitAndReenter}); the guest then takes
 * and completes interrupts until the LR state raises a maintenance interrupt ({@link #guestRuns}).
 * Occupancy, overflow (entries that leave interrupts queued) and the maintenance interrupts arise
 * from these dynamics; {@link BurstPlan}'s closed form for one burst is the test oracle.
 *
 * <p>Edge interrupts: with UIE armed the underflow fires once at most one LR is valid, so the guest
 * completes all but one ({@code N >= 2}) or its one ({@code N = 1}, the degenerate case). Level
 * interrupts carry the LR EOI bit: every completion is an EOI maintenance interrupt.
 *
 * <pre>{@code
 * ListRegisterFile lrs = new ListRegisterFile(4, false);
 * lrs.inject(16);
 * ListRegisterState s = lrs.exitAndReenter(16);   // the delivery: 4 LRs filled, 12 queued
 * int handled = lrs.guestRuns();                  // 3: the underflow MI follows
 * GuestOperation next = lrs.pendingExit();        // LR_UNDERFLOW_MI
 * }</pre>
 */
public final class ListRegisterFile {
    private final int registers;
    private final boolean level;
    /** LRs filled at the last entry (read back at the next exit). */
    private int live;
    /** LRs still holding an interrupt. */
    private int valid;
    /** Interrupts queued by the hypervisor that no LR holds. */
    private long queued;
    private GuestOperation pendingExit;
    private long overflowEntries;
    private long maintenanceInterrupts;

    /** {@code registers} (1..16) list registers; {@code level}: the interrupts are level-triggered. */
    public ListRegisterFile(int registers, boolean level) {
        if (registers < 1 || registers > 16) {
            throw new IllegalArgumentException("list registers " + registers + " (1..16)");
        }
        this.registers = registers;
        this.level = level;
    }

    /** The hypervisor queues {@code n} more virtual interrupts for the guest. */
    public void inject(long n) {
        queued += n;
    }

    /**
     * An exit of the guest and its re-entry: the LRs live at the exit and those still holding state
     * are read back, then the hypervisor fills free LRs from its queue. {@code queuedDuringExit} is the
     * number of interrupts it queued while handling this exit (for the program's vGIC rows).
     */
    public ListRegisterState exitAndReenter(int queuedDuringExit) {
        int liveAtExit = live;
        int pendingAtExit = valid;
        long candidates = valid + queued;
        int fill = (int) Math.min(candidates, registers);
        queued = candidates - fill;
        valid = fill;
        live = fill;
        if (queued > 0) {
            overflowEntries++;
        }
        if (pendingExit != null) {
            maintenanceInterrupts++;
            pendingExit = null;
        }
        return new ListRegisterState(liveAtExit, pendingAtExit, fill, queuedDuringExit);
    }

    /**
     * The guest runs: it takes and completes interrupts from its LRs until the LR state raises a
     * maintenance interrupt (then {@link #pendingExit()} names it) or none is left. Returns how many
     * it completed.
     */
    public int guestRuns() {
        if (valid == 0) {
            return 0;
        }
        int handled;
        if (level) {
            handled = 1;
            pendingExit = GuestOperation.LR_EOI_MI;
        } else if (queued > 0) { // UIE armed: the underflow fires at <= 1 valid LR
            handled = registers >= 2 ? valid - 1 : 1;
            pendingExit = GuestOperation.LR_UNDERFLOW_MI;
        } else {
            handled = valid;
        }
        valid -= handled;
        return handled;
    }

    /** The maintenance interrupt the LR state raised, or null if none is pending. */
    public GuestOperation pendingExit() {
        return pendingExit;
    }

    /** LRs holding an interrupt now. */
    public int occupancy() {
        return valid;
    }

    /** Interrupts queued that no LR holds. */
    public long queued() {
        return queued;
    }

    /** Entries that left interrupts queued (the LR file overflowed). */
    public long overflowEntries() {
        return overflowEntries;
    }

    /** Maintenance interrupts taken so far. */
    public long maintenanceInterrupts() {
        return maintenanceInterrupts;
    }

    public int registers() {
        return registers;
    }
}
