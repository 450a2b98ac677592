package io.nvsim.cli;

import io.nvsim.kernel.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nvsim} command: simulate ARM nested virtualization and report what it costs.
 * Exit codes: 0 ok, 1 simulation error, 2 bad input (with file:line and what was expected).
 */
@Command(name = "nvsim", mixinStandardHelpOptions = true, versionProvider = Nvsim.Version.class,
    description = "Cycle-approximate, event-driven simulator of ARM nested virtualization (NV, NV2, PV, VHE).",
    subcommands = {MicrobenchCommand.class, RunCommand.class, ExplainCommand.class, CalibrateCommand.class, ParamsCommand.class,
        WorkloadsCommand.class, SweepCommand.class, MergeCommand.class, ReportCommand.class, CompareCommand.class,
        ImportTraceCommand.class, GenerateTraceCommand.class, ValidateCommand.class,
        CommandLine.HelpCommand.class})
public final class Nvsim implements java.util.concurrent.Callable<Integer> {

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Nvsim());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("nvsim: error: " + ex.getMessage().strip().replace('\n', ' ') + " (see: nvsim "
                + (ex.getCommandLine().getCommandName().equals("nvsim") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InputException ie) {
                err.println("nvsim: error: " + ie.describe());
                return 2;
            }
            err.println("nvsim: internal error: " + ex);
            if (System.getenv("NVSIM_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A bare {@code nvsim}: the usage on stderr and exit 2, the convention for a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nvsim " + io.nvsim.reports.RunInfo.toolVersion()};
        }
    }
}
