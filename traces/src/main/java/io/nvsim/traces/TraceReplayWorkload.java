package io.nvsim.traces;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded host trace (a store written by {@code nvsim import-trace}) as a {@link Workload}:
 * every recorded exit is re-simulated on the machine as the guest operation that caused it
 * ({@link ReplayOperation}), the recorded time between exits kept as guest compute
 * ({@link TraceReplay} says exactly how). Each traced vCPU runs on the engine ({@link TraceEngineReplay}), reading
 * its records at its own pace ({@link VcpuFeeds}): memory bounded by the number of vCPUs, not the trace's length.
 *
 * <pre>{@code
 * Workload w = new TraceReplayWorkload(Path.of("out/trace.store"));
 * WorkloadResult r = w.run(MachineModel.create(NestingConfig.parse("nv-vhe"), params), params);
 * r.metric("normalized_time_vs_vm");
 * }</pre>
 *
 * Metrics: {@code replayed_exits} (exits re-simulated), {@code cycles_total} (guest compute plus
 * exit handling, all vCPUs), {@code normalized_time_vs_vm} (this machine's total over the
 * single-level VM's for the same exits), {@code normalized_time_vs_recorded} (over the recorded
 * time), {@code traps_per_exit}, {@code full_exits} (under {@code vm}: the recorded exit count),
 * {@code hidden_fast_path_traps}, exits by operation, and {@code recorded_events}. The breakdown
 * columns are cycles per replayed exit, guest compute included in {@code cycles_guest}.
 */
public final class TraceReplayWorkload implements Workload {
    private static final String DEFAULTS = "nvsim/trace-replay-defaults.yaml";
    private static final List<Parameter> PARAMETERS = load();

    private final Path store;

    public TraceReplayWorkload(Path store) {
        this.store = store;
    }

    /** The trace.* parameters with their defaults, units and provenance. */
    public static List<Parameter> defaultParameters() {
        return PARAMETERS;
    }

    /** {@code p} with every trace.* parameter it lacks added at its default. */
    public static ParameterSet addDefaults(ParameterSet p) {
        ParameterSet out = p;
        for (Parameter q : PARAMETERS) {
            if (!out.has(q.name())) {
                out = out.plus(List.of(q));
            }
        }
        return out;
    }

    private static List<Parameter> load() {
        return CostProfile.parametersResource(TraceReplayWorkload.class.getClassLoader(), DEFAULTS);
    }

    @Override
    public String name() {
        Path f = store.getFileName();
        return "trace:" + (f == null ? store.toString() : f.toString());
    }

    @Override
    public String description() {
        return "replay of the host trace store " + store;
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    /** No random input: the recorded trace is the input; hidden traps are accumulated, not drawn. */
    @Override
    public boolean randomInputs() {
        return false;
    }

    @Override
    public WorkloadResult simulate(MachineModel machine, ParameterSet parameters) {
        ParameterSet p = addDefaults(parameters);
        TraceReplay replay = new TraceReplay(machine, p);
        CycleLedger ledger;
        try (TraceStoreReader reader = TraceStoreReader.open(store)) {
            replay.registerAll(reader);
            if (replay.vcpuSlots() <= TraceEngineReplay.MAX_VCPUS) {
                TraceEngineReplay engine = new TraceEngineReplay(replay, reader, machine, p.flag("trace.segmented"));
                engine.run();
                ledger = engine.ledger();
            } else {
                replay = null;
                ledger = null;
            }
        }
        if (replay == null) { // too many vCPUs for a read per vCPU: the summed pass, the same figures
            replay = summed(machine, p);
            ledger = replay.ledger;
        }
        return result(machine, replay, ledger);
    }

    /** The summed pass: the store read once in recorded order, every exit charged at once (the reference for the engine). */
    TraceReplay summed(MachineModel machine, ParameterSet p) {
        TraceReplay replay = new TraceReplay(machine, p);
        try (TraceStoreReader reader = TraceStoreReader.open(store)) {
            replay.run(reader);
        }
        return replay;
    }

    /** The figures of the summed pass ({@link #summed}) as a result: what the engine's must equal. */
    WorkloadResult simulateSummed(MachineModel machine, ParameterSet parameters) {
        TraceReplay replay = summed(machine, addDefaults(parameters));
        return result(machine, replay, replay.ledger);
    }

    private WorkloadResult result(MachineModel machine, TraceReplay replay, CycleLedger ledger) {
        long exits = replay.exits;
        double perExit = Math.max(1, exits);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("replayed_exits", (double) exits);
        m.put("cycles_total", (double) replay.totalCycles());
        m.put("normalized_time_vs_vm", replay.vmCycles == 0 ? 1.0 : (double) replay.totalCycles() / replay.vmCycles);
        m.put("normalized_time_vs_recorded", replay.recordedCycles() == 0 ? 0.0 : (double) replay.totalCycles() / replay.recordedCycles());
        m.put("traps_per_exit", ledger.traps() / perExit);
        m.put("exit_cycles_per_exit", replay.exitCycles / perExit);
        m.put("full_exits", (double) ledger.fullExits());
        m.put("traps_total", (double) ledger.traps());
        m.put("fast_path_traps", (double) ledger.fastPathTraps());
        m.put("hidden_fast_path_traps", (double) replay.hiddenTraps);
        m.put("vncr_accesses", (double) ledger.vncrAccesses());
        m.put("guest_cycles", (double) replay.guestCycles);
        m.put("vm_cycles_total", (double) replay.vmCycles);
        m.put("recorded_cycles", (double) replay.recordedCycles());
        m.put("recorded_events", (double) replay.events);
        for (ReplayOperation op : ReplayOperation.values()) {
            m.put("exits_" + op.id(), (double) replay.exitsByOp[op.ordinal()]);
        }
        m.put("vcpus", (double) replay.vcpus());
        m.put("clamped_gaps", (double) replay.clampedGaps);
        double[] byClass = new double[EventClass.COUNT];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = ledger.cycles(i) / perExit;
        }
        return new WorkloadResult(name(), machine.config().name(), m, byClass, exits == 0 ? null : replay.exitLatency,
            replay.events + exits, replay.totalCycles(), ledger.traps());
    }
}
