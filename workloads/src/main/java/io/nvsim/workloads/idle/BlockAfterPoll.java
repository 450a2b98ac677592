package io.nvsim.workloads.idle;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.Work;

/**
 * What a WFI still costs when its halt poll caught nothing: {@code WFI_BLOCK} less its prefix {@code WFI_POLL}
 * (the switch to the idle task and, nested, the guest hypervisor's own idle WFI and L0's block of it), by event
 * class, in cycles and traps. As engine {@link Work}: one segment, run with interrupts masked (the vCPU is on its
 * way to sleep; an interrupt that comes meanwhile wakes it once it is there). Computed once per machine; charged
 * without allocation.
 */
final class BlockAfterPoll implements Work {
    final long[] cycles = new long[EventClass.COUNT];
    final long total;
    final int traps;

    BlockAfterPoll(MachineModel machine) {
        Program poll = machine.program(GuestOperation.WFI_POLL);
        Program block = machine.program(GuestOperation.WFI_BLOCK);
        long[] prefix = new long[EventClass.COUNT];
        poll.addCyclesTo(prefix);
        block.addCyclesTo(cycles);
        for (int i = 0; i < cycles.length; i++) {
            cycles[i] -= prefix[i];
        }
        total = block.totalCycles() - poll.totalCycles();
        traps = block.traps() - poll.traps();
    }

    @Override
    public int segmentCount() {
        return 1;
    }

    @Override
    public long segmentCycles(int i) {
        return total;
    }

    @Override
    public boolean boundaryAfter(int i) {
        return true;
    }

    @Override
    public void charge(int i, CycleLedger ledger) {
        ledger.charge(cycles, 1);
        ledger.countTraps(traps, 0, 0, 0);
    }

    @Override
    public boolean masksInterrupts() {
        return true;
    }
}
