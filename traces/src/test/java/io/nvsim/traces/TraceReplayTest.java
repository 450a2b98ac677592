package io.nvsim.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.workloads.ScenarioParameters;
import io.nvsim.workloads.WorkloadResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import -> store -> replay keeps every event; under vm the replay gives back the recorded exits. */
class TraceReplayTest {
    @TempDir
    Path tmp;

    static ParameterSet params() {
        return TraceReplayWorkload.addDefaults(ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400")));
    }

    static WorkloadResult replay(Path store, String config, ParameterSet p) {
        return new TraceReplayWorkload(store).run(MachineModel.create(NestingConfig.parse(config), p), p);
    }

    Path importShared(String file, TraceFormat format) throws IOException {
        return importShared(tmp, file, format);
    }

    /** Imports the shared excerpt {@code file} into a store under {@code dir}. */
    static Path importShared(Path dir, String file, TraceFormat format) throws IOException {
        Path store = dir.resolve(file + ".store");
        try (InputStream in = Files.newInputStream(SharedTracesImportTest.SHARED.resolve(file));
             TraceStoreWriter w = TraceStoreWriter.create(store)) {
            ImportSummary s = new TraceImporter(format, false).read(file, in, w);
            w.commit(s.toMap());
        }
        return store;
    }

    @Test
    void underVmTheSharedTracesGiveBackTheirRecordedExits() throws IOException {
        ParameterSet p = params();
        WorkloadResult v10 = replay(importShared("ftrace-nv-v10-kselftest-wrapped.txt", TraceFormat.FTRACE), "vm", p);
        assertEquals(6, v10.metric("replayed_exits"));
        assertEquals(6, v10.metric("full_exits"));
        assertEquals(3, v10.metric("exits_interrupt"));
        assertEquals(3, v10.metric("exits_stage2_fault"));
        assertEquals(12, v10.metric("recorded_events"));
        WorkloadResult hvc = replay(importShared("ftrace-hvc-markers-enable-mmu.txt", TraceFormat.FTRACE), "vm", p);
        assertEquals(19, hvc.metric("replayed_exits"));
        assertEquals(19, hvc.metric("full_exits"));
        assertEquals(19, hvc.metric("exits_hypercall"));
        WorkloadResult stat = replay(importShared("perf-kvm-stat-2019.txt", TraceFormat.PERF_KVM_STAT), "vm", p);
        assertEquals(50_477, stat.metric("replayed_exits"));
        assertEquals(50_477, stat.metric("full_exits"));
        assertEquals(1_437, stat.metric("exits_interrupt"));
        assertEquals(49_040, stat.metric("exits_other"), "TRAP rows carry no EC: the documented default");
        assertEquals(1.0, stat.metric("normalized_time_vs_vm"), 1e-12);
    }

    @Test
    void aWfxExitIsReplayedAsTheGuestBlockingAndBeingWokenForwardedToL1WhenNested() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            text.append(String.format(" qemu-system-aar-900     [001] .....   %d.000100: kvm_exit: TRAP: HSR_EC: 0x0001 (WFx), "
                + "PC: 0xffff000008085f44%n", 10 + i));
            text.append(String.format(" qemu-system-aar-900     [001] d....   %d.004100: kvm_entry: PC: 0xffff000008085f48%n", 10 + i));
        }
        Path store = tmp.resolve("wfx");
        try (TraceStoreWriter w = TraceStoreWriter.create(store)) {
            ImportSummary s = new TraceImporter(TraceFormat.FTRACE, true).read("wfx",
                new ByteArrayInputStream(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), w);
            w.commit(s.toMap());
        }
        ParameterSet p = io.nvsim.cost.Overrides.applyAssignments(params(), List.of("trace.hidden_traps_per_exit=0"));
        for (String config : new String[] {"vm", "nv-nonvhe", "nv2-vhe"}) {
            WorkloadResult r = replay(store, config, p);
            assertEquals(5, r.metric("exits_idle"), config);
            MachineModel m = MachineModel.create(NestingConfig.parse(config), p);
            int traps = m.program(io.nvsim.cpu.exec.GuestOperation.WFI_BLOCK).traps()
                + m.program(io.nvsim.cpu.exec.GuestOperation.WFI_WAKE).traps();
            assertEquals(traps, r.metric("traps_per_exit"), 1e-9, config + ": block + wake-up per halt");
        }
        assertTrue(replay(store, "nv-nonvhe", p).metric("traps_per_exit") > 100, "nested, the halt goes through L1");
    }

    @Test
    void nestingCostsMoreThanTheVmAndNv2LessThanNv() throws IOException {
        ParameterSet p = params();
        Path store = importShared("ftrace-hvc-markers-enable-mmu.txt", TraceFormat.FTRACE);
        double nv = replay(store, "nv-nonvhe", p).metric("exit_cycles_per_exit");
        double nv2 = replay(store, "nv2-nonvhe", p).metric("exit_cycles_per_exit");
        double vm = replay(store, "vm", p).metric("exit_cycles_per_exit");
        assertTrue(nv > nv2 && nv2 > vm, nv + " " + nv2 + " " + vm);
        WorkloadResult r = replay(store, "nv-nonvhe", p);
        assertTrue(r.metric("normalized_time_vs_vm") > 1.0);
        assertTrue(r.metric("traps_per_exit") > 100, "a nested hypercall is ~127 traps: " + r.metric("traps_per_exit"));
        assertEquals(r.metrics().size(), r.descriptors().size(), "every replay metric is in the metric catalog");
    }

    @Test
    void syntheticRoundTripPreservesEveryEventAndExit() throws IOException {
        int n = 20_000;
        SyntheticTraceGenerator gen = new SyntheticTraceGenerator(7, 3);
        List<TraceEvent> generated = new ArrayList<>();
        gen.generate(n, e -> generated.add(new TraceEvent().copyFrom(e)));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        gen.writeFtrace(n, text);
        Path store = tmp.resolve("synthetic");
        ImportSummary s;
        try (TraceStoreWriter w = TraceStoreWriter.create(store)) {
            s = new TraceImporter(TraceFormat.FTRACE, true).read("synthetic", new ByteArrayInputStream(text.toByteArray()), w);
            w.commit(s.toMap());
        }
        assertEquals(n, s.events());
        assertEquals(0, s.skippedLines());
        List<TraceEvent> stored = new ArrayList<>();
        try (TraceStoreReader r = TraceStoreReader.open(store)) {
            TraceEvent e = new TraceEvent();
            while (r.next(e)) {
                stored.add(new TraceEvent().copyFrom(e));
            }
        }
        assertEquals(n, stored.size());
        for (int i = 0; i < n; i++) {
            TraceEvent expected = new TraceEvent().copyFrom(generated.get(i));
            expected.line = i + 1;
            assertTrue(expected.sameAs(stored.get(i)), i + ": " + expected + " vs " + stored.get(i));
        }
        long recordedExits = generated.stream().filter(e -> e.type == TraceEventType.KVM_EXIT).count();
        WorkloadResult vm = replay(store, "vm", params());
        assertEquals(recordedExits, (long) vm.metric("replayed_exits"));
        assertEquals(recordedExits, (long) vm.metric("full_exits"));
        assertEquals(n, (long) vm.metric("recorded_events"));
        assertEquals(0, vm.metric("clamped_gaps"));
        assertEquals(3, vm.metric("vcpus"));
    }

    @Test
    void replayIsDeterministicAndGapScaleStretchesGuestTime() throws IOException {
        Path store = tmp.resolve("gen");
        try (TraceStoreWriter w = TraceStoreWriter.create(store)) {
            new SyntheticTraceGenerator(3, 2).generate(5_000, w);
            w.commit(java.util.Map.of());
        }
        ParameterSet p = params();
        WorkloadResult a = replay(store, "nv2-vhe", p);
        WorkloadResult b = replay(store, "nv2-vhe", p);
        assertEquals(a.metrics(), b.metrics());
        WorkloadResult doubled = replay(store, "nv2-vhe", p.with("trace.gap_scale", 2, "test", null, 0));
        assertEquals(2 * a.metric("guest_cycles"), doubled.metric("guest_cycles"), 2 * a.metric("replayed_exits"));
        WorkloadResult noHidden = replay(store, "nv2-vhe", p.with("trace.hidden_traps_per_exit", 0, "test", null, 0));
        assertEquals(0, noHidden.metric("hidden_fast_path_traps"));
        assertEquals(Math.floor(a.metric("replayed_exits") * 0.5), a.metric("hidden_fast_path_traps"));
    }
}
