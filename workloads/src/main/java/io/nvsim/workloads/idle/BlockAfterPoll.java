package io.nvsim.workloads.idle;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;

/**
 * What a WFI still costs when its halt poll caught nothing: {@code WFI_BLOCK} less its prefix {@code WFI_POLL}
 * (the switch to the idle task and, nested, the guest hypervisor's own idle WFI and L0's block of it), by event
 * class, in cycles and traps. Computed once per machine; charged without allocation.
 */
final class BlockAfterPoll {
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
}
