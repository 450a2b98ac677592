package io.nvsim.workloads.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.ScenarioParameters;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadResult;
import io.nvsim.workloads.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.RealDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Application mixes: built-ins load and run, nesting costs what the programs say, YAML errors carry file:line. */
class MixWorkloadTest {
    static ParameterSet params() {
        return ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400"))
            .with("mix.guest_work_cycles", 12_000_000, "test", null, 0);
    }

    static WorkloadResult run(Workload w, String config, ParameterSet p) {
        return w.run(MachineModel.create(NestingConfig.parse(config), p), p);
    }

    @Test
    void everyBuiltInMixRunsAndNestingCostsMoreThanTheVmAndNv2LessThanNv() {
        ParameterSet p = params();
        for (String name : MixWorkload.BUILT_IN) {
            Workload w = Workloads.get(name);
            WorkloadResult vm = run(w, "vm", p);
            WorkloadResult nv = run(w, "nv-nonvhe", p);
            WorkloadResult nv2 = run(w, "nv2-nonvhe", p);
            assertEquals(1.0, vm.metric("normalized_time_vs_vm"), 1e-12, name);
            assertTrue(nv.metric("normalized_time_vs_vm") > nv2.metric("normalized_time_vs_vm"), name);
            assertTrue(nv2.metric("normalized_time_vs_vm") > 1.0, name);
            assertTrue(vm.metric("time_cycles") >= 12_000_000, name);
            assertEquals(nv.metric("vm_time_cycles"), vm.metric("time_cycles"), name + ": the same arrivals on both machines");
        }
    }

    @Test
    void operationCountsFollowTheRatesAndRunsAreDeterministic() {
        ParameterSet p = params();
        Workload w = Workloads.get("netperf_tcp_rr");
        WorkloadResult a = run(w, "nv2-vhe", p);
        WorkloadResult b = run(w, "nv2-vhe", p);
        assertEquals(a.metrics(), b.metrics());
        // 2 vCPUs x 5 ms of guest compute x 10,000/s = 100 per stream
        assertEquals(100, a.metric("ops_device_mmio"), 3);
        assertEquals(100, a.metric("ops_irq_receive"), 3);
        WorkloadResult doubled = run(w, "nv2-vhe", p.with("mix.rate_scale", 2, "test", null, 0));
        assertEquals(200, doubled.metric("ops_device_mmio"), 5);
    }

    @Test
    void ipisSentAreIpisReceived() {
        ParameterSet p = params();
        WorkloadResult r = run(Workloads.get("hackbench"), "nv-vhe", p);
        assertEquals(r.metric("ops_sgi_send"), r.metric("ipis_received"), 1e-9);
        assertTrue(r.metric("ops_sgi_send") > 300);
    }

    @Test
    void aMixFileRunsAndItsErrorsNameFileAndLine(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("mine.yaml");
        Files.writeString(ok, "mix: mine\nvcpus: 1\noperations:\n  - operation: hypercall\n    per_second: 1000\n");
        Workload w = Workloads.get(ok.toString());
        assertEquals("mine", w.name());
        assertEquals(10, run(w, "vm", params()).metric("operations"), 4);

        Path badOp = dir.resolve("bad.yaml");
        Files.writeString(badOp, "mix: bad\noperations:\n  - operation: page_fault\n    per_second: 10\n");
        InputException e = assertThrows(InputException.class, () -> Workloads.get(badOp.toString()));
        assertTrue(e.describe().startsWith(badOp + ":3: unknown operation 'page_fault'; valid operations: device_mmio, hypercall"), e.describe());

        Path sgi = dir.resolve("sgi.yaml");
        Files.writeString(sgi, "mix: s\nvcpus: 1\noperations:\n  - operation: sgi_send\n    per_second: 10\n");
        assertTrue(assertThrows(InputException.class, () -> Workloads.get(sgi.toString())).describe().contains(":4: sgi_send needs vcpus >= 2"));

        Path key = dir.resolve("key.yaml");
        Files.writeString(key, "mix: k\noperations:\n  - operation: hypercall\n    rate: 10\n");
        assertTrue(assertThrows(InputException.class, () -> Workloads.get(key.toString())).describe().contains("unknown key 'rate'"));
    }

