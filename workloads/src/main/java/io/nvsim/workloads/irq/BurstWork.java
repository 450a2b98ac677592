package io.nvsim.workloads.irq;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.Work;
import java.util.ArrayList;
import java.util.List;

/**
 * One burst of {@code interrupt_burst} as engine {@link Work}: L2's compute before the burst (the gap),
 * then each exit's program cut into its {@link ProgramSegments}, each followed by the guest's work on the
 * interrupts it then takes and completes. Program segments charge their own cycles by class and traps;
 * the gap and the guest's interrupt work charge the guest class. Built once; charging allocates nothing.
 */
final class BurstWork implements Work {
    private final long[] cycles;
    private final boolean[] boundary;
    private final ProgramSegments[] source;
    private final int[] sourceSegment;
    private final long gap;

    BurstWork(InterruptBurst.BurstCosts costs, long gap) {
        this.gap = gap;
        List<long[]> rows = new ArrayList<>(); // {cycles, boundary, source index, segment}
        List<ProgramSegments> programs = new ArrayList<>();
        rows.add(new long[] {gap, 1, -1, -1});
        for (int i = 0; i < costs.programs.length; i++) {
            ProgramSegments s = ProgramSegments.of(costs.programs[i]);
            programs.add(s);
            for (int k = 0; k < s.segmentCount(); k++) {
                rows.add(new long[] {s.segmentCycles(k), s.boundaryAfter(k) ? 1 : 0, i, k});
            }
            rows.add(new long[] {costs.guestAfter[i], 1, -1, -1}); // L2 takes and completes its interrupts
        }
        int n = rows.size();
        cycles = new long[n];
        boundary = new boolean[n];
        source = new ProgramSegments[n];
        sourceSegment = new int[n];
        for (int i = 0; i < n; i++) {
            long[] r = rows.get(i);
            cycles[i] = r[0];
            boundary[i] = r[1] == 1;
            source[i] = r[2] < 0 ? null : programs.get((int) r[2]);
            sourceSegment[i] = (int) r[3];
        }
    }

    /** L2's compute before each burst, in cycles. */
    long gap() {
        return gap;
    }

    @Override
    public int segmentCount() {
        return cycles.length;
    }

    @Override
    public long segmentCycles(int i) {
        return cycles[i];
    }

    @Override
    public boolean boundaryAfter(int i) {
        return boundary[i];
    }

    @Override
    public void charge(int i, CycleLedger ledger) {
        if (source[i] != null) {
            source[i].charge(sourceSegment[i], ledger);
        } else {
            ledger.charge(EventClass.GUEST.ordinal(), cycles[i]);
        }
    }
}
