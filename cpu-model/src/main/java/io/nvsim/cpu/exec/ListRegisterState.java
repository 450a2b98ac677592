package io.nvsim.cpu.exec;

/**
 * The list-register state around one exit of a guest and its re-entry, which decides the vGIC rows
 * of the world-switch paths ({@code lr_live}, {@code per_lr}, {@code per_lr_pending}): how many
 * of the guest's list registers were live when it exited and how many of those still hold an
 * interrupt (their ELRSR bit clear), how many its hypervisor fills before re-entering it, and how
 * many new virtual interrupts the hypervisor queued for it while handling the exit.
 *
 * <pre>{@code
 * // an underflow maintenance interrupt with 4 LRs: 4 were live, 1 still pending, refill all 4
 * ListRegisterState s = new ListRegisterState(4, 1, 4, 0);
 * }</pre>
 *
 * <p>For {@link GuestOperation#VIRTUAL_EOI}, which has no exit of its own, {@code liveAtExit > 0} means the
 * completed LR carried the EOI bit: the EOI maintenance interrupt it raises is part of the operation.
 *
 * @param liveAtExit    the guest's live list registers when it exits (0..16)
 * @param pendingAtExit of those, the ones still holding state (read back on save)
 * @param liveAtEntry   the list registers its hypervisor fills before re-entering it
 * @param queued        virtual interrupts the hypervisor queues for the guest while handling the exit
 */
public record ListRegisterState(int liveAtExit, int pendingAtExit, int liveAtEntry, int queued) {
    /** No list register in use (a hypercall, an MMIO access). */
    public static final ListRegisterState NONE = new ListRegisterState(0, 0, 0, 0);
    /** The one live LR completed by the guest had the EOI bit: an EOI maintenance interrupt, nothing to refill. */
    public static final ListRegisterState EOI_MAINTENANCE = new ListRegisterState(1, 0, 0, 0);
    /** One interrupt put in one list register on re-entry (an IPI's delivery). */
    public static final ListRegisterState ONE_ON_ENTRY = new ListRegisterState(0, 0, 1, 0);

    public ListRegisterState {
        if (liveAtExit < 0 || liveAtExit > 16 || liveAtEntry < 0 || liveAtEntry > 16 || pendingAtExit < 0
            || pendingAtExit > liveAtExit || queued < 0) {
            throw new IllegalArgumentException("impossible list-register state " + liveAtExit + "/" + pendingAtExit + "/"
                + liveAtEntry + "/" + queued);
        }
    }

    /**
     * The state the fixed microbenchmarks and {@code explain} assume for {@code op} with {@code listRegisters}
     * LRs: one LR on entry if the guest takes an interrupt; for an underflow maintenance interrupt all LRs live,
     * one still pending, all refilled; for an EOI maintenance interrupt the one LR completed, nothing to refill.
     */
    public static ListRegisterState of(GuestOperation op, int listRegisters) {
        switch (op) {
            case LR_UNDERFLOW_MI:
                return new ListRegisterState(listRegisters, Math.min(1, listRegisters - 1), listRegisters, 0);
            case LR_EOI_MI:
                return EOI_MAINTENANCE;
            default:
                return op.guestTakesInterrupt() ? ONE_ON_ENTRY : NONE;
        }
    }
}