    @Test
    void withoutInterruptsOrContentionTheEngineGivesTheSummedFastPathsFigures(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("solo.yaml");
        Files.writeString(f, "mix: solo\nvcpus: 1\noperations:\n  - operation: hypercall\n    per_second: 20000\n"
            + "    distribution: exponential\n    cv: 1\n  - operation: device_mmio\n    per_second: 5000\n    distribution: gamma\n"
            + "    cv: 2\n");
        MixWorkload w = (MixWorkload) Workloads.get(f.toString());
        ParameterSet p = params().plus(w.parameters().stream().filter(q -> !params().has(q.name())).toList());
        for (String config : new String[] {"vm", "nv-vhe", "nv2-vhe"}) {
            MachineModel machine = MachineModel.create(NestingConfig.parse(config), p);
            MixRun run = new MixRun(w.spec(), machine, p).run();
            // the summed fast path: every operation's program charged whole, the vCPU's time its work plus them
            CycleLedger summed = new CycleLedger(EventClass.COUNT);
            long time = p.cycles("mix.guest_work_cycles");
            GuestOperation[] ops = {GuestOperation.HYPERCALL, GuestOperation.DEVICE_MMIO};
            for (int s = 0; s < ops.length; s++) {
                Program prog = machine.program(ops[s]);
                for (long k = 0; k < run.opsByStream[s]; k++) {
                    ProgramSegments.chargeWhole(prog, summed);
                }
                summed.countOperations(run.opsByStream[s]);
                time += run.opsByStream[s] * prog.totalCycles();
            }
            assertTrue(run.opsByStream[0] > 100 && run.opsByStream[1] > 20, config);
            assertEquals(summed.snapshot().totalCycles(), run.ledger.totalCycles(), config);
            for (int c = 0; c < EventClass.COUNT; c++) {
                assertEquals(summed.cycles(c), run.ledger.cycles(c), config + " class " + c);
            }
            assertEquals(summed.traps(), run.ledger.traps(), config);
            assertEquals(summed.fullExits(), run.ledger.fullExits(), config);
            assertEquals(summed.fastPathTraps(), run.ledger.fastPathTraps(), config);
            assertEquals(summed.vncrAccesses(), run.ledger.vncrAccesses(), config);
            assertEquals(summed.operations(), run.ledger.operations(), config);
            assertEquals(time, run.makespan, config);
        }
    }

    @Test
    void anIpiArrivingDuringAnOperationIsTakenAtItsNextBoundary() {
        MixWorkload w = (MixWorkload) Workloads.get("memcached");
        ParameterSet p = params().plus(w.parameters().stream().filter(q -> !params().has(q.name())).toList());
        MixRun run = new MixRun(w.spec(), MachineModel.create(NestingConfig.parse("nv-vhe"), p), p).run();
        assertTrue(run.ipisInsideOperations > 0, "nested exits take most of the time: some IPIs land inside one");
        assertTrue(run.ipisInsideOperations < run.ipisReceived);
        int sgi = w.spec().streams().stream().map(s -> s.operation()).toList().indexOf(GuestOperation.SGI_SEND);
        assertEquals(run.opsByStream[sgi], run.ipisReceived, "every IPI sent is received");
    }

