package dev.retort.runtime;

import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Direction;
import dev.retort.graph.RevisionHeader;
import dev.retort.graph.Step;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alembic's step wording and the version-table statements, without a database. */
class StepLineTest {
    private static RevisionHeader rev(String id, String message, String... parents) {
        return new RevisionHeader(id, List.of(parents), List.of(), List.of("dep0"), message, "", "");
    }

    @Test
    void linesReadLikeAlembics() {
        assertThat(StepLine.running(new Step(rev("aaaa", "create account"), Direction.UPGRADE, List.of(), List.of("aaaa"))))
                .isEqualTo("Running upgrade  -> aaaa, create account");
        assertThat(StepLine.running(new Step(rev("mmmm", "merge", "bbbb", "cccc"), Direction.UPGRADE,
                List.of("bbbb", "cccc"), List.of("mmmm"))))
                .isEqualTo("Running upgrade bbbb, cccc -> mmmm, merge");
        assertThat(StepLine.running(new Step(rev("mmmm", "merge", "bbbb", "cccc"), Direction.DOWNGRADE,
                List.of("mmmm"), List.of("bbbb", "cccc"))))
                .isEqualTo("Running downgrade mmmm -> bbbb, cccc, merge");
        assertThat(StepLine.running(new Step(rev("aaaa", ""), Direction.DOWNGRADE, List.of("aaaa"), List.of())))
                .isEqualTo("Running downgrade aaaa -> ");
        assertThat(StepLine.running(new Step(rev("bbbb", "x", "aaaa"), Direction.STAMP, List.of("aaaa", "zzzz"),
                List.of("bbbb", "zzzz"))))
                .isEqualTo("Running stamp_revision aaaa -> bbbb");
        assertThat(StepLine.comment(new Step(rev("bbbb", "msg", "aaaa"), Direction.UPGRADE, List.of("aaaa"), List.of("bbbb"))))
                .isEqualTo("Running upgrade aaaa -> bbbb");
    }

    @Test
    void versionRowsMoveLikeAlembics() {
        VersionTable t = new VersionTable(Dialects.forName("postgresql"), "", "retort_version");
        assertThat(t.transition(List.of("a"), List.of("b")))
                .containsExactly(SqlStatement.of("UPDATE retort_version SET version_num = ? WHERE version_num = ?", "b", "a"));
        assertThat(t.transition(List.of("b"), List.of("b", "c")))
                .containsExactly(SqlStatement.of("INSERT INTO retort_version (version_num) VALUES (?)", "c"));
        assertThat(t.transition(List.of("b", "c"), List.of("m"))).containsExactly(
                SqlStatement.of("DELETE FROM retort_version WHERE version_num = ?", "b"),
                SqlStatement.of("UPDATE retort_version SET version_num = ? WHERE version_num = ?", "m", "c"));
        assertThat(t.transition(List.of("a"), List.of()))
                .containsExactly(SqlStatement.of("DELETE FROM retort_version WHERE version_num = ?", "a"));
        assertThat(new VersionTable(Dialects.forName("mariadb"), "app", "Version Table").qualifiedName())
                .isEqualTo("app.`Version Table`");
    }

    @Test
    void stepsAreCheckedAgainstTheKnownRows() {
        VersionTable t = new VersionTable(Dialects.forName("sqlite"), "", "retort_version");
        t.check(Set.of("a", "x"), List.of("a", "x"), List.of("b", "x"));
        assertThatThrownBy(() -> t.check(Set.of("q"), List.of("a"), List.of("b")))
                .hasMessageStartingWith("Online migration expected to match one row when updating 'a' to 'b' in 'retort_version'; 0 found");
        assertThatThrownBy(() -> t.check(Set.of("b"), List.of(), List.of("b")))
                .hasMessageContaining("inserting 'b'");
    }

    @Test
    void statementsOfAFailureAreCutToFiveLines() {
        assertThat(Migrator.firstLines("a\nb\nc\nd\ne\nf\ng")).isEqualTo("    a\n    b\n    c\n    d\n    e\n    ... (2 more lines)");
    }
}
