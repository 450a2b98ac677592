package io.nvsim.cpu.rules;

/**
 * The trap rules' answer for one instruction: the outcome, and for a trap its exception class
 * (ESR_EL2.EC), the rule that caused it, and whether the trap is architectural (FEAT_NV) — the
 * kind a paravirtualized L1 replaces by an HVC — or configured by L0 (TVM, TACR, TDA, ...).
 *
 * @param fastPath the upstream L0 exit handler that resolves it in EL2 without a full exit, or {@link FastPath#NONE}
 */
public record Verdict(Outcome outcome, int exceptionClass, String reason, boolean architectural, FastPath fastPath) {

    public static final int EC_WFX = 0x01;
    public static final int EC_HVC64 = 0x16;
    public static final int EC_SMC64 = 0x17;
    public static final int EC_SYS64 = 0x18;
    public static final int EC_ERET = 0x1A;
    public static final int EC_DABT_LOW = 0x24;
    /** Not a synchronous exception: a physical interrupt. */
    public static final int EC_IRQ = -1;

    public static Verdict nativeAccess() {
        return new Verdict(Outcome.NATIVE, 0, "", false, FastPath.NONE);
    }

    public static Verdict memory(String reason) {
        return new Verdict(Outcome.MEMORY, 0, reason, false, FastPath.NONE);
    }

    public static Verdict redirect(String reason) {
        return new Verdict(Outcome.REDIRECT, 0, reason, false, FastPath.NONE);
    }

    public static Verdict trap(int ec, String reason, boolean architectural) {
        return new Verdict(Outcome.TRAP, ec, reason, architectural, FastPath.NONE);
    }

    public boolean traps() {
        return outcome == Outcome.TRAP;
    }

    /** A copy marked as resolvable on an upstream L0 fast path: its exit handler. */
    public Verdict withFastPath(FastPath handler) {
        return new Verdict(outcome, exceptionClass, reason, architectural, handler);
    }

    /** Whether an upstream L0 can resolve it in EL2 without a full exit. */
    public boolean fastPathEligible() {
        return fastPath != FastPath.NONE;
    }

    /** "SYS64", "HVC64", ... */
    public static String ecName(int ec) {
        switch (ec) {
            case EC_WFX: return "WFx";
            case EC_HVC64: return "HVC64";
            case EC_SMC64: return "SMC64";
            case EC_SYS64: return "SYS64";
            case EC_ERET: return "ERET";
            case EC_DABT_LOW: return "DABT_LOW";
            case EC_IRQ: return "IRQ";
            default: return String.format("EC_0x%02X", ec);
        }
    }
}
