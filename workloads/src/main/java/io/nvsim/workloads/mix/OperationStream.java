package io.nvsim.workloads.mix;

import io.nvsim.cpu.exec.GuestOperation;

/**
 * One kind of guest operation in a mix: on every vCPU, arrivals at {@code perSecond} per second
 * of guest compute, gaps drawn from {@code distribution} with coefficient of variation
 * {@code cv}; {@code note} says what it stands for and where the rate comes from.
 */
public record OperationStream(GuestOperation operation, double perSecond, InterArrival distribution, double cv, String note) {
}
