package io.nvsim.traces;

import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * Generates large, realistic-looking host traces for scale tests and benchmarks: vCPU threads
 * that alternate guest time (exponential, mean {@code guestMeanNs}) and exits of a fixed mix
 * (30% IRQ, 20% HVC64 with its {@code kvm_hvc_arm64}, 25% DABT_LOW with {@code kvm_mmio}, 15%
 * WFx with {@code kvm_wfx_arm64}, 10% SYS64), each closed by a {@code kvm_entry}, in time order
 * across vCPUs. Deterministic for a seed. It writes either events into a {@link TraceEventSink}
 * (a store) or ftrace text, without allocating per event.
 *
 * <pre>{@code
 * new SyntheticTraceGenerator(42, 4).generate(10_000_000, storeWriter);
 * }</pre>
 */
public final class SyntheticTraceGenerator {
    private static final long START_NS = 1_000_000_000L;
    private final long seed;
    private final int vcpus;
    private final long guestMeanNs;
    private final long handlingNs;

    public SyntheticTraceGenerator(long seed, int vcpus) {
        this(seed, vcpus, 20_000, 2_000);
    }

    public SyntheticTraceGenerator(long seed, int vcpus, long guestMeanNs, long handlingNs) {
        if (vcpus < 1 || vcpus > 4096) {
            throw new IllegalArgumentException("vcpus " + vcpus + ": expected 1..4096");
        }
        this.seed = seed;
        this.vcpus = vcpus;
        this.guestMeanNs = guestMeanNs;
        this.handlingNs = handlingNs;
    }

    /** Sends exactly {@code events} events to {@code sink}. */
    public void generate(long events, TraceEventSink sink) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] clock = new long[vcpus];
        int[] phase = new int[vcpus]; // 0: next is an exit, 1: detail (if any), 2: entry
        int[] kind = new int[vcpus];
        for (int v = 0; v < vcpus; v++) {
            clock[v] = START_NS + v * 1000L;
        }
        TraceEvent e = new TraceEvent();
        for (long n = 0; n < events; n++) {
            int v = 0;
            for (int i = 1; i < vcpus; i++) {
                if (clock[i] < clock[v]) {
                    v = i;
                }
            }
            e.clear();
            e.cpu = v;
            e.pid = 1000 + v;
            e.timestampNs = clock[v];
            e.pc = 0xffff800010000000L + (rnd.nextInt(1 << 16) << 2);
            if (phase[v] == 0) {
                int r = rnd.nextInt(100);
                kind[v] = r < 30 ? 0 : r < 50 ? 1 : r < 75 ? 2 : r < 90 ? 3 : 4;
                e.type = TraceEventType.KVM_EXIT;
                e.exitKind = kind[v] == 0 ? ExitKind.IRQ : ExitKind.TRAP;
                e.ec = switch (kind[v]) {
                    case 0 -> 0;
                    case 1 -> ExceptionClasses.HVC64;
                    case 2 -> ExceptionClasses.DABT_LOW;
                    case 3 -> ExceptionClasses.WFX;
                    default -> ExceptionClasses.SYS64;
                };
                phase[v] = kind[v] == 1 || kind[v] == 2 || kind[v] == 3 ? 1 : 2;
                clock[v] += 1_000;
            } else if (phase[v] == 1) {
                switch (kind[v]) {
                    case 1 -> {
                        e.type = TraceEventType.KVM_HVC_ARM64;
                        e.a0 = 0x84000000L;
                        e.a1 = 0;
                    }
                    case 2 -> {
                        e.type = TraceEventType.KVM_MMIO;
                        e.ec = ExceptionClasses.DABT_LOW;
                        e.a0 = 0x0a000000L + (rnd.nextInt(64) << 9);
                        e.a1 = rnd.nextInt(256);
                        e.a2 = 4 | (rnd.nextBoolean() ? 1L << 32 : 0);
                    }
                    default -> {
                        e.type = TraceEventType.KVM_WFX_ARM64;
                        e.ec = ExceptionClasses.WFX;
                        e.a0 = 0;
                    }
                }
                e.pc = 0;
                phase[v] = 2;
                clock[v] += Math.max(1_000, handlingNs - 1_000);
            } else {
                e.type = TraceEventType.KVM_ENTRY;
                phase[v] = 0;
                long guest = (long) (-guestMeanNs * Math.log(1.0 - rnd.nextDouble()));
                clock[v] += Math.max(1_000, guest / 1_000 * 1_000);
            }
            if (e.type == TraceEventType.KVM_HVC_ARM64 || e.type == TraceEventType.KVM_WFX_ARM64) {
                e.pc = 0xffff800010000000L;
            }
            sink.accept(e);
        }
    }

    /** Writes exactly {@code events} events as ftrace text ({@code trace-cmd report} style) to {@code out}. */
    public void writeFtrace(long events, OutputStream out) throws IOException {
        FtraceTextWriter w = new FtraceTextWriter(out);
        IOException[] failure = new IOException[1];
        generate(events, e -> {
            if (failure[0] == null) {
                try {
                    w.write(e);
                } catch (IOException x) {
                    failure[0] = x;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        w.flush();
    }
}
