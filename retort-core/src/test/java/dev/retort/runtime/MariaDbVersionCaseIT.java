package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Direction;
import dev.retort.graph.Plan;
import dev.retort.graph.Step;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t21-7: ids are case-sensitive, but MariaDB's default collations are not: the version table's key compares
 * exactly, so ab01 and AB01 are two rows and an UPDATE of one does not touch the other.
 */
class MariaDbVersionCaseIT {

    @Test
    void idsDifferingOnlyInCaseAreTwoRows() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect dialect = Dialects.forName(Engine.MARIADB.dialectName());
        TestRevisions revs = new TestRevisions()
                .add("ab01", List.of(), "lower", "CREATE TABLE lower_t (id INTEGER)", "DROP TABLE lower_t")
                .add("AB01", List.of(), "upper", "CREATE TABLE upper_t (id INTEGER)", "DROP TABLE upper_t")
                .add("ab02", List.of("ab01"), "lower 2", "CREATE TABLE lower_t2 (id INTEGER)", "DROP TABLE lower_t2");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            Migrator m = new Migrator(c, dialect, RuntimeSettings.defaults(), revs);
            m.run(revs::upgradeAll, false, null);
            assertThat(rows(c)).containsExactlyInAnyOrder("AB01", "ab02");
        }
    }

    /** A stamp that fails runs no revision: its message does not say what a revision did stays applied. */
    @Test
    void aFailedStampSaysNothingOfARevisionThatRan() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect dialect = Dialects.forName(Engine.MARIADB.dialectName());
        TestRevisions revs = new TestRevisions()
                .add("ab01", List.of(), "lower", "SELECT 1", null)
                .add("AB01", List.of(), "upper", "SELECT 1", null);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            try (Statement s = c.createStatement()) { // a table made before t21-7, with the server's collation
                s.execute("CREATE TABLE retort_version (version_num VARCHAR(255) COLLATE utf8mb4_general_ci NOT NULL"
                        + " PRIMARY KEY)");
                s.execute("INSERT INTO retort_version VALUES ('ab01')");
            }
            Migrator m = new Migrator(c, dialect, RuntimeSettings.defaults(), revs);
            Plan stamp = new Plan(Direction.STAMP, List.of(new Step(revs.header("AB01"), Direction.STAMP,
                    List.of("ab01"), List.of("AB01", "ab01"))));
            assertThatThrownBy(() -> m.run(current -> stamp, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Stamp to AB01, ab01 failed: ")
                    .hasMessageNotContaining("cannot roll back schema changes")
                    .hasMessageNotContaining("retort stamp");
            assertThat(rows(c)).containsExactly("ab01");
        }
    }

    private static List<String> rows(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version_num FROM retort_version")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
