package io.nvsim.workloads.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.workloads.ScenarioParameters;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The point of running the memory workloads on the engine: an interrupt raised while a stage-2 fault's program
 * runs (page_fault_storm's first forwarded fault under nv-nonvhe) is taken at the program's next boundary when it
 * is cut at its boundaries, and only at its end when it is summed; the figures do not change either way.
 */
class MemoryRunTest {
    private static final ParameterSet P = Overrides.applyAssignments(ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400")),
        List.of("working_set=256k", "page_fault_storm.rounds=1"));
    private static final MachineModel NV = MachineModel.create(NestingConfig.parse("nv-nonvhe"), P);

    private static MemoryRun run(boolean segmented) {
        PageFaultStorm w = new PageFaultStorm();
        MemoryLayout layout = MemoryLayout.of(P);
        MemorySystem m = new MemorySystem(NV, P, layout, segmented);
        MemoryRun r = new MemoryRun(m, w.stream(m, layout, P, new SplittableRandom(1)), segmented);
        r.watched = GuestOperation.STAGE2_FAULT;
        return r;
    }

    private static void sameFigures(MemoryRun a, MemoryRun b, String what) {
        CycleLedger.Snapshot x = a.ledger().snapshot();
        CycleLedger.Snapshot y = b.ledger().snapshot();
        assertArrayEquals(x.cyclesByClass(), y.cyclesByClass(), what);
        assertEquals(x.traps(), y.traps(), what);
        assertEquals(x.fullExits(), y.fullExits(), what);
        assertEquals(x.counters(), y.counters(), what);
        assertEquals(a.now(), b.now(), what);
    }

    @Test
    void anInterruptDuringAStage2FaultShouldBeTakenAtItsNextBoundary() {
        MemoryRun quiet = run(true).run();
        ProgramSegments fault = quiet.watchedProgram;
        assertNotNull(fault, "page_fault_storm takes a forwarded stage-2 fault");
        long start = quiet.watchedStart;
        assertTrue(fault.segmentCount() > 10, "nv-nonvhe's forwarded fault traps many times: " + fault.segmentCount());
        int k = fault.segmentCount() / 2;
        while (fault.segmentCycles(k) < 2) {
            k++;
        }
        long offset = fault.startOf(k) + 1; // one cycle into a segment in the middle of the exit
        long expected = start + fault.nextBoundary(offset);
        assertTrue(expected < start + fault.program().totalCycles(), "the boundary lies inside the program");

        MemoryRun segmented = run(true);
        segmented.raiseInterrupt(start + offset);
        segmented.run();
        assertEquals(1, segmented.interruptsTaken);
        assertEquals(start, segmented.watchedStart, "the same stream up to the fault");
        assertEquals(expected, segmented.lastInterruptTakenAt, "taken at the next boundary, " + (expected - start - offset) + " cycles later");
        sameFigures(quiet, segmented, "an interrupt with no work of its own changes no figure");

        MemoryRun summed = run(false);
        summed.raiseInterrupt(start + offset);
        summed.run();
        assertEquals(start + fault.program().totalCycles(), summed.lastInterruptTakenAt, "summed: at the end of the exit");
        sameFigures(quiet, summed, "summed or segmented, the same figures");
        assertEquals(quiet.now(), quiet.ledger().totalCycles(), "one vCPU that never idles: its time is its cycles");
    }
}
