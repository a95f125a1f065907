package dev.retort.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates headers and turns them into int-indexed adjacency arrays. Linear in revisions plus edges,
 * apart from one sort by (created, id) that fixes the tie-break of the topological order.
 */
final class GraphBuilder {
    private static final int[] NONE = new int[0];
    /** Symbols of the grammar; a revision or label with one of these names could never be addressed. */
    private static final Set<String> RESERVED = Set.of("head", "heads", "base", "current");
    /** The version table's version_num column is VARCHAR(255): a longer id would run, then fail to be recorded. */
    private static final int MAX_ID_LENGTH = 255;
    private static final String ID_ILLEGAL = "@-+:";
    /**
     * Labels may carry dashes (feature-x); the separators of the grammar are out, and what a header line or a
     * Java string cannot hold (a comma separates labels in a SQL header): the rule of {@code revision --branch-label}.
     */
    private static final String LABEL_ILLEGAL = "@:, \t\"'\\";
    /** A label ending in '-'/'+' and digits reads as a relative target (REV-N, REV+N) and would shadow it. */
    private static final java.util.regex.Pattern RELATIVE_END = java.util.regex.Pattern.compile(".*[-+][0-9]+");

    private final RevisionHeader[] headers;
    private final int n;
    private final List<String> problems = new ArrayList<>();

    private GraphBuilder(Collection<RevisionHeader> input) {
        this.headers = input.toArray(new RevisionHeader[0]);
        this.n = headers.length;
    }

    static RevisionGraph build(Collection<RevisionHeader> input) {
        return new GraphBuilder(input).build();
    }

    /**
     * Every check runs before anything is thrown, so that one run reports all the problems of the files (a
     * duplicate label does not hide a missing dependency). A duplicate id or label keeps its first owner, so the
     * checks after it still have something to link to.
     */
    private RevisionGraph build() {
        Map<String, Integer> byId = indexIds();
        Map<String, Integer> labels = indexLabels(byId);
        int[][] parents = new int[n][];
        int[][] deps = new int[n][];
        for (int i = 0; i < n; i++) {
            parents[i] = link(i, headers[i].revises(), byId, null, false);
            deps[i] = link(i, headers[i].dependsOn(), byId, labels, true);
            deps[i] = without(deps[i], parents[i]);
        }
        int[][] children = invert(parents);
        int[][] dependents = invert(deps);
        int[] history = historyOrder(parents, deps, children, dependents);
        if (history == null) {
            problems.add(cycleProblem(parents, deps, children, dependents));
        }
        failIfProblems();
        return new RevisionGraph(headers, byId, labels, parents, deps, children, dependents, history);
    }

    private Map<String, Integer> indexIds() {
        Map<String, Integer> byId = new HashMap<>(Math.max(16, n * 2));
        boolean missingId = false;
        for (int i = 0; i < n; i++) {
            String id = headers[i].id();
            if (id == null || id.isBlank()) {
                problems.add("A revision has no id" + files(i));
                missingId = true;
                continue;
            }
            String bad = illegalChars(id, ID_ILLEGAL);
            if (!bad.isEmpty()) {
                problems.add("Character(s) '" + bad + "' not allowed in revision identifier '" + id + "'" + files(i));
            }
            if (id.length() > MAX_ID_LENGTH) {
                problems.add("Revision identifier '" + id.substring(0, 20) + "...' is " + id.length()
                        + " characters long; the version table holds " + MAX_ID_LENGTH + files(i));
            }
            if (RESERVED.contains(id)) {
                problems.add("Revision identifier '" + id + "' is reserved (head, heads, base, current)" + files(i));
            }
            Integer previous = byId.putIfAbsent(id, i);
            if (previous != null) {
                problems.add("Revision " + id + " is present more than once" + files(previous, i));
            }
        }
        if (missingId) {
            // nothing can be linked to, or ordered by, a missing id
            failIfProblems();
        }
        return byId;
    }

