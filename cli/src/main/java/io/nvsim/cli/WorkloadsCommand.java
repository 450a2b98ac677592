package io.nvsim.cli;

import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.Workloads;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim workloads}: the workloads and their parameters. */
@Command(name = "workloads", mixinStandardHelpOptions = true, description = "List the workloads and their own parameters.")
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
        return 0;
    }
}
