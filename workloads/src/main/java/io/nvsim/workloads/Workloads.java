package io.nvsim.workloads;

import io.nvsim.kernel.InputException;
import io.nvsim.workloads.mix.MixSpec;
import io.nvsim.workloads.mix.MixWorkload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The workloads nvsim knows, by name: the microbenchmarks and the built-in application mixes. Add a workload by adding it to {@link #ALL}. */
public final class Workloads {
    private static final List<Workload> ALL;

    static {
        List<Workload> list = new ArrayList<>();
        for (Microbenchmark m : Microbenchmark.values()) {
            list.add(new MicrobenchmarkWorkload(m));
        }
        list.add(new io.nvsim.workloads.memory.MemoryTouch());
        list.add(new io.nvsim.workloads.memory.PageFaultStorm());
        list.add(new io.nvsim.workloads.memory.TlbiStorm());
        list.add(new io.nvsim.workloads.irq.InterruptBurst());
        list.add(new io.nvsim.workloads.idle.IpiRing());
        list.add(new io.nvsim.workloads.idle.IdleGuest());
        for (String mix : MixWorkload.BUILT_IN) {
            list.add(new MixWorkload(MixSpec.builtIn(mix)));
        }
        ALL = Collections.unmodifiableList(list);
    }

    private Workloads() {
    }

    public static List<Workload> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    /**
     * Whether the built-in workload {@code name} declares no random input ({@link Workload#randomInputs()}):
     * its figures are the same for every seed. False for unknown names and mix files (assumed random).
     */
    public static boolean deterministic(String name) {
        for (Workload w : ALL) {
            if (w.name().equals(name)) {
                return !w.randomInputs();
            }
        }
        return false;
    }

    /** The workload called {@code name}, or a mix YAML file ({@code *.yaml}); an {@link InputException} listing the valid names otherwise. */
    public static Workload get(String name) {
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return new MixWorkload(MixSpec.fromFile(java.nio.file.Path.of(name)));
        }
        for (Workload w : ALL) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw new InputException("unknown workload '" + name + "'; valid workloads: " + String.join(", ", names())
            + ", or a mix file NAME.yaml");
    }
}
