package io.nvsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The three queues of the benchmark run the same hold model: they must dequeue the same times. */
class EventQueueBenchmarkTest {

    @Test
    void shouldRunTheSameHoldModelOnEveryQueue() {
        EventQueueBenchmark a = new EventQueueBenchmark();
        EventQueueBenchmark b = new EventQueueBenchmark();
        EventQueueBenchmark c = new EventQueueBenchmark();
        for (EventQueueBenchmark x : new EventQueueBenchmark[] {a, b, c}) {
            x.pending = 1024;
            x.setup();
        }
        for (int i = 0; i < 20_000; i++) {
            long t = a.nvsimQueue();
            assertEquals(t, b.jdkPriorityQueue(), "operation " + i);
            assertEquals(t, c.treeSetQueue(), "operation " + i);
        }
    }
}
