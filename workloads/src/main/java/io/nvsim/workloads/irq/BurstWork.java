package io.nvsim.workloads.irq;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.SegmentedWork;
import java.util.ArrayList;
import java.util.List;

/**
 * One burst of {@code interrupt_burst} as engine {@link Work}: L2's compute before the burst (the gap),
 * then each exit's program cut into its {@link ProgramSegments}, each followed by the guest's work on the
 * interrupts it then takes and completes. Program segments charge their own cycles by class and traps;
 * the gap and the guest's interrupt work charge the guest class. Built once; charging allocates nothing.
 */
final class BurstWork extends SegmentedWork {
    private final ProgramSegments[] source;
    private final int[] sourceSegment;
    private final long gap;

    private BurstWork(List<long[]> rows, List<ProgramSegments> programs, long gap) {
        super(rows.stream().mapToLong(r -> r[0]).toArray(), flags(rows));
        this.gap = gap;
        int n = rows.size();
        source = new ProgramSegments[n];
        sourceSegment = new int[n];
        for (int i = 0; i < n; i++) {
            long[] r = rows.get(i);
            source[i] = r[2] < 0 ? null : programs.get((int) r[2]);
            sourceSegment[i] = (int) r[3];
        }
    }

    /** One burst of {@code costs}' exits after {@code gap} cycles of L2 compute. */
    static BurstWork of(InterruptBurst.BurstCosts costs, long gap) {
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
        return new BurstWork(rows, programs, gap);
    }

    private static boolean[] flags(List<long[]> rows) {
        boolean[] f = new boolean[rows.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = rows.get(i)[1] == 1;
        }
        return f;
    }

    /** L2's compute before each burst, in cycles. */
    long gap() {
        return gap;
    }

    @Override
    public void charge(int i, CycleLedger ledger) {
        if (source[i] != null) {
            source[i].charge(sourceSegment[i], ledger);
        } else {
            ledger.charge(EventClass.GUEST.ordinal(), segmentCycles(i));
        }
    }
}
