package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * h2-refint: on H2 a revision's {@code SET REFERENTIAL_INTEGRITY FALSE} switches foreign keys off for the whole
 * database, every session, until it closes: it commits by itself, no rollback undoes it, H2 does not say its value,
 * and nothing put it back, so the rest of the run and every application session after it broke foreign keys
 * without a word. The run now puts it back after the revision that set it (after its commit), and after a failed
 * run's rollback; the --sql script after that revision.
 */
class H2ReferentialIntegrityIT {
    private static final Dialect DIALECT = Dialects.forName(Engine.H2.dialectName());

    /** parent/child, then a data load with the foreign keys off (as H2 scripts do), then {@code third}. */
    private static TestRevisions loadWithIntegrityOff(String load, String third, boolean transactional) {
        TestRevisions revs = new TestRevisions()
                .add("h1", List.of(), "tables", "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
                        + "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL,"
                        + " CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id))",
                        "DROP TABLE child;\nDROP TABLE parent")
                .add("h2", List.of("h1"), "load", load, "DELETE FROM child", transactional);
        return third == null ? revs : revs.add("h3", List.of("h2"), "orphan", third, "SELECT 1");
    }

    private static final String LOAD = "SET REFERENTIAL_INTEGRITY FALSE;\nINSERT INTO child VALUES (1, 10);\n"
            + "INSERT INTO parent VALUES (10)";

    /** Whether another session (an application's) may insert a child row whose parent does not exist. */
    private static void assertForeignKeysChecked(TestDatabase db) throws SQLException {
        try (Connection other = db.connect(); Statement s = other.createStatement()) {
            assertThatThrownBy(() -> s.execute("INSERT INTO child VALUES (50, 5000)"))
                    .as("another session's orphan row").isInstanceOf(SQLException.class)
                    .hasMessageContaining("Referential integrity constraint violation");
        }
    }

    @ParameterizedTest(name = "h2 transactional: {0}")
    @ValueSource(booleans = {true, false})
    void theNextRevisionAndEverySessionAfterTheRunAreChecked(boolean transactional) throws Exception {
        TestRevisions revs = loadWithIntegrityOff(LOAD, "INSERT INTO child VALUES (2, 99)", transactional);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            Migrator migrator = new Migrator(c, DIALECT, RuntimeSettings.defaults().withDisplayUrl("test:h2"), revs);
            assertThatThrownBy(() -> migrator.run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Revision h3").hasMessageContaining("Referential integrity constraint violation");
            assertThat(migrator.heads()).containsExactly("h2");
            assertForeignKeysChecked(db);
        }
    }

    @Test
    void aRunThatSucceedsLeavesThemCheckedToo() throws Exception {
        TestRevisions revs = loadWithIntegrityOff(LOAD, null, true);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            Migrator migrator = new Migrator(c, DIALECT, RuntimeSettings.defaults().withDisplayUrl("test:h2"), revs);
            assertThat(migrator.run(revs::upgradeAll, false, null).applied()).hasSize(2);
            assertForeignKeysChecked(db);
        }
    }

    /** A revision failing after its SET: the rollback does not undo the SET, the run does; the message leaves it out. */
    @Test
    void aFailedRevisionLeavesThemChecked() throws Exception {
        TestRevisions revs = loadWithIntegrityOff("SET REFERENTIAL_INTEGRITY FALSE;\nINSERT INTO child VALUES (1, 10);\n"
                + "INSERT INTO no_such_table VALUES (1)", null, true);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            Migrator migrator = new Migrator(c, DIALECT, RuntimeSettings.defaults().withDisplayUrl("test:h2"), revs);
            assertThatThrownBy(() -> migrator.run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Revision h2").hasMessageContaining("NO_SUCH_TABLE")
                    .hasMessageNotContaining("SET REFERENTIAL_INTEGRITY");
            assertForeignKeysChecked(db);
        }
    }

    @Test
    void theSqlScriptPutsThemBackAfterTheRevision() throws Exception {
        TestRevisions revs = loadWithIntegrityOff(LOAD, null, true);
        String script = new OfflineScript(DIALECT, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        assertThat(script).containsOnlyOnce("SET REFERENTIAL_INTEGRITY TRUE;");
        // after the revision's statements, before its version row (H2's RunScript commits each statement)
        assertThat(script).contains("UPDATE retort_version SET version_num = 'h2'");
        assertThat(script.indexOf("SET REFERENTIAL_INTEGRITY TRUE;"))
                .isGreaterThan(script.indexOf("INSERT INTO parent VALUES (10)"))
                .isLessThan(script.indexOf("UPDATE retort_version SET version_num = 'h2'"));
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            org.h2.tools.RunScript.execute(c, new StringReader(script));
            assertForeignKeysChecked(db);
        }
    }
}
