package io.nvsim.traces;

import io.nvsim.kernel.InputException;

/**
 * Maps a vCPU's key (its thread id, or its host CPU when the trace has no thread ids) to a dense
 * slot number in first-seen order: an open-addressing table of primitive longs, so that looking
 * a vCPU up per event allocates nothing. Its size depends on the number of vCPUs, never on the
 * length of the trace.
 */
final class VcpuTable {
    /** More distinct vCPU threads than this in one trace is refused (memory stays bounded). */
    static final int MAX_VCPUS = 1 << 20;

    private long[] keys = new long[64];
    private int[] slots = new int[64];
    private boolean[] used = new boolean[64];
    private long[] keyBySlot = new long[64];
    private int size;

    /** The slot of {@code key}, adding it if new. */
    int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) mix(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                return slots[i];
            }
            i = (i + 1) & mask;
        }
        if (size == MAX_VCPUS) {
            throw new InputException("the trace has more than " + MAX_VCPUS + " vCPU threads; expected a trace of one machine");
        }
        used[i] = true;
        keys[i] = key;
        if (size == keyBySlot.length) {
            keyBySlot = java.util.Arrays.copyOf(keyBySlot, size * 2);
        }
        keyBySlot[size] = key;
        slots[i] = size++;
        if (size * 2 > keys.length) {
            grow();
        }
        return size - 1;
    }

    /** The key of slot {@code s}. */
    long key(int s) {
        return keyBySlot[s];
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        slots = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldUsed[j]) {
                int i = (int) mix(oldKeys[j]) & mask;
                while (used[i]) {
                    i = (i + 1) & mask;
                }
                used[i] = true;
                keys[i] = oldKeys[j];
                slots[i] = oldSlots[j];
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 33);
    }
}
