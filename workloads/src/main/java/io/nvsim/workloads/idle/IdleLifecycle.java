package io.nvsim.workloads.idle;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.GuestCompute;
import io.nvsim.kernel.Work;

/**
 * The idle lifecycle of a set of vCPUs on the engine, shared by every workload whose vCPUs go idle ({@code ipi_ring},
 * {@code idle_guest}): a WFI exits to the hypervisor, which halt-polls for the vCPU's current {@link HaltPolling}
 * window ({@code WFI_POLL}, then the spin, charged as the hypervisor's work) and, if no interrupt came, blocks (the
 * rest of {@code WFI_BLOCK}, {@link BlockAfterPoll}); with no window it blocks at once ({@code WFI_BLOCK}). An
 * interrupt ends the poll ({@code POLL_WAKE}) or wakes the blocked vCPU (the caller's wake program), and the window
 * adapts to the halt's length. The halt counts from the end of the WFI's exit ({@code kvm_vcpu_block} starts there).
 *
 * <p>Each step returns the engine {@link Work} the vCPU runs next: the programs' segments with interrupts masked
 * (an interrupt that comes during a WFI exit or a wake-up waits for its end, where the caller looks for it), and the
 * poll as a preemptible spin that an interrupt ends at once. The engine charges them all to its one ledger; this
 * class owns the per-vCPU halt state and the counters. Allocates nothing per step.
 */
final class IdleLifecycle {
    final ProgramSegments wfiPoll;
    final ProgramSegments wfiBlock;
    final ProgramSegments pollWake;
    private final BlockAfterPoll blockRest;
    private final GuestCompute[] spin;
    private final HaltPolling[] polling;
    private final long[] haltStart;
    private final long[] pollStart;
    long wfis;
    long pollsCaught;
    long spinCycles;

    IdleLifecycle(MachineModel machine, int vcpus, HaltPolling template) {
        wfiPoll = ProgramSegments.masked(machine.program(GuestOperation.WFI_POLL));
        wfiBlock = ProgramSegments.masked(machine.program(GuestOperation.WFI_BLOCK));
        pollWake = ProgramSegments.masked(machine.program(GuestOperation.POLL_WAKE));
        blockRest = new BlockAfterPoll(machine);
        EventClass spinClass = machine.config().mode() == ArchMode.VM ? EventClass.L0_HANDLING : EventClass.L1_EXECUTION;
        spin = new GuestCompute[vcpus];
        polling = new HaltPolling[vcpus];
        haltStart = new long[vcpus];
        pollStart = new long[vcpus];
        for (int v = 0; v < vcpus; v++) {
            polling[v] = template.copy();
            spin[v] = new GuestCompute(spinClass.ordinal(), false) // nested: L1's poll; vm: L0's
                .yieldingTo(spinClass == EventClass.L0_HANDLING ? Work.YIELDS_TO_SAME_CPU : Work.YIELDS_TO_SAME_HOST);
        }
    }

    /** The wake-up program {@code op} of {@code machine} as masked engine work. */
    static ProgramSegments wake(MachineModel machine, GuestOperation op) {
        return ProgramSegments.masked(machine.program(op));
    }

    /**
     * vCPU {@code v} executes WFI at {@code now}: returns the exit it runs, {@link #wfiPoll} (then {@link #startPoll})
     * if its window is open, else {@link #wfiBlock}.
     */
    ProgramSegments enterWfi(int v, long now) {
        wfis++;
        haltStart[v] = now + wfiPoll.program().totalCycles();
        return polling[v].window() > 0 ? wfiPoll : wfiBlock;
    }

    /** The WFI's exit is over and the hypervisor starts polling: returns the spin until the window closes. */
    Work startPoll(int v, long now) {
        pollStart[v] = now;
        return spin[v].cycles(Math.max(0, haltStart[v] + polling[v].window() - now));
    }

    /** An interrupt came while the hypervisor polled (the engine ended the spin): counts it, returns {@code POLL_WAKE}. */
    ProgramSegments caughtWhilePolling(int v, long now) {
        spinCycles += now - pollStart[v];
        return caughtOnEntry(v, now);
    }

    /** The interrupt was already there when the poll began (it came during the WFI's exit): returns {@code POLL_WAKE}. */
    ProgramSegments caughtOnEntry(int v, long now) {
        pollsCaught++;
        polling[v].halted(Math.max(0, now - haltStart[v]));
        return pollWake;
    }

    /** The window closed with nothing pending: counts the spin, returns the rest of the block. */
    Work pollExpired(int v, long now) {
        spinCycles += now - pollStart[v];
        return blockRest;
    }

    /** The blocked vCPU is woken at {@code now} by {@code wake}: adapts its window, returns the wake-up. */
    ProgramSegments wokenFromBlock(int v, long now, ProgramSegments wake) {
        polling[v].halted(Math.max(0, now - haltStart[v]));
        return wake;
    }
}
