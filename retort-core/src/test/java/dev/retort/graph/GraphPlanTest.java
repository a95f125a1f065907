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

    /** A version table holding a revision and its own ancestor is refused, naming both and the way out (t8-6). */
    @Test
    void rowsOfWhichOneIsBelowAnotherAreRefused() {
        RevisionGraph g = Graphs.graph("aaaa0001", "bbbb0001:aaaa0001", "cccc0001:bbbb0001", "xxxx0001");
        Set<String> rows = Graphs.set("aaaa0001", "cccc0001", "xxxx0001");
        for (Runnable plan : List.<Runnable>of(() -> g.planUpgrade(rows, "heads"), () -> g.planDowngrade(rows, "base"),
                () -> g.planStamp(rows, "heads", false))) {
            assertThatThrownBy(plan::run).isInstanceOf(GraphException.class)
                    .hasMessageStartingWith("The version table holds aaaa0001 and cccc0001, but aaaa0001 is an ancestor of cccc0001")
                    .hasMessageEndingWith("'retort stamp --purge cccc0001 xxxx0001').");
        }
        assertThat(g.planStamp(rows, "heads", true).steps()).isNotEmpty(); // the way out works
        assertThat(g.planUpgrade(Graphs.set("bbbb0001", "xxxx0001"), "heads").steps()).hasSize(1); // independent rows are fine
    }

    /**
     * A row below another by revises links is redundant, and so is a dependency's row beside its dependent's, or beside
     * a descendant of its dependent (t28-2: it was passed over, and the next upgrade took it for a branch of its own).
     */
    @Test
    void aRowBelowAnotherIsFoundByRevisesLinksAndDependencies() {
        RevisionGraph g = Graphs.graph("lib00001", "lib00002:lib00001", "app00001|lib00002", "app00002:app00001", "xxxx0001");
        assertThat(g.rowBelowAnother(Graphs.set("lib00002", "app00001"))).contains(
                new RevisionGraph.RowBelow("lib00002", List.of(), List.of("app00001")));
        assertThat(g.rowBelowAnother(Graphs.set("lib00001", "app00002"))).contains(
                new RevisionGraph.RowBelow("lib00001", List.of(), List.of("app00002")));
        assertThat(g.rowBelowAnother(Graphs.set("app00002", "app00001")))
                .contains(new RevisionGraph.RowBelow("app00001", List.of("app00002"), List.of()));
        assertThat(g.rowBelowAnother(Graphs.set("lib00002", "xxxx0001"))).isEmpty();
        assertThat(g.rowBelowAnother(Graphs.set("lib00001", "lib00002", "app00001")).orElseThrow().relation())
                .isEqualTo("is an ancestor of lib00002 and a dependency of app00001");
        Set<String> rows = Graphs.set("lib00002", "app00001");
        for (Runnable plan : List.<Runnable>of(() -> g.planUpgrade(rows, "xxxx0001"), () -> g.planDowngrade(rows, "base"),
                () -> g.planStamp(rows, "xxxx0001", false))) {
            assertThatThrownBy(plan::run).isInstanceOf(GraphException.class)
                    .hasMessageStartingWith("The version table holds lib00002 and app00001, but lib00002 is a dependency"
                            + " of app00001: a row Retort never writes")
                    .hasMessageEndingWith("'retort stamp --purge app00001').");
        }
    }

    /**
     * t21-1: an offline FROM of several rows may hold rows of other branches; they stay, as online. A row above
     * TO is refused.
     */
    @Test
    void offlineFromOfSeveralRowsMayHoldAnotherBranch() {
        Plan one = g.planUpgrade(Set.of(), "aaaa2222,dddd1111:mmmm1111");
        assertThat(ids(one)).containsExactly("bbbb1111", "cccc1111", "mmmm1111");
        assertThat(one.steps().get(2).to()).containsExactly("dddd1111", "mmmm1111");
        Plan dependency = g.planUpgrade(Set.of(), "bbbb1111,dddd1111:dddd2222");
        assertThat(ids(dependency)).containsExactly("dddd2222");
        assertThat(dependency.steps().get(0).to()).containsExactly("bbbb1111", "dddd2222");
        assertThatThrownBy(() -> g.planUpgrade(Set.of(), "mmmm1111,dddd1111:bbbb1111"))
                .hasMessage("Revision mmmm1111 is not an ancestor of revision bbbb1111");
        assertThatThrownBy(() -> g.planUpgrade(Set.of(), "dddd2222:aaaa2222")) // above through depends_on
                .hasMessage("Revision dddd2222 is not an ancestor of revision aaaa2222");
    }

    /**
     * t28-1: an offline FROM that is neither below nor above TO (a sibling branch, another base, a row standing for
     * TO's line through a dependency) gives the plan an online run gives from the same rows, as Alembic's offline
     * upgrade (implicit_base) does; only a FROM above TO is refused.
     */
    @Test
    void offlineFromBesideToPlansAsOnline() {
        RevisionGraph g = graph("aaaa0001", "aaaa0002:aaaa0001", "bbbb0001|aaaa0001", "cccc0001");
        for (String[] c : List.of(new String[] {"bbbb0001", "aaaa0002"}, new String[] {"bbbb0001", "cccc0001"},
                new String[] {"bbbb0001", "heads"}, new String[] {"cccc0001", "bbbb0001"})) {
            Plan offline = g.planUpgrade(Set.of(), c[0] + ":" + c[1]);
            Plan online = g.planUpgrade(Set.of(c[0]), c[1]);
            assertThat(offline).as(c[0] + ":" + c[1]).isEqualTo(online);
            assertThat(offline.steps()).as(c[0] + ":" + c[1]).isNotEmpty();
        }
        assertThat(g.planUpgrade(Set.of(), "bbbb0001:aaaa0002").steps().get(0).to()).containsExactly("aaaa0002", "bbbb0001");
        assertThat(ids(this.g.planUpgrade(Set.of(), "bbbb1111,dddd1111:cccc1111"))).containsExactly("cccc1111");
        assertThat(ids(this.g.planUpgrade(Set.of(), "dddd1111:cccc1111"))).containsExactly("aaaa1111", "aaaa2222", "cccc1111");
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

    /** t16-2: a stamp keeps the row of a branch that merely depends on its target, as a downgrade to it does. */
    @Test
    void stampKeepsARevisionThatOnlyDependsOnTheTarget() {
        RevisionGraph g = graph("aaaa0001", "aaaa0002:aaaa0001", "bbbb0001|aaaa0001", "cccc0001|aaaa0002");
        Set<String> rows = set("bbbb0001", "cccc0001");
        assertThat(ids(g.planDowngrade(rows, "aaaa0001"))).containsExactly("cccc0001", "aaaa0002");
        Plan stamp = g.planStamp(rows, "aaaa0001", false);
        // bbbb0001 stays (what it needs stays, its row standing for aaaa0001 too); cccc0001 goes with aaaa0002,
        // which it needs: the rows the downgrade leaves
        List<String> after = stamp.steps().get(stamp.steps().size() - 1).to();
        assertThat(after).containsExactly("bbbb0001");
        Plan down = g.planDowngrade(rows, "aaaa0001");
        assertThat(down.steps().get(down.steps().size() - 1).to()).isEqualTo(after);
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
    void downgradeKeepsRevisionsThatOnlyDependOnTheTarget() {
        RevisionGraph dep = graph("a1", "a2:a1", "b1|a1");
        Plan plan = dep.planDowngrade(set("a2", "b1"), "a1");
        assertThat(ids(plan)).containsExactly("a2");
        assertThat(plan.steps().get(0).to()).containsExactly("b1");
    }

    @Test
    void downgradeRevertsDependentsOfRevertedRevisionsOnly() {
        // an app line (v) whose v3 needs the library's l2
        RevisionGraph lib = graph("l1#lib", "l2:l1", "l3:l2", "v1#app", "v2:v1", "v3:v2|l2");
        assertThat(ids(lib.planDowngrade(set("l3", "v3"), "l2"))).containsExactly("l3");
        assertThat(ids(lib.planDowngrade(set("l3", "v3"), "l1"))).containsExactly("v3", "l3", "l2");
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

    // ---- on the graph of GraphResolveTest: a branch point, a labelled feature branch, a second base ----

    private final RevisionGraph r = new GraphResolveTest().g;
    private final Set<String> all = set("4aa3f5d1c0de", "ae10bb0e2f35", "e9c4b8a7f6d2");

    private Plan upgradeToAHeadFromItsSibling() {
        return r.planUpgrade(set("ae10bb0e2f35"), "4aa3f5d1c0de");
    }

    @Test
    void upgradeToAHeadLeavesOtherBranchesAlone() {
        Plan plan = r.planUpgrade(set("ae10bb0e2f35"), "feature@head");
        assertThat(ids(plan)).containsExactly("3cd1f8ae54d1", "4aa3f5d1c0de");
        assertThat(plan.steps().get(0).from()).containsExactly("ae10bb0e2f35");
        assertThat(plan.steps().get(1).to()).containsExactly("4aa3f5d1c0de", "ae10bb0e2f35");
    }

    @Test
    void upgradeToALabelTargetsTheRevisionCarryingIt() {
        assertThat(ids(r.planUpgrade(Set.of(), "feature"))).containsExactly("1975ea83b712", "ae1027a6acf1",
                "27c6a30d7c24", "3cd1f8ae54d1");
    }

    @Test
    void upgradeToAnAncestorOfTheCurrentRowsDoesNothing() {
        assertThat(r.planUpgrade(all, "ae1027a6acf1").isEmpty()).isTrue();
        assertThat(r.planUpgrade(all, "heads").isEmpty()).isTrue();
    }

    @Test
    void upgradeHeadWithSeveralHeadsFails() {
        assertThatThrownBy(() -> r.planUpgrade(Set.of(), "head")).isInstanceOf(MultipleHeadsException.class);
    }

    @Test
    void labelAtBaseRevertsOnlyThatBranch() {
        Plan plan = r.planDowngrade(all, "feature@base");
        assertThat(ids(plan)).containsExactly("4aa3f5d1c0de", "3cd1f8ae54d1");
        assertThat(plan.steps().get(1).to()).containsExactly("ae10bb0e2f35", "e9c4b8a7f6d2");
        Plan accounts = r.planDowngrade(all, "accounts@base");
        assertThat(ids(accounts)).containsExactly("e9c4b8a7f6d2", "d0d1e2f3a4b5");
        assertThat(accounts.steps().get(1).to()).containsExactly("4aa3f5d1c0de", "ae10bb0e2f35");
    }

    /**
     * t70-2: a label started just above a merge stops above it, as above a branch point (Alembic's _add_branches):
     * the merge belongs to the trunk, so LABEL@base reverted the trunk's merge too and left two rows.
     */
    @Test
    void aLabelAboveAMergeStopsAboveIt() {
        RevisionGraph m = graph("aaaa0001", "aaaa0002:aaaa0001", "bbbb0001:aaaa0001", "mmmm0001:aaaa0002,bbbb0001",
                "cccc0001:mmmm0001#L", "cccc0002:cccc0001");
        assertThat(m.branchLabels("mmmm0001")).isEmpty();
        assertThat(m.branchLabels("cccc0001")).containsExactly("L");
        assertThat(m.resolve("L@base+1", Set.of())).containsExactly("cccc0001");
        Plan plan = m.planDowngrade(set("cccc0002"), "L@base");
        assertThat(ids(plan)).containsExactly("cccc0002", "cccc0001");
        assertThat(plan.steps().get(1).to()).containsExactly("mmmm0001");
    }

    @Test
    void downgradingADependencyRevertsItsDependentsToo() {
        Plan plan = r.planDowngrade(all, "1975ea83b712");
        assertThat(ids(plan)).containsExactly("e9c4b8a7f6d2", "4aa3f5d1c0de", "ae10bb0e2f35", "3cd1f8ae54d1",
                "27c6a30d7c24", "ae1027a6acf1");
        assertThat(plan.steps().get(0).to()).containsExactly("4aa3f5d1c0de", "ae10bb0e2f35", "d0d1e2f3a4b5");
        assertThat(plan.steps().get(5).to()).containsExactly("1975ea83b712", "d0d1e2f3a4b5");
    }

    @Test
    void revertingADependentGivesTheDependencyItsRowBack() {
        Plan plan = r.planDowngrade(set("e9c4b8a7f6d2"), "d0d1e2f3a4b5");
        assertThat(plan.steps().get(0).from()).containsExactly("e9c4b8a7f6d2");
        assertThat(plan.steps().get(0).to()).containsExactly("ae1027a6acf1", "d0d1e2f3a4b5");
    }

    @Test
    void redundantCurrentRowsAreRefusedNotDroppedSilently() {
        assertThatThrownBy(() -> r.planUpgrade(set("1975ea83b712", "ae1027a6acf1"), "27c6a30d7c24"))
                .hasMessageContaining("1975ea83b712 is an ancestor of ae1027a6acf1");
    }

    @Test
    void relativePlansMoveExactlyNRevisions() {
        assertThat(ids(r.planUpgrade(set("ae1027a6acf1"), "+1"))).containsExactly("27c6a30d7c24");
        assertThat(ids(r.planUpgrade(set("27c6a30d7c24"), "feature@+2"))).containsExactly("3cd1f8ae54d1",
                "4aa3f5d1c0de");
        assertThat(ids(r.planDowngrade(all, "accounts@-2"))).containsExactly("e9c4b8a7f6d2", "d0d1e2f3a4b5");
        assertThat(ids(r.planDowngrade(set("4aa3f5d1c0de"), "-2"))).containsExactly("4aa3f5d1c0de", "3cd1f8ae54d1");
        assertThat(ids(r.planDowngrade(set("4aa3f5d1c0de"), "4aa3f5d1c0de-2"))).containsExactly("4aa3f5d1c0de",
                "3cd1f8ae54d1");
        assertThat(ids(r.planDowngrade(set("ae1027a6acf1"), "1975ea83b712-1"))).containsExactly("ae1027a6acf1",
                "1975ea83b712");
    }

    /**
     * t70-3: current+N is the revision N revises-steps above the row, and an upgrade to it runs what it needs (the
     * merge's other parent here); +N moves exactly N revisions.
     */
    @Test
    void currentPlusNIsARevisionWhilePlusNIsExactlyNRevisions() {
        assertThat(ids(g.planUpgrade(set("bbbb1111"), "current+1"))).containsExactly("cccc1111", "mmmm1111");
        assertThat(ids(g.planUpgrade(set("bbbb1111"), "+1"))).containsExactly("cccc1111");
    }

    @Test
    void stampMovesRowsWithoutRunningAnything() {
        Plan back = r.planStamp(all, "27c6a30d7c24", false);
        assertThat(back.direction()).isEqualTo(Direction.STAMP);
        assertThat(back.steps()).hasSize(1);
        assertThat(back.steps().get(0).revision().id()).isEqualTo("27c6a30d7c24");
        assertThat(back.steps().get(0).from()).containsExactly("4aa3f5d1c0de", "ae10bb0e2f35", "e9c4b8a7f6d2");
        assertThat(back.steps().get(0).to()).containsExactly("27c6a30d7c24", "e9c4b8a7f6d2");
        Plan forward = r.planStamp(set("ae1027a6acf1"), "heads", false);
        assertThat(forward.steps().get(forward.steps().size() - 1).to())
                .containsExactly("4aa3f5d1c0de", "ae10bb0e2f35", "e9c4b8a7f6d2");
        assertThat(r.planStamp(all, "heads", false).isEmpty()).isTrue();
    }

    @Test
    void stampBaseEmptiesTheTableAndLabelAtBaseOnlyItsBranch() {
        Plan base = r.planStamp(all, "base", false);
        assertThat(base.steps()).hasSize(1);
        assertThat(base.steps().get(0).revision()).isNull();
        assertThat(base.steps().get(0).to()).isEmpty();
        Plan feature = r.planStamp(all, "feature@base", false);
        assertThat(feature.steps().get(0).to()).containsExactly("ae10bb0e2f35", "e9c4b8a7f6d2");
        assertThat(r.planStamp(all, "base", true).isEmpty()).isTrue();
    }

    @Test
    void stampWithPurgeIgnoresWhatTheTableHeld() {
        Plan plan = r.planStamp(all, "ae10bb0e2f35", true);
        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.steps().get(0).from()).isEmpty();
        assertThat(plan.steps().get(0).to()).containsExactly("ae10bb0e2f35");
    }

    @Test
    void offlineRangesStartFromTheirFirstRevision() {
        Plan up = r.planUpgrade(Set.of("e9c4b8a7f6d2"), "ae1027a6acf1:feature@head");
        assertThat(ids(up)).containsExactly("27c6a30d7c24", "3cd1f8ae54d1", "4aa3f5d1c0de");
        assertThat(up.steps().get(0).from()).containsExactly("ae1027a6acf1");
        assertThat(ids(r.planUpgrade(Set.of(), ":ae1027a6acf1"))).containsExactly("1975ea83b712", "ae1027a6acf1");
        assertThat(ids(r.planUpgrade(Set.of(), "base:ae1027a6acf1"))).containsExactly("1975ea83b712", "ae1027a6acf1");
        assertThatThrownBy(() -> r.planUpgrade(Set.of(), "4aa3f5d1c0de:3cd1f8ae54d1"))
                .hasMessage("Revision 4aa3f5d1c0de is not an ancestor of revision 3cd1f8ae54d1");
        assertThat(r.planUpgrade(Set.of(), "ae10bb0e2f35:4aa3f5d1c0de")).isEqualTo(upgradeToAHeadFromItsSibling());
        Plan down = r.planDowngrade(Set.of(), "4aa3f5d1c0de:27c6a30d7c24");
        assertThat(ids(down)).containsExactly("4aa3f5d1c0de", "3cd1f8ae54d1");
        assertThatThrownBy(() -> r.planDowngrade(Set.of(), "ae10bb0e2f35:3cd1f8ae54d1"))
                .hasMessage("Destination 3cd1f8ae54d1 is not a valid downgrade target from current head(s)");
        Plan stamp = r.planStamp(Set.of(), "ae1027a6acf1:27c6a30d7c24", false);
        assertThat(stamp.steps().get(0).from()).containsExactly("ae1027a6acf1");
        assertThat(stamp.steps().get(0).to()).containsExactly("27c6a30d7c24");
    }

    @Test
    void stampSeveralTargetsAtOnce() {
        Plan plan = r.planStamp(Set.of(), List.of("3cd1f8ae54d1", "ae10bb0e2f35", "accounts"), false);
        assertThat(plan.steps().get(plan.steps().size() - 1).to())
                .containsExactly("3cd1f8ae54d1", "ae10bb0e2f35", "d0d1e2f3a4b5");
        assertThatThrownBy(() -> r.planStamp(Set.of(), List.of("27c6a30d7c24", "ae10bb0e2f35"), false))
                .hasMessage("Requested revision ae10bb0e2f35 overlaps with other requested revisions 27c6a30d7c24");
    }
}
