package dev.retort.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a current version set and a target into ordered steps. Each step carries the version rows before and
 * after it, maintained incrementally: applying a revision replaces the rows it stands on; reverting one puts
 * back those of its parents and dependencies nothing else applied still stands on.
 */
final class Planner {
    private final RevisionGraph g;
    private final Resolver resolver;

    Planner(RevisionGraph graph, Resolver resolver) {
        this.g = graph;
        this.resolver = resolver;
    }

    Plan upgrade(Set<String> current, String target) {
        Range range = range(current, target, Direction.UPGRADE);
        VersionState state = range.state();
        Destination d = resolver.destination(range.target(), Direction.UPGRADE, state);
        BitSet needed = g.ancestors(d.targets(), true);
        if (range.explicit() && !d.relative()) { // a relative move (FROM:+1) goes up from FROM by construction
            refuseFromAbove(state.rowSet(), d.targets(), needed, range.target());
        }
        needed.andNot(state.applied());
        return new Plan(Direction.UPGRADE, applySteps(state, needed));
    }

    /**
     * FROM of an offline {@code FROM:TO} upgrade must not lie above TO: such a range goes down, which an upgrade
     * cannot do (Alembic writes a script that leaves FROM in the table as an extra head). Any other row is planned
     * from as an online run plans from it (t28-1): a row below TO is moved up, a row of another branch or base
     * stays beside TO's (t21-1: {@code a,c2:c3} upgrades c2's branch), and a row that stands for a revision below
     * TO through its dependencies counts as what it applied.
     */
    private void refuseFromAbove(BitSet rows, BitSet targets, BitSet needed, String to) {
        BitSet above = g.descendants(targets, true);
        for (int i = rows.nextSetBit(0); i >= 0; i = rows.nextSetBit(i + 1)) {
            if (above.get(i) && !needed.get(i)) {
                throw GraphErrors.notAncestor(g.headers[i].id(), to);
            }
        }
    }

    Plan downgrade(Set<String> current, String target) {
        Range range = range(current, target, Direction.DOWNGRADE);
        VersionState state = range.state();
        Destination d = resolver.destination(range.target(), Direction.DOWNGRADE, state);
        BitSet applied = state.applied();
        BitSet targets = d.targets();
        for (int t = targets.nextSetBit(0); t >= 0; t = targets.nextSetBit(t + 1)) {
            if (!applied.get(t)) {
                throw GraphErrors.notDowngradeTarget(range.target());
            }
        }
        // Alembic's _collect_downgrade_revisions: what goes starts at the targets' children (revises links
        // only), then spreads to their descendants and dependents. A revision that merely depends on a target
        // stays, because the target it needs stays; and nothing a target stands on is taken away.
        BitSet roots = new BitSet(g.n);
        for (int t = targets.nextSetBit(0); t >= 0; t = targets.nextSetBit(t + 1)) {
            for (int c : g.children[t]) {
                roots.set(c);
            }
        }
        BitSet revert = g.descendants(roots, true);
        revert.or(g.descendants(d.revertFrom(), true));
        revert.and(applied);
        revert.andNot(g.ancestors(targets, true));
        return new Plan(Direction.DOWNGRADE, revertSteps(state, revert));
    }

    Plan stamp(Set<String> current, String target, boolean purge) {
        Range range = range(current, target, Direction.STAMP);
        VersionState state = range.state();
        return stamp(state, resolver.destination(range.target(), Direction.STAMP, state), purge);
    }

    /** Alembic's {@code stamp A B}: several targets at once, none of them below another. */
    Plan stamp(Set<String> current, List<String> targets, boolean purge) {
        VersionState state = g.state(current);
        BitSet reach = new BitSet(g.n);
        BitSet revertFrom = new BitSet(g.n);
        List<Integer> named = new ArrayList<>();
        Map<String, BitSet> removedBy = new LinkedHashMap<>();
        for (String target : targets) {
            Destination d = resolver.destination(target, Direction.STAMP, state);
            reach.or(d.targets());
            revertFrom.or(d.revertFrom());
            d.targets().stream().forEach(named::add);
            if (!d.revertFrom().isEmpty()) removedBy.put(target.strip(), g.descendants(d.revertFrom(), true));
        }
        // a base form (base, LABEL@base, -N) lies below everything it takes away (t61-3): stamp c1 base asked for
        // c1 and for nothing at once, and removed the rows of c1's other base besides
        for (int t : named) {
            List<String> below = new ArrayList<>();
            removedBy.forEach((form, removed) -> {
                if (removed.get(t)) below.add(form);
            });
            if (!below.isEmpty()) {
                throw GraphErrors.overlappingTargets(g.headers[t].id(), below);
            }
        }
        // and a base form whose reach another one takes away lies below it as well (f11-5): stamp base lib@base asked
        // for "below lib" and for nothing at once. Two taking away the same (lib's branch begins at the base) overlap
        // too, the later named as the one overlapping
        List<String> forms = List.copyOf(removedBy.keySet());
        for (int i = 0; i < forms.size(); i++) {
            BitSet removes = removedBy.get(forms.get(i));
            List<String> below = new ArrayList<>();
            for (int j = 0; j < forms.size(); j++) {
                BitSet removed = removedBy.get(forms.get(j));
                BitSet beyond = (BitSet) removes.clone();
                beyond.andNot(removed);
                if (j != i && beyond.isEmpty() && (j < i || !removed.equals(removes))) below.add(forms.get(j));
            }
            if (!below.isEmpty()) {
                throw GraphErrors.overlappingTargets(forms.get(i), below);
            }
        }
        for (int t : named) {
            BitSet seed = new BitSet(g.n);
            seed.set(t);
            BitSet below = g.ancestors(seed, true);
            below.clear(t);
            below.and(reach);
            if (!below.isEmpty()) {
                throw GraphErrors.overlappingTargets(g.headers[t].id(), g.idsInHistoryOrder(below));
            }
        }
        return stamp(state, new Destination(reach, revertFrom, false), purge);
    }

