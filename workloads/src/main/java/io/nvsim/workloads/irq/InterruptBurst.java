package io.nvsim.workloads.irq;

import io.nvsim.kernel.LatencyRecorder;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.ListRegisterState;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.kernel.InputException;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.kernel.NestedTopology;
import io.nvsim.kernel.VcpuThread;
import io.nvsim.workloads.BaselineMetric;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code interrupt_burst}: {@code interrupt_burst.pending} virtual interrupts reach L2 at once (L1
 * takes one interrupt of its own while L2 runs and queues them all for L2), through
 * {@code gic.list_registers} list registers. The exits follow from the vCPU's LR file ({@link ListRegisterFile},
 * whose dynamics {@link BurstPlan}'s closed form checks):
 * the delivery, then underflow maintenance interrupts (edge) or one EOI maintenance interrupt per
 * interrupt (level, {@code interrupt_burst.level=1}); each is a compiled program whose vGIC rows
 * depend on the live and pending LRs. Between exits L2 takes and completes its interrupts through
 * the virtual CPU interface without trapping. Bursts run back to back on one vCPU on the engine
 * ({@link io.nvsim.kernel.NestedEngine}), segment by segment, and the figures come from its ledger.
 *
 * <p>Metrics: {@code cycles_per_interrupt} (headline: the burst's time over P),
 * {@code maintenance_interrupts_per_burst}, {@code traps_per_interrupt}, {@code cycles_per_burst},
 * {@code maintenance_cycles_per_burst}, {@code traps_per_burst}, {@code penalty_vs_vm} (the same
 * burst on the single-level machine), {@code bursts}.
 */
public final class InterruptBurst implements Workload {
    private static final String NAME = "interrupt_burst";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "interrupts: P virtual interrupts delivered at once through gic.list_registers LRs (underflow / EOI maintenance)";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
            own("pending", "count", 16, "virtual interrupts delivered to L2 at once (1..4096)"),
            own("level", "bool", 0, "0: edge-triggered (underflow maintenance only); 1: level-triggered, the LR EOI bit set "
                + "(vgic_v2/v3_populate_lr: level && !HW): an EOI maintenance interrupt per interrupt"),
            own("bursts", "count", 100, "bursts simulated (deterministic: every burst costs the same)"),
            own("handler_cycles", "cycles", 1000, "[A] L2's handler work per interrupt besides acknowledging and completing it"),
            own("gap_cycles", "cycles", 100000, "L2 compute between bursts"));
    }

    private static Parameter own(String name, String unit, double value, String provenance) {
        return new Parameter(NAME + "." + name, unit, value, provenance + " (workload parameter)", NAME, false);
    }

    /** No random input: every burst is the same sequence of exits. */
    @Override
    public boolean randomInputs() {
        return false;
    }

    @Override
    public List<BaselineMetric> baselineMetrics() {
        return List.of(BaselineMetric.ratio("penalty_vs_vm", "cycles_per_burst", "traps_per_burst"));
    }

    @Override
    public WorkloadResult simulate(MachineModel machine, ParameterSet parameters) {
        long pending = parameters.count(NAME + ".pending");
        if (pending < 1 || pending > 4096) {
            throw new InputException(NAME + ".pending=" + pending + " is out of range; valid: 1..4096");
        }
        long level = parameters.count(NAME + ".level");
        if (level != 0 && level != 1) {
            throw new InputException(NAME + ".level=" + level + " is not a switch; valid: 0 (edge), 1 (level)");
        }
        long bursts = parameters.count(NAME + ".bursts");
        if (bursts < 1 || bursts > 10_000_000) {
            throw new InputException(NAME + ".bursts=" + bursts + " is out of range; valid: 1..10000000");
        }
        long handler = parameters.cycles(NAME + ".handler_cycles");
        long gap = parameters.cycles(NAME + ".gap_cycles");
        if (handler < 0 || gap < 0) {
            throw new InputException(NAME + ".handler_cycles and " + NAME + ".gap_cycles must be >= 0");
        }
        ListRegisterFile lrs = new ListRegisterFile(machine.cost().listRegisters, level == 1);
        List<BurstPlan.Exit> exits = burstExits(lrs, (int) pending);
        BurstCosts nested = new BurstCosts(machine, exits, handler);
        Run run = new Run(nested, bursts, gap);
        run.simulate();
        double perBurst = (double) run.cyclesPerBurst();
        long trapsPerBurst = run.engine.ledger().traps() / run.completed;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cycles_per_interrupt", perBurst / pending);
        metrics.put("maintenance_interrupts_per_burst", (double) lrs.maintenanceInterrupts());
        metrics.put("traps_per_interrupt", (double) trapsPerBurst / pending);
        metrics.put("cycles_per_burst", perBurst);
        metrics.put("maintenance_cycles_per_burst", (double) nested.maintenanceCycles);
        metrics.put("traps_per_burst", (double) trapsPerBurst);
        metrics.put("bursts", (double) run.completed);
        double[] byClass = new double[EventClass.COUNT];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = (double) run.perBurst(i) / pending;
        }
        return new WorkloadResult(NAME, machine.config().name(), metrics, byClass, run.latency,
            run.engine.simulator().eventsProcessed(), run.engine.simulator().now(), run.engine.ledger().traps());
    }

    /**
     * The exits of one burst of {@code pending} interrupts as the vCPU's LR file produces them: the
     * delivery, then every maintenance interrupt the LR state raises until the guest has completed them all.
     */
    static List<BurstPlan.Exit> burstExits(ListRegisterFile lrs, int pending) {
        List<BurstPlan.Exit> exits = new ArrayList<>();
        lrs.inject(pending);
        ListRegisterState state = lrs.exitAndReenter(pending);
        GuestOperation op = GuestOperation.IRQ_RECEIVE;
        while (op != null) {
            exits.add(new BurstPlan.Exit(op, state, lrs.guestRuns()));
            op = lrs.pendingExit();
            if (op != null) {
                state = lrs.exitAndReenter(0);
            }
        }
        return exits;
    }

    /**
     * The compiled programs of one burst's exits and the guest's work after each; their sum is the closed form
     * of one burst, used for the {@code vm} baseline (the nested figures come from the engine's ledger).
     */
    static final class BurstCosts {
        final Program[] programs;
        final long[] guestAfter;
        long cycles;
        long maintenanceCycles;

        BurstCosts(MachineModel machine, List<BurstPlan.Exit> exits, long handler) {
            programs = new Program[exits.size()];
            guestAfter = new long[exits.size()];
            long take = machine.cost().trapEntry + machine.cost().gicCpuifAccess; // exception entry + IAR
            long complete = handler + machine.cost().gicCpuifAccess;              // handler + EOIR
            for (int i = 0; i < exits.size(); i++) {
                BurstPlan.Exit e = exits.get(i);
                programs[i] = machine.program(e.operation(), e.lrs());
                int takenInProgram = e.lrs().liveAtEntry() > 0 && e.handledAfter() > 0 ? 1 : 0;
                guestAfter[i] = e.handledAfter() * complete + (e.handledAfter() - takenInProgram) * take;
                cycles += programs[i].totalCycles() + guestAfter[i];
                if (i > 0) {
                    maintenanceCycles += programs[i].totalCycles();
                }
            }
        }
    }

    /**
     * Bursts back to back on one L2 vCPU on the engine (one L1 vCPU, one physical CPU): each burst is a
     * {@link BurstWork} run segment by segment, charged to the engine's ledger; the latency of a burst runs
     * from its first exit to the end of the guest's work on its last interrupts.
     */
    private static final class Run implements EngineListener {
        final LatencyRecorder latency = new LatencyRecorder();
        final NestedEngine engine;
        final BurstWork work;
        final long bursts;
        long lastEnd;
        long completed;

        Run(BurstCosts costs, long bursts, long gap) {
            this.work = BurstWork.of(costs, gap);
            this.bursts = bursts;
            engine = new NestedEngine(new NestedTopology(1, 1, 1), "fifo", 1, "fifo", 1, EventClass.COUNT, this);
        }

        void simulate() {
            engine.submit(0, work, bursts);
            engine.run();
        }

        @Override
        public void operationDone(VcpuThread thread, long now) {
            latency.record(now - (lastEnd + work.gap()));
            lastEnd = now;
            completed++;
        }

        /** Cycles of one burst by class (the gap excluded), from the ledger. */
        long perBurst(int eventClass) {
            long c = engine.ledger().cycles(eventClass);
            if (eventClass == EventClass.GUEST.ordinal()) {
                c -= work.gap() * completed;
            }
            return c / completed;
        }

        /** Cycles of one burst (the gap excluded), from the ledger. */
        long cyclesPerBurst() {
            return (engine.ledger().totalCycles() - work.gap() * completed) / completed;
        }
    }
}
