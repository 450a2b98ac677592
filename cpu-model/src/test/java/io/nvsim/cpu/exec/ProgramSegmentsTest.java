package io.nvsim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.InputException;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.kernel.NestedTopology;
import io.nvsim.kernel.VcpuThread;
import io.nvsim.kernel.Work;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Programs cut at L0's interrupt boundaries: the same totals, and interrupts taken inside a nested exit. */
class ProgramSegmentsTest {
    private static final ParameterSet BASE = CostProfile.builtIn("xgene-m400").parameters();
    private static final List<String> CONFIGS = List.of("vm", "pv-nonvhe", "pv-vhe", "nv-nonvhe", "nv-vhe", "nv2-nonvhe",
        "nv2-vhe", "pv-xen", "nv-xen", "nv2-xen");

    @Test
    void segmentsShouldChargeExactlyTheProgramForEveryOperationAndConfiguration() {
        int checked = 0;
        for (String name : CONFIGS) {
            NestingConfig config = NestingConfig.parse(name);
            MachineModel machine = MachineModel.create(config, BASE);
            for (GuestOperation op : GuestOperation.values()) {
                if (!op.occursIn(config.mode())) {
                    continue;
                }
                Program p;
                try {
                    p = machine.program(op);
                } catch (InputException notModelled) { // e.g. Xen's timer wake-up: no path data
                    continue;
                }
                ProgramSegments s = ProgramSegments.of(p);
                CycleLedger ledger = new CycleLedger(EventClass.COUNT);
                long sum = 0;
                long firstKickEnd = -1;
                for (int i = 0; i < s.segmentCount(); i++) {
                    assertEquals(sum, s.startOf(i), name + " " + op);
                    sum += s.segmentCycles(i);
                    if (s.kickAfter(i) && firstKickEnd < 0) {
                        firstKickEnd = sum;
                    }
                    s.charge(i, ledger);
                }
                String where = name + " " + op;
                assertEquals(p.totalCycles(), sum, where);
                assertTrue(s.boundaryAfter(s.segmentCount() - 1), where);
                assertEquals(p.kickOffset(), firstKickEnd, where + ": the kick marker sits at the program's kick offset");
                for (EventClass c : EventClass.values()) {
                    assertEquals(p.cycles(c), ledger.cycles(c.ordinal()), where + " " + c);
                }
                assertEquals(p.traps(), ledger.traps(), where);
                assertEquals(p.fullExits(), ledger.fullExits(), where);
                assertEquals(p.fastPathTraps(), ledger.fastPathTraps(), where);
                assertEquals(p.vncrAccesses(), ledger.vncrAccesses(), where);
                rangesShouldChargeAsTheirSegments(s, where);
                checked++;
            }
        }
        assertTrue(checked > 100, "only " + checked + " programs checked");
    }

    /** Every run end and a spread of ranges: charged at once from prefix sums, the same as segment by segment. */
    private static void rangesShouldChargeAsTheirSegments(ProgramSegments s, String where) {
        int n = s.segmentCount();
        for (int from = 0; from < n; from += 1 + from / 3) {
            int end = s.runEnd(from);
            assertTrue(end >= from && (s.kickAfter(end) || end == n - 1), where + " run end " + end);
            for (int k = from; k < end; k++) {
                assertFalse(s.kickAfter(k), where + ": a run stops at its first kick");
            }
            for (int to : new int[] {from, end, n - 1, (from + n - 1) / 2}) {
                CycleLedger each = new CycleLedger(EventClass.COUNT);
                CycleLedger range = new CycleLedger(EventClass.COUNT);
                long cycles = 0;
                for (int i = from; i <= to; i++) {
                    s.charge(i, each);
                    cycles += s.segmentCycles(i);
                }
                s.chargeRange(from, to, range);
                String at = where + " " + from + ".." + to;
                assertEquals(cycles, s.runCycles(from, to), at);
                assertEquals(each.snapshot().totalCycles(), range.snapshot().totalCycles(), at);
                for (int c = 0; c < EventClass.COUNT; c++) {
                    assertEquals(each.cycles(c), range.cycles(c), at);
                }
                assertEquals(each.traps(), range.traps(), at);
                assertEquals(each.fullExits(), range.fullExits(), at);
                assertEquals(each.fastPathTraps(), range.fastPathTraps(), at);
                assertEquals(each.vncrAccesses(), range.vncrAccesses(), at);
                assertEquals(each.counters(), range.counters(), at + ": traps by kind");
            }
        }
    }