    private Plan stamp(VersionState state, Destination d, boolean purge) {
        BitSet applied = purge ? new BitSet(g.n) : (BitSet) state.applied().clone();
        List<String> rows = purge ? List.of() : state.rows();
        List<Step> steps = new ArrayList<>();
        boolean first = true;
        if (!d.revertFrom().isEmpty()) {
            applied.andNot(g.descendants(d.revertFrom(), true));
            List<String> to = g.rowsOf(applied);
            if (!to.equals(rows)) {
                steps.add(new Step(null, Direction.STAMP, rows, to));
            }
            rows = to;
            first = false;
        }
        for (int t : byRank(d.targets())) {
            BitSet seed = new BitSet(g.n);
            seed.set(t);
            // as a downgrade to t takes away (t16-2): what stands on t by revises links, and whatever depends on
            // that; a revision that merely depends on t keeps its row, since what it needs stays
            BitSet roots = new BitSet(g.n);
            for (int c : g.children[t]) roots.set(c);
            applied.andNot(g.descendants(roots, true));
            applied.or(g.ancestors(seed, true));
            List<String> to = g.rowsOf(applied);
            if (!to.equals(rows) || (first && purge)) {
                steps.add(new Step(g.headers[t], Direction.STAMP, rows, to));
            }
            rows = to;
            first = false;
        }
        return new Plan(Direction.STAMP, steps);
    }

    /** The applied set after moving to a destination, for {@link RevisionGraph#resolve} of relative targets. */
    BitSet after(BitSet applied, Destination d) {
        BitSet out = (BitSet) applied.clone();
        out.or(g.ancestors(d.targets(), true));
        out.andNot(g.descendants(d.revertFrom(), true));
        return out;
    }

    List<RevisionHeader> history(String range, Set<String> current) {
        if (range == null || range.isBlank()) {
            return g.revisions();
        }
        String r = range.strip();
        int colon = r.indexOf(':');
        if (colon < 0 || r.indexOf(':', colon + 1) >= 0) {
            throw GraphErrors.historyRangeSyntax();
        }
        String lowerText = r.substring(0, colon);
        String upperText = r.substring(colon + 1);
        VersionState state = g.state(current);
        String defaultUpper = "heads";
        String lowerStripped = lowerText.strip();
        if (upperText.isEmpty() && lowerStripped.endsWith("@base") && lowerStripped.length() > "@base".length()) {
            // LABEL@base: ends at the branch's own heads (t61-2): a revision of another base that depends on the
            // branch stands above it, yet is not on it
            defaultUpper = lowerStripped.substring(0, lowerStripped.length() - "base".length()) + "heads";
        }
        BitSet upper = endpoint(upperText.isEmpty() ? defaultUpper : upperText, state);
        BitSet span = g.ancestors(upper, true);
        if (lowerText.isEmpty()) {
            return g.headersOf(span);
        }
        Destination from = resolver.destination(lowerText, null, state);
        BitSet lower;
        if (!from.relative() && !from.revertFrom().isEmpty()) {
            // a base form (base, LABEL@base, REV-N below a base) names where branches begin rather than a
            // revision: the range starts at those of them under the upper end, so LABEL@base: lists the
            // label's branch and not the whole graph (Alembic narrows it to the branch too)
            lower = (BitSet) from.revertFrom().clone();
            lower.and(span);
            if (lower.isEmpty() && !span.isEmpty()) {
                throw GraphErrors.rangeNotAlongBranch(lowerText, upperText);
            }
        } else {
            lower = endpoint(from, state);
            for (int i = lower.nextSetBit(0); i >= 0; i = lower.nextSetBit(i + 1)) {
                if (!span.get(i)) {
                    throw GraphErrors.rangeNotAlongBranch(lowerText, upperText);
                }
            }
            if (lower.isEmpty()) {
                // current: with an empty table
                return g.headersOf(span);
            }
        }
        // along dependencies too, as Alembic's ranges: A:B where B's branch depends on A lists B's branch (t16-1)
        span.and(g.descendants(lower, true));
        return g.headersOf(span);
    }

