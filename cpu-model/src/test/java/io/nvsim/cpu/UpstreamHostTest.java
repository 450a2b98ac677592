package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cpu.arch.HostKind;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upstream host (Linux v6.16+) as a dimension of a configuration: which configurations each machine's host runs,
 * what the mechanism makes of a nested hypercall on Graviton3 and AmpereOne, how each switch changes it, and a golden
 * file of every upstream row (operations x configurations x profiles) so that no figure moves unnoticed.
 */
class UpstreamHostTest {
    private static MachineModel machine(String profile, String config, String... sets) {
        return MachineModel.create(NestingConfig.parse(config),
            Overrides.applyAssignments(CostProfile.builtIn(profile).parameters(), List.of(sets)));
    }

    private static Program hypercall(String profile, String config, String... sets) {
        return machine(profile, config, sets).program(GuestOperation.HYPERCALL);
    }

    private static long steps(Program p, String prefix) {
        return p.steps().stream().filter(s -> s.action().startsWith(prefix)).count();
    }

    @Test
    void shouldRunOnlyWhatEachHostRuns() {
        assertEquals(HostKind.UPSTREAM, machine("graviton3", "vm").host(), "vm takes the profile's host");
        assertEquals(HostKind.PROTO_2017, machine("xgene-m400", "vm").host());
        assertEquals(HostKind.UPSTREAM, machine("graviton3", "upstream-vhe").host());
        InputException old = assertThrows(InputException.class, () -> machine("graviton3", "nv-vhe"));
        assertTrue(old.getMessage().contains("l0.upstream_host=0"), old.getMessage());
        InputException noNv2 = assertThrows(InputException.class, () -> machine("neoverse-n1", "upstream-vhe"));
        assertTrue(noNv2.getMessage().contains("FEAT_NV2"), noNv2.getMessage());
        assertThrows(InputException.class, () -> machine("xgene-m400", "upstream-nvhe"));
        assertThrows(InputException.class, () -> machine("graviton3", "upstream-vhe", "arch.nesting_levels=3"));
        // the 2017 prototype still runs everything, on any machine, as a what-if
        assertEquals(HostKind.PROTO_2017, machine("graviton3", "nv-vhe", "l0.upstream_host=0").host());
    }

    @Test
    void shouldResolveTheVheGuestHypervisorsHypercallAsTheSourcesSay() {
        Program p = hypercall("graviton3", "upstream-vhe");
        // L2's HVC, MDSCR_EL1 x4 (TDA without FGT), CPACR_EL1 x2 (TCPAC, fast path), the ERET to L2
        assertEquals(8, p.traps());
        assertEquals(2, p.fastPathTraps());
        assertEquals(6, p.fullExits());
        assertEquals(4, p.trapsByCause().get("MDCR_EL2.TDA (no FEAT_FGT: kvm_nested_setup_mdcr_el2)"));
        assertEquals(2, steps(p, "kvm_arch_vcpu_put"), "L2 -> vEL2 and vEL2 -> L2: a put/load each");
        assertEquals(2, steps(p, "kvm_arch_vcpu_load"));
        assertEquals(0, steps(p, "set up the shadow EL1 state"), "no shadow copy upstream");
        // the 2017 prototype on the same machine: every trap a full exit, 27 of them for its v4.10 guest hypervisor
        Program proto = hypercall("graviton3", "nv2-vhe", "l0.upstream_host=0");
        assertEquals(proto.traps(), proto.fullExits());
        assertTrue(proto.totalCycles() > 3 * p.totalCycles(), proto.totalCycles() + " vs " + p.totalCycles());
    }

