package io.nvsim.cpu.rules;

/** What happens when an instruction executes in a given context. */
public enum Outcome {
    /** Runs in hardware with no exception. */
    NATIVE,
    /** FEAT_NV2: becomes a load or store to the VNCR page. */
    MEMORY,
    /** FEAT_NV2: redirected to the EL1 register of the same name (no exception). */
    REDIRECT,
    /** Takes an exception to L0 (EL2). */
    TRAP
}
