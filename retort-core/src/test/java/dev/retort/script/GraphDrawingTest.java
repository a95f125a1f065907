package dev.retort.script;

import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
