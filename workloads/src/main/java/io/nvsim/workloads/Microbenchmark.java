package io.nvsim.workloads;

import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.kernel.InputException;
import java.util.Arrays;
import java.util.List;

/**
 * The classic nested-virtualization microbenchmarks (NEVE, SOSP 2017, after ISCA 2016), each
 * the time of one guest operation as the guest sees it:
 * <ul>
 *   <li>{@code hypercall}: a null HVC from L2, handled by L1 (from HVC to return);</li>
 *   <li>{@code device_io}: an L2 MMIO access to a device L1 emulates in its kernel;</li>
 *   <li>{@code virtual_ipi}: an L2 vCPU sends an IPI to another L2 vCPU (from the send to the
 *       receiver taking the virtual interrupt);</li>
 *   <li>{@code virtual_eoi}: L2 completes a virtual interrupt (GICV_EOIR, no trap);</li>
 *   <li>{@code timer_interrupt}: L2's virtual timer fires while it runs (from the physical PPI to L2 taking
 *       the virtual IRQ).</li>
 * </ul>
 */
public enum Microbenchmark {
    HYPERCALL("hypercall", GuestOperation.HYPERCALL, null),
    DEVICE_IO("device_io", GuestOperation.DEVICE_MMIO, null),
    VIRTUAL_IPI("virtual_ipi", GuestOperation.SGI_SEND, GuestOperation.IRQ_RECEIVE),
    VIRTUAL_EOI("virtual_eoi", GuestOperation.VIRTUAL_EOI, null),
    TIMER_INTERRUPT("timer_interrupt", GuestOperation.VTIMER_FIRE, null);

    private final String id;
    private final GuestOperation operation;
    private final GuestOperation remoteOperation;

    Microbenchmark(String id, GuestOperation operation, GuestOperation remoteOperation) {
        this.id = id;
        this.operation = operation;
        this.remoteOperation = remoteOperation;
    }

    /** The name used in every output ({@code benchmark} column). */
    public String id() {
        return id;
    }

    /** The operation the measuring vCPU performs. */
    public GuestOperation operation() {
        return operation;
    }

    /** The operation it causes on another vCPU (the IPI's delivery), or null. */
    public GuestOperation remoteOperation() {
        return remoteOperation;
    }

    public static Microbenchmark parse(String id) {
        for (Microbenchmark m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new InputException("unknown benchmark '" + id + "'; valid benchmarks: " + String.join(", ", ids()));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Microbenchmark::id).toList();
    }
}
