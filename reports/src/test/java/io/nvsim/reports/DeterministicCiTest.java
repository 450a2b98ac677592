package io.nvsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A report says "deterministic" for a figure every replication reproduced exactly, not "± 0.0", and for the
 * single run of a workload that declares no random input; a single run of a random workload has no interval.
 */
class DeterministicCiTest {
    @Test
    void shouldSayDeterministicForAZeroWidthIntervalOfSeveralReplications() {
        assertEquals("deterministic", StudyReport.ci(new Statistics(3, 2729, 0), "memcached"));
        assertEquals("± 12.5", StudyReport.ci(new Statistics(3, 2729, 12.5), "memcached"));
    }

    @Test
    void shouldSayDeterministicForOneRunOfAWorkloadWithoutRandomInputs() {
        assertEquals("deterministic", StudyReport.ci(new Statistics(1, 2729, Double.NaN), "hypercall"));
        assertEquals("deterministic", StudyReport.ci(new Statistics(1, 2729, Double.NaN), "interrupt_burst"));
        assertEquals("n/a", StudyReport.ci(new Statistics(1, 2729, Double.NaN), "memcached"));
        assertEquals("n/a", StudyReport.ci(new Statistics(1, 2729, Double.NaN), "my-mix.yaml"));
    }
}
