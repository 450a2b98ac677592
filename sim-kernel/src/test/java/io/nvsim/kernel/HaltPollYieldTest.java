package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KVM polls a halted vCPU only while {@code single_task_running()}: a halt poll ({@link GuestCompute#yieldingTo})
 * ends, charged for what ran, as soon as another thread is runnable where it spins (L0's poll: on its physical CPU;
 * the guest hypervisor's: on its L1 vCPU), and at once if one already is when it begins.
 */
class HaltPollYieldTest {
    private static class Ends implements EngineListener {
        final List<long[]> done = new ArrayList<>(); // {thread, cycle}

        @Override
        public void operationDone(VcpuThread t, long now) {
            done.add(new long[] {t.id(), now});
        }
    }

    private static NestedEngine engine(int cpus, int l1, int l2, EngineListener l) {
        return new NestedEngine(new NestedTopology(cpus, l1, l2), "fair", 1_000_000, "fair", 1_000_000, 2, l);
    }

    @Test
    void l0sPollEndsWhenAnotherVcpuBecomesRunnableOnItsCpu() {
        Ends l = new Ends();
        NestedEngine e = engine(1, 2, 2, l);
        e.submit(0, new GuestCompute(1, false).yieldingTo(Work.YIELDS_TO_SAME_CPU).cycles(10_000), 1);
        int h = e.simulator().register((s, now, p) -> e.submit(1, new GuestCompute(0, true).cycles(3_000), 1));
        e.simulator().scheduleAt(2_500, Priority.GUEST_OPERATION, h, 0);
        e.run();
        assertEquals(2_500, l.done.get(0)[1], "the poll ends when vCPU 1 becomes runnable");
        assertEquals(2_500, e.ledger().cycles(1), "charged for what ran");
        assertEquals(5_500, l.done.get(1)[1], "vCPU 1 then has the CPU");
    }

    @Test
    void theGuestHypervisorsPollDoesNotSeeAnotherL1VcpuOnTheSameCpu() {
        Ends l = new Ends();
        NestedEngine e = engine(1, 2, 2, l); // L2 vCPUs 0 and 1 on L1 vCPUs 0 and 1, both on CPU 0
        e.submit(0, new GuestCompute(1, false).yieldingTo(Work.YIELDS_TO_SAME_HOST).cycles(10_000), 1);
        int h = e.simulator().register((s, now, p) -> e.submit(1, new GuestCompute(0, true).cycles(3_000), 1));
        e.simulator().scheduleAt(2_500, Priority.GUEST_OPERATION, h, 0);
        e.run();
        assertEquals(10_000, l.done.get(0)[1], "L1 only knows its own vCPU's threads: it spins its window out");
        assertEquals(10_000, e.ledger().cycles(1));
    }

    @Test
    void theGuestHypervisorsPollEndsForAnotherOfItsOwnThreads() {
        Ends l = new Ends();
        NestedEngine e = engine(1, 1, 2, l); // both L2 vCPUs on one L1 vCPU
        e.submit(0, new GuestCompute(1, false).yieldingTo(Work.YIELDS_TO_SAME_HOST).cycles(10_000), 1);
        int h = e.simulator().register((s, now, p) -> e.submit(1, new GuestCompute(0, true).cycles(3_000), 1));
        e.simulator().scheduleAt(4_000, Priority.GUEST_OPERATION, h, 0);
        e.run();
        assertEquals(4_000, l.done.get(0)[1]);
        assertEquals(4_000, e.ledger().cycles(1));
    }

    @Test
    void aPollThatBeginsWithAnotherThreadRunnableEndsAtOnce() {
        NestedEngine[] eng = new NestedEngine[1];
        boolean[] polled = {false};
        Ends l = new Ends() {
            @Override
            public void workDone(VcpuThread t, long now) {
                if (t.id() == 0 && !polled[0]) { // vCPU 0 halts: its poll is chained while vCPU 1 waits in the queue
                    polled[0] = true;
                    eng[0].submit(0, new GuestCompute(1, false).yieldingTo(Work.YIELDS_TO_SAME_CPU).cycles(10_000), 1);
                }
            }
        };
        NestedEngine e = engine(1, 2, 2, l);
        eng[0] = e;
        e.submit(0, new GuestCompute(0, true).cycles(1_000), 1);
        e.submit(1, new GuestCompute(0, true).cycles(3_000), 1); // queued behind vCPU 0
        e.run();
        assertEquals(0, e.ledger().cycles(1), "no spin: single_task_running() was false when the poll began");
        assertEquals(4_000, e.simulator().now(), "vCPU 1 ran right after vCPU 0's compute");
    }

    @Test
    void withoutYieldingAPollSpinsItsWindowOut() {
        Ends l = new Ends();
        NestedEngine e = engine(1, 2, 2, l);
        e.submit(0, new GuestCompute(1, false).cycles(10_000), 1);
        int h = e.simulator().register((s, now, p) -> e.submit(1, new GuestCompute(0, true).cycles(3_000), 1));
        e.simulator().scheduleAt(2_500, Priority.GUEST_OPERATION, h, 0);
        e.run();
        assertEquals(10_000, l.done.get(0)[1]);
    }
}
