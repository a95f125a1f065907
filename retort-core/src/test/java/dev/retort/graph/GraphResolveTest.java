package dev.retort.graph;

import static dev.retort.graph.Graphs.graph;
import static dev.retort.graph.Graphs.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every form of the TARGET grammar (SPEC section 4) and every resolution error, with its exact text. */
class GraphResolveTest {
    static final String MULTIPLE_HEADS = "; please specify a specific target revision, '<branchname>@head' to "
            + "narrow to a specific head, or 'heads' for all heads";

    /**
     * <pre>
     * 1975ea83b712 -> ae1027a6acf1 -> 27c6a30d7c24 (branchpoint) -> 3cd1f8ae54d1 (feature) -> 4aa3f5d1c0de
     *                                              \-> ae10bb0e2f35
     * d0d1e2f3a4b5 (accounts, a second base) -> e9c4b8a7f6d2 (depends on ae1027a6acf1)
     * </pre>
     */
    final RevisionGraph g = graph(
            "1975ea83b712",
            "ae1027a6acf1:1975ea83b712",
            "27c6a30d7c24:ae1027a6acf1",
            "3cd1f8ae54d1:27c6a30d7c24#feature",
            "ae10bb0e2f35:27c6a30d7c24",
            "4aa3f5d1c0de:3cd1f8ae54d1",
            "d0d1e2f3a4b5#accounts",
            "e9c4b8a7f6d2:d0d1e2f3a4b5|ae1027a6acf1");

    final Set<String> none = Set.of();
    final Set<String> all = set("4aa3f5d1c0de", "ae10bb0e2f35", "e9c4b8a7f6d2");

    private void fails(String target, Set<String> current, String message) {
        assertThatThrownBy(() -> g.resolve(target, current)).isInstanceOf(GraphException.class).hasMessage(message);
    }

    private void failsStartingWith(String target, Set<String> current, String message) {
        assertThatThrownBy(() -> g.resolve(target, current)).isInstanceOf(GraphException.class).hasMessageStartingWith(message);
    }

    @Test
    void fullAndPartialIds() {
        assertThat(g.resolve("ae1027a6acf1", none)).containsExactly("ae1027a6acf1");
        assertThat(g.resolve("ae102", none)).containsExactly("ae1027a6acf1");
        assertThat(g.resolve("4aa", none)).containsExactly("4aa3f5d1c0de");
        assertThat(g.resolve("4", none)).containsExactly("4aa3f5d1c0de");
    }

    @Test
    void ambiguousPrefixListsTheCandidates() {
        fails("ae", none, "Multiple revisions start with 'ae': 'ae1027a6acf1', 'ae10bb0e2f35'...");
        // a label that matches is named, with the revision it stands for
        RevisionGraph labelled = graph("abcd1234", "fe12abcd", "zz99#feature");
        assertThatThrownBy(() -> labelled.resolve("fe", none))
                .hasMessage("Multiple revisions start with 'fe': 'fe12abcd', 'feature' (zz99)...");
        // a revision whose id and label both match is listed once, by its id
        RevisionGraph both = graph("fe000001#feature", "fe12abcd");
        assertThatThrownBy(() -> both.resolve("fe", none))
                .hasMessage("Multiple revisions start with 'fe': 'fe000001', 'fe12abcd'...");
    }

    @Test
    void unknownId() {
        fails("zzzz", none, "Can't locate revision identified by 'zzzz'");
        fails("", none, "Can't locate revision identified by ''");
        fails("feature@", none, "Can't locate revision identified by 'feature@'");
    }

    @Test
    void unknownCurrentRevision() {
        fails("heads", set("ffff0000"), "Can't locate revision identified by 'ffff0000'");
    }

    @Test
    void headAndHeads() {
        assertThat(g.resolve("heads", none)).containsExactlyInAnyOrder("4aa3f5d1c0de", "ae10bb0e2f35", "e9c4b8a7f6d2");
        fails("head", none, "Multiple head revisions are present for given argument 'head'" + MULTIPLE_HEADS);
        RevisionGraph linear = graph("aaaa0001", "aaaa0002:aaaa0001");
        assertThat(linear.resolve("head", none)).containsExactly("aaaa0002");
        assertThat(linear.resolveOne("head", none)).map(RevisionHeader::id).contains("aaaa0002");
    }

