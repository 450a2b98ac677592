package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's support for guest work: preemptible segments interrupted mid-segment, an interrupt's own work,
 * masked work, idle threads that an interrupt wakes, work chained from {@link EngineListener#workDone}, and
 * the schedulers' effect on an interrupt's work under over-commit; no allocation per event.
 */
class InterruptibleWorkTest {
    private static final int GUEST = 0;
    private static final int HYP = 1;

    /** Guest compute of {@code cycles}, charged to class GUEST; a poll (an interrupt ends it) if not {@code resumable}. */
    static GuestCompute compute(long cycles, boolean resumable) {
        return new GuestCompute(GUEST, resumable).cycles(cycles);
    }

    /** {@code segments} hypervisor segments of {@code cycles}, boundaries after each, masked or not; charges class HYP. */
    static Work program(int segments, long cycles, boolean masked) {
        long[] c = new long[segments];
        boolean[] boundary = new boolean[segments];
        java.util.Arrays.fill(c, cycles);
        java.util.Arrays.fill(boundary, true);
        return new SegmentedWork(c, boundary) {
            @Override
            public void charge(int i, CycleLedger ledger) {
                ledger.charge(HYP, cycles);
                ledger.countTraps(i == segments - 1 ? 1 : 0, 0, 0, 0);
            }

            @Override
            public boolean masksInterrupts() {
                return masked;
            }
        };
    }

    /** A listener that answers every interrupt with {@code irqWork} and records when each one's work ended. */
    static class IrqListener implements EngineListener {
        final Work irqWork;
        final List<long[]> taken = new ArrayList<>();
        final List<Long> irqDone = new ArrayList<>();
        final List<Long> workDone = new ArrayList<>();

        IrqListener(Work irqWork) {
            this.irqWork = irqWork;
        }

        @Override
        public void interruptTaken(VcpuThread t, long raisedAt, long takenAt) {
            taken.add(new long[] {t.id(), raisedAt, takenAt});
        }

        @Override
        public Work interruptWork(VcpuThread t, long raisedAt, long takenAt) {
            return irqWork;
        }

        @Override
        public void interruptWorkDone(VcpuThread t, long now) {
            irqDone.add(now);
        }

        @Override
        public void workDone(VcpuThread t, long now) {
            workDone.add(now);
        }
    }

    private static NestedEngine oneCpu(EngineListener l) {
        return new NestedEngine(new NestedTopology(1, 1, 1), "fifo", 1, "fifo", 1, 2, l);
    }

    @Test
    void anInterruptPreemptsGuestComputeMidSegmentAndChargesElapsedInterruptAndRemainder() {
        long[] guestAtInterrupt = {-1};
        IrqListener l = new IrqListener(program(3, 100, true)) {
            @Override
            public Work interruptWork(VcpuThread t, long raisedAt, long takenAt) {
                guestAtInterrupt[0] = eng[0].ledger().cycles(GUEST);
                return super.interruptWork(t, raisedAt, takenAt);
            }
        };
        NestedEngine e = oneCpu(l);
        eng[0] = e;
        e.submit(0, compute(10_000, true), 1);
        e.raiseInterrupt(0, 2_500);
        e.run();
        assertEquals(2_500, guestAtInterrupt[0], "the part that ran is charged when the interrupt preempts it");
        assertEquals(10_000, e.ledger().cycles(GUEST), "then the remainder");
        assertEquals(300, e.ledger().cycles(HYP));
        assertEquals(1, e.ledger().traps());
        assertEquals(2_500, l.taken.get(0)[2], "taken at once, not at the segment's end (10,000)");
        assertEquals(List.of(2_800L), l.irqDone);
        assertEquals(10_300, e.thread(0).finishedAt(), "elapsed + interrupt + remainder");
        assertEquals(10_300, e.simulator().now());
        assertEquals(1, e.ledger().operations(), "the interrupt's work (guest compute is not an operation)");
    }

    @Test
    void aNonResumableSegmentEndsAtTheInterrupt() {
        IrqListener l = new IrqListener(program(1, 500, true));
        NestedEngine e = oneCpu(l);
        e.submit(0, compute(10_000, false), 1);
        e.raiseInterrupt(0, 4_000);
        e.run();
        assertEquals(4_000, e.ledger().cycles(GUEST), "only what ran of the poll");
        assertEquals(List.of(4_500L), l.workDone, "the poll ends after the interrupt's work");
    }

    @Test
    void aNonPreemptibleProgramTakesTheInterruptAtItsNextBoundaryAndResumes() {
        IrqListener l = new IrqListener(program(2, 50, true));
        NestedEngine e = oneCpu(l);
        e.submit(0, program(4, 1_000, false), 1);
        e.raiseInterrupt(0, 1_200);
        e.run();
        assertEquals(2_000, l.taken.get(0)[2]);
        assertEquals(List.of(2_100L), l.irqDone);
        assertEquals(4_100, e.thread(0).finishedAt());
        assertEquals(4_100, e.ledger().cycles(HYP));
    }

    @Test
    void maskedWorkKeepsInterruptsPendingUntilItEndsThenTakesThemOneByOne() {
        GuestCompute guest = compute(5_000, true);
        IrqListener l = new IrqListener(program(1, 100, true)) {
            @Override
            public void workDone(VcpuThread t, long now) {
                super.workDone(t, now);
                if (workDone.size() == 1) {
                    assertEquals(3, t.pendingInterrupts());
                    eng[0].submit(0, guest, 1); // chained: goes on without leaving the CPU
                }
            }
        };
        NestedEngine e = oneCpu(l);
        eng[0] = e;
        e.submit(0, program(1, 1_000, true), 1);
        e.raiseInterrupt(0, 100);
        e.raiseInterrupt(0, 200);
        e.raiseInterrupt(0, 300);
        e.run();
        assertEquals(3, l.taken.size());
        for (int k = 0; k < 3; k++) {
            assertEquals(100 * (k + 1), l.taken.get(k)[1], "oldest first");
            assertEquals(1_000 + 100 * k, l.taken.get(k)[2], "one after another once the masked work ended");
        }
        assertEquals(List.of(1_000L, 6_300L), l.workDone);
        assertEquals(6_300, e.ledger().totalCycles());
    }

    private final NestedEngine[] eng = new NestedEngine[1];

    @Test
    void anIdleThreadIsWokenByAnInterruptThroughTheListener() {
        List<Long> woken = new ArrayList<>();
        IrqListener l = new IrqListener(null) {
            @Override
            public void wakeUp(VcpuThread t, long now) {
                woken.add(now);
                assertEquals(1_000, eng[0].acknowledgeInterrupt(t.id()));
                assertEquals(-1, eng[0].acknowledgeInterrupt(t.id()));
                eng[0].submit(t.id(), program(1, 500, true), 1); // the wake-up program delivers it
            }
        };
        NestedEngine e = oneCpu(l);
        eng[0] = e;
        assertTrue(e.thread(0).idle());
        e.raiseInterrupt(0, 1_000);
        e.run();
        assertEquals(List.of(1_000L), woken);
        assertTrue(l.taken.isEmpty(), "acknowledged by the listener, not taken by the engine");
        assertEquals(List.of(1_500L), l.workDone);
        assertEquals(500, e.ledger().totalCycles());
        assertTrue(e.thread(0).idle());
        assertEquals(0, e.thread(0).pendingInterrupts());
    }

    @Test
    void anInterruptLeftPendingForAnIdleThreadIsTakenWhenItNextRuns() {
        IrqListener l = new IrqListener(program(1, 100, true));
        NestedEngine e = oneCpu(l);
        e.raiseInterrupt(0, 1_000);
        e.run();
        assertEquals(1, e.thread(0).pendingInterrupts());
        e.submit(0, compute(2_000, true), 1);
        e.run();
        assertEquals(1_000, l.taken.get(0)[2], "taken as the thread starts");
        assertEquals(3_100, e.thread(0).finishedAt());
    }

    @Test
    void theSchedulerDecidesWhenAnInterruptsWorkRunsUnderOverCommit() {
        // 4 L2 vCPUs of guest compute (10 x 10,000 cycles) on 2 L1 vCPUs on 1 CPU; an IPI for L2 vCPU 3 at 5,000
        long fifo = irqDoneUnderOverCommit("fifo");
        long fair = irqDoneUnderOverCommit("fair");
        assertEquals(300_000 + 200, fifo, "FIFO: L2 vCPU 3 runs after 0, 2 and 1 have finished");
        assertEquals(30_000 + 200, fair, "fair: its first 10,000-cycle slice starts at 30,000");
    }

    private static long irqDoneUnderOverCommit(String scheduler) {
        IrqListener l = new IrqListener(program(2, 100, true));
        NestedEngine e = new NestedEngine(new NestedTopology(1, 2, 4), scheduler, 10_000, scheduler, 10_000, 2, l);
        for (int j = 0; j < 4; j++) {
            e.submit(j, compute(10_000, true), 10);
        }
        e.raiseInterrupt(3, 5_000);
        e.run();
        assertEquals(400_200, e.simulator().now());
        assertEquals(400_000, e.ledger().cycles(GUEST));
        assertEquals(1, l.irqDone.size());
        return l.irqDone.get(0);
    }

    @Test
    void settlingChargesWhatARunOfSegmentsHasRunByNow() {
        NestedEngine e = oneCpu(EngineListener.NONE);
        e.submit(0, program(4, 100, false), 1); // no interrupt can come between them: one event
        long[] seen = new long[2];
        int probe = e.simulator().register((s, now, p) -> {
            seen[0] = e.ledger().totalCycles();
            e.settle();
            seen[1] = e.ledger().totalCycles();
        });
        e.simulator().schedule(250, Priority.TIMER, probe, 0);
        e.run();
        assertEquals(0, seen[0], "the run is charged when it ends");
        assertEquals(200, seen[1], "settled: the two segments that ended by cycle 250");
        assertEquals(400, e.ledger().totalCycles());
        assertEquals(2, e.simulator().eventsProcessed(), "the probe and one event for the four segments");
    }

    @Test
    void aFairSchedulersTickSlicesLongGuestComputeButFifoRunsItWhole() {
        long[] fifo = twoLongComputes("fifo");
        long[] fair = twoLongComputes("fair");
        assertEquals(100_000, fifo[0]);
        assertEquals(200_000, fifo[1]);
        assertEquals(190_000, fair[0], "fair: 10,000-cycle slices alternate; vCPU 0 ends in the next-to-last");
        assertEquals(200_000, fair[1]);
    }

    private static long[] twoLongComputes(String scheduler) {
        NestedEngine e = new NestedEngine(new NestedTopology(1, 1, 2), scheduler, 10_000, scheduler, 10_000, 2, EngineListener.NONE);
        e.submit(0, compute(100_000, true), 1);
        e.submit(1, compute(100_000, true), 1);
        e.run();
        assertEquals(200_000, e.ledger().cycles(GUEST), "every slice charged once");
        return new long[] {e.thread(0).finishedAt(), e.thread(1).finishedAt()};
    }

    @Test
    void preemptionAndInterruptWorkAllocateNothingPerEvent() {
        long small = allocated(2_000);
        long large = allocated(100_000);
        large = allocated(100_000);
        small = allocated(2_000);
        assertTrue(large - small < 64 * 1024, "98,000 more operations allocated " + (large - small) + " bytes");
    }

    private static long allocated(long operations) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Work irq = program(3, 50, true);
        Work exit = program(1, 200, false);
        GuestCompute[] guest = new GuestCompute[4];
        long[] left = new long[4];
        NestedEngine[] box = new NestedEngine[1];
        NestedEngine e = new NestedEngine(new NestedTopology(1, 2, 4), "fair", 5_000, "fair", 5_000, 2, new EngineListener() {
            @Override
            public Work interruptWork(VcpuThread t, long raisedAt, long takenAt) {
                return irq;
            }

            @Override
            public void workDone(VcpuThread t, long now) {
                int j = t.id();
                if (left[j]-- > 0) {
                    box[0].submit(j, (left[j] & 1) == 0 ? guest[j] : exit, 1); // compute and an exit, alternating
                }
            }
        });
        box[0] = e;
        int[] timer = new int[1];
        timer[0] = e.simulator().register((s, now, p) -> {
            for (int j = 0; j < 4; j++) {
                e.interruptNow(j);
            }
            if (e.busy()) {
                s.schedule(4_999, Priority.TIMER, timer[0], 0);
            }
        });
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int j = 0; j < 4; j++) {
            guest[j] = compute(1_000, true);
            left[j] = 2 * operations;
            e.submit(j, guest[j], 1);
        }
        e.simulator().schedule(4_999, Priority.TIMER, timer[0], 0);
        e.run();
        assertFalse(e.busy());
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }
}
