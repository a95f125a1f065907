package dev.retort.bench.graph;

import dev.retort.graph.Plan;
import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Times building the revision graph and planning base -> heads for histories of 1k, 10k and 100k revisions
 * shaped as a trunk with a side branch and a merge every 20 revisions (10k revisions: 500 merges).
 *
 * <p>Baseline, measured in the same run: putting the same headers into a {@code HashMap} by id, the least
 * any loader must do. For each operation: the median of this thread's CPU time, and the wall-clock median
 * and best, over repeated runs after warm-up, in milliseconds; the ratios are of CPU medians to the
 * baseline's. See retort-bench/docs/graph.md.
 *
 * <p>Run (from the repository root): {@code mvn -B -q -pl retort-core,retort-bench compile}, then
 * {@code java -Xms1g -Xmx1g -cp retort-bench/target/classes:retort-core/target/classes
 * dev.retort.bench.graph.GraphBench [sizes...]}
 */
public final class GraphBench {
    private GraphBench() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("ms; cpu = this thread's CPU time (median), wall = elapsed time (median / best)");
        System.out.printf("%-7s %-6s | %-26s | %-26s | %-26s | %-10s %-10s%n", "size", "merges",
                "baseline cpu | wall med/best", "build cpu | wall med/best", "plan cpu | wall med/best",
                "build/base", "plan/base");
        for (int size : sizes) {
            List<RevisionHeader> headers = history(size, 42);
            int runs = size >= 100_000 ? 11 : 31;
            double[] base = time(runs, () -> baseline(headers));
            double[] build = time(runs, () -> RevisionGraph.of(headers));
            RevisionGraph graph = RevisionGraph.of(headers);
            double[] plan = time(runs, () -> graph.planUpgrade(Set.of(), "heads"));
            Plan check = graph.planUpgrade(Set.of(), "heads");
            if (check.steps().size() != size) {
                throw new IllegalStateException("plan has " + check.steps().size() + " steps, expected " + size);
            }
            System.out.printf("%-7d %-6d | %7.2f | %7.2f / %7.2f | %7.2f | %7.2f / %7.2f | %7.2f | %7.2f / %7.2f"
                            + " | %10.1f %10.1f%n",
                    size, graph.mergePoints().size(), base[2], base[0], base[1], build[2], build[0], build[1],
                    plan[2], plan[0], plan[1], build[2] / base[2], plan[2] / base[2]);
        }
    }

    /** Blocks of 20: a branch point, a one-revision side branch, 17 trunk revisions, then a merge. */
    static List<RevisionHeader> history(int size, long seed) {
        Random random = new Random(seed);
        Set<String> used = new HashSet<>();
        List<RevisionHeader> out = new ArrayList<>(size);
        Instant created = Instant.parse("2020-01-01T00:00:00Z");
        String trunk = null;
        String side = null;
        for (int i = 0; i < size; i++) {
            String id;
            do {
                id = String.format("%012x", random.nextLong() & 0xffffffffffffL);
            } while (!used.add(id));
            int slot = i % 20;
            List<String> revises;
            if (slot == 1 && trunk != null) {
                revises = List.of(trunk);
                side = id;
            } else if (slot == 19 && side != null) {
                revises = List.of(trunk, side);
                side = null;
                trunk = id;
            } else {
                revises = trunk == null ? List.of() : List.of(trunk);
                trunk = id;
            }
            created = created.plusSeconds(60);
            out.add(new RevisionHeader(id, revises, List.of(), List.of(), "revision " + i, created.toString(),
                    "versions/" + id + ".sql"));
        }
        return out;
    }

    private static Map<String, RevisionHeader> baseline(List<RevisionHeader> headers) {
        Map<String, RevisionHeader> byId = new HashMap<>(headers.size() * 2);
        for (RevisionHeader h : headers) {
            byId.put(h.id(), h);
        }
        return byId;
    }

    /**
     * Wall-clock median and best, and the median of this thread's CPU time (which leaves out the time spent
     * waiting for a core on a busy machine), over {@code runs} timed runs after warm-up runs.
     */
    private static double[] time(int runs, Supplier<?> work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < Math.max(5, runs / 2); i++) {
            blackhole(work.get());
        }
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            blackhole(work.get());
            wall[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[runs / 2], wall[0], cpu[runs / 2]};
    }

    /** Keeps the JIT from discarding the work: the result escapes into a check it cannot predict. */
    private static void blackhole(Object o) {
        if (System.identityHashCode(o) == Integer.MIN_VALUE + 1) {
            System.out.print("");
        }
    }
}
