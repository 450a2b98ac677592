package io.nvsim.workloads.memory;

import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;

/**
 * What one step of a memory workload (an access, an unmap, a flush, a guest switch) costs, in the order
 * it happens: runs of cycles of one event class (the guest's TLB lookups and walks, L0's shadow map, L1's
 * unmap code) and the compiled programs of its exits (stage-2 fault, shadow fault, TLBI emulation). The
 * {@link MemorySystem} fills it; {@link MemoryRun} runs it on the engine piece by piece, or
 * {@link #chargeTo} charges it at once. Consecutive cycles of one class are one piece. Reused from step
 * to step: it grows only past its high-water mark, so a step allocates nothing.
 */
final class AccessPlan {
    private int[] eventClass = new int[8];
    private long[] cycles = new long[8];
    private ProgramSegments[] program = new ProgramSegments[8];
    private int size;

    /** Forgets the last step's pieces. */
    void clear() {
        for (int i = 0; i < size; i++) {
            program[i] = null;
        }
        size = 0;
    }

    /** Adds {@code c} cycles of {@code cls} (nothing if {@code c} is 0; joined to a last piece of the same class). */
    void cycles(int cls, long c) {
        if (c == 0) {
            return;
        }
        if (size > 0 && program[size - 1] == null && eventClass[size - 1] == cls) {
            cycles[size - 1] += c;
            return;
        }
        int i = grow();
        eventClass[i] = cls;
        cycles[i] = c;
    }

    /** Adds one run of the compiled program {@code p}. */
    void program(ProgramSegments p) {
        int i = grow();
        eventClass[i] = -1;
        cycles[i] = 0;
        program[i] = p;
    }

    private int grow() {
        if (size == cycles.length) {
            int n = size * 2;
            eventClass = java.util.Arrays.copyOf(eventClass, n);
            cycles = java.util.Arrays.copyOf(cycles, n);
            program = java.util.Arrays.copyOf(program, n);
        }
        return size++;
    }

    /** Pieces of the step. */
    int size() {
        return size;
    }

    /** The program of piece {@code i}, or null if it is cycles of one class. */
    ProgramSegments programOf(int i) {
        return program[i];
    }

    /** The event class of piece {@code i} (cycles pieces only). */
    int classOf(int i) {
        return eventClass[i];
    }

    /** The cycles of piece {@code i} (cycles pieces only). */
    long cyclesOf(int i) {
        return cycles[i];
    }

    /** Charges the whole step to {@code ledger} at once (each program whole): what the engine charges piece by piece. */
    void chargeTo(CycleLedger ledger) {
        for (int i = 0; i < size; i++) {
            if (program[i] != null) {
                ProgramSegments.chargeWhole(program[i].program(), ledger);
            } else {
                ledger.charge(eventClass[i], cycles[i]);
            }
        }
    }
}
