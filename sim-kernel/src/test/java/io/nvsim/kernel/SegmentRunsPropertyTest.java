package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Runs of segments as one event are an optimisation only: on random topologies, schedulers, works (boundaries,
 * kicks, masked work, preemptible compute), interrupts from timers and kicks, interrupt work and wake-ups, every
 * thread sees the same callbacks at the same cycles, and the ledger and the clock end the same, as with one event
 * per segment (seeded loop).
 */
class SegmentRunsPropertyTest {

    /** A random work: segments of random cycles, boundaries and kicks; masked or not; charges class (segment mod 3). */
    static Work randomWork(SplittableRandom r) {
        int n = 1 + r.nextInt(12);
        long[] cycles = new long[n];
        boolean[] boundary = new boolean[n];
        boolean[] kick = new boolean[n];
        for (int i = 0; i < n; i++) {
            cycles[i] = 1 + r.nextInt(800);
            boundary[i] = r.nextInt(3) == 0;
            kick[i] = r.nextInt(6) == 0;
        }
        boolean masked = r.nextInt(4) == 0;
        return new SegmentedWork(cycles, boundary) {
            @Override
            public boolean kickAfter(int i) {
                return kick[i];
            }

            @Override
            public boolean masksInterrupts() {
                return masked;
            }

            @Override
            public void charge(int i, CycleLedger ledger) {
                ledger.charge(i % 3, segmentCycles(i));
                ledger.countTraps(i, 0, 0, 0);
            }
        };
    }

    /** What each thread saw, as (kind, cycle) pairs, and the end of the run. */
    record Outcome(List<List<Long>> seen, long[] ledger, long traps, long operations, long end) {
    }

    static Outcome run(long seed, boolean oneEventPerSegment) {
        SplittableRandom r = new SplittableRandom(seed);
        int p = 1 + r.nextInt(2);
        int v = p + r.nextInt(2);
        int n = v + r.nextInt(3);
        String s0 = r.nextBoolean() ? "fifo" : "fair";
        String s1 = r.nextBoolean() ? "fifo" : "fair";
        long q = 300 + r.nextInt(5_000);
        Work[] works = new Work[4];
        for (int i = 0; i < works.length; i++) {
            works[i] = randomWork(r);
        }
        Work irq = randomWork(r);
        GuestCompute[] compute = new GuestCompute[n];
        int[] left = new int[n];
        int[] wakes = new int[n];
        List<List<Long>> seen = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            compute[j] = new GuestCompute(0, r.nextBoolean()).cycles(1 + r.nextInt(3_000));
            left[j] = 5 + r.nextInt(20);
            seen.add(new ArrayList<>());
        }
        NestedEngine[] box = new NestedEngine[1];
        int[] kicks = {0};
        EngineListener l = new EngineListener() {
            private void note(VcpuThread t, long kind, long now) {
                seen.get(t.id()).add(kind);
                seen.get(t.id()).add(now);
            }

            @Override
            public void interruptTaken(VcpuThread t, long raisedAt, long takenAt) {
                note(t, 1, takenAt);
                seen.get(t.id()).add(raisedAt);
            }

            @Override
            public Work interruptWork(VcpuThread t, long raisedAt, long takenAt) {
                return t.id() % 2 == 0 ? irq : null;
            }

            @Override
            public void interruptWorkDone(VcpuThread t, long now) {
                note(t, 2, now);
            }

            @Override
            public void kicked(VcpuThread t, long now) {
                note(t, 3, now);
                if (!t.inInterrupt() && kicks[0]++ < 100) { // bounded: an interrupt's work may kick too
                    box[0].raiseInterrupt((t.id() + 1) % n, now + 1 + (now % 97));
                }
            }

            @Override
            public void workDone(VcpuThread t, long now) {
                note(t, 4, now);
                int j = t.id();
                if (left[j]-- > 0) {
                    box[0].submit(j, left[j] % 3 == 0 ? compute[j] : works[(j + left[j]) % works.length], 1);
                }
            }

            @Override
            public void wakeUp(VcpuThread t, long now) {
                note(t, 5, now);
                if (wakes[t.id()]++ < 3) {
                    box[0].acknowledgeInterrupt(t.id());
                    box[0].submit(t.id(), works[t.id() % works.length], 1);
                }
            }
        };
        NestedEngine e = new NestedEngine(new NestedTopology(p, v, n), s0, q, s1, q, 3, l).oneEventPerSegment(oneEventPerSegment);
        box[0] = e;
        for (int j = 0; j < n; j++) {
            e.submit(j, works[j % works.length], 1);
        }
        for (int k = 0; k < 25; k++) {
            e.raiseInterrupt(r.nextInt(n), r.nextInt(200_000));
        }
        e.run();
        long[] byClass = {e.ledger().cycles(0), e.ledger().cycles(1), e.ledger().cycles(2)};
        return new Outcome(seen, byClass, e.ledger().traps(), e.ledger().operations(), e.simulator().now());
    }

    @Test
    void runsOfSegmentsShouldChangeNothingButTheEventCount() {
        for (long seed = 1; seed <= 300; seed++) {
            Outcome runs = run(seed, false);
            Outcome each = run(seed, true);
            String at = "seed " + seed;
            assertArrayEquals(each.ledger(), runs.ledger(), at);
            assertEquals(each.traps(), runs.traps(), at);
            assertEquals(each.operations(), runs.operations(), at);
            assertEquals(each.end(), runs.end(), at);
            for (int j = 0; j < each.seen().size(); j++) {
                assertEquals(each.seen().get(j), runs.seen().get(j), at + " thread " + j);
            }
            assertTrue(each.ledger()[0] > 0, at);
        }
    }
}
