package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine: over-commit with schedulers, interrupts at boundaries, one ledger, no allocation per event. */
class NestedEngineTest {

    /** Work of equal segments, each followed by a boundary or not; charges class 0. */
    static Work uniform(int segments, long cycles, boolean boundaries) {
        return new Work() {
            @Override
            public int segmentCount() {
                return segments;
            }

            @Override
            public long segmentCycles(int i) {
                return cycles;
            }

            @Override
            public boolean boundaryAfter(int i) {
                return boundaries;
            }

            @Override
            public void charge(int i, CycleLedger ledger) {
                ledger.charge(0, cycles);
                if (i == segments - 1) {
                    ledger.countTraps(1, 1, 0, 0);
                }
            }
        };
    }

    private static NestedEngine fourOnTwoOnOne(String scheduler) {
        NestedEngine e = new NestedEngine(new NestedTopology(1, 2, 4), scheduler, 10_000, scheduler, 10_000, 1,
            EngineListener.NONE);
        Work op = uniform(10, 100, true); // 1,000-cycle operations, a boundary every 100 cycles
        for (int j = 0; j < 4; j++) {
            e.submit(j, op, 100); // 100,000 cycles of work each
        }
        e.run();
        return e;
    }

    @Test
    void shouldShowTheSchedulersEffectWithFourL2VcpusOnTwoL1VcpusOnOneCpu() {
        NestedEngine fifo = fourOnTwoOnOne("fifo");
        NestedEngine fair = fourOnTwoOnOne("fair");
        long[] fifoEnd = new long[4];
        long[] fairEnd = new long[4];
        for (int j = 0; j < 4; j++) {
            fifoEnd[j] = fifo.thread(j).finishedAt();
            fairEnd[j] = fair.thread(j).finishedAt();
        }
        // the same work on one CPU: both finish at 400,000 cycles, every cycle charged once
        assertEquals(400_000, fifo.simulator().now());
        assertEquals(400_000, fair.simulator().now());
        assertEquals(400_000, fifo.ledger().totalCycles());
        assertEquals(400_000, fair.ledger().totalCycles());
        assertEquals(400, fair.ledger().operations());
        assertEquals(400, fair.ledger().traps());
        // FIFO runs to completion: L1 vCPU 0 runs L2 vCPU 0 then 2, then L1 vCPU 1 runs 1 and 3
        assertEquals(List.of(100_000L, 300_000L, 200_000L, 400_000L), List.of(fifoEnd[0], fifoEnd[1], fifoEnd[2], fifoEnd[3]));
        // fair time-slices both levels: every vCPU ends in the last quantum round
        for (long end : fairEnd) {
            assertTrue(end > 360_000, "fair: a vCPU finished early at " + end);
        }
        long fifoMean = (fifoEnd[0] + fifoEnd[1] + fifoEnd[2] + fifoEnd[3]) / 4;
        long fairMean = (fairEnd[0] + fairEnd[1] + fairEnd[2] + fairEnd[3]) / 4;
        assertTrue(fifoMean < fairMean, "FIFO's mean completion " + fifoMean + " vs fair " + fairMean);
    }

    @Test
    void shouldGiveAnInterruptedThreadTheCpuSoonerUnderFair() {
        long[] fifo = interruptLatency("fifo");
        long[] fair = interruptLatency("fair");
        // L2 vCPU 3 (on L1 vCPU 1) gets an interrupt at 5,000: FIFO lets L1 vCPU 0 finish 200,000 cycles first
        assertEquals(300_000 - 5_000, fifo[0]);
        // fair: 10,000-cycle slices at both levels: L1 vCPU 0 runs L2 vCPU 0, L1 vCPU 1 runs L2 vCPU 1, L1 vCPU 0
        // runs L2 vCPU 2, then L1 vCPU 1 runs L2 vCPU 3 at 30,000, which enters with its interrupt
        assertEquals(30_000 - 5_000, fair[0]);
    }

