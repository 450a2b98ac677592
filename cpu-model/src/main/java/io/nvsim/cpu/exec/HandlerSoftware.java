package io.nvsim.cpu.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The C code of each operation's handler, besides the instructions its path rows list, as declared with the operations
 * in {@code nvsim/hypervisors/handler-software.tsv}: a sum of named cost parameters, some for one GIC version, some per
 * list register. Read once; evaluated when a program is compiled (never while simulating).
 *
 * <pre>{@code
 * long c = HandlerSoftware.builtIn().cycles(GuestOperation.HYPERCALL, false, cost, ListRegisterState.NONE);
 * }</pre>
 */
final class HandlerSoftware {
    private static final String RESOURCE = "nvsim/hypervisors/handler-software.tsv";
    private static final HandlerSoftware BUILT_IN = load();

    /** One term: a parameter, for one GIC version or both, times a list-register count or 1. */
    record Term(int gicVersion, String parameter, String factor) {
    }

    private final Map<GuestOperation, List<Term>> kvm;
    private final Map<GuestOperation, List<Term>> xen;

    private HandlerSoftware(Map<GuestOperation, List<Term>> kvm, Map<GuestOperation, List<Term>> xen) {
        this.kvm = kvm;
        this.xen = xen;
    }

    static HandlerSoftware builtIn() {
        return BUILT_IN;
    }

    /** The handler's C code for {@code op} in KVM or (when {@code xen}) in Xen, on this machine, with these list registers. */
    long cycles(GuestOperation op, boolean xen, CostModel cost, ListRegisterState lrs) {
        List<Term> terms = xen && this.xen.containsKey(op) ? this.xen.get(op) : kvm.getOrDefault(op, List.of());
        long total = 0;
        for (Term t : terms) {
            if (t.gicVersion() != 0 && t.gicVersion() != cost.gicVersion) {
                continue;
            }
            long v = cost.parameters.cycles(t.parameter());
            switch (t.factor()) {
                case "live_at_entry":
                    v *= lrs.liveAtEntry();
                    break;
                case "max1_live_at_entry":
                    v *= Math.max(1, lrs.liveAtEntry());
                    break;
                case "queued":
                    v *= lrs.queued();
                    break;
                default:
                    break;
            }
            total += v;
        }
        return total;
    }

    /** Every parameter the terms name (a test checks each exists in every profile). */
    List<String> parameters() {
        List<String> names = new ArrayList<>();
        for (Map<GuestOperation, List<Term>> m : List.of(kvm, xen)) {
            m.values().forEach(ts -> ts.forEach(t -> names.add(t.parameter())));
        }
        return names;
    }

    private static HandlerSoftware load() {
        Map<GuestOperation, List<Term>> kvm = new EnumMap<>(GuestOperation.class);
        Map<GuestOperation, List<Term>> xen = new EnumMap<>(GuestOperation.class);
        try (InputStream in = HandlerSoftware.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 3) {
                    throw new io.nvsim.kernel.InputException(RESOURCE, lineNo, "expected operation, hypervisor, terms, source");
                }
                GuestOperation op;
                try {
                    op = GuestOperation.valueOf(f[0]);
                } catch (IllegalArgumentException e) {
                    throw new io.nvsim.kernel.InputException(RESOURCE, lineNo, "unknown operation '" + f[0] + "'");
                }
                Map<GuestOperation, List<Term>> target = switch (f[1]) {
                    case "kvm" -> kvm;
                    case "xen" -> xen;
                    default -> throw new io.nvsim.kernel.InputException(RESOURCE, lineNo, "hypervisor '" + f[1] + "': expected kvm or xen");
                };
                List<Term> terms = new ArrayList<>();
                for (String t : f[2].trim().split(" +")) {
                    int gic = 0;
                    if (t.startsWith("gicv2:") || t.startsWith("gicv3:")) {
                        gic = t.charAt(4) - '0';
                        t = t.substring(6);
                    }
                    String factor = "";
                    int star = t.indexOf('*');
                    if (star >= 0) {
                        factor = t.substring(star + 1);
                        t = t.substring(0, star);
                        if (!List.of("live_at_entry", "max1_live_at_entry", "queued").contains(factor)) {
                            throw new io.nvsim.kernel.InputException(RESOURCE, lineNo, "factor '" + factor
                                + "': expected live_at_entry, max1_live_at_entry or queued");
                        }
                    }
                    terms.add(new Term(gic, t, factor));
                }
                if (target.put(op, List.copyOf(terms)) != null) {
                    throw new io.nvsim.kernel.InputException(RESOURCE, lineNo, "a second row for " + op + " " + f[1]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new HandlerSoftware(kvm, xen);
    }
}
