package io.nvsim.workloads.memory;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.GuestCompute;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.kernel.NestedTopology;
import io.nvsim.kernel.VcpuThread;
import io.nvsim.kernel.Work;

/**
 * A memory workload as a configuration of the engine ({@link NestedEngine}): one L2 vCPU thread on one L1 vCPU
 * on one CPU (topology 1, 1, 1) whose work is the access stream, step by step. Each step's
 * {@link AccessPlan} runs piece by piece: the guest's cycles (TLB lookups, walks, its own page faults and
 * TLBIs) and L1's C code as compute that an interrupt preempts at once; L0's cycles beyond a program (shadow
 * map, shadow unmaps of an emulated TLBI, a recycled shadow context) as compute with interrupts masked; every
 * exit (stage-2 fault, shadow fault, L1's own fault in L0, TLB flushes) as its compiled program's segments,
 * where an interrupt is taken at the next boundary. When the last piece is done the next step is generated
 * ({@link EngineListener#workDone}). Every cycle and trap goes to the engine's ledger; nothing is allocated per step.
 */
final class MemoryRun implements EngineListener {
    private final MemorySystem memory;
    private final AccessStream stream;
    private final AccessPlan plan;
    private final NestedEngine engine;
    /** One compute work per event class, reused: preemptible for the guest and L1, masked for L0. */
    private final GuestCompute[] compute = new GuestCompute[EventClass.COUNT];
    private int next;

    /** Interrupts taken (for tests: {@link #raiseInterrupt}) and the cycle the last one was taken at. */
    long interruptsTaken;
    long lastInterruptTakenAt = -1;
    /** For tests: the operation whose first program to watch, that program and the cycle it started at (or -1). */
    GuestOperation watched;
    ProgramSegments watchedProgram;
    long watchedStart = -1;

    MemoryRun(MemorySystem memory, AccessStream stream, boolean segmented) {
        this.memory = memory;
        this.stream = stream;
        this.plan = memory.plan;
        engine = new NestedEngine(new NestedTopology(1, 1, 1), "fifo", 1, "fifo", 1, EventClass.COUNT, this)
            .oneEventPerSegment(segmented);
        for (EventClass c : EventClass.values()) {
            boolean l0 = c != EventClass.GUEST && c != EventClass.L1_EXECUTION;
            compute[c.ordinal()] = new GuestCompute(c.ordinal(), true, l0);
        }
    }

    /** Raises an interrupt for the vCPU at cycle {@code at} (before {@link #run}); it runs no work of its own. */
    void raiseInterrupt(long at) {
        engine.raiseInterrupt(0, at);
    }

    /** Runs the whole stream. */
    MemoryRun run() {
        submitNext();
        engine.run();
        return this;
    }

    CycleLedger ledger() {
        return engine.ledger();
    }

    /** Cycles the run took (one vCPU that never idles: its ledger's cycles). */
    long now() {
        return engine.simulator().now();
    }

    @Override
    public void workDone(VcpuThread thread, long now) {
        submitNext();
    }

    @Override
    public void interruptTaken(VcpuThread thread, long raisedAt, long takenAt) {
        interruptsTaken++;
        lastInterruptTakenAt = takenAt;
    }

    /** Submits the next piece of the current step, generating steps until one costs something; nothing when the stream ends. */
    private void submitNext() {
        while (next == plan.size()) {
            plan.clear();
            next = 0;
            if (!stream.step(memory)) {
                return;
            }
        }
        int i = next++;
        ProgramSegments p = plan.programOf(i);
        Work w;
        if (p != null) {
            if (watchedStart < 0 && p.program().operation() == watched) {
                watchedStart = engine.simulator().now();
                watchedProgram = p;
            }
            w = p;
        } else {
            w = compute[plan.classOf(i)].cycles(plan.cyclesOf(i));
        }
        engine.submit(0, w, 1);
    }
}
