package io.nvsim.kernel;

/**
 * Who runs on what in a nested run: {@code l2Vcpus} vCPU threads of the nested guest run on the
 * guest hypervisor's {@code l1Vcpus} vCPUs, which are threads of L0 on {@code physicalCpus}
 * physical CPUs. Pinning is round-robin: L2 vCPU j on L1 vCPU j mod l1Vcpus, L1 vCPU i on physical
 * CPU i mod physicalCpus; equal counts pin one to one, larger counts over-commit.
 *
 * <pre>{@code
 * NestedTopology t = new NestedTopology(1, 2, 4);   // 4 L2 vCPUs on 2 L1 vCPUs on 1 physical CPU
 * }</pre>
 */
public record NestedTopology(int physicalCpus, int l1Vcpus, int l2Vcpus) {
    public NestedTopology {
        if (physicalCpus < 1 || l1Vcpus < 1 || l2Vcpus < 1 || physicalCpus > 4096 || l1Vcpus > 4096 || l2Vcpus > 4096) {
            throw new IllegalArgumentException("counts must lie in 1..4096: physical CPUs " + physicalCpus + ", L1 vCPUs "
                + l1Vcpus + ", L2 vCPUs " + l2Vcpus);
        }
    }

    /** The L1 vCPU that hosts L2 vCPU {@code l2}. */
    public int hostOf(int l2) {
        return l2 % l1Vcpus;
    }

    /** The physical CPU that runs L1 vCPU {@code l1}. */
    public int cpuOf(int l1) {
        return l1 % physicalCpus;
    }
}