    @Test
    void multipleHeadsIsATypedError() {
        assertThatThrownBy(() -> g.resolve("head", none))
                .isInstanceOfSatisfying(MultipleHeadsException.class, e -> {
                    assertThat(e.argument()).isEqualTo("head");
                    assertThat(e.heads()).containsExactlyInAnyOrder("4aa3f5d1c0de", "ae10bb0e2f35", "e9c4b8a7f6d2");
                });
        assertThatThrownBy(() -> g.resolveOne("heads", none)).isInstanceOf(MultipleHeadsException.class);
    }

    @Test
    void baseIsTheEmptySet() {
        assertThat(g.resolve("base", all)).isEmpty();
        assertThat(g.resolveOne("base", all)).isEmpty();
    }

    @Test
    void branchLabelsAndTheirPrefixes() {
        assertThat(g.resolve("feature", none)).containsExactly("3cd1f8ae54d1");
        assertThat(g.resolve("feat", none)).containsExactly("3cd1f8ae54d1");
        assertThat(g.resolve("accounts", none)).containsExactly("d0d1e2f3a4b5");
    }

    @Test
    void labelAtHeadHeadsAndBase() {
        assertThat(g.resolve("feature@head", none)).containsExactly("4aa3f5d1c0de");
        assertThat(g.resolve("feature@heads", none)).containsExactly("4aa3f5d1c0de");
        assertThat(g.resolve("accounts@head", none)).containsExactly("e9c4b8a7f6d2");
        assertThat(g.resolve("feature@base", all)).isEmpty();
    }

    @Test
    void revisionAtHead() {
        assertThat(g.resolve("3cd1@head", none)).containsExactly("4aa3f5d1c0de");
        assertThat(g.resolve("ae10bb0e2f35@head", none)).containsExactly("ae10bb0e2f35");
        fails("27c6a30d7c24@head", none,
                "Multiple head revisions are present for given argument '27c6a30d7c24@head'" + MULTIPLE_HEADS);
    }

    @Test
    void labelAtRevisionChecksTheLineage() {
        assertThat(g.resolve("feature@1975", none)).containsExactly("1975ea83b712");
        // the prefix "ae10" is ambiguous overall but only one candidate is on the feature branch's line
        assertThat(g.resolve("feature@ae10", none)).containsExactly("ae1027a6acf1");
        fails("feature@ae10bb0e2f35", none, "Revision ae10bb0e2f35 is not a member of branch 'feature'");
        fails("nobranch@head", none, "No such branch: 'nobranch'");
    }

    @Test
    void revisionPlusAndMinusN() {
        assertThat(g.resolve("ae1027a6acf1+1", none)).containsExactly("27c6a30d7c24");
        assertThat(g.resolve("4aa3f5d1c0de-2", none)).containsExactly("27c6a30d7c24");
        assertThat(g.resolve("feature@ae1027a6acf1+2", none)).containsExactly("3cd1f8ae54d1");
        assertThat(g.resolve("1975ea83b712-1", all)).isEmpty();
        assertThat(g.resolve("accounts@base+1", none)).containsExactly("d0d1e2f3a4b5");
        assertThat(graph("aaaa0001", "aaaa0002:aaaa0001").resolve("base+2", none)).containsExactly("aaaa0002");
    }

    @Test
    void walkErrors() {
        fails("ae1027a6acf1+2", none, "Ambiguous walk: ae1027a6acf1+2 forks after the branch point 27c6a30d7c24 (3cd1f8ae54d1, ae10bb0e2f35); name the revision to go to, or the branch (branch@+N)");
        fails("4aa3f5d1c0de+1", none, "Relative revision 4aa3f5d1c0de+1 didn't produce 1 migrations");
        fails("1975ea83b712-2", none, "Walked too far");
        failsStartingWith("base+1", none, "Ambiguous walk: base+1 can start at several bases (");
        RevisionGraph merged = graph("aaaa0001", "aaaa0002:aaaa0001", "aaaa0003:aaaa0001", "aaaa0004:aaaa0002,aaaa0003");
        assertThatThrownBy(() -> merged.resolve("aaaa0004-2", Set.of())).isInstanceOf(GraphException.class)
                .hasMessage("Ambiguous walk: aaaa0004-2 forks below the merge aaaa0004 (aaaa0002, aaaa0003); name the revision to go to, or the branch (branch@-N)");
        assertThatThrownBy(() -> merged.resolve("-2", Set.of("aaaa0004"))).isInstanceOf(GraphException.class)
                .hasMessageStartingWith("Ambiguous walk: -2 has several revisions to revert next (");
    }

