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

    /**
     * The "stops at" hint of LABEL@-N names a downgrade that reverts the revision with what stands on it and
     * nothing else (t61-1): the parent r2 is a branch point, and downgrade r2 would revert the sibling c1 too.
     */
    @Test
    void labelMinusNHintRevertsOnlyWhatStandsOnTheRevision() {
        assertThatThrownBy(() -> g.planDowngrade(set("c1", "x2"), "lib@-1")).hasMessage("Relative revision lib@-1"
                + " stops at b1: x2 depends on it, off lib's line, and lib@-N reverts exactly N revisions of that line;"
                + " to revert b1 with what stands on it, downgrade lib@base");
        assertThat(ids(g.planDowngrade(set("c1", "x2"), "lib@base"))).containsExactly("x2", "b1");
        // a line with no label of its own at the branch point: the revision's own base form
        RevisionGraph h = graph("r1", "r2:r1", "b1:r2", "b2:b1#lib", "c1:r2", "x1", "x2:x1|b2");
        assertThatThrownBy(() -> h.planDowngrade(set("c1", "x2"), "lib@-1")).hasMessageEndingWith(
                "to revert b2 with what stands on it, downgrade b1");
        assertThat(ids(h.planDowngrade(set("c1", "x2"), "b1"))).containsExactly("x2", "b2");
        RevisionGraph k = graph("r1", "r2:r1", "b1:r2", "b2:b1#lib", "c1:r2", "x1", "x2:x1|b1");
        assertThatThrownBy(() -> k.planDowngrade(set("c1", "b2", "x2"), "lib@-2")).hasMessageEndingWith(
                "to revert b1 with what stands on it, downgrade b1@base");
        assertThat(ids(k.planDowngrade(set("c1", "b2", "x2"), "b1@base"))).containsExactly("x2", "b2", "b1");
    }

    /** LABEL@base: lists the branch only, not a revision of another base that depends on it (t61-2). */
    @Test
    void historyFromALabelsBaseListsThatBranchOnly() {
        assertThat(g.history("lib@base:", set()).stream().map(RevisionHeader::id)).containsExactly("b1");
        assertThat(g.history("lib@base:lib@heads", set()).stream().map(RevisionHeader::id)).containsExactly("b1");
        // asked for explicitly, the heads above it are listed along dependencies, as any A:B range
        assertThat(g.history("lib@base:heads", set()).stream().map(RevisionHeader::id)).containsExactly("x2", "b1");
    }

    /** LABEL@PREFIX with a prefix of revisions off the line says so, rather than that none exists (t61-9). */
    @Test
    void labelAtAPrefixOffTheLineNamesTheRevisionsItMatches() {
        RevisionGraph t = graph("a0000001", "a0000002:a0000001", "b0000001:a0000002#billing", "c0000001:a0000002",
                "c0000002:c0000001");
        assertThatThrownBy(() -> t.planUpgrade(set(), "billing@c000")).hasMessage("No revision starting with 'c000'"
                + " is on branch 'billing' (c0000001, c0000002 are not members)");
        assertThatThrownBy(() -> t.planUpgrade(set(), "billing@c0000002"))
                .hasMessage("Revision c0000002 is not a member of branch 'billing'");
        assertThatThrownBy(() -> t.planUpgrade(set(), "billing@zzzz")).isInstanceOf(UnknownRevisionException.class)
                .hasMessage("Can't locate revision identified by 'zzzz'");
        assertThat(t.resolve("billing@b000", set())).containsExactly("b0000001");
    }

    /**
     * Only a prefix that matches nothing on the line is reworded (told by its type, UnknownRevisionException): one that
     * matches several revisions there keeps its own error, though it matches others off the line too.
     */
    @Test
    void labelAtAnAmbiguousPrefixKeepsItsOwnError() {
        RevisionGraph t = graph("a0000001", "a0000002:a0000001", "b0000001:a0000002#billing", "c0000001:a0000002",
                "a0000003:c0000001");
        assertThatThrownBy(() -> t.resolve("billing@a000", set())).isNotInstanceOf(UnknownRevisionException.class)
                .hasMessageStartingWith("Multiple revisions start with 'a000': 'a0000001', 'a0000002'");
        assertThatThrownBy(() -> t.resolve("zzzz", set())).isInstanceOf(UnknownRevisionException.class)
                .hasMessage("Can't locate revision identified by 'zzzz'")
                .satisfies(e -> assertThat(((UnknownRevisionException) e).identifier()).isEqualTo("zzzz"));
    }

    /**
     * t61-4: rows made redundant by re-parenting an applied revision (c-line rebased onto b) name that likely cause, not
     * only a hand edit.
     */
    @Test
    void redundantRowsNameAReparentedRevisionAsTheLikelyCause() {
        RevisionGraph rebased = graph("a1", "a2:a1", "b1:a2", "b2:b1", "c1:b2", "c2:c1");
        assertThatThrownBy(() -> rebased.planUpgrade(set("b2", "c2"), "heads")).hasMessage("The version table holds b2"
                + " and c2, but b2 is an ancestor of c2: a row Retort never writes. Probably a revision's revises or"
                + " depends_on was changed after it was applied (a branch moved onto another after a merge, instead of a"
                + " merge revision), or the table was edited by hand or by another tool. Check which revisions the"
                + " database really has, then record them with 'retort stamp --purge REVISION...' (from these rows:"
                + " 'retort stamp --purge c2').");
    }

    private static List<String> ids(Plan plan) {
        return plan.steps().stream().map(s -> s.revision() == null ? "-" : s.revision().id()).toList();
    }

    /** Two base forms, one taking away all the other does, overlap as well (f11-5). */
    @Test
    void stampOfTwoBaseFormsOneWithinTheOtherIsRefused() {
        assertThatThrownBy(() -> g.planStamp(set("c1", "x2"), List.of("base", "lib@base"), false))
                .hasMessage("Requested revision lib@base overlaps with other requested revisions base");
        assertThatThrownBy(() -> g.planStamp(set("c1", "x2"), List.of("lib@base", "base"), false))
                .hasMessage("Requested revision lib@base overlaps with other requested revisions base");
        assertThatThrownBy(() -> g.planStamp(set("c1", "x2"), List.of("x1@base", "base"), false))
                .hasMessage("Requested revision x1@base overlaps with other requested revisions base");
        // both take away x2, but each keeps what the other begins: neither lies within the other
        Plan plan = g.planStamp(set("c1", "x2"), List.of("lib@base", "x1@base"), false);
        assertThat(plan.steps().get(plan.steps().size() - 1).to()).containsExactly("c1");
        // two taking away the same: the later is named
        RevisionGraph line = graph("r1", "b1:r1#lib");
        assertThatThrownBy(() -> line.planStamp(set("b1"), List.of("base", "lib@base"), false))
                .hasMessage("Requested revision lib@base overlaps with other requested revisions base");
        assertThatThrownBy(() -> line.planStamp(set("b1"), List.of("lib@base", "base"), false))
                .hasMessage("Requested revision base overlaps with other requested revisions lib@base");
        // the same form twice is one request
        assertThat(g.planStamp(set("c1", "x2"), List.of("base", "base"), false).steps().get(0).to()).isEmpty();
    }
}