    @Test
    void aNestedHypercallShouldHaveABoundaryAtEveryTrapAndReturn() {
        Program p = MachineModel.create(NestingConfig.parse("nv-vhe"), BASE).program(GuestOperation.HYPERCALL);
        ProgramSegments s = ProgramSegments.of(p);
        int boundaries = 0;
        for (int i = 0; i < s.segmentCount(); i++) {
            boundaries += s.boundaryAfter(i) ? 1 : 0;
        }
        // each of the 83 traps enters L0 and returns with L0's world switch in: two boundaries per trap at most
        assertTrue(boundaries >= p.traps() && boundaries <= 2 * p.traps() + 1, boundaries + " boundaries for " + p.traps() + " traps");
    }

    /** The whole program as one block, as the workloads charge it today. */
    private static Work wholeBlock(Program p) {
        ProgramSegments s = ProgramSegments.of(p);
        return new Work() {
            @Override
            public int segmentCount() {
                return 1;
            }

            @Override
            public long segmentCycles(int i) {
                return p.totalCycles();
            }

            @Override
            public boolean boundaryAfter(int i) {
                return true;
            }

            @Override
            public void charge(int i, CycleLedger ledger) {
                for (int k = 0; k < s.segmentCount(); k++) {
                    s.charge(k, ledger);
                }
            }
        };
    }

    private static long latency(Work work, long arrival) {
        long[] taken = {-1};
        NestedEngine engine = new NestedEngine(new NestedTopology(1, 1, 1), "fifo", 1, "fifo", 1, EventClass.COUNT,
            new EngineListener() {
                @Override
                public void interruptTaken(VcpuThread t, long raisedAt, long takenAt) {
                    taken[0] = takenAt - raisedAt;
                }
            });
        engine.submit(0, work, 1);
        engine.raiseInterrupt(0, arrival);
        engine.run();
        return taken[0];
    }

    @Test
    void anInterruptForL2DuringL1sWorldSwitchShouldBeTakenAtTheNextBoundary() {
        Program p = MachineModel.create(NestingConfig.parse("nv-vhe"), BASE).program(GuestOperation.HYPERCALL);
        ProgramSegments s = ProgramSegments.of(p);
        // find L1's world switch: the guest hypervisor saving L2's system registers (sysreg-sr.c __sysreg_save_state)
        long at = 0;
        long arrival = -1;
        for (Step step : p.steps()) {
            if (arrival < 0 && step.depth() == 0 && step.actor().startsWith("L1") && step.function().contains("__sysreg_save_state")) {
                arrival = at + 1; // one cycle into that step
            }
            at += step.total();
        }
        assertTrue(arrival > 0, "no world-switch step of L1 in the nested hypercall");
        long segmented = latency(s, arrival);
        long block = latency(wholeBlock(p), arrival);
        assertEquals(s.nextBoundary(arrival) - arrival, segmented, "taken at the next boundary");
        assertEquals(p.totalCycles() - arrival, block, "the block: taken only after the whole exit");
        assertTrue(segmented < block, segmented + " vs " + block);
        assertTrue(segmented < 5_000, "within one trap's handling: " + segmented);
    }

    private static long overcommittedLatency(String scheduler, Program p) {
        long[] taken = {-1};
        NestedEngine engine = new NestedEngine(new NestedTopology(1, 2, 4), scheduler, 100_000, scheduler, 100_000,
            EventClass.COUNT, new EngineListener() {
                @Override
                public void interruptTaken(VcpuThread t, long raisedAt, long takenAt) {
                    taken[0] = takenAt - raisedAt;
                }
            });
        ProgramSegments s = ProgramSegments.of(p);
        for (int j = 0; j < 4; j++) {
            engine.submit(j, s, 20);
        }
        engine.raiseInterrupt(3, 1_000);
        engine.run();
        assertEquals(80 * p.totalCycles(), engine.ledger().totalCycles());
        assertEquals(80L * p.traps(), engine.ledger().traps());
        return taken[0];
    }

