package dev.retort.script;

import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Revisions as text in Alembic's phrasing ({@code heads}, {@code history}, {@code branches},
 * {@code show}, {@code current}) and as the JSON objects of SPEC section 5.
 */
public final class RevisionFormat {
    private final RevisionGraph graph;
    private final ScriptDirectory scripts;
    private final Set<String> current;
    private final boolean indicateCurrent;

    /**
     * @param scripts for file paths (may be null: the header's path is used)
     * @param current the database's current revisions, for {@code (current)} markers; null when not asked
     */
    public RevisionFormat(RevisionGraph graph, ScriptDirectory scripts, Set<String> current) {
        this.graph = graph;
        this.scripts = scripts;
        this.current = current == null ? Set.of() : Set.copyOf(current);
        this.indicateCurrent = current != null;
    }

    /**
     * One line: {@code [parents [(deps)] -> ]id [(labels)] [(head)] [(effective head)] [(current)]
     * [(branchpoint)] [(mergepoint)][, message]}.
     */
    public String line(RevisionHeader h, boolean parents, boolean branches, boolean treeIndicators, boolean doc) {
        StringBuilder sb = new StringBuilder();
        if (parents) {
            sb.append(downRevisions(h));
            if (!h.dependsOn().isEmpty()) sb.append(" (").append(String.join(", ", h.dependsOn())).append(')');
            sb.append(" -> ");
        }
        sb.append(h.id());
        List<String> labels = labels(h);
        if (branches && !labels.isEmpty()) sb.append(" (").append(String.join(", ", labels)).append(')');
        if (graph.isRealHead(h.id())) sb.append(" (head)");
        if (graph.isEffectiveHead(h.id())) sb.append(" (effective head)");
        if (current.contains(h.id())) sb.append(" (current)");
        if (treeIndicators) {
            if (graph.isBranchPoint(h.id())) sb.append(" (branchpoint)");
            if (graph.isMergePoint(h.id())) sb.append(" (mergepoint)");
        }
        if (doc) sb.append(", ").append(h.messageLine());
        return sb.toString();
    }

    /** A {@code history} line. */
    public String historyLine(RevisionHeader h) {
        return line(h, true, true, true, true);
    }

    /** A {@code heads} line (no branch/merge markers, as Alembic). */
    public String headsLine(RevisionHeader h) {
        return line(h, false, true, false, false);
    }

    /**
     * A {@code current} line: the id, {@code (head)} or {@code (effective head)}, and the branch/merge markers, as
     * Alembic prints it ({@code mmmm1111 (head) (mergepoint)}, {@code aaaa2222 (branchpoint)}).
     */
    public String currentLine(RevisionHeader h) {
        return line(h, false, false, true, false);
    }

    /** Alembic's verbose entry ({@code show}, {@code history -v}), ending with a newline. */
    public String entry(RevisionHeader h) {
        StringBuilder sb = new StringBuilder("Rev: ").append(h.id());
        if (graph.isHead(h.id())) sb.append(" (head)");
        if (graph.isBranchPoint(h.id())) sb.append(" (branchpoint)");
        if (graph.isMergePoint(h.id())) sb.append(" (mergepoint)");
        if (current.contains(h.id())) sb.append(" (current)");
        sb.append('\n');
        sb.append(graph.isMergePoint(h.id()) ? "Merges: " : "Parent: ").append(downRevisions(h)).append('\n');
        if (!h.dependsOn().isEmpty()) sb.append("Also depends on: ").append(String.join(", ", h.dependsOn())).append('\n');
        if (graph.isBranchPoint(h.id())) {
            sb.append("Branches into: ")
                    .append(String.join(", ", graph.children(h.id()).stream().map(RevisionHeader::id).toList())).append('\n');
        }
        if (!labels(h).isEmpty()) sb.append("Branch names: ").append(String.join(", ", labels(h))).append('\n');
        sb.append("Path: ").append(path(h)).append('\n');
        sb.append('\n');
        for (String l : docLines(h)) sb.append(l.isEmpty() ? "" : "    " + l).append('\n');
        return sb.toString();
    }

