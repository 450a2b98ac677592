package io.nvsim.bench;

/** The JVM flags Chronicle Queue needs on Java 17+ (the same list as the parent pom's nvsim.jvm.flags), for forked JMH runs. */
final class ChronicleFlags {
    private ChronicleFlags() {
    }

    static final String ANALYTICS_OFF = "-Dchronicle.analytics.disable=true";
    static final String ANNOUNCER_OFF = "-Dchronicle.announcer.disable=true";
}
