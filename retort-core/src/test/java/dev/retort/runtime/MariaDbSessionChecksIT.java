package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * mdb-fkc: a revision's {@code SET foreign_key_checks = 0} (and unique_checks, check_constraint_checks, sql_mode) lasted
 * for the rest of the run on MariaDB, so a later revision's INSERT broke a foreign key that the same revision run alone
 * is stopped by. Every revision now finds those settings as the run began, online and in the --sql script.
 */
class MariaDbSessionChecksIT {
    private static final Dialect DIALECT = Dialects.forName(Engine.MARIADB.dialectName());
    private static final String SEEN = "SELECT CONCAT_WS(' ', @@SESSION.foreign_key_checks, @@SESSION.unique_checks,"
            + " @@SESSION.check_constraint_checks, @@SESSION.sql_mode)";

    /** parent/child, then a revision switching the checks off, then an orphan child row. */
    private static TestRevisions orphanAfterChecksOff(boolean transactional) {
        return orphanAfterChecksOff(transactional, "SET foreign_key_checks = 0;\nSET unique_checks = 0;\n"
                + "SET check_constraint_checks = 0;\nSET SESSION sql_mode = 'ANSI_QUOTES';\n");
    }

    private static TestRevisions orphanAfterChecksOff(boolean transactional, String sets) {
        return new TestRevisions()
                .add("k1", List.of(), "tables", "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
                        + "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL,"
                        + " CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id));\n"
                        + "CREATE TABLE seen (after_k2 VARCHAR(500))", "DROP TABLE seen;\nDROP TABLE child;\nDROP TABLE parent")
                .add("k2", List.of("k1"), "load", sets + "INSERT INTO child VALUES (1, 10);\nINSERT INTO parent VALUES (10)", "SELECT 1", transactional)
                .add("k3", List.of("k2"), "orphan", "INSERT INTO seen " + SEEN + ";\nINSERT INTO child VALUES (2, 99)",
                        "SELECT 1");
    }

    @ParameterizedTest(name = "k2 transactional: {0}")
    @ValueSource(booleans = {true, false})
    void aRevisionAfterOneSwitchingForeignKeyChecksOffIsChecked(boolean transactional) throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        TestRevisions revs = orphanAfterChecksOff(transactional);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            Migrator migrator = new Migrator(c, DIALECT, RuntimeSettings.defaults().withDisplayUrl("test:mariadb"), revs);
            assertThatThrownBy(() -> migrator.run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Revision k3").hasMessageContaining("foreign key constraint fails");
            assertThat(MigratorIT.history(c)).as("k1 and k2 stay applied").hasSize(2);
        }
    }

    /** Each revision starts with the checks and sql_mode the run began with (after Retort's own IGNORE_SPACE change). */
    @Test
    void eachRevisionFindsTheChecksAndSqlModeAsTheRunBegan() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        TestRevisions revs = new TestRevisions()
                .add("k1", List.of(), "tables", "CREATE TABLE seen (n INTEGER, v VARCHAR(500))", "DROP TABLE seen")
                .add("k2", List.of("k1"), "seen before", "INSERT INTO seen SELECT 1, " + SEEN.substring(7), "SELECT 1")
                .addCode("k3", List.of("k2"), "code switching them off", op -> op.execute("SET foreign_key_checks = 0,"
                        + " unique_checks = 0, check_constraint_checks = 0, sql_mode = 'NO_BACKSLASH_ESCAPES'"), false)
                .add("k4", List.of("k3"), "seen after", "INSERT INTO seen SELECT 2, " + SEEN.substring(7), "SELECT 1");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            new Migrator(c, DIALECT, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            List<String> seen = values(c, "SELECT v FROM seen ORDER BY n");
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0)).matches("(1|ON) (1|ON) (1|ON) .*").doesNotContain("IGNORE_SPACE");
            assertThat(seen.get(1)).isEqualTo(seen.get(0));
        }
    }

    /** The --sql script keeps the values it starts with and sets them back after k2, as the run does. */
    @Test
    void theScriptPutsTheChecksBackAfterARevisionNamingThem() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        TestRevisions revs = orphanAfterChecksOff(false);
        String script = new OfflineScript(DIALECT, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        String putBack = "SET SESSION foreign_key_checks = @retort_foreign_key_checks, SESSION unique_checks = @retort_unique_checks,"
                + " /*M!100201 SESSION check_constraint_checks = @retort_check_constraint_checks, */ SESSION sql_mode = @retort_sql_mode;";
        assertThat(script).containsOnlyOnce(putBack).containsOnlyOnce("SET @retort_foreign_key_checks = @@SESSION.foreign_key_checks,")
                .contains("INSERT INTO parent VALUES (10);\n\n" + putBack);
        assertThat(script.indexOf("SET @retort_foreign_key_checks")).isLessThan(script.indexOf("CREATE TABLE"));
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            assertThatThrownBy(() -> Clients.feed(Engine.MARIADB, db, script))
                    .hasMessageContaining("foreign key constraint fails");
            assertThat(values(c, "SELECT after_k2 FROM seen")).singleElement().asString().matches("(1|ON) (1|ON) (1|ON) .*");
            assertThat(values(c, "SELECT id FROM child")).containsExactly("1");
        }
    }

    /**
     * t53-3: a backquoted name ({@code SET SESSION `foreign_key_checks` = 0}) was not seen as setting a check, so neither
     * the run nor the script put it back after k2, and k3's orphan row went in.
     */
    @Test
    void backquotedNamesArePutBackOnlineAndInTheScript() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        String sets = "SET SESSION `foreign_key_checks` = 0;\nSET @@session.`unique_checks` = 0;\n"
                + "SET `check_constraint_checks` = 0;\nSET `sql_mode` = 'ANSI_QUOTES';\n";
        TestRevisions revs = orphanAfterChecksOff(true, sets);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            Migrator migrator = new Migrator(c, DIALECT, RuntimeSettings.defaults().withDisplayUrl("test:mariadb"), revs);
            assertThatThrownBy(() -> migrator.run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Revision k3").hasMessageContaining("foreign key constraint fails");
            assertThat(MigratorIT.history(c)).as("k1 and k2 stay applied").hasSize(2);
        }
        TestRevisions offline = orphanAfterChecksOff(false, sets);
        String script = new OfflineScript(DIALECT, RuntimeSettings.defaults(), offline).render(offline.upgradeAll(Set.of()), true, null);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            assertThatThrownBy(() -> Clients.feed(Engine.MARIADB, db, script)).hasMessageContaining("foreign key constraint fails");
            assertThat(values(c, "SELECT after_k2 FROM seen")).singleElement().asString().matches("(1|ON) (1|ON) (1|ON) .*");
            assertThat(values(c, "SELECT id FROM child")).containsExactly("1");
        }
    }

    /** A script whose revisions do not name the checks reads as before: nothing kept, nothing put back. */
    @Test
    void aScriptWithoutSuchRevisionsIsAsBefore() {
        TestRevisions revs = new TestRevisions().add("p1", List.of(), "plain", "CREATE TABLE t (id INTEGER)", "DROP TABLE t");
        String script = new OfflineScript(DIALECT, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        // the from-base guard's own variable (f3-4) is no session setting put back
        assertThat(script.replace("@retort_guard", "")).doesNotContain("@retort_");
    }

    private static List<String> values(Connection c, String query) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
