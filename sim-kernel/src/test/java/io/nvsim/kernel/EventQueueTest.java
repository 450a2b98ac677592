package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    @Test
    void shouldPollInTimeOrder() {
        EventQueue q = new EventQueue(2);
        q.add(30, 5, 3, 300);
        q.add(10, 5, 1, 100);
        q.add(20, 5, 2, 200);
        assertTrue(q.poll());
        assertEquals(10, q.polledTime());
        assertEquals(100, q.polledPayload());
        assertTrue(q.poll());
        assertEquals(20, q.polledTime());
        assertTrue(q.poll());
        assertEquals(30, q.polledTime());
        assertEquals(3, q.polledHandler());
        assertFalse(q.poll());
    }

    @Test
    void shouldRunLowerPriorityFirstAtTheSameCycle() {
        EventQueue q = new EventQueue(4);
        q.add(10, Priority.GUEST_OPERATION, 1, 0);
        q.add(10, Priority.INTERRUPT, 2, 0);
        q.poll();
        assertEquals(2, q.polledHandler());
        assertEquals(Priority.INTERRUPT, q.polledPriority());
    }

    @Test
    void shouldBreakTiesByInsertionOrder() {
        EventQueue q = new EventQueue(4);
        for (int i = 0; i < 100; i++) {
            q.add(7, 3, i, i);
        }
        for (int i = 0; i < 100; i++) {
            q.poll();
            assertEquals(i, q.polledHandler());
        }
    }

    @Test
    void shouldGrowBeyondInitialCapacity() {
        EventQueue q = new EventQueue(4);
        for (int i = 1000; i > 0; i--) {
            q.add(i, 0, 0, i);
        }
        assertEquals(1000, q.size());
        long last = -1;
        while (q.poll()) {
            assertTrue(q.polledTime() > last);
            last = q.polledTime();
        }
    }

    @Test
    void shouldRejectPriorityOutOfRange() {
        EventQueue q = new EventQueue(4);
        assertThrows(IllegalArgumentException.class, () -> q.add(0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> q.add(0, EventQueue.MAX_PRIORITY + 1, 0, 0));
    }

    private record Ref(long time, int priority, long seq, int handler) {
    }

    /**
     * Property: for random interleavings of adds and polls (never into the past, as in a
     * simulation), the queue yields exactly the order of a PriorityQueue keyed on (time, priority, seq).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void shouldMatchPriorityQueueOnRandomInterleavings(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < 20; trial++) {
            int operations = random.nextInt(1, 2000);
            int timeSpread = 1 + random.nextInt(100);
            int priorities = 1 + random.nextInt(4);
            double pollProbability = random.nextDouble();
            EventQueue q = new EventQueue(1 + random.nextInt(8));
            PriorityQueue<Ref> ref = new PriorityQueue<>(Comparator.comparingLong(Ref::time)
                .thenComparingInt(Ref::priority).thenComparingLong(Ref::seq));
            List<Integer> got = new ArrayList<>();
            List<Integer> want = new ArrayList<>();
            long seq = 0;
            long now = 0;
            for (int i = 0; i < operations; i++) {
                if (random.nextDouble() < pollProbability && !ref.isEmpty()) {
                    assertTrue(q.poll());
                    got.add(q.polledHandler());
                    Ref r = ref.poll();
                    want.add(r.handler());
                    now = r.time();
                } else {
                    long t = now + random.nextInt(timeSpread);
                    int prio = random.nextInt(priorities);
                    q.add(t, prio, i, 0);
                    ref.add(new Ref(t, prio, seq++, i));
                }
                assertEquals(ref.size(), q.size());
            }
            while (q.poll()) {
                got.add(q.polledHandler());
            }
            while (!ref.isEmpty()) {
                want.add(ref.poll().handler());
            }
            assertEquals(want, got);
        }
    }
}
