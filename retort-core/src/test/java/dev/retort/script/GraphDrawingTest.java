package dev.retort.script;

import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GraphDrawingTest {

    /** A random DAG: each revision revises 0-3 distinct earlier ones (0 for the first). */
    private static List<RevisionHeader> randomDag(int n, long seed) {
        Random r = new Random(seed);
        List<RevisionHeader> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> parents = new ArrayList<>();
            int k = i == 0 ? 0 : r.nextInt(10) < 1 ? 0 : r.nextInt(10) < 7 ? 1 : 1 + r.nextInt(3);
            for (int j = 0; j < k; j++) {
                String p = "r" + r.nextInt(i);
                if (!parents.contains(p)) parents.add(p);
            }
            out.add(RevisionHeader.of("r" + i, parents.toArray(String[]::new)));
        }
        return out;
    }

    @Property(tries = 200)
    void asciiDrawsEveryRevisionOnceInHistoryOrder(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
        RevisionGraph graph = RevisionGraph.of(randomDag(n, seed));
        String drawing = GraphDrawing.ascii(graph);
        List<String> rows = new ArrayList<>();
        for (String line : drawing.split("\n")) {
            int label = line.indexOf('r');
            String lanes = label < 0 ? line : line.substring(0, label);
            assertThat(lanes).as(drawing).matches("[*|/\\\\ ]*");
            long stars = lanes.chars().filter(c -> c == '*').count();
            assertThat(stars).as(drawing).isLessThanOrEqualTo(1);
            if (stars == 1) rows.add(line.substring(label).split(" ")[0]);
        }
        assertThat(rows).isEqualTo(graph.revisions().stream().map(RevisionHeader::id).toList());
    }

    /**
     * t50-1: the drawing read back gives the graph's edges, every child joined to each of its parents and to
     * nothing else: a lane never runs into the lane of an unrelated revision.
     */
    @Property(tries = 300)
    void asciiEdgesReadBackAreTheGraphsEdges(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
        assertEdgesReadBack(RevisionGraph.of(randomDag(n, seed)));
    }

    /** t50-1: the report's graph, z1 revising l1 across the lane of y1 -> r1. */
    @Test
    void aBranchCrossingAnotherLaneReachesItsOwnParent() {
        RevisionGraph graph = RevisionGraph.of(List.of(created("r1", "00"), created("l1", "01"),
                created("x1", "02", "l1"), created("y1", "03", "r1"), created("z1", "04", "l1"),
                created("m1", "05", "x1", "y1", "z1")));
        assertEdgesReadBack(graph);
        assertThat(GraphDrawing.ascii(graph)).isEqualTo("""
                * m1 (head) (mergepoint)
                |\\
                | |\\
                | | * z1
                | * | y1
                * | | x1
                | |/
                |/|
                * | l1 (branchpoint)
                 /
                * r1
                """);
    }

    @Test
    void shapesReadBackAsTheirEdges() {
        List<List<RevisionHeader>> shapes = List.of(
                // two bases, branches crossing each other's lanes, a 4-way merge on top
                List.of(created("aaaa0001", "00"), created("dddd0001", "01"), created("aaaa0002", "02", "aaaa0001"),
                        created("11110001", "03", "dddd0001"), created("dddd0002", "04", "dddd0001"),
                        created("bbbb0001", "05", "aaaa0001"), created("11110002", "06", "11110001"),
                        created("cccc0001", "07", "aaaa0002"),
                        created("4444", "08", "cccc0001", "dddd0002", "bbbb0001", "11110002")),
                // merges of merges, a merge of a revision with its own ancestor
                List.of(created("a1", "00"), created("b1", "01", "a1"), created("c1", "02", "a1"),
                        created("m1", "03", "b1", "c1"), created("d1", "04", "a1"), created("m2", "05", "m1", "d1"),
                        created("e1", "06", "b1"), created("m3", "07", "m2", "e1", "a1")),
                // three bases, each parent awaited by lanes on both sides
                List.of(created("p", "00"), created("q", "01"), created("s", "02"), created("k1", "03", "q", "p"),
                        created("k2", "04", "s", "p"), created("k3", "05", "q", "s"), created("k4", "06", "p"),
                        created("top", "07", "k4", "k1", "k3", "k2")),
                // crossing branches: each side branch revises the other base
                List.of(created("x", "00"), created("y", "01"), created("x2", "02", "x"), created("y2", "03", "y"),
                        created("xy", "04", "y2"), created("yx", "05", "x2"), created("xx", "06", "x"),
                        created("yy", "07", "y")));
        for (List<RevisionHeader> shape : shapes) assertEdgesReadBack(RevisionGraph.of(shape));
    }

    private static RevisionHeader created(String id, String second, String... revises) {
        return new RevisionHeader(id, List.of(revises), List.of(), List.of(), "", "2026-01-01T00:00:" + second + "Z", "");
    }

    private static void assertEdgesReadBack(RevisionGraph graph) {
        String drawing = GraphDrawing.ascii(graph);
        Set<String> expected = new HashSet<>();
        for (RevisionHeader h : graph.revisions()) {
            for (String p : h.revises()) expected.add(h.id() + " -> " + p);
        }
        assertThat(AsciiEdges.read(drawing)).as(drawing).isEqualTo(expected);
    }

    /**
     * Reads a drawing back into its edges "child -> parent": from each {@code *}, every way down the lines
     * ({@code |} straight down, {@code /} down-left, {@code \} down-right) to the next {@code *}. Where
     * lines cross (two coming in and two going out at one point) each keeps its direction; elsewhere a point
     * joins or forks every line at it.
     */
    private static final class AsciiEdges {
        private final List<String> lanes = new ArrayList<>();
        private final Map<Integer, String> nodeOfRow = new HashMap<>();

        static Set<String> read(String drawing) {
            AsciiEdges e = new AsciiEdges();
            String[] lines = drawing.split("\n");
            for (int r = 0; r < lines.length; r++) {
                String line = lines[r];
                int end = 0;
                while (end < line.length() && "*|/\\ ".indexOf(line.charAt(end)) >= 0) end++;
                e.lanes.add(line.substring(0, end));
                if (line.indexOf('*') >= 0 && line.indexOf('*') < end) e.nodeOfRow.put(r, line.substring(end).split(" ")[0]);
            }
            Set<String> edges = new HashSet<>();
            for (var node : e.nodeOfRow.entrySet()) {
                int r = node.getKey();
                e.follow(r + 1, e.lanes.get(r).indexOf('*'), '*', node.getValue(), edges);
            }
            return edges;
        }

        private char at(int row, int col) {
            if (row < 0 || row >= lanes.size() || col < 0) return ' ';
            String s = lanes.get(row);
            return col < s.length() ? s.charAt(col) : ' ';
        }

        /** At the top of {@code row}, column {@code col}, arrived by a line drawn as {@code in}. */
        private void follow(int row, int col, char in, String child, Set<String> edges) {
            if (at(row, col) == '*') {
                edges.add(child + " -> " + nodeOfRow.get(row));
                return;
            }
            List<int[]> out = new ArrayList<>(); // {column of the character, column it ends at}
            if (at(row, col) == '|') out.add(new int[] {col, col});
            if (at(row, col - 1) == '/') out.add(new int[] {col - 1, col - 2});
            if (at(row, col + 1) == '\\') out.add(new int[] {col + 1, col + 2});
            int incoming = (at(row - 1, col) == '|' || at(row - 1, col) == '*' ? 1 : 0)
                    + (at(row - 1, col + 1) == '/' ? 1 : 0) + (at(row - 1, col - 1) == '\\' ? 1 : 0);
            if (out.isEmpty() && in == '*') return; // a base
            if (out.isEmpty()) throw new AssertionError("a line from " + child + " ends at row " + row + ", column " + col);
            boolean crossing = incoming > 1 && out.size() > 1;
            for (int[] o : out) {
                char drawn = at(row, o[0]);
                if (crossing && drawn != in) continue;
                follow(row + 1, o[1], drawn, child, edges);
            }
        }
    }

    @Property(tries = 50)
    void dotAndMermaidHaveEveryEdge(@ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed) {
        RevisionGraph graph = RevisionGraph.of(randomDag(n, seed));
        String dot = GraphDrawing.dot(graph);
        String mermaid = GraphDrawing.mermaid(graph);
        for (RevisionHeader h : graph.revisions()) {
            for (String p : h.revises()) {
                assertThat(dot).contains("\"" + p + "\" -> \"" + h.id() + "\";");
                assertThat(mermaid).contains("r_" + p + " --> r_" + h.id());
            }
        }
    }

    @Test
    void linearHistoryIsOneLane() {
        RevisionGraph graph = RevisionGraph.of(List.of(RevisionHeader.of("a1"), RevisionHeader.of("a2", "a1"),
                RevisionHeader.of("a3", "a2")));
        assertThat(GraphDrawing.ascii(graph)).isEqualTo("* a3 (head)\n* a2\n* a1\n");
    }

    @Test
    void aHeadThatIsOnlyADependencyIsMarkedAsInHeads() {
        RevisionGraph graph = RevisionGraph.of(List.of(RevisionHeader.of("a1"), RevisionHeader.of("lib1"),
                new RevisionHeader("a2", List.of("a1"), List.of(), List.of("lib1"), "", "", "")));
        assertThat(GraphDrawing.ascii(graph)).contains("lib1 (effective head)\n")
                .contains("a2 (head) (depends on lib1)\n");
    }

    @Test
    void everyFormatSpreadsABranchLabelAsHistoryDoes() {
        RevisionGraph graph = RevisionGraph.of(List.of(RevisionHeader.of("a1"),
                new RevisionHeader("d1", List.of("a1"), List.of("other"), List.of(), "other 1", "", ""),
                new RevisionHeader("d2", List.of("d1"), List.of(), List.of(), "other 2", "", "")));
        assertThat(GraphDrawing.ascii(graph)).contains("d2 (other) (head) other 2");
        assertThat(GraphDrawing.dot(graph)).contains("\"d2\" [label=\"d2 (other)\\nother 2\", style=bold]")
                .contains("\"a1\" [label=\"a1 (other)\"]");
        assertThat(GraphDrawing.mermaid(graph)).contains("[\"d2 (other)<br/>other 2\"]").contains("[\"d1 (other)<br/>other 1\"]");
    }

    /** t36-2: a message's markup is text in a mermaid label (entity codes), the label's own line break stays a break. */
    @Test
    void mermaidLabelsShowAMessagesMarkupAsText() {
        RevisionGraph graph = RevisionGraph.of(List.of(
                new RevisionHeader("a1", List.of(), List.of(), List.of(), "make <b>x</b> \"y\" #1", "", "")));
        assertThat(GraphDrawing.mermaid(graph)).contains("[\"a1<br/>make #lt;b#gt;x#lt;/b#gt; #quot;y#quot; #35;1\"]");
    }
}
