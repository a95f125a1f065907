package dev.retort.graph;

import static dev.retort.graph.RandomGraphs.above;
import static dev.retort.graph.RandomGraphs.closure;
import static dev.retort.graph.RandomGraphs.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Invariants on a 345-revision history shaped like a real project's, with 41 merges. */
class GraphLongHistoryTest {
    private final List<RevisionHeader> headers = LongHistoryFixture.headers();
    private final RevisionGraph g = RevisionGraph.of(headers);
    private final String trunkHead = "de7b444820cd";
    private final String auditHead = "0d05aa73d600";

    private static List<String> ids(Plan plan) {
        return plan.steps().stream().map(s -> s.revision().id()).toList();
    }

    @Test
    void shape() {
        assertThat(g.size()).isEqualTo(345);
        assertThat(g.mergePoints()).hasSize(41);
        assertThat(g.branchPoints()).hasSizeGreaterThan(30);
        assertThat(g.bases()).extracting(RevisionHeader::id).containsExactly("3c0045d2d064", "cd8a644a572d");
        assertThat(g.heads()).extracting(RevisionHeader::id).containsExactly(trunkHead, auditHead);
        assertThat(g.resolve("heads", Set.of())).containsExactlyInAnyOrder(auditHead, trunkHead);
        assertThat(g.resolve("audit@head", Set.of())).containsExactly(auditHead);
        assertThat(g.branchLabels(auditHead)).containsExactly("audit");
        assertThat(g.branchLabels(trunkHead)).isEmpty();
    }

    @Test
    void fullUpgradeRunsEveryRevisionOnceParentsFirstWithConsistentRows() {
        Plan plan = g.planUpgrade(Set.of(), "heads");
        assertThat(new HashSet<>(ids(plan))).hasSize(345);
        Set<String> applied = new HashSet<>();
        List<String> from = List.of();
        int widest = 0;
        for (Step step : plan.steps()) {
            String id = step.revision().id();
            assertThat(applied).containsAll(closure(g, List.of(id)).stream().filter(a -> !a.equals(id)).toList());
            applied.add(id);
            assertThat(step.from()).isEqualTo(from);
            assertThat(step.to()).isEqualTo(rows(g, applied));
            widest = Math.max(widest, step.to().size());
            from = step.to();
        }
        assertThat(from).containsExactly(auditHead, trunkHead);
        // never more rows than concurrently open branches: three trunk heads plus the plugin
        assertThat(widest).isLessThanOrEqualTo(4);
    }

    @Test
    void downgradeToBaseIsTheExactReverse() {
        Plan up = g.planUpgrade(Set.of(), "heads");
        Plan down = g.planDowngrade(Set.of(auditHead, trunkHead), "base");
        List<String> reversed = new ArrayList<>(ids(up));
        Collections.reverse(reversed);
        assertThat(ids(down)).isEqualTo(reversed);
        assertThat(down.steps().get(344).to()).isEmpty();
    }

    @Test
    void upgradingInTwoLegsThroughAnyRevisionCoversEverythingOnce() {
        List<RevisionHeader> all = g.revisions();
        for (int k = 0; k < all.size(); k += 7) {
            String middle = all.get(k).id();
            Plan first = g.planUpgrade(Set.of(), middle);
            assertThat(new TreeSet<>(ids(first))).isEqualTo(closure(g, List.of(middle)));
            Set<String> rowsThere = new TreeSet<>(first.steps().get(first.steps().size() - 1).to());
            assertThat(rowsThere).containsExactly(middle);
            Plan second = g.planUpgrade(rowsThere, "heads");
            Set<String> union = new HashSet<>(ids(first));
            for (String id : ids(second)) {
                assertThat(union.add(id)).as("applied twice: %s", id).isTrue();
            }
            assertThat(union).hasSize(345);
        }
    }

    @Test
    void downgradingToEachMergeParentRevertsExactlyItsAppliedDescendants() {
        Set<String> top = Set.of(auditHead, trunkHead);
        Set<String> applied = closure(g, top);
        for (RevisionHeader merge : g.mergePoints()) {
            for (RevisionHeader parent : g.parents(merge.id())) {
                Plan down = g.planDowngrade(top, parent.id());
                Set<String> expected = new TreeSet<>(above(g, List.of(parent.id())));
                expected.remove(parent.id());
                expected.retainAll(applied);
                assertThat(new TreeSet<>(ids(down))).isEqualTo(expected);
                assertThat(down.steps().get(down.steps().size() - 1).to()).contains(parent.id());
            }
        }
    }

    @Test
    void relativeStepsAlongTheTrunk() {
        Set<String> top = Set.of(auditHead, trunkHead);
        // the last trunk revision merges nothing: one step back from it is unambiguous on its branch
        String beforeHead = g.parents(trunkHead).get(0).id();
        assertThat(g.resolve(trunkHead + "-1", top)).containsExactly(beforeHead);
        Plan down = g.planDowngrade(top, "audit@-1");
        assertThat(ids(down)).containsExactly(auditHead);
        Plan up = g.planUpgrade(new TreeSet<>(down.steps().get(0).to()), "+1");
        assertThat(ids(up)).containsExactly(auditHead);
    }

    @Test
    void stampingHeadsFromAnywhereKeepsTheOtherBranch() {
        List<RevisionHeader> all = g.upgradeOrder();
        String mid = all.get(170).id();
        Set<String> current = new TreeSet<>(g.versionRows(List.of(mid, auditHead)));
        Plan stamp = g.planStamp(current, "heads", false);
        assertThat(stamp.steps().get(stamp.steps().size() - 1).to()).containsExactly(auditHead, trunkHead);
        Plan back = g.planStamp(Set.of(auditHead, trunkHead), mid, false);
        assertThat(back.steps().get(0).to()).contains(auditHead);
    }

    @Test
    void historyIsTopologicalAndStable() {
        List<String> order = g.revisions().stream().map(RevisionHeader::id).toList();
        for (RevisionHeader h : g.revisions()) {
            for (RevisionHeader p : g.parents(h.id())) {
                assertThat(order.indexOf(p.id())).isGreaterThan(order.indexOf(h.id()));
            }
        }
        List<RevisionHeader> shuffled = new ArrayList<>(headers);
        Collections.shuffle(shuffled, new java.util.Random(3));
        assertThat(RevisionGraph.of(shuffled).revisions().stream().map(RevisionHeader::id).toList()).isEqualTo(order);
        // the trunk's 342 revisions and the plugin base its last revision depends on
        assertThat(g.history(":" + trunkHead, Set.of())).hasSize(343);
    }
}
