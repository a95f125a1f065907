package dev.retort.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The TARGET grammar of SPEC section 4, turned into {@link Destination}s. */
final class Resolver {
    /** Alembic's relative form: optional {@code branch@}, optional symbol, then {@code +N} or {@code -N}. */
    private static final Pattern RELATIVE = Pattern.compile("(?:(.+?)@)?(\\w+)?([+-]\\d+)");
    /**
     * The same with a symbol that is not a word: a branch label with {@code -} or {@code +} ({@code feature-x-1}),
     * taken only when the symbol is such a label (labels ending in {@code -digits} are refused, so the split is
     * unambiguous).
     */
    private static final Pattern LABEL_RELATIVE = Pattern.compile("(?:(.+?)@)?([^@]+?)([+-]\\d+)");
    /** Alembic only matches prefixes against names longer than this. */
    private static final int MIN_PREFIX_CANDIDATE = 4;

    private final RevisionGraph g;

    Resolver(RevisionGraph graph) {
        this.g = graph;
    }

    /**
     * @param direction the command the target is for; null when only resolving (then both {@code +N} and
     *                  {@code -N} are allowed)
     */
    Destination destination(String target, Direction direction, VersionState state) {
        if (target == null || target.isBlank()) {
            throw GraphErrors.cantLocate(target == null ? "" : target);
        }
        String t = target.strip();
        if (t.indexOf(':') >= 0) {
            throw GraphErrors.rangeNotAllowed();
        }
        if (g.byId.containsKey(t) || g.labelOwner.containsKey(t)) {
            return Destination.reach(bit(lookup(t, null)));
        }
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            return relative(t, m.group(1), m.group(2), m.group(3), direction, state);
        }
        Matcher l = LABEL_RELATIVE.matcher(t);
        if (l.matches() && g.labelOwner.containsKey(l.group(2))) {
            return relative(t, l.group(1), l.group(2), l.group(3), direction, state);
        }
        return absolute(t, state);
    }

    /**
     * Whether a TARGET names a place relative to the database's rows ({@code current}, {@code current-1}, {@code +2},
     * {@code label@-1}): such a target means nothing to a command that does not connect (t21-5).
     */
    boolean readsDatabase(String target) {
        if (target == null) return false;
        String t = target.strip();
        if (g.byId.containsKey(t) || g.labelOwner.containsKey(t)) return false;
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) return m.group(2) == null || m.group(2).equals("current");
        return t.equals("current");
    }

    private Destination absolute(String t, VersionState state) {
        int at = t.indexOf('@');
        String branch = at >= 0 ? t.substring(0, at) : null;
        String symbol = at >= 0 ? t.substring(at + 1) : t;
        return switch (symbol) {
            case "heads" -> Destination.reach(branch == null ? g.realHeadSet() : headsIn(branch));
            case "head" -> Destination.reach(singleHead(t, branch));
            case "base" -> Destination.below(branch == null ? g.baseSet() : bit(bottom(branchRevision(branch))));
            case "current" -> {
                if (branch != null) {
                    throw GraphErrors.cantLocate(t);
                }
                yield Destination.reach((BitSet) state.rowSet().clone());
            }
            case "" -> throw GraphErrors.cantLocate(t);
            default -> Destination.reach(bit(branch == null ? lookup(symbol, null) : inBranch(symbol, branch)));
        };
    }

    private Destination relative(String t, String branch, String symbol, String amount, Direction direction,
                                 VersionState state) {
        int steps;
        try {
            steps = Integer.parseInt(amount);
        } catch (NumberFormatException e) {
            throw GraphErrors.cantLocate(t);
        }
        if (symbol == null) {
            BitSet lineage = branch == null ? null : lineage(branchRevision(branch));
            if (steps == 0) {
                // no move, in either direction and whatever the sign: where the database is (t21-4); "-0" was
                // taken as +0 and refused by downgrade as "didn't produce 0 migrations"
                BitSet here = (BitSet) state.rowSet().clone();
                if (lineage != null) here.and(lineage);
                return Destination.reach(here);
            }
            if (steps > 0) {
                if (direction == Direction.DOWNGRADE) {
                    throw GraphErrors.relativeTooShort(t, steps);
                }
                return new Destination(stepUp(t, branch, steps, lineage, state), new BitSet(), true);
            }
            if (direction == Direction.UPGRADE) {
                throw GraphErrors.relativeTooShort(t, -steps);
            }
            return new Destination(new BitSet(), stepDown(t, branch, -steps, lineage, state), true);
        }
        Position start = position(t, branch, symbol, steps < 0, state);
        BitSet upFilter = branch == null ? null : lineage(branchRevision(branch));
        Position end = walk(t, start, steps, upFilter);
        if (end.revision() >= 0) {
            return Destination.reach(bit(end.revision()));
        }
        return Destination.below(end.base() >= 0 ? bit(end.base()) : g.baseSet());
    }

    /** Where a walk starts: a revision, or just below a base ({@code base} itself). */
    private record Position(int revision, int base) {
        static Position at(int revision) {
            return new Position(revision, -1);
        }

        /** Below base {@code base}; -1 for below every base. */
        static Position belowBase(int base) {
            return new Position(-1, base);
        }
    }

    private List<String> ids(int[] revisions) {
        List<String> ids = new ArrayList<>(revisions.length);
        for (int r : revisions) ids.add(g.headers[r].id());
        return ids;
    }

    private Position position(String t, String branch, String symbol, boolean down, VersionState state) {
        return switch (symbol) {
            case "head", "heads" -> Position.at(single(t, singleHead(t, branch)));
            case "base" -> Position.belowBase(branch == null ? -1 : bottom(branchRevision(branch)));
            case "current" -> {
                BitSet rows = state.rowSet();
                if (branch != null) {
                    throw GraphErrors.cantLocate(t);
                }
                if (rows.cardinality() > 1) {
                    // several rows, not several heads: "<branchname>@head or heads" was no way out (t70-3)
                    throw GraphErrors.ambiguousWalk(t, down, "starts from several current revisions",
                            g.idsInHistoryOrder(rows));
                }
                yield rows.isEmpty() ? Position.belowBase(-1) : Position.at(rows.nextSetBit(0));
            }
            default -> Position.at(branch == null ? lookup(symbol, null) : inBranch(symbol, branch));
        };
    }

    /** Alembic's walk along revises links; a branch point going up or a merge going down is ambiguous. */
    private Position walk(String t, Position start, int steps, BitSet upFilter) {
        Position here = start;
        for (int k = 0; k < Math.abs(steps); k++) {
            if (steps > 0) {
                int[] next;
                if (here.revision() >= 0) {
                    next = g.children[here.revision()];
                } else if (here.base() >= 0) {
                    next = new int[] {here.base()};
                } else {
                    next = g.baseSet().stream().toArray();
                }
                List<Integer> candidates = new ArrayList<>();
                for (int c : next) {
                    if (upFilter == null || upFilter.get(c)) {
                        candidates.add(c);
                    }
                }
                if (candidates.isEmpty()) {
                    throw GraphErrors.relativeTooShort(t, Math.abs(steps));
                }
                if (candidates.size() > 1) {
                    String where = here.revision() >= 0 ? "forks after the branch point " + g.headers[here.revision()].id()
                            : "can start at several bases";
                    throw GraphErrors.ambiguousWalk(t, false, where, ids(candidates.stream().mapToInt(Integer::intValue).toArray()));
                }
                here = Position.at(candidates.get(0));
            } else {
                if (here.revision() < 0) {
                    throw GraphErrors.walkedTooFar();
                }
                int[] down = g.parents[here.revision()];
                if (down.length > 1) {
                    throw GraphErrors.ambiguousWalk(t, true, "forks below the merge " + g.headers[here.revision()].id(), ids(down));
                }
                here = down.length == 0 ? Position.belowBase(here.revision()) : Position.at(down[0]);
            }
        }
        return here;
    }

    /**
     * {@code +N}: applies, N times, the one revision whose parents and dependencies are all applied (within the
     * branch, when one is named; preferring one that continues an applied line). Otherwise an ambiguous walk.
     */
    private BitSet stepUp(String t, String branch, int steps, BitSet lineage, VersionState state) {
        BitSet applied = state.applied();
        int[] missing = new int[g.n];
        BitSet ready = new BitSet(g.n);
        for (int i = 0; i < g.n; i++) {
            if (applied.get(i)) {
                continue;
            }
            for (int p : g.parents[i]) {
                if (!applied.get(p)) {
                    missing[i]++;
                }
            }
            for (int d : g.deps[i]) {
                if (!applied.get(d)) {
                    missing[i]++;
                }
            }
            if (missing[i] == 0) {
                ready.set(i);
            }
        }
        BitSet chosen = new BitSet(g.n);
        for (int k = 0; k < steps; k++) {
            BitSet candidates = (BitSet) ready.clone();
            if (lineage != null) {
                candidates.and(lineage);
            }
            if (candidates.isEmpty()) {
                if (lineage != null) {
                    refuseWaiting(t, branch, k, lineage, applied, chosen);
                }
                throw GraphErrors.relativeTooShort(t, steps);
            }
            if (candidates.cardinality() > 1) {
                candidates = continuing(t, candidates, applied, chosen);
            }
            int x = candidates.nextSetBit(0);
            chosen.set(x);
            ready.clear(x);
            for (int[] ups : new int[][] {g.children[x], g.dependents[x]}) {
                for (int u : ups) {
                    if (--missing[u] == 0) {
                        ready.set(u);
                    }
                }
            }
        }
        return chosen;
    }

    /**
     * Several revisions are ready: keep those that continue an applied line (a parent is applied), so that
     * {@code +1} moves the applied branch on rather than starting an unrelated base. Still several: ambiguous.
     */
    private BitSet continuing(String t, BitSet candidates, BitSet applied, BitSet chosen) {
        BitSet narrowed = new BitSet(g.n);
        for (int c = candidates.nextSetBit(0); c >= 0; c = candidates.nextSetBit(c + 1)) {
            for (int p : g.parents[c]) {
                if (applied.get(p) || chosen.get(p)) {
                    narrowed.set(c);
                    break;
                }
            }
        }
        if (narrowed.cardinality() != 1) {
            throw GraphErrors.ambiguousWalk(t, false, "has several revisions to apply next",
                    g.idsInHistoryOrder(narrowed.isEmpty() ? candidates : narrowed));
        }
        return narrowed;
    }

    /**
     * {@code -N}: reverts, N times, the one applied revision nothing applied stands on (the single version row,
     * within the branch when one is named). Several rows make it an ambiguous walk.
     */
    private BitSet stepDown(String t, String branch, int steps, BitSet lineage, VersionState state) {
        BitSet applied = state.applied();
        int[] above = g.appliedAbove(applied);
        BitSet rows = new BitSet(g.n);
        for (int i = applied.nextSetBit(0); i >= 0; i = applied.nextSetBit(i + 1)) {
            if (above[i] == 0) {
                rows.set(i);
            }
        }
        BitSet chosen = new BitSet(g.n);
        for (int k = 0; k < steps; k++) {
            BitSet candidates = (BitSet) rows.clone();
            if (lineage != null) {
                candidates.and(lineage);
            }
            if (candidates.isEmpty()) {
                if (lineage != null) {
                    refuseHeld(t, branch, k, lineage, applied, chosen);
                }
                throw GraphErrors.relativeTooShort(t, steps);
            }
            if (candidates.cardinality() > 1) {
                throw GraphErrors.ambiguousWalk(t, true, k == 0 ? "starts from several current revisions"
                        : "has several revisions to revert next", g.idsInHistoryOrder(candidates));
            }
            int x = candidates.nextSetBit(0);
            chosen.set(x);
            rows.clear(x);
            for (int[] downs : new int[][] {g.parents[x], g.deps[x]}) {
                for (int d : downs) {
                    if (--above[d] == 0) {
                        rows.set(d);
                    }
                }
            }
        }
        return chosen;
    }

    /**
     * {@code LABEL@-N} found no version row on the branch's line, yet revisions of the line are still applied: each
     * is held by a revision off the line that depends on it or revises it (the line's tip applied only as another
     * branch's dependency, t28-3). Reverting it would revert that revision too, more than N and off the branch, so
     * this is refused; the message names what holds it and the downgrade that reverts both (Alembic's reading).
     */
    private void refuseHeld(String t, String branch, int reverted, BitSet lineage, BitSet applied, BitSet chosen) {
        int tip = -1;
        List<String> dependents = new ArrayList<>();
        List<String> children = new ArrayList<>();
        for (int i : g.history) { // newest first: the line's applied tip before what lies below it
            if (!lineage.get(i) || !applied.get(i) || chosen.get(i)) continue;
            children.clear();
            dependents.clear();
            // "|", not "||": both lists are filled for the message
            boolean heldOnLine = collect(g.children[i], true, lineage, applied, chosen, children)
                    | collect(g.dependents[i], true, lineage, applied, chosen, dependents);
            if (!heldOnLine) {
                tip = i;
                break;
            }
        }
        if (tip < 0) return;
        String id = g.headers[tip].id();
        throw GraphErrors.relativeHeld(t, branch, id, reverted, children, dependents, revertingExactly(tip, branch));
    }

    /**
     * A downgrade target that reverts {@code revision} and what stands on it, and nothing else (t61-1): its parent
     * only while the parent has no other child or dependent (a branch point's other branches would go too) and is
     * no merge (the revision starts its run there), else
     * the {@code base} of the straight run that starts at the revision, by the branch's name when it starts there.
     */
    private String revertingExactly(int revision, String branch) {
        int bottom = bottom(revision);
        if (bottom != revision) {
            return g.headers[g.parents[revision][0]].id();
        }
        boolean branchStartsHere = g.labelOwner.containsKey(branch) && bottom(branchRevision(branch)) == revision;
        return (branchStartsHere ? branch : g.headers[revision].id()) + "@base";
    }

    /**
     * {@code LABEL@+N} found nothing on the branch's line ready to apply, yet the line goes on: its next revision
     * waits for a revision off the line (a dependency, or the other parent of a merge) that is not applied. Applying
     * that too would be more than N and off the branch, so this is refused, as {@link #refuseHeld} refuses the
     * downgrade; the message names what it waits for and the upgrade that applies both (Alembic's reading).
     */
    private void refuseWaiting(String t, String branch, int appliedSoFar, BitSet lineage, BitSet applied, BitSet chosen) {
        for (int n = g.history.length - 1; n >= 0; n--) { // oldest first: the line's next revision
            int i = g.history[n];
            if (!lineage.get(i) || applied.get(i) || chosen.get(i)) continue;
            List<String> parentsOff = new ArrayList<>();
            List<String> depsOff = new ArrayList<>();
            boolean waitsOnLine = collect(g.parents[i], false, lineage, applied, chosen, parentsOff)
                    | collect(g.deps[i], false, lineage, applied, chosen, depsOff);
            if (waitsOnLine || parentsOff.isEmpty() && depsOff.isEmpty()) continue;
            throw GraphErrors.relativeWaits(t, branch, g.headers[i].id(), appliedSoFar, parentsOff, depsOff);
        }
    }

    /**
     * Adds to {@code into} those of {@code revisions} not chosen yet that are applied ({@code wanted}: still applied,
     * holding a downgrade) or not ({@code !wanted}: still missing, holding an upgrade); true when one is on the line.
     */
    private boolean collect(int[] revisions, boolean wanted, BitSet lineage, BitSet applied, BitSet chosen, List<String> into) {
        boolean onLine = false;
        for (int r : revisions) {
            if (applied.get(r) == wanted && !chosen.get(r)) {
                into.add(g.headers[r].id());
                onLine |= lineage.get(r);
            }
        }
        return onLine;
    }

    /** {@code head} (the single real head) or {@code branch@head} (the single head in the branch's lineage). */
    private BitSet singleHead(String t, String branch) {
        BitSet heads = branch == null ? g.realHeadSet() : headsIn(branch);
        if (heads.cardinality() > 1) {
            throw GraphErrors.multipleHeads(t, g.idsInHistoryOrder(heads));
        }
        return heads;
    }

    private int single(String t, BitSet set) {
        if (set.isEmpty()) {
            throw GraphErrors.cantLocate(t);
        }
        return set.nextSetBit(0);
    }

    private BitSet headsIn(String branch) {
        BitSet heads = g.headSet();
        heads.and(lineage(branchRevision(branch)));
        return heads;
    }

    /** {@code branch@rev}: a revision (or prefix) that must share the branch's lineage. */
    private int inBranch(String symbol, String branch) {
        BitSet lineage = lineage(branchRevision(branch));
        int rev;
        try {
            rev = lookup(symbol, lineage);
        } catch (UnknownRevisionException e) {
            // the prefix names revisions off the line: "Can't locate" read as if none existed (t61-9)
            TreeMap<String, Integer> elsewhere = new TreeMap<>();
            collectPrefixed(symbol, g.byId, null, elsewhere);
            collectPrefixed(symbol, g.labelOwner, null, elsewhere);
            if (elsewhere.isEmpty()) throw e;
            TreeSet<String> off = new TreeSet<>();
            elsewhere.values().forEach(i -> off.add(g.headers[i].id()));
            throw GraphErrors.prefixNotInBranch(symbol, branch, List.copyOf(off));
        }
        if (!lineage.get(rev)) {
            throw GraphErrors.notMemberOfBranch(g.headers[rev].id(), branch);
        }
        return rev;
    }

    /** A branch label, or a revision standing for the branch it is on ({@code rev@head}). */
    int branchRevision(String branch) {
        Integer owner = g.labelOwner.get(branch);
        if (owner != null) {
            return owner;
        }
        try {
            return lookup(branch, null);
        } catch (GraphException e) {
            throw GraphErrors.noSuchBranch(branch);
        }
    }

    /** Alembic's lineage: everything above or below the revision along revises links. */
    BitSet lineage(int revision) {
        BitSet seed = bit(revision);
        BitSet lineage = g.ancestors(seed, false);
        lineage.or(g.descendants(seed, false));
        return lineage;
    }

    /**
     * The lowest revision of the straight run that leads to {@code revision}: walking down while the parent has
     * no other child and no dependent, stopping at a base, or just above a branch point or a merge point. A
     * revision that another one depends on counts as a branch point (Alembic's {@code _is_real_branch_point}
     * counts dependents): it is shared, so a label stops above it. A merge joins the trunk's lines, so it is the
     * trunk's, not the branch started on it (Alembic's {@code _add_branches} stops at {@code is_merge_point};
     * t70-2). {@code label@base} reverts from here, so it never touches the trunk a branch grew from, nor what
     * another branch needs.
     */
    int bottom(int revision) {
        int here = revision;
        while (g.parents[here].length == 1) {
            int parent = g.parents[here][0];
            if (g.children[parent].length + g.dependents[parent].length != 1 || g.parents[parent].length > 1) {
                break;
            }
            here = parent;
        }
        return here;
    }

    /**
     * Exact id, exact label, then a unique prefix of ids and labels (one namespace, as in Alembic), optionally
     * restricted to a lineage.
     */
    int lookup(String ident, BitSet lineage) {
        Integer exact = g.byId.get(ident);
        if (exact == null) {
            exact = g.labelOwner.get(ident);
        }
        if (exact != null) {
            return exact;
        }
        // a linear scan: lookups happen a few times per command, and a sorted index would cost every load
        TreeMap<String, Integer> candidates = new TreeMap<>();
        collectPrefixed(ident, g.byId, lineage, candidates);
        collectPrefixed(ident, g.labelOwner, lineage, candidates);
        // each revision once, by the name that matched: its id, or else the label, with the id it stands for
        // (a bare id that does not start with the prefix left users wondering why it was listed)
        Map<Integer, String> matches = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : candidates.entrySet()) {
            String id = g.headers[e.getValue()].id();
            boolean byId = candidates.containsKey(id) && candidates.get(id).equals(e.getValue());
            matches.putIfAbsent(e.getValue(), byId ? "'" + id + "'" : "'" + e.getKey() + "' (" + id + ")");
        }
        if (matches.isEmpty()) {
            throw GraphErrors.cantLocate(ident);
        }
        if (matches.size() > 1) {
            throw GraphErrors.multipleStart(ident, new ArrayList<>(matches.values()));
        }
        return matches.keySet().iterator().next();
    }

    private static void collectPrefixed(String prefix, Map<String, Integer> names, BitSet lineage,
                                        TreeMap<String, Integer> into) {
        for (Map.Entry<String, Integer> e : names.entrySet()) {
            String name = e.getKey();
            if (name.length() >= MIN_PREFIX_CANDIDATE && name.startsWith(prefix)
                    && (lineage == null || lineage.get(e.getValue()))) {
                into.put(name, e.getValue());
            }
        }
    }

    private static BitSet bit(int i) {
        BitSet b = new BitSet();
        b.set(i);
        return b;
    }
}
