package dev.retort.graph;

import static dev.retort.graph.Graphs.graph;
import static dev.retort.graph.Graphs.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphQueryTest {
    final RevisionGraph g = new GraphResolveTest().g;
    final Set<String> none = Set.of();

    private static List<String> ids(List<RevisionHeader> headers) {
        return headers.stream().map(RevisionHeader::id).toList();
    }

    @Test
    void historyIsNewestFirstAndTopological() {
        assertThat(ids(g.revisions())).containsExactly("e9c4b8a7f6d2", "d0d1e2f3a4b5", "4aa3f5d1c0de", "ae10bb0e2f35",
                "3cd1f8ae54d1", "27c6a30d7c24", "ae1027a6acf1", "1975ea83b712");
        assertThat(ids(g.upgradeOrder())).containsExactly("1975ea83b712", "ae1027a6acf1", "27c6a30d7c24",
                "3cd1f8ae54d1", "ae10bb0e2f35", "4aa3f5d1c0de", "d0d1e2f3a4b5", "e9c4b8a7f6d2");
    }

    @Test
    void historyOrderDoesNotDependOnInputOrder() {
        List<RevisionHeader> headers = new java.util.ArrayList<>(Graphs.headers("aaaa0001", "bbbb0001:aaaa0001",
                "cccc0001:aaaa0001", "mmmm0001:bbbb0001,cccc0001", "xxxx0001|bbbb0001"));
        List<String> expected = ids(RevisionGraph.of(headers).revisions());
        java.util.Collections.reverse(headers);
        assertThat(ids(RevisionGraph.of(headers).revisions())).isEqualTo(expected);
        java.util.Collections.shuffle(headers, new java.util.Random(7));
        assertThat(ids(RevisionGraph.of(headers).revisions())).isEqualTo(expected);
    }

    @Test
    void aParentIsNeverListedBeforeItsChildEvenWhenCreatedLater() {
        RevisionGraph odd = RevisionGraph.of(List.of(
                new RevisionHeader("aaaa0001", List.of(), List.of(), List.of(), "", "2026-05-01", ""),
                new RevisionHeader("bbbb0001", List.of("aaaa0001"), List.of(), List.of(), "", "2020-01-01", "")));
        assertThat(ids(odd.revisions())).containsExactly("bbbb0001", "aaaa0001");
    }

    /**
     * A branch's relative move names where that branch lands, not every version row: {@code other@-1} is a
     * revision of {@code other} whatever else is applied (t6-2), and an offline {@code FROM:+1} goes up from FROM
     * as the online {@code +1} does (t6-3).
     */
    @Test
    void aBranchsRelativeMoveLandsOnThatBranchOnly() {
        RevisionGraph m = graph("aaaa1111", "aaaa2222:aaaa1111", "bbbb1111:aaaa2222", "cccc1111:aaaa2222",
                "mmmm1111:bbbb1111,cccc1111", "dddd1111#other", "dddd2222:dddd1111|aaaa2222");
        Set<String> rows = set("dddd2222", "mmmm1111");
        assertThat(m.resolve("other@-1", rows)).containsExactly("dddd1111");
        assertThat(ids(m.history("other@-1:other@head", rows))).containsExactly("dddd2222", "dddd1111");
        assertThat(ids(m.history("other@-1:", rows))).containsExactly("dddd2222", "dddd1111");
        assertThat(m.resolve("other@-2", rows)).isEmpty(); // the branch at base
        assertThat(m.resolve("-1", set("mmmm1111"))).containsExactlyInAnyOrder("bbbb1111", "cccc1111");
        assertThat(m.planUpgrade(none, "mmmm1111:+1").steps()).extracting(s -> s.revision().id()).containsExactly("dddd1111");
    }

    @Test
    void headsBasesBranchAndMergePoints() {
        RevisionGraph m = graph("aaaa0001", "bbbb0001:aaaa0001", "cccc0001:aaaa0001", "mmmm0001:bbbb0001,cccc0001",
                "lib00001#lib", "app00001|lib00001");
        assertThat(ids(m.heads())).containsExactly("app00001", "lib00001", "mmmm0001");
        assertThat(ids(m.heads(true))).containsExactly("app00001", "mmmm0001");
        assertThat(ids(m.bases())).containsExactly("app00001", "lib00001", "aaaa0001");
        assertThat(ids(m.branchPoints())).containsExactly("aaaa0001");
        assertThat(ids(m.mergePoints())).containsExactly("mmmm0001");
        assertThat(m.isHead("lib00001")).isTrue();
        assertThat(m.isRealHead("lib00001")).isFalse();
        assertThat(m.isEffectiveHead("lib00001")).isTrue();
        assertThat(m.isEffectiveHead("mmmm0001")).isFalse();
        assertThat(m.isBase("aaaa0001")).isTrue();
        assertThat(m.isBranchPoint("aaaa0001")).isTrue();
        assertThat(m.isMergePoint("mmmm0001")).isTrue();
        assertThat(m.isMergePoint("bbbb0001")).isFalse();
        assertThat(m.resolve("heads", none)).containsExactlyInAnyOrder("app00001", "mmmm0001");
        assertThatThrownBy(() -> m.isHead("nope")).hasMessage("Can't locate revision identified by 'nope'");
    }

    @Test
    void neighboursAncestorsAndDescendants() {
        assertThat(ids(g.parents("3cd1f8ae54d1"))).containsExactly("27c6a30d7c24");
        assertThat(ids(g.children("27c6a30d7c24"))).containsExactly("ae10bb0e2f35", "3cd1f8ae54d1");
        assertThat(ids(g.dependencies("e9c4b8a7f6d2"))).containsExactly("ae1027a6acf1");
        assertThat(ids(g.dependents("ae1027a6acf1"))).containsExactly("e9c4b8a7f6d2");
        assertThat(ids(g.ancestors("e9c4b8a7f6d2", false))).containsExactly("d0d1e2f3a4b5");
        assertThat(ids(g.ancestors("e9c4b8a7f6d2", true))).containsExactly("d0d1e2f3a4b5", "ae1027a6acf1",
                "1975ea83b712");
        assertThat(ids(g.descendants("ae1027a6acf1", false))).containsExactly("4aa3f5d1c0de", "ae10bb0e2f35",
                "3cd1f8ae54d1", "27c6a30d7c24");
        assertThat(ids(g.descendants("ae1027a6acf1", true))).startsWith("e9c4b8a7f6d2").hasSize(5);
    }

    @Test
    void theBranchARevisionBelongsTo() {
        assertThat(g.branchLabels("4aa3f5d1c0de")).containsExactly("feature");
        assertThat(g.branchLabels("3cd1f8ae54d1")).containsExactly("feature");
        assertThat(g.branchLabels("27c6a30d7c24")).isEmpty();
        assertThat(g.branchLabels("ae10bb0e2f35")).isEmpty();
        assertThat(g.branchLabels("e9c4b8a7f6d2")).containsExactly("accounts");
        // a label on the tip of a straight run covers the run down to the base
        RevisionGraph run = graph("aaaa0001", "aaaa0002:aaaa0001", "aaaa0003:aaaa0002#tip");
        assertThat(run.branchLabels("aaaa0001")).containsExactly("tip");
    }

    @Test
    void aLabelStopsAboveARevisionAnotherOneDependsOn() {
        // c1 has one child and one dependent: shared, as a branch point is (Alembic's _all_nextrev)
        RevisionGraph shared = graph("c1", "c2:c1#L", "d1|c1");
        assertThat(shared.branchLabels("c2")).containsExactly("L");
        assertThat(shared.branchLabels("c1")).isEmpty();
        assertThat(shared.planDowngrade(set("c2", "d1"), "L@base").steps())
                .extracting(s -> s.revision().id()).containsExactly("c2");
        assertThat(shared.resolve("L@base+1", set())).containsExactly("c2");
    }

    @Test
    void appliedAndVersionRows() {
        assertThat(g.applied(set("e9c4b8a7f6d2"))).containsExactly("e9c4b8a7f6d2", "d0d1e2f3a4b5", "ae1027a6acf1",
                "1975ea83b712");
        assertThat(g.versionRows(set("e9c4b8a7f6d2", "ae1027a6acf1", "1975ea83b712"))).containsExactly("e9c4b8a7f6d2");
        assertThat(g.versionRows(set("27c6a30d7c24", "3cd1f8ae54d1", "ae10bb0e2f35")))
                .containsExactly("3cd1f8ae54d1", "ae10bb0e2f35");
    }

    @Test
    void historyRanges() {
        assertThat(ids(g.history(null, none))).hasSize(8);
        assertThat(ids(g.history(":ae10bb0e2f35", none))).containsExactly("ae10bb0e2f35", "27c6a30d7c24",
                "ae1027a6acf1", "1975ea83b712");
        assertThat(ids(g.history("27c6a30d7c24:", none))).containsExactly("4aa3f5d1c0de", "ae10bb0e2f35",
                "3cd1f8ae54d1", "27c6a30d7c24");
        assertThat(ids(g.history("27c6a30d7c24:feature@head", none))).containsExactly("4aa3f5d1c0de",
                "3cd1f8ae54d1", "27c6a30d7c24");
        assertThat(ids(g.history("current:", set("3cd1f8ae54d1")))).containsExactly("4aa3f5d1c0de", "3cd1f8ae54d1");
        assertThat(ids(g.history(":current", set("ae1027a6acf1")))).containsExactly("ae1027a6acf1", "1975ea83b712");
        assertThat(ids(g.history("-1:current", set("3cd1f8ae54d1")))).containsExactly("3cd1f8ae54d1", "27c6a30d7c24");
        assertThat(ids(g.history("base:ae1027a6acf1", none))).containsExactly("ae1027a6acf1", "1975ea83b712");
    }

    @Test
    void historyFromLabelAtBaseListsOnlyThatBranch() {
        // e9c4 depends on the trunk's ae1027: the dependency is not part of the accounts branch
        assertThat(ids(g.history("accounts@base:", none))).containsExactly("e9c4b8a7f6d2", "d0d1e2f3a4b5");
        assertThat(ids(g.history("feature@base:", none))).containsExactly("4aa3f5d1c0de", "3cd1f8ae54d1");
        assertThat(ids(g.history("feature@base:feature@head", none))).containsExactly("4aa3f5d1c0de",
                "3cd1f8ae54d1");
        // a walk below a base starts at that base
        assertThat(ids(g.history("d0d1e2f3a4b5-1:", none))).containsExactly("e9c4b8a7f6d2", "d0d1e2f3a4b5");
    }

    @Test
    void historyRangeErrors() {
        assertThatThrownBy(() -> g.history("ae10bb0e2f35:4aa3f5d1c0de", none))
                .hasMessage("Requested range ae10bb0e2f35:4aa3f5d1c0de does not refer to ancestor/descendant "
                        + "revisions along the same branch");
        assertThatThrownBy(() -> g.history("ae10bb0e2f35", none))
                .hasMessage("History range requires [start]:[end], [start]:, or :[end]");
        assertThatThrownBy(() -> g.history("a:b:c", none))
                .hasMessage("History range requires [start]:[end], [start]:, or :[end]");
    }

    /** t16-1: A:B where B's branch depends on A lists B's branch down to A, along the dependency, as Alembic's. */
    @Test
    void historyRangeFollowsDependencies() {
        RevisionGraph g = Graphs.graph("aaaa0001", "bbbb0001|aaaa0001", "bbbb0002:bbbb0001");
        assertThat(ids(g.history("aaaa0001:bbbb0002", Set.of()))).containsExactly("bbbb0002", "bbbb0001", "aaaa0001");
    }

    /** t16-6: created dates with offsets (a timezone other than UTC) order by time, not by text. */
    @Test
    void createdWithAnOffsetOrdersByItsInstant() {
        RevisionGraph g = RevisionGraph.of(List.of(
                Graphs.header("aaaa0001", "2026-12-06T21:00:00Z"),
                Graphs.header("bbbb0001", "2026-12-06T21:36:51Z"),
                Graphs.header("tz000001:aaaa0001", "2026-12-06T16:37:04-05:00")));
        assertThat(ids(g.history(null, Set.of()))).containsExactly("tz000001", "bbbb0001", "aaaa0001");
        assertThat(g.planUpgrade(Set.of(), "heads").steps().stream().map(s -> s.revision().id()))
                .containsExactly("aaaa0001", "bbbb0001", "tz000001");
    }

    /** r8-5: a created date written without an offset is taken as UTC, not as older than every dated revision. */
    @Test
    void createdWithoutAnOffsetIsUtc() {
        RevisionGraph g = RevisionGraph.of(List.of(
                Graphs.header("aaaa0001", "2026-12-06T21:00:00Z"),
                Graphs.header("bbbb0001", "2026-12-07T10:00:00"),
                Graphs.header("cccc0001", "2026-12-06T22:00:00+00:00"),
                Graphs.header("dddd0001", "2026-12-08")));
        assertThat(ids(g.history(null, Set.of()))).containsExactly("dddd0001", "bbbb0001", "cccc0001", "aaaa0001");
    }
}