    private BitSet endpoint(String text, VersionState state) {
        return endpoint(resolver.destination(text, null, state), state);
    }

    private BitSet endpoint(Destination d, VersionState state) {
        return d.relative() ? moved(state, d) : d.targets();
    }

    /**
     * Where a relative move ({@code -1}, {@code LABEL@+2}) lands: the version rows it brings, not the rows it leaves
     * alone, which are other branches' ({@code other@-1} is a revision of {@code other}, whatever else is applied).
     * Empty when the move takes its branch down to base.
     */
    BitSet moved(VersionState state, Destination d) {
        BitSet rows = new BitSet(g.n);
        List<String> before = g.rowsOf(state.applied());
        for (String id : g.rowsOf(after(state.applied(), d))) {
            if (!before.contains(id)) rows.set(g.byId.get(id));
        }
        return rows;
    }

    /**
     * A target may be an offline range {@code FROM:TO}: then FROM, not the database, is the starting point.
     * Whether ranges are allowed at all (only with --sql) is the command's business.
     */
    private record Range(VersionState state, String target, boolean explicit) {
    }

    private Range range(Set<String> current, String target, Direction direction) {
        if (target == null || target.indexOf(':') < 0) {
            return new Range(g.state(current), target, false);
        }
        String t = target.strip();
        int colon = t.indexOf(':');
        String from = t.substring(0, colon);
        String to = t.substring(colon + 1);
        if (to.isEmpty() || to.indexOf(':') >= 0) {
            throw GraphErrors.rangeNotAllowed();
        }
        // FROM may name several version rows, "a,b", for a database with several branches applied (t16-9)
        BitSet starts = new BitSet(g.n);
        if (!from.isEmpty()) for (String part : from.split(",", -1)) starts.or(endpoint(part.strip(), g.state(current)));
        Collection<String> start = g.idsInHistoryOrder(starts);
        VersionState state = g.state(start);
        return new Range(state, to, !start.isEmpty() && direction == Direction.UPGRADE);
    }

    private List<Step> applySteps(VersionState state, BitSet needed) {
        List<Step> steps = new ArrayList<>(needed.cardinality());
        TreeSet<String> rows = new TreeSet<>(g.rowsOf(state.applied()));
        List<String> before = state.rows();
        for (int x : byRank(needed)) {
            for (int p : g.parents[x]) {
                rows.remove(g.headers[p].id());
            }
            for (int p : g.deps[x]) {
                rows.remove(g.headers[p].id());
            }
            rows.add(g.headers[x].id());
            List<String> after = List.copyOf(rows);
            steps.add(new Step(g.headers[x], Direction.UPGRADE, before, after));
            before = after;
        }
        return steps;
    }

    private List<Step> revertSteps(VersionState state, BitSet revert) {
        int[] order = byRank(revert);
        List<Step> steps = new ArrayList<>(order.length);
        BitSet applied = state.applied();
        int[] above = g.appliedAbove(applied);
        TreeSet<String> rows = new TreeSet<>(g.rowsOf(applied));
        List<String> before = state.rows();
        for (int k = order.length - 1; k >= 0; k--) {
            int x = order[k];
            rows.remove(g.headers[x].id());
            for (int[] downs : new int[][] {g.parents[x], g.deps[x]}) {
                for (int p : downs) {
                    if (--above[p] == 0) {
                        rows.add(g.headers[p].id());
                    }
                }
            }
            List<String> after = List.copyOf(rows);
            steps.add(new Step(g.headers[x], Direction.DOWNGRADE, before, after));
            before = after;
        }
        return steps;
    }

    /** Members of a set in upgrade order (parents and dependencies first). */
    private int[] byRank(BitSet set) {
        int count = set.cardinality();
        int[] out = new int[count];
        if (count == 0) {
            return out;
        }
        if ((long) count * 20 < g.n) {
            int k = 0;
            for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
                out[k++] = i;
            }
            Integer[] boxed = new Integer[count];
            for (int i = 0; i < count; i++) {
                boxed[i] = out[i];
            }
            java.util.Arrays.sort(boxed, (a, b) -> Integer.compare(g.rank[a], g.rank[b]));
            for (int i = 0; i < count; i++) {
                out[i] = boxed[i];
            }
            return out;
        }
        int k = 0;
        for (int h = g.history.length - 1; h >= 0; h--) {
            int i = g.history[h];
            if (set.get(i)) {
                out[k++] = i;
            }
        }
        return out;
    }
}
