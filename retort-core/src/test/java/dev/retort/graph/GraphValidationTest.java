package dev.retort.graph;

import static dev.retort.graph.Graphs.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GraphValidationTest {

    private static RevisionHeader at(String id, String path, List<String> revises) {
        return new RevisionHeader(id, revises, List.of(), List.of(), "", "", path);
    }

    @Test
    void duplicateIdNamesBothFiles() {
        assertThatThrownBy(() -> RevisionGraph.of(List.of(
                at("aaaa1111", "versions/one.sql", List.of()),
                at("aaaa1111", "versions/two.java", List.of()))))
                .isInstanceOf(GraphException.class)
                .hasMessage("Revision aaaa1111 is present more than once (files: versions/one.sql, versions/two.java)");
    }

    @Test
    void allProblemsAreReportedTogether() {
        assertThatThrownBy(() -> graph("aaaa1111#lib", "bbbb1111#lib", "cccc1111|nope", "dddd1111:eeee1111",
                "eeee1111:dddd1111", "aaaa1111"))
                .isInstanceOf(GraphException.class)
                .hasMessage(String.join("\n",
                        "Revision aaaa1111 is present more than once (file: versions/aaaa1111.sql)",
                        "Branch name 'lib' in revision bbbb1111 already used by revision aaaa1111 (files: "
                                + "versions/bbbb1111.sql, versions/aaaa1111.sql)",
                        "Revision nope referenced from cccc1111 is not present (file: versions/cccc1111.sql)",
                        "Cycle is detected in revisions (dddd1111, eeee1111) (files: versions/dddd1111.sql, "
                                + "versions/eeee1111.sql)"));
    }

    @Test
    void revisesPointingAtNothingNamesTheFile() {
        assertThatThrownBy(() -> graph("aaaa1111", "bbbb1111:zzzz9999"))
                .isInstanceOf(GraphException.class)
                .hasMessage("Revision zzzz9999 referenced from bbbb1111 is not present (file: versions/bbbb1111.sql)");
    }

    @Test
    void dependsOnPointingAtNothingNamesTheFile() {
        assertThatThrownBy(() -> graph("aaaa1111", "bbbb1111:aaaa1111|nope"))
                .hasMessage("Revision nope referenced from bbbb1111 is not present (file: versions/bbbb1111.sql)");
    }

    @Test
    void dependsOnMayNameABranchLabel() {
        RevisionGraph g = graph("aaaa1111#lib", "bbbb1111|lib");
        assertThat(g.dependencies("bbbb1111")).extracting(RevisionHeader::id).containsExactly("aaaa1111");
    }

    @Test
    void selfLoops() {
        assertThatThrownBy(() -> graph("aaaa1111:aaaa1111"))
                .hasMessage("Self-loop is detected in revisions (aaaa1111) (file: versions/aaaa1111.sql)");
        assertThatThrownBy(() -> graph("aaaa1111|aaaa1111"))
                .hasMessage("Dependency self-loop is detected in revisions (aaaa1111) (file: versions/aaaa1111.sql)");
    }

    @Test
    void cycleListsOnlyTheRevisionsOnIt() {
        assertThatThrownBy(() -> graph("base0000", "cccc1111:bbbb1111", "aaaa1111:cccc1111", "bbbb1111:aaaa1111",
                "after000:aaaa1111"))
                .isInstanceOf(GraphException.class)
                .hasMessage("Cycle is detected in revisions (aaaa1111, bbbb1111, cccc1111) (files: "
                        + "versions/cccc1111.sql, versions/aaaa1111.sql, versions/bbbb1111.sql)");
    }

    @Test
    void cycleThroughDependsOnIsADependencyCycle() {
        assertThatThrownBy(() -> graph("aaaa1111", "bbbb1111:aaaa1111|cccc1111", "cccc1111:bbbb1111"))
                .hasMessage("Dependency cycle is detected in revisions (bbbb1111, cccc1111) (files: "
                        + "versions/bbbb1111.sql, versions/cccc1111.sql)");
    }

    @Test
    void branchLabelUsedTwice() {
        assertThatThrownBy(() -> graph("aaaa1111#feature", "bbbb1111:aaaa1111#feature"))
                .hasMessage("Branch name 'feature' in revision bbbb1111 already used by revision aaaa1111 (files: "
                        + "versions/bbbb1111.sql, versions/aaaa1111.sql)");
    }

    @Test
    void branchLabelEqualToAnId() {
        assertThatThrownBy(() -> graph("aaaa1111", "bbbb1111:aaaa1111#aaaa1111"))
                .hasMessage("Branch name 'aaaa1111' in revision bbbb1111 already used by revision aaaa1111 (files: "
                        + "versions/bbbb1111.sql, versions/aaaa1111.sql)");
    }

    @Test
    void reservedCharactersInIdsAndLabels() {
        assertThatThrownBy(() -> graph("ab-c+d"))
                .hasMessage("Character(s) '+, -' not allowed in revision identifier 'ab-c+d' (file: versions/ab-c+d.sql)");
        assertThatThrownBy(() -> graph("aaaa1111#a@b"))
                .hasMessage("Character(s) '@' not allowed in branch label 'a@b' (file: versions/aaaa1111.sql)");
        assertThat(graph("aaaa1111#feature-x").branchLabels("aaaa1111")).containsExactly("feature-x");
        // what `revision --branch-label` refuses is refused in a file too (a Java file can spell it)
        RevisionHeader spaced = new RevisionHeader("aaaa1111", List.of(), List.of("x y", "a\"b", "it's"), List.of(), "", "", "versions/j.java");
        assertThatThrownBy(() -> RevisionGraph.of(List.of(spaced)))
                .hasMessage("Character(s) ' ' not allowed in branch label 'x y' (file: versions/j.java)\n"
                        + "Character(s) '\"' not allowed in branch label 'a\"b' (file: versions/j.java)\n"
                        + "Character(s) ''' not allowed in branch label 'it's' (file: versions/j.java)");
    }

    /**
     * A label that the target grammar would read as relative (a3-1, x+2) is refused rather than shadowing the
     * relative target, and so is an empty one; '-' and '+' elsewhere in a label are fine (r4-8).
     */
    @Test
    void labelsReadingAsRelativeTargetsAndEmptyLabelsAreRefused() {
        RevisionHeader a3 = new RevisionHeader("a3", List.of(), List.of(), List.of(), "", "", "versions/a3.java");
        RevisionHeader j1 = new RevisionHeader("j1", List.of("a3"), List.of("a3-1", "x+12", ""), List.of(), "", "", "versions/j1.java");
        assertThatThrownBy(() -> RevisionGraph.of(List.of(a3, j1)))
                .hasMessage("Branch label 'a3-1' in revision j1 ends in '-' or '+' and digits, which read as a relative target"
                        + " (a3-1 would be before revision a3) (file: versions/j1.java)\n"
                        + "Branch label 'x+12' in revision j1 ends in '-' or '+' and digits, which read as a relative target"
                        + " (x+12 would be after revision x) (file: versions/j1.java)\n"
                        + "Empty branch label in revision j1 (file: versions/j1.java)");
        assertThat(graph("aaaa1111#a-b+c,v1-rc,x-").branchLabels("aaaa1111")).containsExactlyInAnyOrder("a-b+c", "v1-rc", "x-");
        assertThat(dev.retort.script.RevisionIds.isValidLabel("a3-1")).isFalse();
        assertThat(dev.retort.script.RevisionIds.isValidLabel("")).isFalse();
        assertThat(dev.retort.script.RevisionIds.isValidLabel("a-b")).isTrue();
    }

    /** A parent or dependency listed twice is one (Alembic collapses them), not a merge of a revision with itself. */
    @Test
    void aNameListedTwiceCountsOnce() {
        RevisionGraph g = graph("aaaa1111", "bbbb1111:aaaa1111,aaaa1111|aaaa1111", "cccc1111#x,x");
        RevisionHeader b = g.get("bbbb1111").orElseThrow();
        assertThat(b.revises()).containsExactly("aaaa1111");
        assertThat(b.dependsOn()).containsExactly("aaaa1111");
        assertThat(g.mergePoints()).isEmpty();
        assertThat(g.branchLabels("cccc1111")).containsExactly("x");
    }

    /** The version table holds 255 characters: a longer id is refused before it could run and go unrecorded. */
    @Test
    void anIdLongerThanTheVersionTableHoldsIsRefused() {
        String id = "a".repeat(300);
        assertThatThrownBy(() -> graph(id))
                .hasMessage("Revision identifier 'aaaaaaaaaaaaaaaaaaaa...' is 300 characters long; the version table holds 255"
                        + " (file: versions/" + id + ".sql)");
        assertThat(graph("b".repeat(255)).heads()).hasSize(1);
    }

    @Test
    void symbolsOfTheGrammarCannotBeIdsOrLabels() {
        assertThatThrownBy(() -> graph("head"))
                .hasMessage("Revision identifier 'head' is reserved (head, heads, base, current) (file: versions/head.sql)");
        assertThatThrownBy(() -> graph("aaaa1111#current"))
                .hasMessage("Branch name 'current' in revision aaaa1111 is reserved (head, heads, base, current) "
                        + "(file: versions/aaaa1111.sql)");
    }

    @Test
    void everyProblemOfALoadIsReportedAtOnce() {
        assertThatThrownBy(() -> graph("aaaa1111", "bbbb1111:xxxx", "cccc1111:yyyy"))
                .hasMessage("Revision xxxx referenced from bbbb1111 is not present (file: versions/bbbb1111.sql)\n"
                        + "Revision yyyy referenced from cccc1111 is not present (file: versions/cccc1111.sql)");
    }

    @Test
    void messagesLeaveOutFilesWhenHeadersCarryNone() {
        assertThatThrownBy(() -> RevisionGraph.of(List.of(RevisionHeader.of("a1b2c3d4", "nothere"))))
                .hasMessage("Revision nothere referenced from a1b2c3d4 is not present");
    }

    @Test
    void aMergeOfARevisionWithItsOwnAncestorIsAccepted() {
        RevisionGraph g = graph("aaaa1111", "bbbb1111:aaaa1111", "mmmm1111:aaaa1111,bbbb1111");
        Plan plan = g.planUpgrade(java.util.Set.of(), "heads");
        assertThat(plan.steps()).extracting(s -> s.revision().id()).containsExactly("aaaa1111", "bbbb1111", "mmmm1111");
        assertThat(plan.steps().get(2).to()).containsExactly("mmmm1111");
    }

    @Test
    void emptyGraphHasNothingToDo() {
        RevisionGraph g = RevisionGraph.of(List.of());
        assertThat(g.heads()).isEmpty();
        assertThat(g.resolve("heads", java.util.Set.of())).isEmpty();
        assertThat(g.resolve("head", java.util.Set.of())).isEmpty();
        assertThat(g.planUpgrade(java.util.Set.of(), "heads").isEmpty()).isTrue();
        assertThat(g.planDowngrade(java.util.Set.of(), "base").isEmpty()).isTrue();
    }
}
