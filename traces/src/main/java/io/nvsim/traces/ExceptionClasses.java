package io.nvsim.traces;

/**
 * ESR_ELx.EC names as the kernel prints them ({@code kvm_arm_exception_class} in
 * {@code arch/arm64/include/asm/kvm_arm.h}; the names {@code kvm_exit} and {@code perf kvm stat}
 * show), and their codes (Arm ARM, ESR_EL2.EC).
 */
public final class ExceptionClasses {
    private static final String[] NAMES = new String[64];

    static {
        name(0x00, "UNKNOWN");
        name(0x01, "WFx");
        name(0x03, "CP15_32");
        name(0x04, "CP15_64");
        name(0x05, "CP14_MR");
        name(0x06, "CP14_LS");
        name(0x07, "FP_ASIMD");
        name(0x08, "CP10_ID");
        name(0x09, "PAC");
        name(0x0C, "CP14_64");
        name(0x0D, "BTI");
        name(0x0E, "ILL");
        name(0x11, "SVC32");
        name(0x12, "HVC32");
        name(0x13, "SMC32");
        name(0x15, "SVC64");
        name(0x16, "HVC64");
        name(0x17, "SMC64");
        name(0x18, "SYS64");
        name(0x19, "SVE");
        name(0x1A, "ERET");
        name(0x1C, "FPAC");
        name(0x1D, "SME");
        name(0x1F, "IMP_DEF");
        name(0x20, "IABT_LOW");
        name(0x21, "IABT_CUR");
        name(0x22, "PC_ALIGN");
        name(0x24, "DABT_LOW");
        name(0x25, "DABT_CUR");
        name(0x26, "SP_ALIGN");
        name(0x27, "MOPS");
        name(0x28, "FP_EXC32");
        name(0x2C, "FP_EXC64");
        name(0x2F, "SERROR");
        name(0x30, "BREAKPT_LOW");
        name(0x31, "BREAKPT_CUR");
        name(0x32, "SOFTSTP_LOW");
        name(0x33, "SOFTSTP_CUR");
        name(0x34, "WATCHPT_LOW");
        name(0x35, "WATCHPT_CUR");
        name(0x38, "BKPT32");
        name(0x3A, "VECTOR32");
        name(0x3C, "BRK64");
    }

    public static final int WFX = 0x01;
    public static final int HVC64 = 0x16;
    public static final int SMC64 = 0x17;
    public static final int SYS64 = 0x18;
    public static final int IABT_LOW = 0x20;
    public static final int DABT_LOW = 0x24;

    private ExceptionClasses() {
    }

    private static void name(int ec, String name) {
        NAMES[ec] = name;
    }

    /** The name of {@code ec} ("EC_0x2b" for a code without one). */
    public static String name(int ec) {
        if (ec < 0 || ec > 0x3F) {
            return "none";
        }
        return NAMES[ec] != null ? NAMES[ec] : String.format(java.util.Locale.ROOT, "EC_0x%02x", ec);
    }

    /** The code named {@code name}, or -1. */
    public static int code(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (name.equals(NAMES[i])) {
                return i;
            }
        }
        return -1;
    }
}