    @Test
    void overCommittedVcpusShareTheirCpusUnderTheFairScheduler() {
        ParameterSet p = params();
        WorkloadResult own = run(Workloads.get("hackbench"), "vm", p);
        WorkloadResult shared = run(Workloads.get("hackbench"), "vm", p.with("engine.l1_vcpus", 2, "test", null, 0)
            .with("engine.physical_cpus", 1, "test", null, 0));
        double vcpus = own.metric("vcpus");
        assertEquals(4, vcpus, "hackbench: 4 vCPUs on 2 L1 vCPUs on 1 CPU");
        // one CPU does all four vCPUs' work: about four times as long, never less than the work itself
        assertTrue(shared.metric("time_cycles") >= vcpus * 12_000_000, "" + shared.metric("time_cycles"));
        assertEquals(vcpus * own.metric("time_cycles"), shared.metric("time_cycles"), 0.1 * vcpus * own.metric("time_cycles"));
        assertEquals(own.metric("operations"), shared.metric("operations"), 0.05 * own.metric("operations"));
        InputException bad = assertThrows(InputException.class, () -> run(Workloads.get("hackbench"), "vm",
            p.with("engine.physical_cpus", 9, "test", null, 0)));
        assertTrue(bad.describe().contains("engine.physical_cpus=9 is out of range"), bad.describe());
    }

    @Test
    void aStreamRunsOnlyOnTheVcpusItNames(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("pinned.yaml");
        Files.writeString(f, "mix: pinned\nvcpus: 3\noperations:\n  - operation: hypercall\n    per_second: 2000\n"
            + "    distribution: constant\n    on_vcpus: [1]\n");
        WorkloadResult r = run(Workloads.get(f.toString()), "nv2-vhe", params());
        assertEquals(9, r.metric("ops_hypercall"), "one vCPU, a hypercall every 1.2M cycles of 12M: the tenth coincides with the end");
        Path bad = dir.resolve("bad-vcpu.yaml");
        Files.writeString(bad, "mix: b\nvcpus: 2\noperations:\n  - operation: hypercall\n    per_second: 10\n    on_vcpus: [2]\n");
        assertTrue(assertThrows(InputException.class, () -> Workloads.get(bad.toString())).describe().contains(":6: expected a vCPU number in 0..1"));
    }

    @Test
    void distributionsHaveTheAskedMeanAndVariation() {
        SplittableRandom seeds = new SplittableRandom(5);
        for (InterArrival d : new InterArrival[] {InterArrival.EXPONENTIAL, InterArrival.GAMMA, InterArrival.LOGNORMAL, InterArrival.UNIFORM}) {
            double cv = d == InterArrival.EXPONENTIAL ? 1 : 0.5;
            RealDistribution dist = d.distribution(1000, cv, seeds.nextLong());
            double sum = 0;
            double sq = 0;
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                double x = dist.sample();
                assertTrue(x >= 0, d + " gave " + x);
                sum += x;
                sq += x * x;
            }
            double mean = sum / n;
            double sd = Math.sqrt(sq / n - mean * mean);
            assertEquals(1000, mean, 20, d.id());
            assertEquals(cv, sd / mean, 0.03, d.id());
        }
    }

    @Test
    void aPeriodicVirtualTimerTickOnSeveralVcpusRunsDeterministicallyUnderGicv2AndGicv3() {
        Workload w = Workloads.get(java.nio.file.Path.of("..", "examples", "tick-mix.yaml").toString());
        for (String gic : new String[] {"2", "3"}) {
            ParameterSet p = params().with("gic.version", Double.parseDouble(gic), "test", null, 0)
                .with("mix.guest_work_cycles", 48_000_000, "test", null, 0);
            WorkloadResult a = run(w, "nv-vhe", p);
            WorkloadResult b = run(w, "nv-vhe", p);
            assertEquals(a.metrics(), b.metrics(), "GICv" + gic);
            assertEquals(2, a.metric("vcpus"));
            // 2 vCPUs x 20 ms of guest compute at 250 Hz: 5 ticks each
            assertEquals(10, a.metric("ops_timer_tick"), 2);
            assertTrue(a.metric("normalized_time_vs_vm") > 1.0);
        }
    }
}
