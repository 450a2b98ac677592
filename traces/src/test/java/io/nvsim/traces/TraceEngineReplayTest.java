package io.nvsim.traces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.workloads.WorkloadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Trace replay on the engine (every traced vCPU an L2 vCPU thread on a CPU of its own, reading the store with a
 * cursor of its own) gives exactly the figures of the summed pass (the store streamed in recorded order, every exit
 * charged at once): every metric, the breakdown, the latency distribution, the event and trap counts.
 */
class TraceEngineReplayTest {
    @TempDir
    static Path tmp;

    private static List<Path> sharedStores;

    private static final String[] CONFIGS = {"vm", "nv-vhe", "nv-nonvhe", "nv2-vhe"};

    private static ParameterSet with(ParameterSet p, String name, double value) {
        return p.with(name, value, "test", null, 0);
    }

    private static void assertSameResult(Path store, String config, ParameterSet p) {
        MachineModel m = MachineModel.create(NestingConfig.parse(config), p);
        TraceReplayWorkload w = new TraceReplayWorkload(store);
        WorkloadResult summed = w.simulateSummed(m, p);
        WorkloadResult engine = w.simulate(m, p);
        String what = store.getFileName() + " under " + config;
        assertEquals(summed.metrics(), engine.metrics(), what);
        assertArrayEquals(summed.cyclesByClass(), engine.cyclesByClass(), what);
        assertEquals(summed.latency(), engine.latency(), what);
        assertEquals(summed.events(), engine.events(), what);
        assertEquals(summed.simulatedCycles(), engine.simulatedCycles(), what);
        assertEquals(summed.simulatedTraps(), engine.simulatedTraps(), what);
    }

    private static Path synthetic(String name, long seed, int vcpus, int events) throws IOException {
        Path s = tmp.resolve(name);
        try (TraceStoreWriter w = TraceStoreWriter.create(s)) {
            new SyntheticTraceGenerator(seed, vcpus).generate(events, w);
            w.commit(Map.of());
        }
        return s;
    }

    @ParameterizedTest(name = "trace.segmented={0}, hidden traps per exit {1}, gap scale {2}")
    @CsvSource({"0, 0.5, 1.0", "1, 0.5, 1.0", "0, 0.37, 1.7", "1, 2.25, 0.0"})
    void theSharedTracesGiveTheSummedPassesFiguresOnTheEngine(int segmented, double hidden, double gapScale) throws IOException {
        ParameterSet p = with(with(with(TraceReplayTest.params(), "trace.segmented", segmented),
            "trace.hidden_traps_per_exit", hidden), "trace.gap_scale", gapScale);
        if (sharedStores == null) {
            sharedStores = List.of(TraceReplayTest.importShared(tmp, "ftrace-hvc-markers-enable-mmu.txt", TraceFormat.FTRACE),
                TraceReplayTest.importShared(tmp, "ftrace-nv-v10-kselftest-wrapped.txt", TraceFormat.FTRACE),
                TraceReplayTest.importShared(tmp, "perf-kvm-stat-2019.txt", TraceFormat.PERF_KVM_STAT));
        }
        for (Path store : sharedStores) {
            for (String config : CONFIGS) {
                assertSameResult(store, config, p);
            }
        }
    }

    @ParameterizedTest(name = "trace.segmented={0}")
    @CsvSource({"0", "1"})
    void aSyntheticMultiVcpuTraceGivesTheSummedPassesFiguresOnTheEngine(int segmented) throws IOException {
        ParameterSet p = with(with(TraceReplayTest.params(), "trace.segmented", segmented), "trace.hidden_traps_per_exit", 0.7);
        Path store = synthetic("six-" + segmented, 5, 6, 30_000);
        for (String config : CONFIGS) {
            assertSameResult(store, config, p);
        }
        WorkloadResult r = TraceReplayTest.replay(store, "nv2-vhe", p);
        assertEquals(6.0, r.metric("vcpus"));
        assertEquals(30_000.0, r.metric("recorded_events"));
    }

    @Test
    void eachVcpuRunsOnItsOwnSimulatedClockWhichEndsAfterItsOwnComputeAndExitsWithoutWaiting() throws IOException {
        Path store = synthetic("clocks", 21, 3, 9_000);
        ParameterSet p = TraceReplayTest.params();
        MachineModel m = MachineModel.create(NestingConfig.parse("nv-vhe"), p);
        TraceReplay replay = new TraceReplay(m, p);
        TraceEngineReplay engine;
        try (TraceStoreReader r = TraceStoreReader.open(store)) {
            replay.registerAll(r);
            engine = new TraceEngineReplay(replay, r, m, false);
            engine.run();
        }
        assertEquals(3, engine.threads());
        long sum = 0;
        java.util.Set<Long> ends = new java.util.HashSet<>();
        for (int t = 0; t < 3; t++) {
            assertTrue(engine.finishedAt(t) > 0, "vCPU " + t);
            sum += engine.finishedAt(t);
            ends.add(engine.finishedAt(t));
        }
        // nothing is shared, so no vCPU ever waits: its clock ends at its own guest compute plus exit handling
        assertEquals(replay.totalCycles(), sum);
        assertEquals(3, ends.size(), "the vCPUs' simulated clocks drift apart: " + ends);
        assertTrue(engine.engineEvents() >= replay.exits, engine.engineEvents() + " events for " + replay.exits + " exits");
    }

