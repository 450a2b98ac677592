package io.nvsim.bench;

import io.nvsim.kernel.EventQueue;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classic hold model: the queue holds {@code pending} events; each operation removes the
 * first and schedules a new one a random time later (delays pre-drawn, so every variant sees the
 * same sequence). Compares nvsim's primitive-array heap with java.util.PriorityQueue and TreeSet
 * (CloudSim Plus's queue) holding event objects with the same (time, priority, sequence) order.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EventQueueBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class EventQueueBenchmark {
    private static final int DELAYS = 1 << 16;

    @Param({"1024", "65536"})
    int pending;

    private long[] delays;
    private int next;
    private long seq;

    private EventQueue nvsim;
    private PriorityQueue<Event> jdk;
    private TreeSet<Event> tree;

    /** An event as an object, for the JDK collections. */
    record Event(long time, int priority, long seq, int handler) {
    }

    private static final Comparator<Event> ORDER = Comparator.comparingLong(Event::time)
        .thenComparingInt(Event::priority).thenComparingLong(Event::seq);

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(42);
        delays = new long[DELAYS];
        for (int i = 0; i < DELAYS; i++) {
            delays[i] = 1 + (long) (-1000.0 * Math.log(1.0 - random.nextDouble())); // exponential, mean 1000 cycles
        }
        nvsim = new EventQueue(pending * 2);
        jdk = new PriorityQueue<>(pending * 2, ORDER);
        tree = new TreeSet<>(ORDER);
        for (int i = 0; i < pending; i++) {
            long t = delays[i % DELAYS] * 10;
            int prio = i & 3;
            nvsim.add(t, prio, i, i);
            jdk.add(new Event(t, prio, seq, i));
            tree.add(new Event(t, prio, seq, i));
            seq++;
        }
    }

    private long delay() {
        long d = delays[next];
        next = (next + 1) & (DELAYS - 1);
        return d;
    }

    @Benchmark
    public long nvsimQueue() {
        nvsim.poll();
        long now = nvsim.polledTime();
        nvsim.add(now + delay(), nvsim.polledPriority(), nvsim.polledHandler(), nvsim.polledPayload());
        return now;
    }

    @Benchmark
    public long jdkPriorityQueue() {
        Event e = jdk.poll();
        jdk.add(new Event(e.time() + delay(), e.priority(), seq++, e.handler()));
        return e.time();
    }

    @Benchmark
    public long treeSetQueue() {
        Event e = tree.pollFirst();
        tree.add(new Event(e.time() + delay(), e.priority(), seq++, e.handler()));
        return e.time();
    }
}