    @Test
    void headMinusN() {
        assertThat(g.resolve("feature@head-1", none)).containsExactly("3cd1f8ae54d1");
        assertThat(g.resolve("accounts@head-1", none)).containsExactly("d0d1e2f3a4b5");
        fails("head-1", none, "Multiple head revisions are present for given argument 'head-1'" + MULTIPLE_HEADS);
        RevisionGraph linear = graph("aaaa0001", "aaaa0002:aaaa0001", "aaaa0003:aaaa0002");
        assertThat(linear.resolve("head-2", none)).containsExactly("aaaa0001");
        assertThat(linear.resolve("heads-1", none)).containsExactly("aaaa0002");
    }

    @Test
    void plusNRelativeToTheCurrentRows() {
        assertThat(g.resolve("+1", set("ae1027a6acf1"))).containsExactly("27c6a30d7c24");
        // an unapplied second base does not make +1 ambiguous: the applied line moves on
        assertThat(g.resolve("+2", set("1975ea83b712"))).containsExactly("27c6a30d7c24");
        fails("+1", set("27c6a30d7c24"), "Ambiguous walk: +1 has several revisions to apply next (ae10bb0e2f35, 3cd1f8ae54d1); name the revision to go to, or the branch (branch@+N)");
        assertThat(g.resolve("feature@+1", set("27c6a30d7c24"))).containsExactly("3cd1f8ae54d1");
        assertThat(g.resolve("feature@+2", set("27c6a30d7c24"))).containsExactly("4aa3f5d1c0de");
        fails("+1", all, "Relative revision +1 didn't produce 1 migrations");
        failsStartingWith("+1", none, "Ambiguous walk: +1 has several revisions to apply next (");
        assertThat(g.resolve("accounts@+1", none)).containsExactly("d0d1e2f3a4b5");
    }

    @Test
    void minusNRelativeToTheCurrentRows() {
        assertThat(g.resolve("-1", set("4aa3f5d1c0de"))).containsExactly("3cd1f8ae54d1");
        assertThat(g.resolve("-3", set("4aa3f5d1c0de"))).containsExactly("ae1027a6acf1");
        fails("-1", all, "Ambiguous walk: -1 starts from several current revisions (e9c4b8a7f6d2, 4aa3f5d1c0de, ae10bb0e2f35); name the revision to go to, or the branch (branch@-N)");
        assertThat(g.resolve("feature@-1", all)).containsExactly("3cd1f8ae54d1"); // where the branch lands, not the other rows
        fails("-9", set("4aa3f5d1c0de"), "Relative revision -9 didn't produce 9 migrations");
        fails("-1", none, "Relative revision -1 didn't produce 1 migrations");
    }

