package dev.retort.graph;

import static dev.retort.graph.Graphs.graph;
import static dev.retort.graph.Graphs.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A team's graph (t61): a labelled branch and a team mate's sibling branch off one branch point, and a second base
 * whose branch depends on the labelled one.
 */
class GraphTeamBranchesTest {
    private final RevisionGraph g = graph(
            "r1",
            "r2:r1",
            "b1:r2#lib",
            "c1:r2",
            "x1",
            "x2:x1|b1");

    /** A base form beside a revision it would take away overlaps it, as two revisions one below the other (t61-3). */
    @Test
    void stampOfABaseFormBesideARevisionAboveItIsRefused() {
        assertThatThrownBy(() -> g.planStamp(set("c1", "x2"), List.of("c1", "base"), false))
                .hasMessage("Requested revision c1 overlaps with other requested revisions base");
        assertThatThrownBy(() -> g.planStamp(set("c1", "x2"), List.of("b1", "lib@base"), false))
                .hasMessage("Requested revision b1 overlaps with other requested revisions lib@base");
        // x2 depends on b1: lib@base takes it away too
        assertThatThrownBy(() -> g.planStamp(set("c1", "x2"), List.of("x2", "lib@base"), false))
                .hasMessage("Requested revision x2 overlaps with other requested revisions lib@base");
        // a base form and a revision it leaves alone do not overlap
        Plan plan = g.planStamp(set("c1", "x2"), List.of("c1", "lib@base"), false);
        assertThat(plan.steps().get(plan.steps().size() - 1).to()).containsExactly("c1", "x1");
    }
}
