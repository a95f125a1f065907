package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Direction;
import dev.retort.graph.Plan;
import dev.retort.graph.Step;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t37-1: a database adopted from Alembic keeps Alembic's {@code alembic_version.version_num VARCHAR(32)} as its version
 * table. A revision id longer than that is refused before the run changes anything, naming the statement that widens
 * the column; where the write fails all the same, the failure does not advise a stamp that fails the same way.
 */
class VersionColumnWidthIT {
    private static final String LONG = "this_is_a_revision_id_longer_than_32_chars";
    private static final RuntimeSettings ADOPTED = new RuntimeSettings("alembic_version", null, null, false, null, null, null, null);

    private static TestRevisions revisions() {
        return new TestRevisions()
                .add("a1", List.of(), "alembic era", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                .add(LONG, List.of("a1"), "long", "CREATE TABLE t37_new (id INTEGER PRIMARY KEY)", "DROP TABLE t37_new");
    }

    /** The database as Alembic left it at a1: its table, and alembic_version as Alembic creates it. */
    private static void alembicAtA1(Connection c, String versionType) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE account (id INTEGER PRIMARY KEY)");
            s.execute("CREATE TABLE alembic_version (version_num " + versionType + " NOT NULL,"
                    + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
            s.execute("INSERT INTO alembic_version VALUES ('a1')");
        }
    }

    private static Plan stamp(TestRevisions revs) {
        return new Plan(Direction.STAMP, List.of(new Step(revs.header(LONG), Direction.STAMP, List.of("a1"), List.of(LONG))));
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void anIdLongerThanTheColumnIsRefusedBeforeAnythingRuns(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = revisions();
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            alembicAtA1(c, "VARCHAR(32)");
            Map<String, List<String>> before = DbSnapshot.of(c, false);
            Migrator migrator = new Migrator(c, dialect, ADOPTED, revs);
            String table = widthMessageTable(c, engine);
            String widen = switch (engine) {
                case MARIADB -> "ALTER TABLE " + table + " MODIFY version_num VARCHAR(255) NOT NULL";
                default -> "ALTER TABLE " + table + " ALTER COLUMN version_num SET DATA TYPE VARCHAR(255)";
            };
            String refusal = "Revision id " + LONG + " is 42 characters long, and the version table " + table
                    + "'s column version_num holds 32 (a table made by another tool: Alembic makes"
                    + " alembic_version.version_num VARCHAR(32)). Widen it first: " + widen + "; then run again. Nothing was run.";
            assertThatThrownBy(() -> migrator.run(revs::upgradeAll, false, null))
                    .isExactlyInstanceOf(RetortException.class).hasMessage(refusal);
            // the stamp that would record it is refused the same way (it failed as the upgrade's write did)
            assertThatThrownBy(() -> migrator.run(current -> stamp(revs), false, null)).hasMessage(refusal);
            assertThatThrownBy(() -> migrator.run(current -> stamp(revs), true, null)).hasMessage(refusal);
            // nothing changed: no revision ran, no history table was created
            assertThat(DbSnapshot.of(c, false)).isEqualTo(before);

            try (Statement s = c.createStatement()) {
                s.execute(widen);
            }
            migrator.run(revs::upgradeAll, false, null);
            Map<String, List<String>> after = DbSnapshot.of(c, false);
            assertThat(after.get("alembic_version")).as(after.toString()).containsExactly("version_num=" + LONG);
            assertThat(after).containsKey("t37_new");
        }
    }

    /** SQLite holds no column to its width: the same run just works, and the catalog is not asked. */
    @Test
    void sqliteTakesTheLongIdAsItIs() throws Exception {
        TestRevisions revs = revisions();
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            alembicAtA1(c, "VARCHAR(32)");
            new Migrator(c, Dialects.forName("sqlite"), ADOPTED, revs).run(revs::upgradeAll, false, null);
            assertThat(DbSnapshot.of(c, false).get("alembic_version")).containsExactly("version_num=" + LONG);
        }
    }

    /**
     * Where the catalog does not tell the width (a PostgreSQL domain over VARCHAR(32)), the write fails; the failure
     * names the cause and the ALTER.
     */
    @Test
    void postgresFailureNamesTheColumnWhenTheCatalogDidNotTell() throws Exception {
        TestRevisions revs = revisions();
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DOMAIN revision_id AS VARCHAR(32)");
            }
            alembicAtA1(c, "revision_id");
            Migrator migrator = new Migrator(c, Dialects.forName("postgresql"), ADOPTED, revs);
            assertThatThrownBy(() -> migrator.run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("value too long for type character varying(32)")
                    .hasMessageContaining("\nThe version table public.alembic_version's column version_num may hold fewer characters"
                            + " than revision id " + LONG + " (42): widen it with ALTER TABLE public.alembic_version ALTER COLUMN"
                            + " version_num SET DATA TYPE VARCHAR(255).\nRolled back: the database is as it was before this run.");
        }
    }

    /**
     * MariaDB keeps the revision's DDL when the write after it fails: the stamp it advises is the one that works once
     * the column is widened. (A trigger stands in for a column whose width the catalog did not tell.)
     */
    @Test
    void mariadbFailureAdvisesTheStampOnlyOnceTheColumnIsWidened() throws Exception {
        TestRevisions revs = revisions();
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            alembicAtA1(c, "VARCHAR(32)");
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE alembic_version MODIFY version_num VARCHAR(255) NOT NULL");
                s.execute("CREATE TRIGGER narrow BEFORE UPDATE ON alembic_version FOR EACH ROW"
                        + " IF CHAR_LENGTH(NEW.version_num) > 32 THEN"
                        + " SIGNAL SQLSTATE '22001' SET MESSAGE_TEXT = 'Data too long for column version_num'; END IF");
            }
            Migrator migrator = new Migrator(c, Dialects.forName("mariadb"), ADOPTED, revs);
            String table = db.name() + ".alembic_version";
            assertThatThrownBy(() -> migrator.run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("\nThe version table " + table + "'s column version_num may hold fewer characters"
                            + " than revision id " + LONG + " (42): widen it with ALTER TABLE " + table + " MODIFY version_num"
                            + " VARCHAR(255) NOT NULL.\n")
                    .hasMessageContaining("record the revision with 'retort stamp " + LONG + "' once the column is widened");
        }
    }

    /** The table as the run qualifies it (the schema it resolved to when the run started). */
    private static String widthMessageTable(Connection c, Engine engine) throws SQLException {
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(switch (engine) {
            case MARIADB -> "SELECT DATABASE()";
            case H2 -> "SELECT CURRENT_SCHEMA";
            default -> "SELECT current_schema()";
        })) {
            rs.next();
            return Dialects.forName(engine.dialectName()).qualify(rs.getString(1), "alembic_version");
        }
    }
}
