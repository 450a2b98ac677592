package io.nvsim.workloads.idle;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;

/**
 * The idle lifecycle of a set of vCPUs, shared by every workload whose vCPUs go idle ({@code ipi_ring},
 * {@code idle_guest}): a WFI exits to the hypervisor, which halt-polls for the vCPU's current
 * {@link HaltPolling} window ({@code WFI_POLL}, then the spin, charged as the hypervisor's work) and, if
 * no interrupt came, blocks (the rest of {@code WFI_BLOCK}, {@link BlockAfterPoll}); with no window it
 * blocks at once ({@code WFI_BLOCK}). An interrupt ends the poll ({@code POLL_WAKE}) or wakes the blocked
 * vCPU (the caller's wake program), and the window adapts to the halt's length. The halt counts from
 * the end of the WFI's exit ({@code kvm_vcpu_block} starts there).
 *
 * <p>The caller owns the events (when each step ends, what interrupts it); this class owns the per-vCPU
 * halt state, the counters and the charging, all into one {@link CycleLedger}. Allocates nothing.
 */
final class IdleLifecycle {
    final Program wfiPoll;
    final Program wfiBlock;
    final Program pollWake;
    private final BlockAfterPoll blockRest;
    private final EventClass spinClass;
    private final HaltPolling[] polling;
    private final long[] haltStart;
    private final long[] pollStart;
    private final CycleLedger ledger;
    long wfis;
    long pollsCaught;
    long spinCycles;

    IdleLifecycle(MachineModel machine, int vcpus, HaltPolling template, CycleLedger ledger) {
        this.ledger = ledger;
        wfiPoll = machine.program(GuestOperation.WFI_POLL);
        wfiBlock = machine.program(GuestOperation.WFI_BLOCK);
        pollWake = machine.program(GuestOperation.POLL_WAKE);
        blockRest = new BlockAfterPoll(machine);
        spinClass = machine.config().mode() == ArchMode.VM ? EventClass.L0_HANDLING : EventClass.L1_EXECUTION;
        polling = new HaltPolling[vcpus];
        haltStart = new long[vcpus];
        pollStart = new long[vcpus];
        for (int v = 0; v < vcpus; v++) {
            polling[v] = template.copy();
        }
    }

    /**
     * vCPU {@code v} executes WFI at {@code now}: charges its exit and returns the program it runs,
     * {@code WFI_POLL} (then {@link #startPoll}) if its window is open, else {@code WFI_BLOCK}.
     */
    Program enterWfi(int v, long now) {
        wfis++;
        haltStart[v] = now + wfiPoll.totalCycles();
        Program p = polling[v].window() > 0 ? wfiPoll : wfiBlock;
        charge(p);
        return p;
    }

    /** The WFI's exit is over and the hypervisor starts polling: returns the cycles until the window closes. */
    long startPoll(int v, long now) {
        pollStart[v] = now;
        return Math.max(0, haltStart[v] + polling[v].window() - now);
    }

    /** An interrupt came while the hypervisor polled: charges the spin and the wake-up, returns {@code POLL_WAKE}. */
    Program caughtWhilePolling(int v, long now) {
        spin(now - pollStart[v]);
        return caughtOnEntry(v, now);
    }

    /** The interrupt was already there when the poll began (it came during the WFI's exit): returns {@code POLL_WAKE}. */
    Program caughtOnEntry(int v, long now) {
        pollsCaught++;
        polling[v].halted(Math.max(0, now - haltStart[v]));
        charge(pollWake);
        return pollWake;
    }

    /** The window closed with nothing pending: charges the spin and the rest of the block, returns its cycles. */
    long pollExpired(int v, long now) {
        spin(now - pollStart[v]);
        ledger.charge(blockRest.cycles, 1);
        ledger.countTraps(blockRest.traps, 0, 0, 0);
        return blockRest.total;
    }

    /** The blocked vCPU is woken at {@code now} by {@code wake}: charges it and returns it. */
    Program wokenFromBlock(int v, long now, Program wake) {
        polling[v].halted(Math.max(0, now - haltStart[v]));
        charge(wake);
        return wake;
    }

    /** Whether vCPU {@code v}'s next WFI polls. */
    boolean polls(int v) {
        return polling[v].window() > 0;
    }

    private void spin(long cycles) {
        spinCycles += cycles;
        ledger.charge(spinClass.ordinal(), cycles);
    }

    private void charge(Program p) {
        ProgramSegments.chargeWhole(p, ledger);
    }
}
