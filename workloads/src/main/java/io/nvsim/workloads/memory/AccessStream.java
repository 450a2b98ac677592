package io.nvsim.workloads.memory;

/**
 * A memory workload's access stream as a resumable step generator: each call performs the next step
 * (one access, one unmap, one flush, one guest switch) on a {@link MemorySystem}, whose
 * {@link MemorySystem#plan} then holds what it costs. Its position (round, page, touch) is kept in
 * fields, so a step allocates nothing and the engine can run each step's costs before asking for the next.
 */
interface AccessStream {
    /** Performs the next step on {@code memory}; false (and nothing done) when the stream is over. */
    boolean step(MemorySystem memory);
}