    @ParameterizedTest(name = "look-ahead {0}")
    @CsvSource({"1", "4", "64"})
    void vcpusThatLagBeyondTheLookAheadReadOnTheirOwnAndTheFiguresStayTheSame(int lookahead) throws IOException {
        Path store = synthetic("lag-" + lookahead, 17, 5, 12_000);
        ParameterSet p = TraceReplayTest.params();
        MachineModel m = MachineModel.create(NestingConfig.parse("nv-nonvhe"), p);
        TraceReplay summed = new TraceReplayWorkload(store).summed(m, p);
        TraceReplay replay = new TraceReplay(m, p);
        TraceEngineReplay engine;
        try (TraceStoreReader r = TraceStoreReader.open(store)) {
            replay.registerAll(r);
            engine = new TraceEngineReplay(replay, r, m, false, lookahead);
            engine.run();
        }
        if (lookahead == 1) {
            assertTrue(engine.detachedVcpus() > 0, "with a look-ahead of one record some vCPU must lag beyond it");
        }
        assertEquals(summed.exits, replay.exits);
        assertEquals(summed.events, replay.events);
        assertEquals(summed.totalCycles(), replay.totalCycles());
        assertEquals(summed.vmCycles, replay.vmCycles);
        assertEquals(summed.recordedCycles(), replay.recordedCycles());
        assertEquals(summed.ledger.snapshot().totalCycles(), engine.ledger().snapshot().totalCycles());
        assertArrayEquals(summed.ledger.snapshot().cyclesByClass(), engine.ledger().snapshot().cyclesByClass());
        assertEquals(summed.ledger.traps(), engine.ledger().traps());
        assertEquals(summed.ledger.fullExits(), engine.ledger().fullExits());
    }

    @Test
    void feedsHandEachVcpuItsOwnRecordsInOrderHoweverUnevenlyTheyAreRead() throws IOException {
        Path store = synthetic("feeds", 13, 4, 4_000);
        List<TraceEvent> all = new ArrayList<>();
        TraceReplay replay = new TraceReplay(MachineModel.create(NestingConfig.parse("vm"), TraceReplayTest.params()),
            TraceReplayTest.params());
        try (TraceStoreReader r = TraceStoreReader.open(store)) {
            TraceEvent e = new TraceEvent();
            while (r.next(e)) {
                all.add(new TraceEvent().copyFrom(e));
                replay.register(e);
            }
            VcpuFeeds feeds = new VcpuFeeds(r, replay.vcpuTable(), 8);
            int[] read = new int[4];
            List<List<TraceEvent>> mine = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                long key = replay.keyOfSlot(s);
                mine.add(all.stream().filter(x -> TraceReplay.vcpuKey(x.pid, x.cpu) == key).toList());
            }
            // vCPU 3 first and fastest, vCPU 0 a record now and then, the others in turn: all lag beyond 8 records
            boolean more = true;
            for (int round = 0; more; round++) {
                more = false;
                for (int s = 3; s >= 0; s--) {
                    int take = s == 3 ? 5 : s == 0 ? (round % 7 == 0 ? 1 : 0) : 1;
                    if (read[s] == mine.get(s).size()) {
                        assertTrue(!feeds.next(s, e), "vCPU " + s + " after its last record");
                        continue;
                    }
                    more = true;
                    for (int k = 0; k < take && read[s] < mine.get(s).size(); k++) {
                        assertTrue(feeds.next(s, e), "vCPU " + s + " record " + read[s]);
                        assertTrue(e.sameAs(mine.get(s).get(read[s])), "vCPU " + s + " record " + read[s] + ": " + e);
                        read[s]++;
                    }
                }
            }
            assertTrue(feeds.detached() >= 2, "detached " + feeds.detached());
        }
    }

    @Test
    void moreVcpusThanTheEngineReadsOneCursorEachForAreReplayedByTheSummedPassWithTheSameFigures() throws IOException {
        Path store = synthetic("many", 3, TraceEngineReplay.MAX_VCPUS + 1, 1_500);
        ParameterSet p = TraceReplayTest.params();
        assertSameResult(store, "nv-vhe", p);
        assertEquals(TraceEngineReplay.MAX_VCPUS + 1.0, TraceReplayTest.replay(store, "nv-vhe", p).metric("vcpus"));
    }

    @Test
    void eachVcpuCursorReadsItsOwnRecordsInRecordedOrderAndTogetherTheyReadEveryRecord() throws IOException {
        Path store = synthetic("cursors", 9, 3, 3_000);
        List<TraceEvent> all = new ArrayList<>();
        try (TraceStoreReader r = TraceStoreReader.open(store)) {
            TraceEvent e = new TraceEvent();
            while (r.next(e)) {
                all.add(new TraceEvent().copyFrom(e));
            }
            int total = 0;
            for (int v = 0; v < 3; v++) {
                long key = TraceReplay.vcpuKey(1000 + v, v);
                List<TraceEvent> mine = all.stream().filter(x -> TraceReplay.vcpuKey(x.pid, x.cpu) == key).toList();
                VcpuCursor c = r.cursor(key);
                int i = 0;
                while (c.next(e)) {
                    assertTrue(e.sameAs(mine.get(i)), "vCPU " + v + " record " + i + ": " + e + " against " + mine.get(i));
                    i++;
                }
                assertEquals(mine.size(), i, "vCPU " + v);
                assertTrue(i > 0);
                total += i;
            }
            assertEquals(all.size(), total);
        }
    }
}