    private static long[] interruptLatency(String scheduler) {
        long[] latency = {-1};
        NestedEngine e = new NestedEngine(new NestedTopology(1, 2, 4), scheduler, 10_000, scheduler, 10_000, 1,
            new EngineListener() {
                @Override
                public void interruptTaken(VcpuThread t, long raisedAt, long takenAt) {
                    if (t.id() == 3) {
                        latency[0] = takenAt - raisedAt;
                    }
                }
            });
        for (int j = 0; j < 4; j++) {
            e.submit(j, uniform(10, 100, true), 100);
        }
        e.raiseInterrupt(3, 5_000);
        e.run();
        return latency;
    }

    @Test
    void shouldTakeAnInterruptAtTheNextBoundaryOfTheRunningThread() {
        List<long[]> taken = new ArrayList<>();
        NestedEngine e = new NestedEngine(new NestedTopology(1, 1, 1), "fifo", 1, "fifo", 1, 1, new EngineListener() {
            @Override
            public void interruptTaken(VcpuThread t, long raisedAt, long takenAt) {
                taken.add(new long[] {raisedAt, takenAt});
            }
        });
        e.submit(0, uniform(4, 250, true), 1);
        e.raiseInterrupt(0, 260);
        e.run();
        assertEquals(1, taken.size());
        assertEquals(500, taken.get(0)[1]); // the boundary after the second segment
        NestedEngine block = new NestedEngine(new NestedTopology(1, 1, 1), "fifo", 1, "fifo", 1, 1, new EngineListener() {
            @Override
            public void interruptTaken(VcpuThread t, long raisedAt, long takenAt) {
                taken.add(new long[] {raisedAt, takenAt});
            }
        });
        block.submit(0, uniform(4, 250, false), 1);
        block.raiseInterrupt(0, 260);
        block.run();
        assertEquals(1_000, taken.get(1)[1]); // no boundary inside: after the whole block
    }

    @Test
    void shouldNotAllocatePerEvent() {
        long small = allocated(2_000);
        long large = allocated(200_000);
        large = allocated(200_000); // JIT warmed
        small = allocated(2_000);
        assertTrue(large - small < 64 * 1024, "198,000 more operations allocated " + (large - small) + " bytes");
    }

    private static long allocated(long operations) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        NestedEngine e = new NestedEngine(new NestedTopology(1, 2, 4), "fair", 1_000, "fair", 1_000, 1, EngineListener.NONE);
        Work w = uniform(3, 100, true);
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int j = 0; j < 4; j++) {
            e.submit(j, w, operations);
        }
        e.run();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    @Test
    void aTimerHandlerShouldRaiseInterruptsNowAndStopWhenTheWorkIsDone() {
        int[] taken = {0};
        NestedEngine e = new NestedEngine(new NestedTopology(1, 1, 2), "fair", 1_000, "fair", 1_000, 1, new EngineListener() {
            @Override
            public void interruptTaken(VcpuThread t, long raisedAt, long takenAt) {
                taken[0]++;
            }
        });
        e.submit(0, uniform(5, 100, true), 20); // 10,000 cycles each
        e.submit(1, uniform(5, 100, true), 20);
        int[] timer = new int[1];
        timer[0] = e.simulator().register((s, now, p) -> {
            e.interruptNow(0);
            e.interruptNow(1);
            if (e.busy()) {
                s.schedule(2_500, Priority.TIMER, timer[0], 0);
            }
        });
        e.simulator().schedule(2_500, Priority.TIMER, timer[0], 0);
        e.run();
        assertEquals(20_000, e.ledger().totalCycles());
        assertTrue(!e.busy());
        // 8 expiries (2,500 .. 20,000) raise 16 interrupts; at 20,000 (timers run before guest steps) one vCPU
        // has already finished and never takes its last one
        assertEquals(15, taken[0]);
    }
}
