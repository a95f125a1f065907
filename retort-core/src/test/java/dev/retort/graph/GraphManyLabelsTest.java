package dev.retort.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * t15-14: a label on each of 5,000 revisions of a straight history (a label per release). On a straight run every
 * label covers every revision; building, resolving and planning stay linear, and only what shows labels pays for them.
 */
class GraphManyLabelsTest {
    private static final int N = 5_000;

    private static RevisionGraph chain() {
        List<RevisionHeader> headers = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            headers.add(new RevisionHeader(String.format("l%05d", i), i == 0 ? List.of() : List.of(String.format("l%05d", i - 1)),
                    List.of("lab" + i), List.of(), "", String.format("2026-01-01T%02d:%02d:%02dZ", i / 3600, i / 60 % 60, i % 60), ""));
        }
        return RevisionGraph.of(headers);
    }

    @Test
    void fiveThousandLabelledRevisions() {
        RevisionGraph g = chain();
        assertThat(g.heads()).extracting(RevisionHeader::id).containsExactly("l04999");
        assertThat(g.resolve("lab5@head", Set.of())).containsExactly("l04999");
        assertThat(g.planUpgrade(Set.of(), "lab5@head").steps()).hasSize(N);
        assertThat(g.planDowngrade(Set.of("l04999"), "lab7@base").steps()).hasSize(N);
        // Alembic spreads each label down the straight run: the head and the base carry all of them
        assertThat(g.branchLabels("l04999")).hasSize(N).startsWith("lab0", "lab1", "lab10");
        assertThat(g.branchLabels("l00000")).hasSize(N);
    }
}
