package io.nvsim.cli;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.Step;
import io.nvsim.reports.Numbers;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.Microbenchmark;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim explain BENCHMARK CONFIG}: the event sequence of one operation, trap by trap. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Print the event sequence of one operation, trap by trap.",
        "Each instruction the hypervisors execute, the trap rules' verdict (native, VNCR memory, trap with its",
        "exception class and cause), L0's handling and the cycles."})
public final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BENCHMARK", description = {"hypercall, device_io, virtual_ipi, virtual_eoi, timer_interrupt, or a memory "
        + "operation: stage2_fault, shadow_s2_fault, tlb_flush_vmid_ipa, tlb_flush_vmid, flush_vm_context, or a maintenance "
        + "interrupt: lr_underflow_mi (all gic.list_registers live, one pending, all refilled), lr_eoi_mi, or hypervisor_tick "
        + "(L1's own timer tick while L2 runs), or an idle step: wfi_block (the guest's WFI blocks its vCPU), sgi_wake "
        + "(an IPI to a blocked vCPU), wfi_wake (the blocked vCPU woken and back in the guest), timer_wake (woken by its timer), wfi_poll, sgi_polled, poll_wake (the same while its "
        + "hypervisor halt-polls), or idle_ipi (an IPI to a blocked vCPU: sgi_wake, then the target's wfi_wake)"})
    String benchmark;

    @Parameters(index = "1", paramLabel = "CONFIG", description = "vm, pv-nonvhe, pv-vhe, nv-nonvhe, nv-vhe, nv2-nonvhe, nv2-vhe, pv-xen, nv-xen, nv2-xen")
    String config;

    @Option(names = "--brief", description = "only the instructions, without the lines of L0's handling")
    boolean brief;

    @Mixin
    ScenarioOptions scenario;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CostProfile profile = scenario.costProfile();
        GuestOperation memoryOp = MEMORY_OPERATIONS.get(benchmark);
        if (memoryOp != null) {
            NestingConfig c = NestingConfig.parse(config);
            if (!memoryOp.occursIn(c.mode())) {
                throw new InputException(benchmark + " happens only nested: choose a config other than " + config);
            }
            MachineModel machine = MachineModel.create(c, scenario.resolve(profile));
            print(spec.commandLine().getOut(), profile, machine, memoryOp, c, brief, benchmark);
            return 0;
        }
        if (benchmark.equals(IDLE_IPI)) {
            NestingConfig c = NestingConfig.parse(config);
            MachineModel machine = MachineModel.create(c, scenario.resolve(profile));
            PrintWriter out = spec.commandLine().getOut();
            print(out, profile, machine, GuestOperation.SGI_WAKE, c, brief, IDLE_IPI + " (sender)");
            out.println();
            out.printf("... the reschedule IPI reaches the blocked target's idle CPU %s cycles after it is sent "
                + "(cost.ipi_latency_cycles), then:%n", Numbers.grouped(machine.cost().ipiLatency));
            print(out, profile, machine, GuestOperation.WFI_WAKE, c, brief, IDLE_IPI + " (receiver)");
            return 0;
        }
        if (!Microbenchmark.ids().contains(benchmark)) {
            throw new InputException("unknown benchmark or operation '" + benchmark + "'; valid: "
                + String.join(", ", Microbenchmark.ids()) + ", " + String.join(", ", MEMORY_OPERATIONS.keySet()) + ", " + IDLE_IPI);
        }
        explain(spec.commandLine().getOut(), profile, scenario.resolve(profile), Microbenchmark.parse(benchmark),
            NestingConfig.parse(config), brief);
        return 0;
    }

    /** A virtual IPI to a blocked vCPU, both ends: the sender's SGI and the target's wake-up. */
    private static final String IDLE_IPI = "idle_ipi";

    /** The memory operations, the maintenance interrupts, the hypervisor tick and the idle steps by their command-line names. */
    private static final Map<String, GuestOperation> MEMORY_OPERATIONS = new java.util.LinkedHashMap<>();

    static {
        for (GuestOperation op : new GuestOperation[] {GuestOperation.STAGE2_FAULT, GuestOperation.SHADOW_S2_FAULT,
            GuestOperation.TLB_FLUSH_VMID_IPA, GuestOperation.TLB_FLUSH_VMID, GuestOperation.FLUSH_VM_CONTEXT,
            GuestOperation.LR_UNDERFLOW_MI, GuestOperation.LR_EOI_MI, GuestOperation.HYPERVISOR_TICK,
            GuestOperation.WFI_BLOCK, GuestOperation.SGI_WAKE, GuestOperation.WFI_WAKE, GuestOperation.TIMER_WAKE, GuestOperation.WFI_POLL,
            GuestOperation.SGI_POLLED, GuestOperation.POLL_WAKE}) {
            MEMORY_OPERATIONS.put(op.name().toLowerCase(java.util.Locale.ROOT), op);
        }
    }

    static void explain(PrintWriter out, CostProfile profile, ParameterSet parameters, Microbenchmark bench,
                        NestingConfig config, boolean brief) {
        MachineModel machine = MachineModel.create(config, parameters);
        print(out, profile, machine, bench.operation(), config, brief, bench.id());
        if (bench.remoteOperation() != null) {
            out.println();
            out.printf("... the physical IPI reaches the target CPU %s cycles after it is sent (cost.ipi_latency_cycles), then:%n",
                Numbers.grouped(machine.cost().ipiLatency));
            print(out, profile, machine, bench.remoteOperation(), config, brief, bench.id() + " (receiver)");
        }
    }

    private static void print(PrintWriter out, CostProfile profile, MachineModel machine, GuestOperation op,
                              NestingConfig config, boolean brief, String title) {
        Program p = machine.program(op);
        out.printf("%s under %s on %s: %s: %s cycles, %d traps %s%n", title, config.name(), profile.machine(), op.label(machine.cost().gicVersion),
            Numbers.grouped(p.totalCycles()), p.traps(), ecSummary(p.trapsByExceptionClass()));
        out.printf("hardware: %s; host: %s; guest hypervisor: %s%n", machine.features().describe(), machine.host().description(),
            config.mode().nested() ? config.guestHypervisor() : "none (single-level VM)");
        if (config.mode() != io.nvsim.cpu.arch.ArchMode.VM && op.trigger() != GuestOperation.Trigger.WAKE
                && op.trigger() != GuestOperation.Trigger.HOST && op.trigger() != GuestOperation.Trigger.SHADOW_FAULT
                && op.trigger() != GuestOperation.Trigger.WFX && op.trigger() != GuestOperation.Trigger.NONE) {
            out.printf("the same exit with the guest hypervisor on the hardware (single level): %s cycles%n",
                Numbers.grouped(machine.nativeGuestHypervisorCycles(op)));
        }
        out.printf("%5s %9s  %-8s %-26s %-58s %-40s %9s%n", "#", "at cycle", "actor", "instruction", "verdict", "function", "cycles");
        List<Step> steps = p.steps();
        long at = 0;
        int n = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.depth() == 0) {
                n++;
                long total = s.total();
                for (int j = i + 1; j < steps.size() && steps.get(j).depth() > 0; j++) {
                    total += steps.get(j).total(); // the L0 handling of this trap
                }
                out.printf("%5d %9d  %-8s %-26s %-58s %-40s %9s%n", n, at, s.actor(), clip(s.action(), 26),
                    clip(s.verdict(), 58), clip(s.function(), 40), Numbers.grouped(total));
                at += total;
            } else if (!brief) {
                out.printf("%5s %9s  %-8s   %-83s %-40s %9s%n", "", "", s.actor(), clip(s.action(), 83),
                    clip(s.function(), 40), Numbers.grouped(s.total()));
            }
        }
        out.printf("total %s cycles; %d traps, %d full exits, %d fast-path traps, %d VNCR accesses%n",
            Numbers.grouped(p.totalCycles()), p.traps(), p.fullExits(), p.fastPathTraps(), p.vncrAccesses());
        out.println("traps by cause:");
        for (Map.Entry<String, Integer> e : p.trapsByCause().entrySet()) {
            out.printf("  %4d  %s%n", e.getValue(), e.getKey());
        }
    }

    private static String ecSummary(Map<String, Integer> byEc) {
        StringBuilder sb = new StringBuilder("(");
        byEc.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(' ').append(v));
        return sb.append(')').toString();
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
