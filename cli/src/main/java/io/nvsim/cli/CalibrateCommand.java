package io.nvsim.cli;

import io.nvsim.cost.CalibrationTarget;
import io.nvsim.cost.Calibrator;
import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cost.ProfileWriter;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.kernel.InputException;
import io.nvsim.reports.AtomicFiles;
import io.nvsim.reports.Numbers;
import io.nvsim.workloads.BenchmarkResult;
import io.nvsim.workloads.Microbenchmark;
import io.nvsim.workloads.MicrobenchmarkRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nvsim calibrate}: fits the profile's free parameters to the published targets by
 * least squares, running the simulator as the model, and prints each target, the model's value
 * and the error; {@code --write FILE} writes the profile with the fitted values and residuals.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Fit the cost profile's free parameters to the published figures.",
        "Levenberg-Marquardt least squares on relative errors, with the simulator as the model; prints each",
        "target, the published value, the model's value and the error; --write records the fit in a profile."})
public final class CalibrateCommand implements Callable<Integer> {
    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--write", paramLabel = "FILE", description = "write the profile YAML with the fitted values and residuals")
    Path write;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CostProfile profile = scenario.costProfile();
        ParameterSet start = scenario.resolve(profile).with("microbench.operations", 20, "calibrate", null, 0)
            .with("microbench.warmup_operations", 1, "calibrate", null, 0);
        if (write != null) {
            OutputPaths.file("--write", write);
        }
        List<CalibrationTarget> targets = CalibrationTarget.builtIn(profile.machine());
        if (targets.isEmpty()) {
            throw new InputException("no calibration targets for machine '" + profile.machine() + "'");
        }
        Calibrator.Result result = new Calibrator(CalibrateCommand::model).fit(start, targets);
        out.printf("calibration of %s: %d free parameters, %d targets (%d fitted), %d model evaluations%n",
            profile.machine(), start.all().stream().filter(Parameter::free).count(), targets.size(),
            targets.stream().filter(CalibrationTarget::fit).count(), result.evaluations());
        for (Parameter p : start.all()) {
            if (p.free()) {
                out.printf("  %-36s %10s -> %10s %s%n", p.name(), ParameterSet.formatValue(p.value()),
                    ParameterSet.formatValue(result.fitted().value(p.name())), p.unit());
            }
        }
        out.println();
        out.println("| target | benchmark | config | metric | published | model | error | fitted | source |");
        out.println("|---|---|---|---|---:|---:|---:|---|---|");
        for (Calibrator.Row r : result.rows()) {
            CalibrationTarget t = r.target();
            out.printf("| %s | %s | %s | %s | %s | %s | %+.2f%% | %s | %s |%n", t.name(), t.benchmark(), t.config(), t.metric(),
                Numbers.grouped(t.value()), t.metric().startsWith("traps") ? Numbers.fixed(r.model(), 0) : Numbers.grouped(r.model()),
                r.errorPercent(), t.fit() ? "yes" : "check", t.source());
        }
        out.printf("%nrms error of the fitted targets: %.3f%%%n", result.rms());
        if (write != null) {
            String text = profile.source().startsWith("nvsim/profiles/")
                ? new String(CostProfile.class.getClassLoader().getResourceAsStream(profile.source()).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)
                : Files.readString(Path.of(profile.source()));
            AtomicFiles.write(write, ProfileWriter.withCalibration(text, result));
            out.println("wrote " + write);
        }
        return 0;
    }

    /** The model: run the target's benchmark under its config and read the metric. */
    static double model(ParameterSet parameters, CalibrationTarget target) {
        MachineModel machine = MachineModel.create(NestingConfig.parse(target.config()), parameters);
        BenchmarkResult r = new MicrobenchmarkRun(Microbenchmark.parse(target.benchmark()), machine, parameters).run();
        switch (target.metric()) {
            case "cycles_per_op":
                return r.cyclesPerOp();
            case "traps_per_op":
                return r.trapsPerOp();
            default:
                throw new InputException("calibration target " + target.name() + ": unknown metric '" + target.metric() + "'");
        }
    }
}
