package dev.retort.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The revision DAG, built once from headers. Pure: no I/O, immutable, safe to share between threads.
 *
 * <p>Vocabulary (Alembic's): a revision's <em>parents</em> are its {@code revises}; its <em>dependencies</em>
 * are its {@code depends_on} (ordering without ancestry). A <em>head</em> has no children; a <em>real head</em>
 * is also nobody's dependency; a head that is only a dependency target is an <em>effective head</em>.
 * The version table holds one row per applied revision that no other applied revision stands on
 * (as child or dependent).
 *
 * <p>Internally every revision is an int index; adjacency is kept in arrays and sets of revisions in
 * {@link BitSet}s, so building, resolving and planning are linear in the size of the graph.
 */
public final class RevisionGraph {
    final int n;
    final RevisionHeader[] headers;
    final Map<String, Integer> byId;
    final Map<String, Integer> labelOwner;
    final int[][] parents;
    final int[][] deps;
    final int[][] children;
    final int[][] dependents;
    /** Newest first; reversed, it is the order upgrades run in. */
    final int[] history;
    /** Position of each revision in upgrade order (0 runs first). */
    final int[] rank;
    /** Per branch label (sorted), the revisions its branch contains; made on first use. */
    private volatile BitSet[] labelMembers;
    private String[] sortedLabels;
    private final Resolver resolver;
    private final Planner planner;

    RevisionGraph(RevisionHeader[] headers, Map<String, Integer> byId, Map<String, Integer> labelOwner,
                  int[][] parents, int[][] deps, int[][] children, int[][] dependents, int[] history) {
        this.n = headers.length;
        this.headers = headers;
        this.byId = byId;
        this.labelOwner = labelOwner;
        this.parents = parents;
        this.deps = deps;
        this.children = children;
        this.dependents = dependents;
        this.history = history;
        this.rank = new int[n];
        for (int k = 0; k < n; k++) {
            rank[history[k]] = n - 1 - k;
        }
        this.resolver = new Resolver(this);
        this.planner = new Planner(this, resolver);
    }

    /** Builds and validates the graph; throws {@link GraphException} naming the files at fault. */
    public static RevisionGraph of(Collection<RevisionHeader> headers) {
        return GraphBuilder.build(headers);
    }

    public Optional<RevisionHeader> get(String id) {
        Integer i = byId.get(id);
        return i == null ? Optional.empty() : Optional.of(headers[i]);
    }

    public int size() {
        return n;
    }

    /** Every revision, in history order (newest first, children before parents, ties newest created first). */
    public List<RevisionHeader> revisions() {
        List<RevisionHeader> out = new ArrayList<>(n);
        for (int i : history) {
            out.add(headers[i]);
        }
        return out;
    }

    /** Every revision in the order a full upgrade runs them (oldest first): the reverse of {@link #revisions()}. */
    public List<RevisionHeader> upgradeOrder() {
        List<RevisionHeader> out = revisions();
        Collections.reverse(out);
        return out;
    }

    /** Revisions with no children, including effective heads (what {@code retort heads} shows). */
    public List<RevisionHeader> heads() {
        return heads(false);
    }

    /**
     * With {@code resolveDependencies}, only real heads: a head that another revision depends on is left out,
     * as {@code alembic heads --resolve-dependencies} does. These are what the target {@code heads} means.
     */
    public List<RevisionHeader> heads(boolean resolveDependencies) {
        return headersOf(resolveDependencies ? realHeadSet() : headSet());
    }

    public List<RevisionHeader> bases() {
        return headersOf(baseSet());
    }

    public List<RevisionHeader> branchPoints() {
        BitSet set = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (children[i].length > 1) {
                set.set(i);
            }
        }
        return headersOf(set);
    }

    public List<RevisionHeader> mergePoints() {
        BitSet set = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (parents[i].length > 1) {
                set.set(i);
            }
        }
        return headersOf(set);
    }

    public boolean isHead(String id) {
        return children[require(id)].length == 0;
    }

    /** A head nobody depends on. */
    public boolean isRealHead(String id) {
        int i = require(id);
        return children[i].length == 0 && dependents[i].length == 0;
    }

    /** A head that another revision depends on: Alembic marks it {@code (effective head)}. */
    public boolean isEffectiveHead(String id) {
        int i = require(id);
        return children[i].length == 0 && dependents[i].length > 0;
    }

    public boolean isBase(String id) {
        return parents[require(id)].length == 0;
    }

    public boolean isBranchPoint(String id) {
        return children[require(id)].length > 1;
    }

    public boolean isMergePoint(String id) {
        return parents[require(id)].length > 1;
    }

    /** The revisions this one revises, in header order. */
    public List<RevisionHeader> parents(String id) {
        return headersOfArray(parents[require(id)]);
    }

    /** The revisions that revise this one, in history order. */
    public List<RevisionHeader> children(String id) {
        return headersOf(toSet(children[require(id)]));
    }

    /** The revisions this one depends on ({@code depends_on} resolved; labels become their revision). */
    public List<RevisionHeader> dependencies(String id) {
        return headersOfArray(deps[require(id)]);
    }

    /** The revisions that depend on this one, in history order. */
    public List<RevisionHeader> dependents(String id) {
        return headersOf(toSet(dependents[require(id)]));
    }

    /** Everything below {@code id} (not itself), newest first; with dependencies, their ancestry too. */
    public List<RevisionHeader> ancestors(String id, boolean includeDependencies) {
        BitSet seed = toSet(new int[] {require(id)});
        BitSet all = ancestors(seed, includeDependencies);
        all.andNot(seed);
        return headersOf(all);
    }

    /** Everything above {@code id} (not itself), newest first; with dependencies, their dependents too. */
    public List<RevisionHeader> descendants(String id, boolean includeDependencies) {
        BitSet seed = toSet(new int[] {require(id)});
        BitSet all = descendants(seed, includeDependencies);
        all.andNot(seed);
        return headersOf(all);
    }

    /**
     * The branch labels whose branch contains this revision: a label covers the revision carrying it, every
     * descendant, and the straight run below it down to a base or to just above the nearest branch point
     * (counting dependents, as Alembic does) or merge point.
     */
    public List<String> branchLabels(String id) {
        int i = require(id);
        BitSet[] members = labelMembers();
        List<String> out = new ArrayList<>();
        for (int l = 0; l < members.length; l++) {
            if (members[l].get(i)) {
                out.add(sortedLabels[l]);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Everything the given version rows imply applied: the rows, their ancestors and their dependencies, in
     * history order. Unknown ids are an error, as in Alembic.
     */
    public List<String> applied(Collection<String> current) {
        return idsInHistoryOrder(state(current).applied());
    }

    /**
     * The rows a version table holds when exactly these revisions (closed under ancestry and dependencies)
     * are applied: the applied revisions that no other applied revision stands on. Sorted by id.
     */
    public List<String> versionRows(Collection<String> current) {
        return rowsOf(state(current).applied());
    }

    /**
     * Whether a TARGET is relative to the database's rows ({@code current}, {@code current+1}, {@code +N},
     * {@code -N}, {@code label@-N}), for commands that do not connect and must refuse it rather than read it
     * against an empty database.
     */
    public boolean readsDatabase(String target) {
        return resolver.readsDatabase(target);
    }

    /** Resolves a TARGET of SPEC section 4 to revision ids, given the database's current heads. */
    public Set<String> resolve(String target, Set<String> current) {
        VersionState state = state(current);
        Destination d = resolver.destination(target, null, state);
        if (d.relative()) {
            return new LinkedHashSet<>(idsInHistoryOrder(planner.moved(state, d)));
        }
        return new LinkedHashSet<>(idsInHistoryOrder(d.targets()));
    }

    /**
     * Resolves a TARGET that must name at most one revision; empty for {@code base}. Several revisions (for
     * instance {@code heads} with two heads) throw {@link MultipleHeadsException}.
     */
    public Optional<RevisionHeader> resolveOne(String target, Set<String> current) {
        Set<String> ids = resolve(target, current);
        if (ids.size() > 1) {
            throw GraphErrors.multipleHeads(target, new ArrayList<>(ids));
        }
        return ids.isEmpty() ? Optional.empty() : Optional.of(headers[byId.get(ids.iterator().next())]);
    }

    /** Revisions of a history range ({@code A:B}, {@code :B}, {@code A:}, {@code current}), newest first. */
    public List<RevisionHeader> history(String range, Set<String> current) {
        return planner.history(range, current);
    }

    public Plan planUpgrade(Set<String> current, String target) {
        requireConsistentRows(current);
        return planner.upgrade(current, target);
    }

    public Plan planDowngrade(Set<String> current, String target) {
        requireConsistentRows(current);
        return planner.downgrade(current, target);
    }

    /**
     * Refuses version rows of which one lies below another: Retort (and Alembic) never write such a table, and
     * plans from it would be wrong (an upgrade found nothing to do, a downgrade silently dropped the extra row).
     * A revises/depends_on edited after the revision ran (a team's rebase of a branch, t61-4), a hand edit or another
     * tool made it; {@code stamp --purge} records the real state.
     */
    private void requireConsistentRows(Set<String> current) {
        requireConsistentRows(current, rows -> "'retort stamp --purge " + String.join(" ", rows) + "'");
    }

    /**
     * As the planners check the rows, with the advice in the caller's words: {@code stampPurge} tells how to record
     * the given revisions with a purge ("'retort stamp --purge A B'" on the command line).
     */
    public void requireConsistentRows(Set<String> current, java.util.function.Function<List<String>, String> stampPurge) {
        rowBelowAnother(current).ifPresent(r -> {
            List<String> keep = rowsOf(state(current).applied());
            throw new GraphException("The version table holds " + r.row() + " and " + String.join(", ", r.above()) + ", but "
                    + r.row() + " " + r.relation() + ": a row Retort never writes. Probably a revision's revises or"
                    + " depends_on was changed after it was applied (a branch moved onto another after a merge, instead"
                    + " of a merge revision), or the table was edited by hand or by another tool. Check which revisions"
                    + " the database really has, then record them"
                    + " with " + stampPurge.apply(List.of("REVISION...")) + " (from these rows: "
                    + stampPurge.apply(keep) + ").");
        });
    }

    /**
     * A version row that other rows already imply applied: below them by revises links ({@code ancestorOf}), or only
     * through their depends_on ({@code dependencyOf}: a dependency, or an ancestor of one). Either way the rows
     * above stand for it, and a plan from the table would take the extra row for a branch of its own (t28-2).
     */
    public record RowBelow(String row, List<String> ancestorOf, List<String> dependencyOf) {
        public RowBelow {
            ancestorOf = List.copyOf(ancestorOf);
            dependencyOf = List.copyOf(dependencyOf);
        }

        /** The rows above, sorted. */
        public List<String> above() {
            return List.copyOf(new TreeSet<>(java.util.stream.Stream.concat(ancestorOf.stream(), dependencyOf.stream()).toList()));
        }

        /** "is an ancestor of X", "is a dependency of Y", or both. */
        public String relation() {
            String ancestor = ancestorOf.isEmpty() ? "" : "an ancestor of " + String.join(", ", ancestorOf);
            String dependency = dependencyOf.isEmpty() ? "" : "a dependency of " + String.join(", ", dependencyOf);
            return "is " + ancestor + (ancestor.isEmpty() || dependency.isEmpty() ? "" : " and ") + dependency;
        }
    }

    /**
     * The first of {@code rows} that others of them stand on, by revises links or depends_on, with those above it;
     * empty when none does. Unknown ids are passed over: planning refuses them with their own message.
     */
    public java.util.Optional<RowBelow> rowBelowAnother(java.util.Collection<String> rows) {
        if (rows == null || rows.size() < 2) return java.util.Optional.empty();
        for (String row : rows) {
            if (row == null || !byId.containsKey(row)) continue;
            int r = byId.get(row);
            BitSet others = new BitSet(n);
            for (String o : rows) if (o != null && !o.equals(row) && byId.containsKey(o)) others.set(byId.get(o));
            if (ancestors(others, true).get(r)) {
                List<String> ancestorOf = new ArrayList<>();
                List<String> dependencyOf = new ArrayList<>();
                for (String o : new TreeSet<>(rows)) {
                    if (o == null || o.equals(row) || !byId.containsKey(o)) continue;
                    BitSet seed = bit(byId.get(o));
                    if (ancestors(seed, false).get(r)) ancestorOf.add(o);
                    else if (ancestors(seed, true).get(r)) dependencyOf.add(o);
                }
                return java.util.Optional.of(new RowBelow(row, ancestorOf, dependencyOf));
            }
        }
        return java.util.Optional.empty();
    }

    private BitSet bit(int i) {
        BitSet b = new BitSet(n);
        b.set(i);
        return b;
    }

    /**
     * Moves the version rows to the target without running anything. Revisions unrelated to the target keep
     * their rows (unlike Alembic's {@code stamp heads}); with {@code purge} the table starts empty, so the
     * first step's {@code from} is empty.
     */
    public Plan planStamp(Set<String> current, String target, boolean purge) {
        if (!purge) requireConsistentRows(current);
        return planner.stamp(current, target, purge);
    }

    /**
     * {@code stamp A B ...}: records several targets in one go (each resolved as by {@link #resolve}); a target
     * that lies below another one is refused, as in Alembic.
     */
    public Plan planStamp(Set<String> current, List<String> targets, boolean purge) {
        if (!purge) requireConsistentRows(current);
        return planner.stamp(current, targets, purge);
    }

    // ---- package-private helpers over int indexes ----

    int require(String id) {
        Integer i = byId.get(id);
        if (i == null) {
            throw GraphErrors.cantLocate(id);
        }
        return i;
    }

    VersionState state(Collection<String> current) {
        BitSet rows = new BitSet(n);
        TreeSet<String> given = new TreeSet<>();
        if (current != null) {
            for (String id : current) {
                if (id == null) {
                    continue;
                }
                rows.set(require(id));
                given.add(id);
            }
        }
        return new VersionState(List.copyOf(given), rows, ancestors(rows, true));
    }

    /** The seeds and everything below them (revises links, plus depends_on when asked). */
    BitSet ancestors(BitSet seeds, boolean withDependencies) {
        return reach(seeds, parents, withDependencies ? deps : null);
    }

    /** The seeds and everything above them (children, plus dependents when asked). */
    BitSet descendants(BitSet seeds, boolean withDependencies) {
        return reach(seeds, children, withDependencies ? dependents : null);
    }

    private BitSet reach(BitSet seeds, int[][] edges, int[][] more) {
        BitSet seen = (BitSet) seeds.clone();
        int[] stack = new int[Math.max(16, seeds.cardinality())];
        int size = 0;
        for (int i = seeds.nextSetBit(0); i >= 0; i = seeds.nextSetBit(i + 1)) {
            if (size == stack.length) {
                stack = java.util.Arrays.copyOf(stack, size * 2);
            }
            stack[size++] = i;
        }
        while (size > 0) {
            int x = stack[--size];
            for (int[][] adjacency : new int[][][] {edges, more}) {
                if (adjacency == null) {
                    continue;
                }
                for (int y : adjacency[x]) {
                    if (!seen.get(y)) {
                        seen.set(y);
                        if (size == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, size * 2);
                        }
                        stack[size++] = y;
                    }
                }
            }
        }
        return seen;
    }

    /** For each applied revision, how many applied revisions stand on it (as child or dependent). */
    int[] appliedAbove(BitSet applied) {
        int[] above = new int[n];
        for (int i = applied.nextSetBit(0); i >= 0; i = applied.nextSetBit(i + 1)) {
            for (int p : parents[i]) {
                above[p]++;
            }
            for (int d : deps[i]) {
                above[d]++;
            }
        }
        return above;
    }

    /** Version rows for an applied set: its members nothing else in it stands on; sorted by id. */
    List<String> rowsOf(BitSet applied) {
        int[] above = appliedAbove(applied);
        TreeSet<String> rows = new TreeSet<>();
        for (int i = applied.nextSetBit(0); i >= 0; i = applied.nextSetBit(i + 1)) {
            if (above[i] == 0) {
                rows.add(headers[i].id());
            }
        }
        return List.copyOf(rows);
    }

    BitSet headSet() {
        BitSet set = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (children[i].length == 0) {
                set.set(i);
            }
        }
        return set;
    }

    BitSet realHeadSet() {
        BitSet set = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (children[i].length == 0 && dependents[i].length == 0) {
                set.set(i);
            }
        }
        return set;
    }

    BitSet baseSet() {
        BitSet set = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (parents[i].length == 0) {
                set.set(i);
            }
        }
        return set;
    }

    List<String> idsInHistoryOrder(BitSet set) {
        List<String> out = new ArrayList<>(set.cardinality());
        for (RevisionHeader h : headersOf(set)) {
            out.add(h.id());
        }
        return out;
    }

    /** The members of a set in history order; walks the set, not the graph, when it is small. */
    List<RevisionHeader> headersOf(BitSet set) {
        int count = set.cardinality();
        List<RevisionHeader> out = new ArrayList<>(count);
        if (count == 0) {
            return out;
        }
        if ((long) count * 20 < n) {
            List<Integer> members = new ArrayList<>(count);
            for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
                members.add(i);
            }
            members.sort((a, b) -> Integer.compare(rank[b], rank[a]));
            for (int i : members) {
                out.add(headers[i]);
            }
            return out;
        }
        for (int i : history) {
            if (set.get(i)) {
                out.add(headers[i]);
            }
        }
        return out;
    }

    private List<RevisionHeader> headersOfArray(int[] indexes) {
        List<RevisionHeader> out = new ArrayList<>(indexes.length);
        for (int i : indexes) {
            out.add(headers[i]);
        }
        return out;
    }

    private BitSet toSet(int[] indexes) {
        BitSet set = new BitSet(n);
        for (int i : indexes) {
            set.set(i);
        }
        return set;
    }

    /**
     * One set of members per label rather than a list of labels per revision: on a straight run every label
     * covers every revision, and lists per revision, copied for each label added, made a command on 2,000
     * labelled revisions take half a minute (t15-14). Asked only by what shows labels.
     */
    private BitSet[] labelMembers() {
        BitSet[] members = labelMembers;
        if (members != null) {
            return members;
        }
        synchronized (this) {
            if (labelMembers == null) {
                String[] labels = new TreeMap<>(labelOwner).keySet().toArray(new String[0]);
                BitSet[] sets = new BitSet[labels.length];
                for (int l = 0; l < labels.length; l++) {
                    int owner = labelOwner.get(labels[l]);
                    BitSet set = descendants(toSet(new int[] {owner}), false);
                    int bottom = resolver.bottom(owner);
                    for (int here = owner; here != bottom; here = parents[here][0]) {
                        set.set(parents[here][0]);
                    }
                    sets[l] = set;
                }
                sortedLabels = labels;
                labelMembers = sets;
            }
            return labelMembers;
        }
    }
}
