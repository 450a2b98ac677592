package io.nvsim.traces;

import io.nvsim.kernel.InputException;
import java.util.Arrays;
import java.util.List;

/** The text formats {@code nvsim import-trace} reads. */
public enum TraceFormat {
    /** {@code trace-cmd report} or {@code /sys/kernel/tracing/trace} text: {@code comm-pid [cpu] flags secs.usecs: event: fields}. */
    FTRACE("ftrace"),
    /** {@code perf script} output: {@code comm pid [cpu] secs.usecs: kvm:event: fields}. */
    PERF_SCRIPT("perf-script"),
    /** A {@code perf kvm stat report} table: one row per exit reason with its sample count and times. */
    PERF_KVM_STAT("perf-kvm-stat");

    private final String id;

    TraceFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static TraceFormat parse(String id) {
        for (TraceFormat f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new InputException("unknown trace format '" + id + "'; valid formats: " + String.join(", ", ids()));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(TraceFormat::id).toList();
    }
}