    @Test
    void shouldChangeTheFiguresExactlyAsEachSwitchSays() {
        Program base = hypercall("graviton3", "upstream-vhe");
        Program fgt = hypercall("graviton3", "upstream-vhe", "arch.fgt=1");
        assertEquals(base.traps() - 2, fgt.traps(), "FGT: the two MDSCR_EL1 reads become VNCR memory");
        Program nv2p1 = hypercall("graviton3", "upstream-vhe", "arch.nv2p1=1");
        assertEquals(base.traps() - 2, nv2p1.traps(), "NV2p1: CPACR_EL1 stops trapping");
        assertEquals(0, nv2p1.fastPathTraps());
        Program slowCpacr = hypercall("graviton3", "upstream-vhe", "l0.fast_cpacr=0");
        assertEquals(base.traps(), slowCpacr.traps());
        assertEquals(base.fullExits() + 2, slowCpacr.fullExits(), "the fast path off: two more full exits");
        assertTrue(slowCpacr.totalCycles() > base.totalCycles());
        Program fp = hypercall("graviton3", "upstream-vhe", "l0.fp_switch=1");
        assertEquals(base.totalCycles() + 2 * 592, fp.totalCycles(), "before 7.2: the FP switch on both put/loads");
        Program ecv = hypercall("graviton3", "upstream-vhe", "arch.ecv=1");
        assertTrue(ecv.totalCycles() < base.totalCycles(), "ECV: no timer re-emulation on every exit from L1");
        Program erratum = hypercall("graviton3", "upstream-vhe", "l0.hcr_write_sync_cycles=100");
        assertTrue(erratum.totalCycles() > base.totalCycles(), "every HCR_EL2 write of L0's world switch is synchronised");
        // NV3 elides the ERETs that stay in vEL2: the receiver of an IPI returns from its own interrupt at vEL2
        Program irq = machine("graviton3", "upstream-vhe").program(GuestOperation.IRQ_RECEIVE);
        Program irqNv3 = machine("graviton3", "upstream-vhe", "arch.nv3=1").program(GuestOperation.IRQ_RECEIVE);
        assertTrue(irq.trapsByExceptionClass().get("ERET") > irqNv3.trapsByExceptionClass().getOrDefault("ERET", 0),
            irq.trapsByExceptionClass() + " vs " + irqNv3.trapsByExceptionClass());
    }

    @Test
    void shouldTrapMoreWithAnE2h0GuestHypervisor() {
        Program vhe = hypercall("graviton3", "upstream-vhe");
        Program nvhe = hypercall("graviton3", "upstream-nvhe");
        assertTrue(nvhe.traps() > vhe.traps());
        assertEquals(4, steps(nvhe, "kvm_arch_vcpu_load"), "L2->vEL2, vEL2->vEL1 kernel, HVC back to vEL2, ERET to L2");
    }

    @Test
    void shouldKeepEveryUpstreamFigureAsTheGoldenFileSays() throws IOException {
        StringBuilder sb = new StringBuilder("profile,config,operation,cycles,traps,full_exits,fast_path_traps,vncr_accesses\n");
        for (String profile : List.of("neoverse-n1", "graviton3", "ampereone")) {
            for (String config : List.of("vm", "upstream-vhe", "upstream-nvhe")) {
                if (profile.equals("neoverse-n1") && !config.equals("vm")) {
                    continue;
                }
                MachineModel m = machine(profile, config);
                for (GuestOperation op : GuestOperation.values()) {
                    Program p;
                    try {
                        p = m.program(op);
                    } catch (IllegalArgumentException | InputException notForThisConfig) {
                        continue;
                    }
                    sb.append(profile).append(',').append(config).append(',').append(op.name()).append(',').append(p.totalCycles())
                        .append(',').append(p.traps()).append(',').append(p.fullExits()).append(',').append(p.fastPathTraps())
                        .append(',').append(p.vncrAccesses()).append('\n');
                }
            }
        }
        Path golden = Path.of("src/test/resources/golden/upstream-programs.csv");
        if (Boolean.getBoolean("nvsim.updateGolden")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, sb.toString());
        }
        assertEquals(Files.readString(golden), sb.toString(), "regenerate deliberately with -Dnvsim.updateGolden=true");
    }
}