    /**
     * t28-3: LABEL@-N when the label's line has no version row of its own, its tip being applied as another branch's
     * dependency: reverting it would revert that branch too, so it is refused saying so (was "didn't produce 1
     * migrations", with two of the label's revisions applied) and naming the downgrade that does it (Alembic's).
     */
    @Test
    void labelMinusNStopsAtARevisionAnotherBranchNeeds() {
        RevisionGraph h = graph("aaaa0001#lib", "aaaa0002:aaaa0001", "bbbb0001|aaaa0002#app");
        assertThatThrownBy(() -> h.planDowngrade(set("bbbb0001"), "lib@-1")).hasMessage("Relative revision lib@-1 stops at"
                + " aaaa0002: bbbb0001 depends on it, off lib's line, and lib@-N reverts exactly N revisions of that line;"
                + " to revert aaaa0002 with what stands on it, downgrade aaaa0001");
        assertThat(h.planDowngrade(set("bbbb0001"), "aaaa0001").steps()).extracting(s -> s.revision().id())
                .containsExactly("bbbb0001", "aaaa0002");
        // part of the way: the line's own row goes first, then its base is held
        RevisionGraph m = graph("aaaa0001#lib", "aaaa0002:aaaa0001", "bbbb0001|aaaa0001#app");
        assertThat(m.resolve("lib@-1", set("aaaa0002", "bbbb0001"))).isEmpty();
        assertThatThrownBy(() -> m.planDowngrade(set("aaaa0002", "bbbb0001"), "lib@-2")).hasMessage("Relative revision"
                + " lib@-2 stops at aaaa0001 after 1 revision: bbbb0001 depends on it, off lib's line, and lib@-N reverts"
                + " exactly N revisions of that line; to revert aaaa0001 with what stands on it, downgrade lib@base");
        // below a branch point, the other branch holds the trunk
        failsStartingWith("feature@-3", all, "Relative revision feature@-3 stops at 27c6a30d7c24 after 2 revisions:"
                + " ae10bb0e2f35 revises it, off feature's line");
        fails("feature@-1", none, "Relative revision feature@-1 didn't produce 1 migrations"); // nothing applied
    }

    /** The upgrade's twin of the above: the line's next revision waits for one off the line that is not applied. */
    @Test
    void labelPlusNStopsAtARevisionWaitingForAnotherBranch() {
        RevisionGraph h = graph("aaaa0001#lib", "aaaa0002:aaaa0001|bbbb0001", "bbbb0001#app");
        assertThatThrownBy(() -> h.planUpgrade(set("aaaa0001"), "lib@+1")).hasMessage("Relative revision lib@+1 stops at"
                + " aaaa0002: it depends on bbbb0001, off lib's line and not applied, and lib@+N applies exactly N revisions"
                + " of that line; to apply aaaa0002 with what it needs, upgrade aaaa0002");
        assertThat(h.planUpgrade(set("aaaa0001"), "aaaa0002").steps()).extracting(s -> s.revision().id())
                .containsExactly("bbbb0001", "aaaa0002");
        RevisionGraph m = graph("aaaa0001#lib", "aaaa0002:aaaa0001", "aaaa0003:aaaa0002|bbbb0001", "bbbb0001#app");
        assertThatThrownBy(() -> m.planUpgrade(set("aaaa0001"), "lib@+2")).hasMessageStartingWith("Relative revision"
                + " lib@+2 stops at aaaa0003 after 1 revision: it depends on bbbb0001");
        // with the dependency applied, the line moves
        assertThat(h.planUpgrade(set("aaaa0001", "bbbb0001"), "lib@+1").steps()).extracting(s -> s.revision().id())
                .containsExactly("aaaa0002");
        // past the line's head it is still too short
        assertThatThrownBy(() -> h.planUpgrade(set("aaaa0001", "bbbb0001"), "lib@+2"))
                .hasMessage("Relative revision lib@+2 didn't produce 2 migrations");
    }

    @Test
    void relativeDirectionMustMatchTheCommand() {
        assertThatThrownBy(() -> g.planUpgrade(set("ae1027a6acf1"), "-1"))
                .hasMessage("Relative revision -1 didn't produce 1 migrations");
        assertThatThrownBy(() -> g.planDowngrade(set("ae1027a6acf1"), "+1"))
                .hasMessage("Relative revision +1 didn't produce 1 migrations");
    }

    /** t21-4: a move of zero is no move, for upgrade, downgrade and stamp alike; refusals echo the target. */
    @Test
    void zeroStepsStayWhereTheDatabaseIs() {
        Set<String> at = set("3cd1f8ae54d1");
        for (String zero : List.of("-0", "+0", "feature@-0", "feature@+0")) {
            assertThat(g.planUpgrade(at, zero).steps()).as(zero).isEmpty();
            assertThat(g.planDowngrade(at, zero).steps()).as(zero).isEmpty();
            assertThat(g.planStamp(at, zero, false).steps()).as(zero).isEmpty();
            assertThat(g.resolve(zero, at)).as(zero).containsExactly("3cd1f8ae54d1");
        }
        assertThatThrownBy(() -> g.planDowngrade(at, "feature@+1"))
                .hasMessage("Relative revision feature@+1 didn't produce 1 migrations");
        assertThatThrownBy(() -> g.planUpgrade(at, "feature@-2"))
                .hasMessage("Relative revision feature@-2 didn't produce 2 migrations");
    }

