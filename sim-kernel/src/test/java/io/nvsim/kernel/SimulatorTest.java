package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    @Test
    void shouldAdvanceTimeToEachEvent() {
        Simulator sim = new Simulator();
        List<Long> seen = new ArrayList<>();
        int[] self = new int[1];
        self[0] = sim.register((s, now, payload) -> {
            seen.add(now);
            if (payload > 0) {
                s.schedule(100, Priority.TIMER, self[0], payload - 1);
            }
        });
        sim.schedule(5, Priority.TIMER, self[0], 3);
        sim.run();
        assertEquals(List.of(5L, 105L, 205L, 305L), seen);
        assertEquals(4, sim.eventsProcessed());
        assertEquals(305, sim.now());
    }

    @Test
    void shouldStopAtTheLimit() {
        Simulator sim = new Simulator();
        int[] count = new int[1];
        int[] self = new int[1];
        self[0] = sim.register((s, now, p) -> {
            count[0]++;
            s.schedule(10, Priority.TIMER, self[0], 0);
        });
        sim.schedule(0, Priority.TIMER, self[0], 0);
        sim.runUntil(95);
        assertEquals(10, count[0]);
        assertEquals(1, sim.pending());
    }

    @Test
    void shouldRefuseToScheduleIntoThePast() {
        Simulator sim = new Simulator();
        int h = sim.register((s, now, p) -> { });
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, 0, h, 0));
        sim.schedule(50, 0, h, 0);
        sim.run();
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(10, 0, h, 0));
    }
}