    /** The docstring Alembic's template writes: message, then id, parents and date. */
    private List<String> docLines(RevisionHeader h) {
        List<String> lines = new java.util.ArrayList<>(h.message().lines().toList());
        lines.add("");
        lines.add("Revision ID: " + h.id());
        lines.add("Revises: " + String.join(", ", h.revises()));
        if (!h.created().isEmpty()) lines.add("Create Date: " + h.created()); // hand-written files may have none
        return lines;
    }

    /** The {@code branches} block of one branch point: the point, then {@code -> child} lines. */
    public String branchBlock(RevisionHeader point, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        sb.append(verbose ? entry(point) : line(point, false, true, true, false)).append('\n');
        String pad = " ".repeat(point.id().length());
        List<RevisionHeader> children = graph.children(point.id());
        for (int i = 0; i < children.size(); i++) {
            sb.append(pad).append(" -> ").append(line(children.get(i), false, true, true, verbose));
            if (i < children.size() - 1) sb.append('\n');
        }
        return sb.toString();
    }

    public String path(RevisionHeader h) {
        if (scripts != null) {
            try {
                RevisionScript s = scripts.script(h.id());
                if (s.path() != null) return s.path().toString();
            } catch (RuntimeException ignored) {
                // a header without a script (built in code): fall back to the header's path
            }
        }
        return h.path();
    }

    /** The labels of the branch the revision is on: its own and those spread to it, as Alembic shows them. */
    private List<String> labels(RevisionHeader h) {
        return graph.branchLabels(h.id());
    }

    private static String downRevisions(RevisionHeader h) {
        return h.revises().isEmpty() ? "<base>" : String.join(", ", h.revises());
    }

    /** The JSON object of SPEC section 5 for one revision. */
    public Map<String, Object> json(RevisionHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revision", h.id());
        m.put("revises", h.revises());
        m.put("branch_labels", labels(h));
        // the ids, as revises holds: a label as written (depends-on billing) named no revision a script could place,
        // and branch_labels lists spread labels, so nothing said which revision declares it (t61-8); the file's
        // spelling, as Alembic keeps it, follows
        m.put("depends_on", graph.dependencies(h.id()).stream().map(RevisionHeader::id).toList());
        m.put("depends_on_as_written", h.dependsOn());
        m.put("message", h.message());
        m.put("created", h.created());
        m.put("path", path(h));
        m.put("is_head", graph.isHead(h.id()));
        // the text's "(effective head)": a head only because no revision revises it, while another depends on it;
        // a "single head" gate counts is_head && !is_effective_head (t16-8)
        m.put("is_effective_head", graph.isEffectiveHead(h.id()));
        m.put("is_base", graph.isBase(h.id()));
        m.put("is_branch_point", graph.isBranchPoint(h.id()));
        m.put("is_merge_point", graph.isMergePoint(h.id()));
        if (indicateCurrent) m.put("is_current", current.contains(h.id()));
        return m;
    }

    /**
     * {@code branches --json}: each branch point's object with {@code branches_into}, its children in the order
     * of the text's {@code ->} lines, so a script need not invert every revision's {@code revises} (t50-4).
     */
    public Map<String, Object> jsonBranches(List<RevisionHeader> points) {
        return Map.of("revisions", points.stream().map(p -> {
            Map<String, Object> m = json(p);
            m.put("branches_into", graph.children(p.id()).stream().map(RevisionHeader::id).toList());
            return m;
        }).toList());
    }

    /** {@code {"revisions": [...]}} for a list of revisions in the command's order. */
    public Map<String, Object> jsonList(List<RevisionHeader> revisions) {
        return Map.of("revisions", revisions.stream().map(this::json).toList());
    }
}
