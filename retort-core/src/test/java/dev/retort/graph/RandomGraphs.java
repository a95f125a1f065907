package dev.retort.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Random revision DAGs with several bases, branch points, merges (two or three parents), depends_on and
 * labels; plus a naive model of the version table to check the graph's incremental bookkeeping against.
 */
final class RandomGraphs {
    private RandomGraphs() {
    }

    static List<RevisionHeader> dag(int size, long seed) {
        return dag(size, seed, 70);
    }

    /** @param recentPercent how often a parent is one of the last few revisions (higher: longer lines) */
    static List<RevisionHeader> dag(int size, long seed, int recentPercent) {
        Random random = new Random(seed);
        List<RevisionHeader> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String id = String.format("r%03d%08x", i, random.nextInt() & 0x7fffffff);
            List<String> parents = new ArrayList<>();
            if (i > 0 && random.nextInt(100) >= 12) {
                int count = random.nextInt(100) < 15 ? 2 + random.nextInt(2) : 1;
                for (int k = 0; k < count; k++) {
                    // mostly recent parents, so the shape is long lines with side branches
                    int back = random.nextInt(100) < recentPercent ? 1 + random.nextInt(Math.min(i, recentPercent > 90 ? 1 : 4)) : 1 + random.nextInt(i);
                    String p = out.get(i - back).id();
                    if (!parents.contains(p)) {
                        parents.add(p);
                    }
                }
            }
            List<String> deps = new ArrayList<>();
            if (i > 1 && random.nextInt(100) < 15) {
                String d = out.get(random.nextInt(i)).id();
                if (!parents.contains(d)) {
                    deps.add(d);
                }
            }
            List<String> labels = random.nextInt(100) < 8 ? List.of("label" + i) : List.of();
            // created dates are shuffled a little: a child may claim to be older than its parent
            String created = String.format("2026-01-01T%02d:%02d:00Z", (i + random.nextInt(3)) / 60 % 24,
                    (i + random.nextInt(3)) % 60);
            out.add(new RevisionHeader(id, parents, labels, deps, "m" + i, created, "v/" + id + ".sql"));
        }
        return out;
    }

    /** The rows after the first {@code steps} revisions of a full upgrade. */
    static Set<String> partlyUpgraded(RevisionGraph g, int steps) {
        Plan full = g.planUpgrade(Set.of(), "heads");
        if (steps <= 0 || full.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(full.steps().get(Math.min(steps, full.steps().size()) - 1).to());
    }

    /** A random applied set: the closure of a few random revisions. */
    static Set<String> randomRows(RevisionGraph g, long seed) {
        Random random = new Random(seed);
        List<RevisionHeader> all = g.revisions();
        Set<String> picked = new TreeSet<>();
        int count = random.nextInt(4);
        for (int k = 0; k < count && !all.isEmpty(); k++) {
            picked.add(all.get(random.nextInt(all.size())).id());
        }
        return new TreeSet<>(g.versionRows(picked));
    }

    /** Naive closure through the public API: ids plus all parents and dependencies. */
    static Set<String> closure(RevisionGraph g, Collection<String> seeds) {
        Set<String> out = new TreeSet<>();
        List<String> todo = new ArrayList<>(seeds);
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (out.add(id)) {
                g.parents(id).forEach(h -> todo.add(h.id()));
                g.dependencies(id).forEach(h -> todo.add(h.id()));
            }
        }
        return out;
    }

    /** Naive descendants (with dependents), including the seeds. */
    static Set<String> above(RevisionGraph g, Collection<String> seeds) {
        Set<String> out = new TreeSet<>();
        List<String> todo = new ArrayList<>(seeds);
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (out.add(id)) {
                g.children(id).forEach(h -> todo.add(h.id()));
                g.dependents(id).forEach(h -> todo.add(h.id()));
            }
        }
        return out;
    }

    /** Naive version rows: applied revisions no applied revision has as parent or dependency. */
    static List<String> rows(RevisionGraph g, Set<String> applied) {
        Set<String> covered = new TreeSet<>();
        for (String id : applied) {
            g.parents(id).forEach(h -> covered.add(h.id()));
            g.dependencies(id).forEach(h -> covered.add(h.id()));
        }
        List<String> out = new ArrayList<>();
        for (String id : new TreeSet<>(applied)) {
            if (!covered.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

}
