package io.nvsim.traces;

/**
 * Why the guest left, as {@code kvm_exit} prints it (the {@code ARM_EXCEPTION_*} code of
 * {@code kvm_arm_exception_type}): an exception ({@link #TRAP}, whose EC says which), a physical
 * interrupt ({@link #IRQ}), an SError, or a kind this tool does not know.
 */
public enum ExitKind {
    /** Not an exit (or an exit of an old kernel that printed no kind). */
    NONE,
    IRQ,
    SERROR,
    TRAP,
    /** ARM_EXCEPTION_IL: an illegal exception return. */
    IL,
    /** ARM_EXCEPTION_HYP_GONE and any other kind. */
    OTHER;

    private static final ExitKind[] VALUES = values();

    /** The kind whose ordinal is {@code ordinal}, or null when out of range. */
    public static ExitKind ofOrdinal(int ordinal) {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : null;
    }

    /** The kind named by {@code bytes[from, to)} (no allocation); {@link #OTHER} for an unknown word. */
    static ExitKind match(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 3 && b[from] == 'I' && b[from + 1] == 'R' && b[from + 2] == 'Q') {
            return IRQ;
        }
        if (len == 4 && b[from] == 'T' && b[from + 1] == 'R' && b[from + 2] == 'A' && b[from + 3] == 'P') {
            return TRAP;
        }
        if (len == 6 && b[from] == 'S' && b[from + 1] == 'E' && b[from + 2] == 'R' && b[from + 3] == 'R') {
            return SERROR;
        }
        if (len == 2 && b[from] == 'I' && b[from + 1] == 'L') {
            return IL;
        }
        return OTHER;
    }
}
