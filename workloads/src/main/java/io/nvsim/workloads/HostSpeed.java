package io.nvsim.workloads;

/**
 * How fast the host simulated (gem5's hostSeconds / hostTickRate): wall time, events and
 * simulated cycles and traps per wall second. Never part of the deterministic results.
 */
public record HostSpeed(double wallSeconds, long events, long simulatedCycles, long simulatedTraps) {

    public double eventsPerSecond() {
        return wallSeconds > 0 ? events / wallSeconds : 0;
    }

    public double simulatedCyclesPerSecond() {
        return wallSeconds > 0 ? simulatedCycles / wallSeconds : 0;
    }

    public double simulatedTrapsPerSecond() {
        return wallSeconds > 0 ? simulatedTraps / wallSeconds : 0;
    }

    /** Adds another run's figures (for a suite). */
    public HostSpeed plus(HostSpeed other) {
        return new HostSpeed(wallSeconds + other.wallSeconds, events + other.events,
            simulatedCycles + other.simulatedCycles, simulatedTraps + other.simulatedTraps);
    }
}
