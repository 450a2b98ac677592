package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventGenerationsTest {

    @Test
    void shouldMakeEarlierArmsStale() {
        EventGenerations g = new EventGenerations(4);
        long first = g.arm(2);
        long second = g.arm(2);
        assertFalse(g.isCurrent(first));
        assertTrue(g.isCurrent(second));
        assertEquals(2, EventGenerations.slot(second));
    }

    @Test
    void shouldCancelWithoutTouchingOtherSlots() {
        EventGenerations g = new EventGenerations(3);
        long a = g.arm(0);
        long b = g.arm(1);
        g.cancel(0);
        assertFalse(g.isCurrent(a));
        assertTrue(g.isCurrent(b));
    }

    @Test
    void shouldIgnoreCancelledEventsInARun() {
        Simulator sim = new Simulator();
        EventGenerations g = new EventGenerations(2);
        List<Long> fired = new ArrayList<>();
        int h = sim.register((s, now, p) -> {
            if (g.isCurrent(p)) {
                fired.add(now);
            }
        });
        sim.schedule(10, Priority.TIMER, h, g.arm(0));
        sim.schedule(20, Priority.TIMER, h, g.arm(1));
        g.cancel(1);
        sim.schedule(30, Priority.TIMER, h, g.arm(1));
        sim.run();
        assertEquals(List.of(10L, 30L), fired);
    }

    @Test
    void shouldRejectImpossibleSlotCounts() {
        assertThrows(IllegalArgumentException.class, () -> new EventGenerations(0));
        assertThrows(IllegalArgumentException.class, () -> new EventGenerations(1 << 21));
    }
}
