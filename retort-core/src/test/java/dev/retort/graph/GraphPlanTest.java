package dev.retort.graph;

import static dev.retort.graph.Graphs.graph;
import static dev.retort.graph.Graphs.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphPlanTest {
    /** Two bases; a branch point, a merge, and a second branch that depends on the trunk. */
    private final RevisionGraph g = graph(
            "aaaa1111",
            "aaaa2222:aaaa1111",
            "bbbb1111:aaaa2222",
            "cccc1111:aaaa2222",
            "mmmm1111:bbbb1111,cccc1111",
            "dddd1111#other",
            "dddd2222:dddd1111|aaaa2222");

    private static List<String> ids(Plan plan) {
        return plan.steps().stream().map(s -> s.revision() == null ? "-" : s.revision().id()).toList();
    }

    @Test
    void upgradeFromBaseToHeadsAppliesParentsFirstAndTracksRows() {
        Plan plan = g.planUpgrade(Set.of(), "heads");
        assertThat(plan.direction()).isEqualTo(Direction.UPGRADE);
        assertThat(ids(plan)).containsExactly("aaaa1111", "aaaa2222", "bbbb1111", "cccc1111", "mmmm1111",
                "dddd1111", "dddd2222");
        List<Step> s = plan.steps();
        assertThat(s.get(0).from()).isEmpty();
        assertThat(s.get(0).to()).containsExactly("aaaa1111");
        assertThat(s.get(2).to()).containsExactly("bbbb1111");
        // branch point: a second row appears
        assertThat(s.get(3).to()).containsExactly("bbbb1111", "cccc1111");
        // merge: rows collapse
        assertThat(s.get(4).to()).containsExactly("mmmm1111");
        assertThat(s.get(5).to()).containsExactly("dddd1111", "mmmm1111");
        assertThat(s.get(6).from()).containsExactly("dddd1111", "mmmm1111");
        assertThat(s.get(6).to()).containsExactly("dddd2222", "mmmm1111");
    }

    @Test
    void dependsOnPullsInTheRequiredRevisionAndTakesOverItsRow() {
        Plan plan = g.planUpgrade(Set.of(), "dddd2222");
        assertThat(ids(plan)).containsExactly("aaaa1111", "aaaa2222", "dddd1111", "dddd2222");
        assertThat(plan.steps().get(3).to()).containsExactly("dddd2222");
    }

    @Test
    void downgradeRevertsOnlyAppliedDescendantsOfTheTarget() {
        Plan plan = g.planDowngrade(set("mmmm1111", "dddd2222"), "cccc1111");
        assertThat(ids(plan)).containsExactly("mmmm1111");
        assertThat(plan.steps().get(0).from()).containsExactly("dddd2222", "mmmm1111");
        assertThat(plan.steps().get(0).to()).containsExactly("bbbb1111", "cccc1111", "dddd2222");
    }

    @Test
    void downgradeToBaseRevertsEverythingInReverse() {
        Plan up = g.planUpgrade(Set.of(), "heads");
        Plan down = g.planDowngrade(set("mmmm1111", "dddd2222"), "base");
        List<String> reversed = new java.util.ArrayList<>(ids(up));
        java.util.Collections.reverse(reversed);
        assertThat(ids(down)).containsExactlyElementsOf(reversed);
        assertThat(down.steps().get(down.steps().size() - 1).to()).isEmpty();
    }

    @Test
    void downgradeToUnappliedRevisionIsRejected() {
        assertThatThrownBy(() -> g.planDowngrade(set("bbbb1111"), "cccc1111"))
                .isInstanceOf(GraphException.class)
                .hasMessage("Destination cccc1111 is not a valid downgrade target from current head(s)");
    }

    @Test
    void stampHeadsKeepsAnUnrelatedAppliedHead() {
        RevisionGraph two = graph("aaaa1111", "bbbb1111:aaaa1111", "xxxx1111#x", "yyyy1111:xxxx1111");
        Plan plan = two.planStamp(set("aaaa1111", "yyyy1111"), "bbbb1111", false);
        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.steps().get(0).from()).containsExactly("aaaa1111", "yyyy1111");
        assertThat(plan.steps().get(0).to()).containsExactly("bbbb1111", "yyyy1111");
    }

    @Test
    void stampWithPurgeStartsFromAnEmptyTable() {
        Plan plan = g.planStamp(set("aaaa1111"), "aaaa1111", true);
        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.steps().get(0).from()).isEmpty();
        assertThat(plan.steps().get(0).to()).containsExactly("aaaa1111");
    }

    @Test
    void relativeUpThenDownReturns() {
        Set<String> start = set("aaaa1111");
        assertThat(g.resolve("+1", start)).containsExactly("aaaa2222");
        Plan up = g.planUpgrade(start, "+1");
        assertThat(ids(up)).containsExactly("aaaa2222");
        Plan down = g.planDowngrade(set("aaaa2222"), "-1");
        assertThat(ids(down)).containsExactly("aaaa2222");
        assertThat(down.steps().get(0).to()).containsExactly("aaaa1111");
    }
}
