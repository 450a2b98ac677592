package io.nvsim.cpu.path;

import java.util.Map;

/**
 * Where an ERET row of a path file returns to, from the checked vocabulary of its register column: into the guest (L2),
 * to a split-mode hypervisor's kernel at (v)EL1, or within the same exception level (a kernel's own exception return,
 * Xen's idle loop). Whether it leaves the guest hypervisor's hyp context follows from it.
 */
public enum EretTarget {
    /** Into the guest: the nested entry. */
    L2,
    /** From hyp code to its split-mode kernel at EL1 (vEL2 to vEL1 nested). */
    KERNEL_EL1,
    /** An exception return within one level (vEL2 to vEL2 nested). */
    SAME_LEVEL;

    /** The register-column texts of ERET rows, as the path files write them. */
    private static final Map<String, EretTarget> TEXTS = Map.of(
        "to L2", L2,
        "to host EL1", KERNEL_EL1,
        "ERET to L1 host EL1", KERNEL_EL1,
        "ERET (EL1 to EL1)", SAME_LEVEL,
        "to Xen idle loop (EL2)", SAME_LEVEL);

    /** The target an ERET row's text names, or null if the text is not in the vocabulary. */
    public static EretTarget parse(String text) {
        return TEXTS.get(text);
    }

    /** The accepted texts, for error messages. */
    public static String vocabulary() {
        return String.join(", ", new java.util.TreeSet<>(TEXTS.keySet()));
    }

    /** Whether it leaves the guest hypervisor's hyp context (upstream: a put/load, never a fast path). */
    public boolean leavesHypContext() {
        return this != SAME_LEVEL;
    }
}
