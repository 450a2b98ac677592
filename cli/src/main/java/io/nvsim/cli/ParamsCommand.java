package io.nvsim.cli;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim params}: every parameter in force, with value, unit, provenance and who set it. */
@Command(name = "params", mixinStandardHelpOptions = true,
    description = "List every parameter (cost profile + scenario) with its value, unit, provenance and where it was set.")
public final class ParamsCommand implements Callable<Integer> {
    @Mixin
    ScenarioOptions scenario;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CostProfile profile = scenario.costProfile();
        ParameterSet p = scenario.resolve(profile);
        out.printf("# profile %s: %s%n", profile.machine(), profile.description());
        out.println("# name  value  unit  [domain]  set by  provenance");
        for (Parameter q : p.all()) {
            out.printf("%-40s %12s %-7s [%s]  set by %s  %s%s%n", q.name(), ParameterSet.formatValue(q.value()), q.unit(),
                q.domain().describe(), q.origin(), q.free() ? "(fitted) " : "", q.provenance());
        }
        return 0;
    }
}
