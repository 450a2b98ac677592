package io.nvsim.workloads;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent simulation points on a thread pool and returns their results in submission
 * order, so that the output never depends on the thread count. Each point builds its own
 * machine: points share nothing mutable.
 */
public final class WorkloadRunner {

    /** One point: a workload under one configuration and parameter set. */
    public record Point(Workload workload, NestingConfig config, ParameterSet parameters) {
        public WorkloadResult run() {
            return workload.run(MachineModel.create(config, parameters), parameters);
        }
    }

    /** Results in point order, and the host's speed producing them. */
    public record Outcome(List<WorkloadResult> results, HostSpeed hostSpeed) {
    }

    private WorkloadRunner() {
    }

    /** Runs every point on {@code jobs} threads. */
    public static Outcome run(List<Point> points, int jobs) {
        return run(points, jobs, line -> { });
    }

    /**
     * Runs every point on {@code jobs} threads, telling {@code progress} of each point as it ends (one line per point,
     * from the worker threads; the results do not depend on it).
     */
    public static Outcome run(List<Point> points, int jobs, java.util.function.Consumer<String> progress) {
        for (Point p : points) {
            MachineModel.create(p.config(), p.parameters()); // refuse bad parameters before any work
        }
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<WorkloadResult> results = runAll(points.stream().<Callable<WorkloadResult>>map(p -> () -> {
            WorkloadResult r = p.run();
            progress.accept(String.format(java.util.Locale.ROOT, "run: %s under %s done (%d/%d, %.1f s)", p.workload().name(),
                p.config().name(), done.incrementAndGet(), points.size(), (System.nanoTime() - start) / 1e9));
            return r;
        }).toList(), jobs);
        double wall = (System.nanoTime() - start) / 1e9;
        long events = 0;
        long cycles = 0;
        long traps = 0;
        for (WorkloadResult r : results) {
            events += r.events();
            cycles += r.simulatedCycles();
            traps += r.simulatedTraps();
        }
        return new Outcome(results, new HostSpeed(wall, events, cycles, traps));
    }

    /** Runs tasks on {@code jobs} threads, results in task order; a task's RuntimeException is rethrown as is. */
    public static <T> List<T> runAll(List<Callable<T>> tasks, int jobs) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "nvsim-point");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
