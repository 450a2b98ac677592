package io.nvsim.cli;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.reports.EraReport;
import io.nvsim.reports.RunInfo;
import io.nvsim.workloads.eras.EraStudy;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code nvsim compare --eras}: runs {@link EraStudy} on one machine and writes its {@link EraReport}. */
final class ErasComparison {
    private ErasComparison() {
    }

    /** Runs the study and writes its report into {@code dir} (a staging directory); {@code shown} is the path printed. */
    static int run(PrintWriter out, CostProfile profile, ParameterSet parameters, Path dir, Path shown, Integer jobs) throws Exception {
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, jobs);
        EraStudy.Result result = new EraStudy(profile.machine(), parameters).run(threads);
        EraReport report = new EraReport(result, new RunInfo(RunInfo.toolVersion(), profile, parameters));
        report.writeTo(dir);
        out.print(report.markdown());
        out.printf("%nwritten: %s (eras.html, eras.md, eras.csv, ablation.csv)%n", shown);
        return 0;
    }
}
