package io.nvsim.workloads.mix;

import io.nvsim.cpu.exec.GuestOperation;

/**
 * One kind of guest operation in a mix: on each vCPU it runs on, arrivals at {@code perSecond} per
 * second of guest compute, gaps drawn from {@code distribution} with coefficient of variation
 * {@code cv}; {@code note} says what it stands for and where the rate comes from.
 *
 * @param onVcpus the vCPUs it runs on (empty: all)
 */
public record OperationStream(GuestOperation operation, double perSecond, InterArrival distribution, double cv, String note,
                              java.util.List<Integer> onVcpus) {
    public OperationStream {
        onVcpus = java.util.List.copyOf(onVcpus);
    }

    /** Whether it runs on vCPU {@code v}. */
    public boolean runsOn(int v) {
        return onVcpus.isEmpty() || onVcpus.contains(v);
    }
}
