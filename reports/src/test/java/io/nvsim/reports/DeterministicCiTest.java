package io.nvsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** A report says "deterministic" for a figure every replication reproduced exactly, not "± 0.0". */
class DeterministicCiTest {
    @Test
    void shouldSayDeterministicForAZeroWidthIntervalOfSeveralReplications() throws Exception {
        Method ci = StudyReport.class.getDeclaredMethod("ci", Statistics.class);
        ci.setAccessible(true);
        assertEquals("deterministic", ci.invoke(null, new Statistics(3, 2729, 0)));
        assertEquals("n/a", ci.invoke(null, new Statistics(1, 2729, Double.NaN)));
        assertEquals("± 12.5", ci.invoke(null, new Statistics(3, 2729, 12.5)));
    }
}
