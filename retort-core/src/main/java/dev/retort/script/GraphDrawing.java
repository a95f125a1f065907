package dev.retort.script;

import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;

import java.util.ArrayList;
import java.util.List;

/** The revision graph drawn as text: ASCII like {@code git log --graph}, Graphviz DOT, or Mermaid. */
public final class GraphDrawing {
    private GraphDrawing() {
    }

    /**
     * Newest first, one revision per row, a lane per open branch: {@code *} marks the revision,
     * {@code |} a lane passing by, {@code |\} a merge opening a lane for its second parent and
     * {@code |/} two lanes meeting at a branch point. A lane that meets its own across other lanes crosses
     * them one per row ({@code |/|}), each line keeping its direction.
     */
    public static String ascii(RevisionGraph graph) {
        List<String> lanes = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        int baseEndedAt = -1; // the column of a base drawn on the row above whose lane is gone
        for (RevisionHeader h : graph.revisions()) {
            String id = h.id();
            int c = lanes.indexOf(id);
            if (c < 0) {
                lanes.add(id);
                c = lanes.size() - 1;
                // right below the base it would read as that base's child
                if (c == baseEndedAt) out.append(passing(c)).append('\n');
            }
            baseEndedAt = -1;
            // lanes that also wait for this revision (it is a branch point) join the nearest one left of them;
            // a lane in between waits for another revision, so the joining line crosses it rather than
            // ending in it (t50-1: drawn as a join, the picture gave the branch an unrelated parent)
            for (int j = lanes.lastIndexOf(id); j > c; j = lanes.lastIndexOf(id)) {
                int target = lanes.subList(0, j).lastIndexOf(id);
                out.append(shiftLeft(lanes.size(), j, false)).append('\n');
                for (int m = j - 1; m > target; m--) out.append(crossLeft(lanes.size() - 1, m)).append('\n');
                lanes.remove(j);
            }
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < lanes.size(); i++) {
                if (i > 0) row.append(' ');
                row.append(i == c ? '*' : '|');
            }
            row.append(' ').append(label(graph, h));
            out.append(row).append('\n');

            List<String> parents = h.revises();
            if (parents.isEmpty()) {
                if (c < lanes.size() - 1) out.append(shiftLeft(lanes.size(), c + 1, true)).append('\n');
                else baseEndedAt = c;
                lanes.remove(c);
            } else {
                lanes.set(c, parents.get(0));
                for (int k = 1; k < parents.size(); k++) {
                    out.append(openLane(lanes.size(), c + k - 1)).append('\n');
                    lanes.add(c + k, parents.get(k));
                }
            }
        }
        return out.toString();
    }

    /**
     * A row where lane {@code from} and every lane right of it move one lane left ({@code | |/ /}); with
     * {@code ended}, the lane left of {@code from} has just ended and is drawn blank.
     */
    private static String shiftLeft(int laneCount, int from, boolean ended) {
        char[] row = new char[2 * laneCount];
        java.util.Arrays.fill(row, ' ');
        for (int i = 0; i < laneCount; i++) {
            if (i < from) row[2 * i] = ended && i == from - 1 ? ' ' : '|';
            else row[2 * i - 1] = '/';
        }
        return new String(row).stripTrailing();
    }

    /**
     * A row where a line that has just come onto lane {@code over}'s point from the right goes on to the
     * lane left of it, while lane {@code over} and all others go straight down ({@code |/|}): the two lines
     * cross there.
     */
    private static String crossLeft(int laneCount, int over) {
        char[] row = new char[2 * laneCount - 1];
        java.util.Arrays.fill(row, ' ');
        for (int i = 0; i < laneCount; i++) row[2 * i] = '|';
        row[2 * over - 1] = '/';
        return new String(row);
    }

    /** A row of the first {@code laneCount} lanes going straight down, and nothing right of them. */
    private static String passing(int laneCount) {
        return "| ".repeat(laneCount).stripTrailing();
    }

    /** A row where a new lane opens right of lane {@code at} and lanes right of it move right: {@code |\ \}. */
    private static String openLane(int laneCount, int at) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < laneCount; i++) {
            if (i > 0) sb.append(' ');
            if (i <= at) sb.append('|');
            else sb.append('\\');
        }
        // the new lane's diagonal sits just right of lane `at`
        int pos = 2 * at + 1;
        sb.insert(pos, '\\');
        return sb.toString().stripTrailing();
    }

    private static String label(RevisionGraph graph, RevisionHeader h) {
        StringBuilder sb = new StringBuilder(h.id());
        List<String> labels = graph.branchLabels(h.id());
        if (!labels.isEmpty()) sb.append(" (").append(String.join(", ", labels)).append(')');
        // the markers of history and heads, so one revision reads the same everywhere
        if (graph.isRealHead(h.id())) sb.append(" (head)");
        if (graph.isEffectiveHead(h.id())) sb.append(" (effective head)");
        if (graph.isBranchPoint(h.id())) sb.append(" (branchpoint)");
        if (graph.isMergePoint(h.id())) sb.append(" (mergepoint)");
        if (!h.dependsOn().isEmpty()) sb.append(" (depends on ").append(String.join(", ", h.dependsOn())).append(')');
        if (!h.message().isEmpty()) sb.append(' ').append(h.messageLine());
        return sb.toString();
    }

    /** A node's text in dot and mermaid: the id, the branch labels spread as in the ascii graph and history, the message. */
    private static String nodeLabel(RevisionGraph graph, RevisionHeader h, String lineBreak) {
        List<String> labels = graph.branchLabels(h.id());
        return h.id() + (labels.isEmpty() ? "" : " (" + String.join(", ", labels) + ")")
                + (h.message().isEmpty() ? "" : lineBreak + h.message());
    }

    /** Graphviz: parents below children ({@code rankdir=BT}), dashed edges for depends_on. */
    public static String dot(RevisionGraph graph) {
        StringBuilder sb = new StringBuilder("digraph revisions {\n");
        sb.append("  rankdir=BT;\n");
        sb.append("  node [shape=box, fontname=\"monospace\"];\n");
        List<RevisionHeader> order = graph.upgradeOrder();
        for (RevisionHeader h : order) {
            sb.append("  ").append(dotId(h.id())).append(" [label=").append(dotString(nodeLabel(graph, h, "\n")));
            if (graph.isHead(h.id())) sb.append(", style=bold");
            sb.append("];\n");
        }
        for (RevisionHeader h : order) {
            for (String p : h.revises()) sb.append("  ").append(dotId(p)).append(" -> ").append(dotId(h.id())).append(";\n");
            for (RevisionHeader d : graph.dependencies(h.id())) {
                sb.append("  ").append(dotId(d.id())).append(" -> ").append(dotId(h.id()))
                        .append(" [style=dashed, label=\"depends on\"];\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String dotId(String id) {
        return dotString(id);
    }

    private static String dotString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Mermaid flowchart: parents below children, dotted edges for depends_on. */
    public static String mermaid(RevisionGraph graph) {
        StringBuilder sb = new StringBuilder("flowchart BT\n");
        List<RevisionHeader> order = graph.upgradeOrder();
        for (RevisionHeader h : order) {
            sb.append("    ").append(mermaidId(h.id())).append("[\"").append(mermaidEscape(nodeLabel(graph, h, "\n"))).append("\"]\n");
        }
        for (RevisionHeader h : order) {
            for (String p : h.revises()) sb.append("    ").append(mermaidId(p)).append(" --> ").append(mermaidId(h.id())).append('\n');
            for (RevisionHeader d : graph.dependencies(h.id())) {
                sb.append("    ").append(mermaidId(d.id())).append(" -.->|depends on| ").append(mermaidId(h.id())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String mermaidId(String id) {
        return "r_" + id;
    }

    /** Mermaid's entity codes for what its labels would take as markup ({@code <b>} in a message is text), then the line breaks. */
    private static String mermaidEscape(String s) {
        return s.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
                .replace("\n", "<br/>");
    }
}
