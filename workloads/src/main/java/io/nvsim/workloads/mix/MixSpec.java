package io.nvsim.workloads.mix;

import io.nvsim.cost.LocatedYaml;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An application mix as YAML: a name, the vCPUs, and per vCPU the guest operations with their
 * rates and inter-arrival distributions. Unknown keys and operations are refused with file and
 * line.
 *
 * <pre>
 * mix: netperf_tcp_rr
 * description: "..."
 * vcpus: 2
 * sources: ["...", "..."]
 * operations:
 *   - operation: device_mmio      # hypercall, device_mmio, sgi_send, irq_receive, virtual_eoi, timer_tick
 *     per_second: 10000          # arrivals per second of guest compute, per vCPU
 *     distribution: gamma        # exponential (default), gamma, lognormal, uniform, constant
 *     cv: 0.5                    # coefficient of variation (gamma, lognormal, uniform)
 *     note: "virtio-net TX kick, one per transaction [A]"
 *     on_vcpus: [0]              # optional: the vCPUs it runs on (default: every vCPU)
 * </pre>
 * {@code sgi_send} sends an IPI to the next vCPU (round robin), which takes it as an
 * {@code irq_receive}; it needs two vCPUs at least.
 */
public record MixSpec(String name, String description, int vcpus, List<String> sources, List<OperationStream> streams) {
    private static final Set<String> TOP_KEYS = Set.of("mix", "description", "vcpus", "sources", "operations");
    private static final Set<String> OP_KEYS = Set.of("operation", "per_second", "distribution", "cv", "note", "on_vcpus");
    /** The operation ids a mix may use (the {@link GuestOperation}s the model compiles). */
    public static final Map<String, GuestOperation> OPERATIONS = Map.of(
        "hypercall", GuestOperation.HYPERCALL,
        "device_mmio", GuestOperation.DEVICE_MMIO,
        "sgi_send", GuestOperation.SGI_SEND,
        "irq_receive", GuestOperation.IRQ_RECEIVE,
        "virtual_eoi", GuestOperation.VIRTUAL_EOI,
        "timer_tick", GuestOperation.VTIMER_FIRE);

    public MixSpec {
        sources = List.copyOf(sources);
        streams = List.copyOf(streams);
    }

    /** Reads a mix file. */
    public static MixSpec fromFile(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(LocatedYaml.parse(file.toString(), r));
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the mix: " + e.getMessage());
        }
    }

    /** Reads a mix shipped in the jar ({@code nvsim/mixes/NAME.yaml}). */
    public static MixSpec builtIn(String name) {
        String resource = "nvsim/mixes/" + name + ".yaml";
        try (InputStream in = MixSpec.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(LocatedYaml.parse(resource, in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static MixSpec parse(LocatedYaml.Node root) {
        if (!root.isMapping()) {
            throw root.error("expected a mapping with keys " + TOP_KEYS);
        }
        for (var e : root.entries().entrySet()) {
            if (!TOP_KEYS.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "'; valid keys: mix, description, vcpus, sources, operations");
            }
        }
        String name = root.require("mix").text();
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw root.require("mix").error("expected a mix name of letters, digits, '_', '.', '-'");
        }
        LocatedYaml.Node vcpusNode = root.get("vcpus");
        int vcpus = vcpusNode == null ? 1 : (int) vcpusNode.number();
        if (vcpus < 1 || vcpus > 1024 || (vcpusNode != null && vcpusNode.number() != vcpus)) {
            throw vcpusNode.error("expected a whole number of vCPUs in 1..1024");
        }
        String description = root.get("description") == null ? "" : String.valueOf(root.get("description").text());
        List<String> sources = new ArrayList<>();
        if (root.get("sources") != null) {
            for (LocatedYaml.Node s : root.get("sources").items()) {
                sources.add(s.text());
            }
        }
        List<OperationStream> streams = new ArrayList<>();
        for (LocatedYaml.Node op : root.require("operations").items()) {
            if (!op.isMapping()) {
                throw op.error("expected a mapping with keys " + OP_KEYS);
            }
            for (var e : op.entries().entrySet()) {
                if (!OP_KEYS.contains(e.getKey())) {
                    throw e.getValue().error("unknown key '" + e.getKey() + "'; valid keys: operation, per_second, distribution, cv, note, on_vcpus");
                }
            }
            String id = op.require("operation").text();
            GuestOperation g = OPERATIONS.get(id);
            if (g == null) {
                throw op.require("operation").error("unknown operation '" + id + "'; valid operations: "
                    + String.join(", ", OPERATIONS.keySet().stream().sorted().toList()));
            }
            if (g == GuestOperation.SGI_SEND && vcpus < 2) {
                throw op.require("operation").error("sgi_send needs vcpus >= 2 (the IPI goes to another vCPU)");
            }
            double rate = op.require("per_second").number();
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw op.require("per_second").error("expected a positive rate (arrivals per second of guest compute)");
            }
            InterArrival d = op.get("distribution") == null ? InterArrival.EXPONENTIAL : InterArrival.parse(op.get("distribution").text(), op.get("distribution"));
            double cv = op.get("cv") == null ? (d == InterArrival.EXPONENTIAL ? 1 : d == InterArrival.CONSTANT ? 0 : -1) : op.get("cv").number();
            d.check(cv, op.file(), op.line());
            String note = op.get("note") == null ? "" : op.get("note").text();
            List<Integer> on = new ArrayList<>();
            if (op.get("on_vcpus") != null) {
                for (LocatedYaml.Node n : op.get("on_vcpus").items()) {
                    double x = n.number();
                    if (x != Math.rint(x) || x < 0 || x >= vcpus) {
                        throw n.error("expected a vCPU number in 0.." + (vcpus - 1));
                    }
                    if (!on.contains((int) x)) {
                        on.add((int) x);
                    }
                }
            }
            streams.add(new OperationStream(g, rate, d, cv, note, on));
        }
        if (streams.isEmpty()) {
            throw root.require("operations").error("expected at least one operation");
        }
        return new MixSpec(name, description, vcpus, sources, streams);
    }
}