    /** t21-6: a label with '-' or '+' takes +N/-N as a plain label does ('feature-x-1', not only 'feature-x@head-1'). */
    @Test
    void hyphenatedLabelsTakeRelativeSteps() {
        RevisionGraph h = graph("a1", "a2:a1#feature-x", "a3:a2#feat", "a4:a3#v1.2+b");
        assertThat(h.resolve("feat-1", none)).containsExactly("a2");
        assertThat(h.resolve("feature-x-1", none)).containsExactly("a1");
        assertThat(h.resolve("feature-x+1", none)).containsExactly("a3");
        assertThat(h.resolve("v1.2+b-2", none)).containsExactly("a2");
        assertThat(h.resolve("feature-x@feature-x+2", none)).containsExactly("a4");
        assertThat(h.planUpgrade(set("a1"), "feature-x+1").steps()).hasSize(2);
        assertThatThrownBy(() -> h.resolve("feature-y-1", none)).hasMessage("Can't locate revision identified by 'feature-y-1'");
    }

    @Test
    void current() {
        assertThat(g.resolve("current", set("ae10bb0e2f35"))).containsExactly("ae10bb0e2f35");
        assertThat(g.resolve("current", none)).isEmpty();
        assertThat(g.resolve("current+1", set("ae1027a6acf1"))).containsExactly("27c6a30d7c24");
    }

    /**
     * t70-3: current+N and current-N walk from the single version row, as REV+N from that row does; several rows
     * are no place to start, and the multiple-heads advice ('<branchname>@head', 'heads') did not fit them.
     */
    @Test
    void currentPlusOrMinusNWalksFromTheSingleRow() {
        assertThat(g.resolve("current-1", set("4aa3f5d1c0de"))).containsExactly("3cd1f8ae54d1");
        assertThat(g.resolve("current-1", set("1975ea83b712"))).isEmpty(); // below that base, as 1975ea83b712-1
        assertThat(g.resolve("current+2", set("1975ea83b712"))).containsExactly("27c6a30d7c24");
        fails("current-1", none, "Walked too far");
        assertThat(graph("aaaa0001", "aaaa0002:aaaa0001").resolve("current+2", none)).containsExactly("aaaa0002");
        fails("current+1", set("27c6a30d7c24"), "Ambiguous walk: current+1 forks after the branch point 27c6a30d7c24"
                + " (3cd1f8ae54d1, ae10bb0e2f35); name the revision to go to, or the branch (branch@+N)");
        fails("current-1", set("ae10bb0e2f35", "d0d1e2f3a4b5"), "Ambiguous walk: current-1 starts from several"
                + " current revisions (d0d1e2f3a4b5, ae10bb0e2f35); name the revision to go to, or the branch (branch@-N)");
        fails("current+1", set("ae1027a6acf1", "d0d1e2f3a4b5"), "Ambiguous walk: current+1 starts from several"
                + " current revisions (d0d1e2f3a4b5, ae1027a6acf1); name the revision to go to, or the branch (branch@+N)");
    }

    @Test
    void rangesAreNotSingleTargets() {
        fails("ae10:4aa3", none, "Range revision not allowed");
    }

    /** A label that would shadow the relative syntax cannot be declared (r4-8), so REV-N always means REV-N. */
    @Test
    void aLabelCannotShadowTheRelativeSyntax() {
        assertThatThrownBy(() -> graph("aaaa0001", "aaaa0002:aaaa0001#v-1")).hasMessageContaining("read as a relative target");
    }

    @Test
    void shortIdsMatchExactlyButAreNotPrefixCandidates() {
        RevisionGraph shortIds = graph("1", "12:1", "123:12", "1234:123");
        assertThat(shortIds.resolve("12", none)).containsExactly("12");
        assertThat(shortIds.resolve("123", none)).containsExactly("123");
        assertThat(shortIds.resolve("12", none)).containsExactly("12");
        assertThatThrownBy(() -> shortIds.resolve("5", none)).hasMessage("Can't locate revision identified by '5'");
    }
}
