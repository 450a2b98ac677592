package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SchedulerTest {

    @Test
    void fifoShouldServeInArrivalOrder() {
        Scheduler s = Scheduler.named("fifo", 3);
        s.enqueue(2);
        s.enqueue(0);
        s.ran(2, 1_000_000); // ignored
        s.enqueue(1);
        assertEquals(2, s.next());
        assertEquals(0, s.next());
        assertEquals(1, s.next());
        assertEquals(-1, s.next());
        assertTrue(s.isEmpty());
        assertFalse(s.preemptive());
    }

    @Test
    void fairShouldPickTheLeastRuntime() {
        FairScheduler s = new FairScheduler(3);
        s.ran(0, 300);
        s.ran(1, 100);
        s.ran(2, 200);
        s.enqueue(1);
        s.enqueue(2);
        s.enqueue(0);
        assertEquals(1, s.next());
        assertEquals(2, s.next());
        assertEquals(0, s.next());
        assertTrue(s.preemptive());
    }

    @Test
    void fairShouldLiftASleeperToTheQueuesFloor() {
        FairScheduler s = new FairScheduler(2);
        s.ran(0, 5_000);
        s.enqueue(0);
        s.enqueue(1); // slept with runtime 0: placed at 5,000, not allowed to run 5,000 cycles alone
        assertEquals(5_000, s.runtime(1));
        assertEquals(0, s.next()); // tie: the lower id
    }

    @Test
    void shouldRejectDoubleQueueingAndUnknownNames() {
        FairScheduler s = new FairScheduler(2);
        s.enqueue(1);
        assertThrows(IllegalStateException.class, () -> s.enqueue(1));
        Scheduler f = new FifoScheduler(1);
        f.enqueue(0);
        assertThrows(IllegalStateException.class, () -> f.enqueue(0));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.named("cfs", 2));
    }
}
