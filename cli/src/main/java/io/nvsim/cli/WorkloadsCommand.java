package io.nvsim.cli;

import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.traces.TraceReplayWorkload;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.Workloads;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim workloads}: the workloads and their parameters. */
@Command(name = "workloads", mixinStandardHelpOptions = true, description = "List the workloads (microbenchmarks, application mixes, trace replay) and their own parameters.")
public final class WorkloadsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Workload w : Workloads.all()) {
            out.printf("%-16s %s%n", w.name(), w.description());
            for (Parameter p : w.parameters()) {
                out.printf("  %-30s %10s %-7s %s%n", p.name(), ParameterSet.formatValue(p.value()), p.unit(), p.provenance());
            }
        }
        out.printf("%-16s %s%n", "--trace STORE", "replay of a host trace store (nvsim import-trace, nvsim generate-trace)");
        for (Parameter p : TraceReplayWorkload.defaultParameters()) {
            out.printf("  %-30s %10s %-7s %s%n", p.name(), ParameterSet.formatValue(p.value()), p.unit(), p.provenance());
        }
        out.printf("%-16s %s%n", "FILE.yaml", "an application mix of your own (see the built-in mixes' YAML in workloads/src/main/resources/nvsim/mixes/)");
        return 0;
    }
}
