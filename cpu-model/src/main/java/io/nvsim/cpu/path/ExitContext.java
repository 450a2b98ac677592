package io.nvsim.cpu.path;

import java.util.Set;
import java.util.TreeSet;

/**
 * What holds for one pass through a hypervisor code path: the kind of exit (HVC, abort, IRQ, ...)
 * and the state that decides its branches (live list registers, pending ones). Path rows are
 * filtered by it: a row tagged {@code abort} runs only for aborts, {@code !irq_exit} only for
 * synchronous exits, {@code per_lr} once per live list register.
 *
 * <pre>{@code
 * ExitContext hvc = ExitContext.of(0, 0, "hvc_exit");
 * int times = hvc.repeat(row);   // 0 or 1, or n for per-LR rows
 * }</pre>
 */
public final class ExitContext {
    private final Set<String> tokens;
    private final int liveLrs;
    private final int pendingLrs;

    private ExitContext(Set<String> tokens, int liveLrs, int pendingLrs) {
        this.tokens = tokens;
        this.liveLrs = liveLrs;
        this.pendingLrs = pendingLrs;
    }

    /**
     * A context with the given tokens, closed under the implications the path files document:
     * {@code hvc_exit} implies a synchronous exit; {@code abort_at}/{@code abort_noat} imply
     * {@code abort}; {@code lr_eoi} implies {@code lr_mi} implies {@code lr_live}; live LRs imply {@code lr_live};
     * without {@code gicv3} the GIC is the seed's GICv2 ({@code gicv2} holds).
     */
    public static ExitContext of(int liveLrs, int pendingLrs, String... tokens) {
        Set<String> set = new TreeSet<>(Set.of(tokens));
        if (!set.contains("gicv3")) {
            set.add("gicv2");
        }
        if (set.contains("abort_at") || set.contains("abort_noat")) {
            set.add("abort");
        }
        if (set.contains("abort") && !set.contains("abort_at")) {
            set.add("abort_noat");
        }
        if (set.contains("lr_eoi")) {
            set.add("lr_mi");
        }
        if (set.contains("lr_mi")) {
            set.add("lr_live");
        }
        if (liveLrs > 0) {
            set.add("lr_live");
        }
        if (set.contains("lr_live") && liveLrs == 0) {
            liveLrs = 1;
        }
        return new ExitContext(set, liveLrs, Math.min(pendingLrs, liveLrs));
    }

    /** A context of a machine with GIC version {@code gicVersion} (2 or 3): its token {@code gicv2} or {@code gicv3} holds. */
    public static ExitContext forGic(int gicVersion, int liveLrs, int pendingLrs, String... tokens) {
        String[] all = java.util.Arrays.copyOf(tokens, tokens.length + 1);
        all[tokens.length] = gicVersion >= 3 ? "gicv3" : "gicv2";
        return of(liveLrs, pendingLrs, all);
    }

    public boolean holds(String token) {
        return tokens.contains(token);
    }

    public int liveLrs() {
        return liveLrs;
    }

    public int pendingLrs() {
        return pendingLrs;
    }

    /**
     * How many times {@code row} executes in this context: 0, 1, or once per (pending) live LR
     * ({@code per_lr}, {@code per_lr_pending}, alone or in a conjunction such as {@code gicv3+per_lr}).
     */
    public int repeat(PathInstruction row) {
        String when = row.when();
        if (when.isEmpty()) {
            return 1;
        }
        if (when.startsWith("!")) {
            return times(when.substring(1)) > 0 ? 0 : 1;
        }
        return times(when);
    }

    private int times(String conjunction) {
        int n = 1;
        for (String token : conjunction.split("\\+")) {
            switch (token) {
                case "per_lr":
                    n *= liveLrs;
                    break;
                case "per_lr_pending":
                    n *= pendingLrs;
                    break;
                default:
                    if (!tokens.contains(token)) {
                        return 0;
                    }
            }
        }
        return n;
    }

    /** A copy with more tokens holding. */
    public ExitContext with(String... more) {
        Set<String> set = new TreeSet<>(tokens);
        set.addAll(Set.of(more));
        if (set.contains("gicv3")) {
            set.remove("gicv2");
        }
        return of(liveLrs, pendingLrs, set.toArray(new String[0]));
    }

    @Override
    public String toString() {
        return tokens + " liveLrs=" + liveLrs + " pendingLrs=" + pendingLrs;
    }
}