    @Test
    void fourL2VcpusOnTwoL1VcpusOnOneCpuShouldWaitLessForTheirInterruptsUnderFair() {
        Program p = MachineModel.create(NestingConfig.parse("nv-vhe"), BASE).program(GuestOperation.HYPERCALL);
        long fifo = overcommittedLatency("fifo", p);
        long fair = overcommittedLatency("fair", p);
        // FIFO: L1 vCPU 0 runs L2 vCPUs 0 and 2 to completion, then L1 vCPU 1 runs L2 vCPU 1, then 3 takes it
        assertEquals(60 * p.totalCycles() - 1_000, fifo);
        // fair: 100,000-cycle slices cut at boundaries; L2 vCPU 3 is the fourth to run, after three slices
        assertTrue(fair < 4 * 100_000, "fair latency " + fair);
        assertTrue(fair * 10 < fifo, fair + " vs " + fifo); // 304,643 vs 16,532,120 cycles on xgene-m400
    }

    @Test
    void theEngineAndTheSummedFastPathShouldGiveTheSameFiguresWithoutInterruptsOrContention() {
        for (String name : List.of("vm", "nv-nonvhe", "nv-vhe", "nv2-vhe")) {
            MachineModel machine = MachineModel.create(NestingConfig.parse(name), BASE);
            for (GuestOperation op : new GuestOperation[] {GuestOperation.HYPERCALL, GuestOperation.SGI_SEND,
                GuestOperation.IRQ_RECEIVE, GuestOperation.WFI_BLOCK}) {
                Program p = machine.program(op);
                NestedEngine engine = new NestedEngine(new NestedTopology(1, 1, 1), "fair", 1_000, "fair", 1_000,
                    EventClass.COUNT, EngineListener.NONE);
                engine.submit(0, ProgramSegments.of(p), 7);
                engine.run();
                CycleLedger summed = new CycleLedger(EventClass.COUNT);
                for (int k = 0; k < 7; k++) {
                    ProgramSegments.chargeWhole(p, summed);
                }
                String where = name + " " + op;
                assertEquals(7 * p.totalCycles(), engine.simulator().now(), where);
                CycleLedger.Snapshot a = engine.ledger().snapshot();
                CycleLedger.Snapshot b = summed.snapshot();
                assertEquals(java.util.Arrays.toString(b.cyclesByClass()), java.util.Arrays.toString(a.cyclesByClass()), where);
                assertEquals(b.traps(), a.traps(), where);
                assertEquals(b.fullExits(), a.fullExits(), where);
                assertEquals(b.fastPathTraps(), a.fastPathTraps(), where);
                assertEquals(b.vncrAccesses(), a.vncrAccesses(), where);
                assertEquals(7, a.operations(), where);
            }
        }
    }

    @Test
    void anSgiFromOneL2VcpuShouldInterruptAnotherInTheMiddleOfItsNestedExit() {
        MachineModel machine = MachineModel.create(NestingConfig.parse("nv-vhe"), BASE);
        Program send = machine.program(GuestOperation.SGI_SEND);
        ProgramSegments hypercall = ProgramSegments.of(machine.program(GuestOperation.HYPERCALL));
        long wire = machine.cost().ipiLatency;
        long[] kickAt = {-1};
        long[] taken = {-1, -1};
        NestedEngine[] engine = new NestedEngine[1];
        // L2 vCPU 0 on L1 vCPU 0 on CPU 0 sends; L2 vCPU 1 on L1 vCPU 1 on CPU 1 runs nested hypercalls
        engine[0] = new NestedEngine(new NestedTopology(2, 2, 2), "fifo", 1, "fifo", 1, EventClass.COUNT, new EngineListener() {
            @Override
            public void kicked(VcpuThread t, long now) {
                kickAt[0] = now;
                engine[0].raiseInterrupt(1, now + wire);
            }

            @Override
            public void interruptTaken(VcpuThread t, long raisedAt, long takenAt) {
                taken[0] = raisedAt;
                taken[1] = takenAt;
            }
        });
        engine[0].submit(0, ProgramSegments.of(send), 1);
        engine[0].submit(1, hypercall, 2);
        engine[0].run();
        assertEquals(send.kickOffset(), kickAt[0], "the kick leaves at the program's kick offset");
        assertEquals(send.kickOffset() + wire, taken[0]);
        long offset = taken[0] % hypercall.program().totalCycles();
        assertEquals(hypercall.nextBoundary(offset) - offset, taken[1] - taken[0], "taken at the receiver's next boundary");
        assertTrue(taken[1] < hypercall.program().totalCycles(), "inside the receiver's first hypercall: " + taken[1]);
    }
}