    private Map<String, Integer> indexLabels(Map<String, Integer> byId) {
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String label : headers[i].branchLabels()) {
                String bad = illegalChars(label, LABEL_ILLEGAL);
                if (!bad.isEmpty()) {
                    problems.add("Character(s) '" + bad + "' not allowed in branch label '" + label + "'" + files(i));
                }
                if (label.isEmpty()) problems.add("Empty branch label in revision " + headers[i].id() + files(i));
                if (RELATIVE_END.matcher(label).matches()) {
                    problems.add("Branch label '" + label + "' in revision " + headers[i].id() + " ends in '-' or '+' and"
                            + " digits, which read as a relative target (" + label + " would be "
                            + (label.contains("+") ? "after " : "before ") + "revision "
                            + label.substring(0, Math.max(label.lastIndexOf('-'), label.lastIndexOf('+'))) + ")" + files(i));
                }
                if (RESERVED.contains(label)) {
                    problems.add("Branch name '" + label + "' in revision " + headers[i].id()
                            + " is reserved (head, heads, base, current)" + files(i));
                }
                Integer asId = byId.get(label);
                Integer owner = asId != null ? asId : labels.putIfAbsent(label, i);
                if (owner != null && owner != i) {
                    problems.add("Branch name '" + label + "' in revision " + headers[i].id()
                            + " already used by revision " + headers[owner].id() + files(i, owner));
                }
            }
        }
        return labels;
    }

    private int[] link(int i, List<String> refs, Map<String, Integer> byId, Map<String, Integer> labels,
                       boolean dependency) {
        if (refs.isEmpty()) {
            return NONE;
        }
        int[] found = new int[refs.size()];
        int count = 0;
        String id = headers[i].id();
        for (String ref : refs) {
            if (ref.equals(id)) {
                problems.add((dependency ? "Dependency self-loop" : "Self-loop") + " is detected in revisions ("
                        + id + ")" + files(i));
                continue;
            }
            Integer target = byId.get(ref);
            if (target == null && labels != null) {
                target = labels.get(ref);
            }
            if (target == null) {
                problems.add("Revision " + ref + " referenced from " + id + " is not present" + files(i));
            } else if (!contains(found, count, target)) {
                found[count++] = target;
            }
        }
        return count == found.length ? found : Arrays.copyOf(found, count);
    }

    /** Dependencies that are also parents add nothing; lists are a handful long, so linear checks do. */
    private static int[] without(int[] values, int[] removed) {
        if (values.length == 0 || removed.length == 0) {
            return values;
        }
        int[] kept = new int[values.length];
        int count = 0;
        for (int v : values) {
            if (!contains(removed, removed.length, v)) {
                kept[count++] = v;
            }
        }
        return count == values.length ? values : Arrays.copyOf(kept, count);
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int k = 0; k < length; k++) {
            if (values[k] == value) {
                return true;
            }
        }
        return false;
    }

    private int[][] invert(int[][] down) {
        int[] counts = new int[n];
        for (int[] targets : down) {
            for (int t : targets) {
                counts[t]++;
            }
        }
        int[][] up = new int[n][];
        for (int i = 0; i < n; i++) {
            up[i] = counts[i] == 0 ? NONE : new int[counts[i]];
            counts[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            for (int t : down[i]) {
                up[t][counts[t]++] = i;
            }
        }
        return up;
    }

    /**
     * The headers' {@code created} as instants where their texts do not compare as time (t16-6): a {@code timezone}
     * other than UTC writes offsets ({@code 16:37:04-05:00} is after {@code 21:36:51Z}), and fractions change the
     * length. Null when every one is UTC ({@code Z}) of one length, as Retort writes them by default: the texts
     * then compare as their instants, without parsing 1,000 dates on every start.
     */
    private java.time.Instant[] createdInstants() {
        int length = -1;
        boolean uniform = true;
        for (RevisionHeader h : headers) {
            String c = h.created();
            if (c.isEmpty()) continue;
            if (c.charAt(c.length() - 1) != 'Z' || length >= 0 && c.length() != length) {
                uniform = false;
                break;
            }
            length = c.length();
        }
        if (uniform) return null;
        java.time.Instant[] out = new java.time.Instant[n];
        for (int i = 0; i < n; i++) out[i] = instant(headers[i].created());
        return out;
    }

    /**
     * {@code created} as an instant: with its offset, or, written without one ({@code 2026-12-07T10:00:00},
     * {@code 2026-12-07}), as UTC, the zone Retort writes by default (r8-5). Null for text of another shape (empty,
     * a typo), which then sorts before every date, ordered by its text.
     */
    static java.time.Instant instant(String created) {
        try {
            return java.time.OffsetDateTime.parse(created).toInstant();
        } catch (java.time.format.DateTimeParseException notWithOffset) {
            try {
                return java.time.LocalDateTime.parse(created).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException notLocal) {
                try {
                    return java.time.LocalDate.parse(created).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                } catch (java.time.format.DateTimeParseException other) {
                    return null;
                }
            }
        }
    }

    /** Texts that are not instants first (by text), then instants in time order. */
    private static int compareCreated(java.time.Instant x, String xText, java.time.Instant y, String yText) {
        if (x != null && y != null) return x.compareTo(y);
        if (x == null && y == null) return xText.compareTo(yText);
        return x == null ? -1 : 1;
    }

    /**
     * Newest first: a revision is emitted once everything above it (children and dependents) is; among the
     * ready ones the newest by (created, id) goes first. Whatever cannot be emitted sits on or between cycles:
     * then null.
     */
    private int[] historyOrder(int[][] parents, int[][] deps, int[][] children, int[][] dependents) {
        int[] above = new int[n];
        // the ready set stays small (one entry per open branch), so comparing strings here is cheap. Written
        // out rather than with Comparator.comparing, whose serializable lambdas the class-data archive cannot
        // hold (spun on every start)
        java.time.Instant[] instants = createdInstants();
        Comparator<Integer> newestFirst = (a, b) -> {
            int byCreated = instants == null ? headers[b].created().compareTo(headers[a].created())
                    : compareCreated(instants[b], headers[b].created(), instants[a], headers[a].created());
            return byCreated != 0 ? byCreated : headers[b].id().compareTo(headers[a].id());
        };
        PriorityQueue<Integer> ready = new PriorityQueue<>(newestFirst);
        for (int i = 0; i < n; i++) {
            above[i] = children[i].length + dependents[i].length;
            if (above[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int emitted = 0;
        while (!ready.isEmpty()) {
            int x = ready.poll();
            order[emitted++] = x;
            for (int p : parents[x]) {
                if (--above[p] == 0) {
                    ready.add(p);
                }
            }
            for (int d : deps[x]) {
                if (--above[d] == 0) {
                    ready.add(d);
                }
            }
        }
        return emitted < n ? null : order;
    }

    private String cycleProblem(int[][] parents, int[][] deps, int[][] children, int[][] dependents) {
        BitSet versioned = cyclicCore(parents, children, null, null);
        boolean plain = !versioned.isEmpty();
        BitSet core = plain ? versioned : cyclicCore(parents, children, deps, dependents);
        TreeSet<String> ids = new TreeSet<>();
        List<Integer> members = new ArrayList<>();
        for (int i = core.nextSetBit(0); i >= 0; i = core.nextSetBit(i + 1)) {
            ids.add(headers[i].id());
            members.add(i);
        }
        String kind = plain ? "Cycle" : "Dependency cycle";
        return kind + " is detected in revisions (" + String.join(", ", ids) + ")"
                + files(members.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Peels revisions with nothing left below or nothing left above; what remains lies on cycles. */
    private BitSet cyclicCore(int[][] down1, int[][] up1, int[][] down2, int[][] up2) {
        BitSet alive = new BitSet(n);
        alive.set(0, n);
        int[] below = new int[n];
        int[] above = new int[n];
        ArrayDeque queue = new ArrayDeque(n);
        for (int i = 0; i < n; i++) {
            below[i] = down1[i].length + (down2 == null ? 0 : down2[i].length);
            above[i] = up1[i].length + (up2 == null ? 0 : up2[i].length);
            if (below[i] == 0 || above[i] == 0) {
                queue.push(i);
            }
        }
        while (!queue.isEmpty()) {
            int x = queue.pop();
            if (!alive.get(x)) {
                continue;
            }
            alive.clear(x);
            for (int[][] ups : new int[][][] {up1, up2}) {
                if (ups != null) {
                    for (int u : ups[x]) {
                        if (alive.get(u) && --below[u] == 0) {
                            queue.push(u);
                        }
                    }
                }
            }
            for (int[][] downs : new int[][][] {down1, down2}) {
                if (downs != null) {
                    for (int d : downs[x]) {
                        if (alive.get(d) && --above[d] == 0) {
                            queue.push(d);
                        }
                    }
                }
            }
        }
        return alive;
    }

    private void failIfProblems() {
        if (!problems.isEmpty()) {
            throw new GraphException(String.join("\n", problems));
        }
    }

    private static String illegalChars(String name, String illegal) {
        boolean any = false;
        for (int k = 0; k < name.length() && !any; k++) {
            any = illegal.indexOf(name.charAt(k)) >= 0;
        }
        if (!any) {
            return "";
        }
        TreeSet<Character> bad = new TreeSet<>();
        for (char c : name.toCharArray()) {
            if (illegal.indexOf(c) >= 0) {
                bad.add(c);
            }
        }
        StringBuilder out = new StringBuilder();
        for (char c : bad) {
            out.append(out.length() == 0 ? "" : ", ").append(c);
        }
        return out.toString();
    }

    /** " (file: a.sql)" or " (files: a.sql, b.sql)"; nothing when the headers carry no paths. */
    private String files(int... revisions) {
        Set<String> paths = new LinkedHashSet<>();
        for (int r : revisions) {
            if (!headers[r].path().isEmpty()) {
                paths.add(headers[r].path());
            }
        }
        if (paths.isEmpty()) {
            return "";
        }
        return (paths.size() == 1 ? " (file: " : " (files: ") + String.join(", ", paths) + ")";
    }

    /** A small int stack, so peeling 100,000 revisions boxes nothing. */
    private static final class ArrayDeque {
        private int[] items;
        private int size;

        ArrayDeque(int capacity) {
            items = new int[Math.max(16, capacity)];
        }

        void push(int value) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = value;
        }

        int pop() {
            return items[--size];
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
