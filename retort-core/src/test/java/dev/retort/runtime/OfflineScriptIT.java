package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Plan;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline script of a branch-and-merge upgrade, fed to the engine's own command-line client,
 * leaves the same tables, rows, version table and history as an online run.
 */
class OfflineScriptIT {

    static TestRevisions branchAndMerge() {
        return new TestRevisions()
                .add("a1", List.of(), "account", "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(40))",
                        "DROP TABLE account")
                .add("b2", List.of("a1"), "invoice", "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total INTEGER)",
                        "DROP TABLE invoice")
                .add("c3", List.of("a1"), "audit branch", "CREATE TABLE audit (id INTEGER PRIMARY KEY, note VARCHAR(200));\n"
                        + "CREATE INDEX ix_audit_note ON audit (note)", "DROP TABLE audit")
                .addCode("d4", List.of("c3"), "seed accounts", op -> {
                    op.execute("INSERT INTO account (id, name) VALUES (?, ?)", 1, "o'neil");
                    op.execute("INSERT INTO account (id, name) VALUES (?, ?)", 2, null);
                    op.execute("INSERT INTO audit (id, note) VALUES (?, ?)", 1, "back\\slash; -- not a comment");
                })
                .add("m5", List.of("b2", "d4"), "merge", "ALTER TABLE invoice ADD COLUMN account_id INTEGER", "SELECT 1");
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB"})
    void scriptThroughTheEnginesClientMatchesAnOnlineRun(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = branchAndMerge();
        Plan plan = revs.upgradeAll(Set.of());
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(plan, true, null);
        assertThat(script).contains("-- Running upgrade  -> a1\n", "-- Running upgrade b2, d4 -> m5\n");
        if (dialect.transactionalDdl()) {
            assertThat(script).contains("\nBEGIN;\n\nCREATE TABLE IF NOT EXISTS retort_version (").endsWith("COMMIT;\n\n");
        } else {
            assertThat(script).doesNotContain("BEGIN;").doesNotContain("COMMIT;");
        }
        try (TestDatabase online = TestDatabase.create(engine); TestDatabase offline = TestDatabase.create(engine);
             Connection on = online.connect(); Connection off = offline.connect()) {
            new Migrator(on, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            Clients.feed(engine, offline, script);
            Map<String, List<String>> expected = DbSnapshot.of(on, false);
            assertThat(expected).containsKeys("account", "invoice", "audit", "retort_version", "retort_history");
            assertThat(expected.get("retort_version")).containsExactly("version_num=m5");
            assertThat(DbSnapshot.of(off, false)).isEqualTo(expected);
            if (dialect.sessionUserExpression() != null) {
                // applied by whoever ran the script (t10-7), not by whoever wrote it
                try (java.sql.Statement s = off.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                        "SELECT DISTINCT applied_by, " + dialect.sessionUserExpression() + " FROM retort_history")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(rs.getString(2));
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    /** t16-7: base -> head -> base -> head with Retort's own scripts, as online: the tables stay, and are created once. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB"})
    void anUpgradeFromBaseScriptRunsAgainAfterADowngradeToBaseScript(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = branchAndMerge();
        OfflineScript offline = new OfflineScript(dialect, RuntimeSettings.defaults(), revs);
        String up = offline.render(revs.upgradeAll(Set.of()), true, null);
        String down = offline.render(revs.downgradeAll(Set.of("m5")), false, null);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Clients.feed(engine, db, up);
            Map<String, List<String>> once = DbSnapshot.of(c, false);
            Clients.feed(engine, db, down);
            assertThat(DbSnapshot.of(c, false).get("retort_version")).isEmpty();
            Clients.feed(engine, db, up);
            Map<String, List<String>> again = DbSnapshot.of(c, false);
            assertThat(again.get("retort_version")).isEqualTo(once.get("retort_version"));
            assertThat(again.keySet()).isEqualTo(once.keySet());
            // r8-6: applied by mistake to a migrated database, it stops before its first revision
            String says = switch (engine) {
                case POSTGRESQL -> "retort_version holds rows: this script starts from an empty database (base)";
                // f3-4: was "Subquery returns more than 1 row"
                // t64-2: the advice before the rows, which the server's 200-character quote may cut
                case MARIADB -> "Variable 'completion_type' can't be set to the value of 'retort_version holds rows:"
                        + " this script starts from an empty database (base); write one that starts where the database is"
                        + " (upgrade FROM:TO --sql) (it holds m5)'";
                default -> "CHECK constraint failed: retort_version holds rows: this script starts from an empty database (base)";
            };
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Clients.feed(engine, db, up))
                    .isInstanceOf(AssertionError.class).hasMessageContaining(says);
            assertThat(DbSnapshot.of(c, false)).isEqualTo(again);
        }
    }

    /**
     * t56-4: a FROM:TO script applied to a database at another revision stops before anything runs, saying so, on each
     * engine's client; at FROM it runs. It ran its revisions there and recorded nothing (its UPDATE of the version row
     * matched nothing), and the next run ran them again.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB"})
    void aScriptFromARevisionStopsOnADatabaseAtAnother(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = TestRevisions.chain(3);
        for (boolean perRevision : List.of(false, true)) {
            RuntimeSettings settings = RuntimeSettings.defaults().withTransactionPerMigration(perRevision);
            OfflineScript offline = new OfflineScript(dialect, settings, revs);
            String fromR2 = offline.render(revs.upgradeAll(Set.of("r002")), Set.of("r002"), null, List.of());
            assertThat(fromR2).contains("-- Stops here unless retort_version holds exactly r002: this script starts there");
            String says = switch (engine) {
                case POSTGRESQL -> "retort_version is not at r002, where this script starts: write one that starts where the"
                        + " database is (FROM:TO --sql, FROM as 'retort current' prints it) (it holds r001)";
                // f3-4: was "Duplicate entry 'retort_version is not at r002, where this script starts' for key 'PRIMARY'"
                case MARIADB -> "Variable 'completion_type' can't be set to the value of 'retort_version is not at r002,"
                        + " where this script starts: write one that starts where the database is"
                        + " (FROM:TO --sql, FROM as 'retort current' prints it) (it holds r001)'";
                default -> "CHECK constraint failed: retort_version is not at r002, where this script starts: write one that"
                        + " starts where the database is (FROM:TO --sql, FROM as 'retort current' prints it)";
            };
            try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
                new Migrator(c, dialect, settings, revs).run(firstOf(revs, 1), false, null);
                Map<String, List<String>> atR1 = DbSnapshot.of(c, false);
                assertThat(atR1.get("retort_version")).containsExactly("version_num=r001");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> Clients.feed(engine, db, fromR2))
                        .isInstanceOf(AssertionError.class).hasMessageContaining(says);
                assertThat(DbSnapshot.of(c, false)).as("nothing ran, per revision " + perRevision).isEqualTo(atR1);
                // an empty version table (base) too
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("DELETE FROM retort_version");
                }
                Map<String, List<String>> atBase = DbSnapshot.of(c, false);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> Clients.feed(engine, db, fromR2))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining(engine == Engine.MARIADB ? "prints it) (it holds no rows: base)" : "");
                assertThat(DbSnapshot.of(c, false)).isEqualTo(atBase);
            }
            // at r002 the guard passes and leaves nothing behind
            try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
                new Migrator(c, dialect, settings, revs).run(firstOf(revs, 2), false, null);
                Clients.feed(engine, db, fromR2);
                Map<String, List<String>> after = DbSnapshot.of(c, false);
                assertThat(after.get("retort_version")).containsExactly("version_num=r003");
                assertThat(after.keySet()).doesNotContain("retort_start_guard");
            }
        }
    }

    /** The first {@code n} steps of the upgrade from where the database is. */
    private static Migrator.Planner firstOf(TestRevisions revs, int n) {
        return current -> new Plan(dev.retort.graph.Direction.UPGRADE, revs.upgradeAll(current).steps().subList(0, n));
    }

    /** t56-4 on H2, through its RunScript: the guard's message is the conversion error's text. */
    @org.junit.jupiter.api.Test
    void h2ScriptFromARevisionStopsOnADatabaseAtAnother() throws Exception {
        Dialect dialect = Dialects.forName("h2");
        TestRevisions revs = TestRevisions.chain(3);
        String fromR2 = new OfflineScript(dialect, RuntimeSettings.defaults(), revs)
                .render(revs.upgradeAll(Set.of("r002")), Set.of("r002"), null, List.of());
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            new Migrator(c, dialect, RuntimeSettings.defaults(), revs).run(firstOf(revs, 1), false, null);
            Map<String, List<String>> atR1 = DbSnapshot.of(c, false);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.h2.tools.RunScript.execute(c, new java.io.StringReader(fromR2)))
                    .hasMessageContaining("Data conversion error converting \"retort_version is not at r002, where this script starts");
            assertThat(DbSnapshot.of(c, false)).isEqualTo(atR1);
            new Migrator(c, dialect, RuntimeSettings.defaults(), revs).run(firstOf(revs, 1), false, null);
            org.h2.tools.RunScript.execute(c, new java.io.StringReader(fromR2));
            assertThat(DbSnapshot.of(c, false).get("retort_version")).containsExactly("version_num=r003");
        }
    }

    /**
     * t37-2: a database adopted from Alembic ({@code version_table = "alembic_version"}, Alembic's own VARCHAR(32) table)
     * has no history table before Retort's first run; a script from its revision creates it, as one from base does.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB"})
    void aScriptFromARevisionRunsOnADatabaseWithoutTheHistoryTable(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = branchAndMerge();
        RuntimeSettings adopted = new RuntimeSettings("alembic_version", null, null, false, null, null, null, null);
        OfflineScript offline = new OfflineScript(dialect, adopted, revs);
        String script = offline.render(revs.upgradeAll(Set.of("a1")), false, null);
        assertThat(script).containsOnlyOnce("CREATE TABLE IF NOT EXISTS retort_history (")
                .doesNotContain("CREATE TABLE IF NOT EXISTS alembic_version");
        // from base: the tables' DDL as before, the history table's once
        assertThat(offline.render(revs.upgradeAll(Set.of()), true, null))
                .containsOnlyOnce("CREATE TABLE IF NOT EXISTS retort_history (")
                .containsOnlyOnce("CREATE TABLE IF NOT EXISTS alembic_version (");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(40))");
                s.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                        + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
                s.execute("INSERT INTO alembic_version VALUES ('a1')");
            }
            Clients.feed(engine, db, script);
            Map<String, List<String>> after = DbSnapshot.of(c, false);
            assertThat(after.get("alembic_version")).containsExactly("version_num=m5");
            assertThat(after).containsKeys("invoice", "audit", "retort_history").doesNotContainKey("retort_version");
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                    "SELECT revision, from_revisions FROM retort_history ORDER BY seq")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) rows.add(rs.getString(1) + " from " + rs.getString(2));
                assertThat(rows).containsExactly("b2 from a1", "c3 from b2", "d4 from b2, c3", "m5 from b2, d4");
            }
            // the next script finds the table there
            Plan down = new Plan(dev.retort.graph.Direction.DOWNGRADE, revs.downgradeAll(Set.of("m5")).steps().subList(0, 1));
            Clients.feed(engine, db, offline.render(down, false, null));
            assertThat(DbSnapshot.of(c, false).get("alembic_version")).containsExactlyInAnyOrder("version_num=b2",
                    "version_num=d4");
        }
    }

    /**
     * t19-1: on SQLite too, a from-base script applied to a migrated database stops before its first revision, even
     * when every statement of its revisions would succeed again, and with a transaction per revision.
     */
    @org.junit.jupiter.api.Test
    void sqliteFromBaseScriptStopsOnAMigratedDatabase() throws Exception {
        Dialect dialect = Dialects.forName("sqlite");
        // the script a DBA received when k2 was the head; the database has gone on to k3 since
        TestRevisions earlier = new TestRevisions()
                .add("k1", List.of(), "settings", "CREATE TABLE IF NOT EXISTS setting (name VARCHAR(50))", "DROP TABLE setting")
                .add("k2", List.of("k1"), "seed", "INSERT INTO setting (name) VALUES ('theme')", "DELETE FROM setting");
        TestRevisions revs = new TestRevisions()
                .add("k1", List.of(), "settings", "CREATE TABLE IF NOT EXISTS setting (name VARCHAR(50))", "DROP TABLE setting")
                .add("k2", List.of("k1"), "seed", "INSERT INTO setting (name) VALUES ('theme')", "DELETE FROM setting")
                .add("k3", List.of("k2"), "more", "CREATE TABLE other (id INTEGER PRIMARY KEY)", "DROP TABLE other");
        for (boolean perRevision : List.of(false, true)) {
            RuntimeSettings settings = RuntimeSettings.defaults().withTransactionPerMigration(perRevision);
            String old = new OfflineScript(dialect, settings, earlier).render(earlier.upgradeAll(Set.of()), true, null);
            assertThat(old).contains("CONSTRAINT \"retort_version holds rows: this script starts from an empty database (base);");
            try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
                new Migrator(c, dialect, settings, revs).run(revs::upgradeAll, false, null);
                Map<String, List<String>> migrated = DbSnapshot.of(c, false);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> Clients.feed(Engine.SQLITE, db, old))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("CHECK constraint failed: retort_version holds rows: this script starts from"
                                + " an empty database (base); write one that starts where the database is (upgrade FROM:TO --sql)");
                assertThat(DbSnapshot.of(c, false)).as("per revision " + perRevision).isEqualTo(migrated);
            }
            // on an empty database the guard passes and leaves nothing behind
            try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
                Clients.feed(Engine.SQLITE, db, old);
                assertThat(DbSnapshot.of(c, false).get("retort_version")).containsExactly("version_num=k2");
            }
        }
    }

    /**
     * t32-3: a SQLite move-and-copy of a transactional-false revision, outside the script's BEGIN ... COMMIT, is in a
     * savepoint as online: where it fails (a unique index re-created on values the new type made equal), sqlite3 -bail
     * leaves the table as it was (old type, its index, its values) and no _retort_tmp_ table, instead of the old table
     * dropped.
     */
    @org.junit.jupiter.api.Test
    void sqliteCopyOutsideTheScriptsTransactionIsAllOrNothing() throws Exception {
        Dialect dialect = Dialects.forName("sqlite");
        String base = "CREATE TABLE item (id INTEGER PRIMARY KEY, code TEXT, note TEXT);\n"
                + "CREATE UNIQUE INDEX ux_item_code ON item (code);\n"
                + "INSERT INTO item VALUES (1, '1', 'one'), (2, '01', 'zero-one'), (3, 'abc', 'x')";
        TestRevisions revs = new TestRevisions()
                .add("k1", List.of(), "item", base, "DROP TABLE item")
                .addCode("k2", List.of("k1"), "retype", op -> op.alterColumn("item", "code",
                        a -> a.type(dev.retort.schema.SqlType.of(dev.retort.schema.SqlType.Kind.INTEGER))), false);
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        assertThat(script).contains("SAVEPOINT retort_move_and_copy;", "RELEASE retort_move_and_copy;");
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); TestDatabase atK1 = TestDatabase.create(Engine.SQLITE);
             Connection c = db.connect(); Connection k1 = atK1.connect()) {
            TestRevisions onlyK1 = new TestRevisions().add("k1", List.of(), "item", base, "DROP TABLE item");
            new Migrator(k1, dialect, RuntimeSettings.defaults(), onlyK1).run(onlyK1::upgradeAll, false, null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Clients.feed(Engine.SQLITE, db, script))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("UNIQUE constraint failed: item.code");
            assertThat(DbSnapshot.of(c, false)).isEqualTo(DbSnapshot.of(k1, false));
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                    "SELECT group_concat(name) FROM sqlite_master WHERE name LIKE '%item%'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("item,ux_item_code");
            }
        }
        // inside the script's transaction (a transactional revision) the copy is the online run's, with no savepoint
        TestRevisions inTx = new TestRevisions()
                .add("k1", List.of(), "item", "CREATE TABLE item (id INTEGER PRIMARY KEY, code TEXT)", "DROP TABLE item")
                .addCode("k2", List.of("k1"), "retype", op -> op.alterColumn("item", "code",
                        a -> a.type(dev.retort.schema.SqlType.of(dev.retort.schema.SqlType.Kind.INTEGER))));
        assertThat(new OfflineScript(dialect, RuntimeSettings.defaults(), inTx).render(inTx.upgradeAll(Set.of()), true, null))
                .contains("_retort_tmp_item").doesNotContain("SAVEPOINT");
    }

    /** The mysql client ends a statement at its first ';': a trigger's body is written between DELIMITER lines. */
    @org.junit.jupiter.api.Test
    void mariadbRoutineBodiesSurviveTheClient() throws Exception {
        Dialect dialect = Dialects.forName("mariadb");
        TestRevisions revs = new TestRevisions()
                .addCode("t1", List.of(), "trigger", op -> {
                    op.execute("CREATE TABLE t (v VARCHAR(20), w INT)");
                    op.execute("CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.v = 'x;y';\n"
                            + "  SET NEW.w = 1; -- one\nEND");
                    op.execute("INSERT INTO t (v) VALUES ('a')");
                })
                .addCode("t2", List.of("t1"), "procedure", op -> {
                    op.execute("CREATE PROCEDURE p() BEGIN INSERT INTO t (v) VALUES ('//'); INSERT INTO t (v) VALUES ('b'); END");
                    op.execute("CALL p()");
                });
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        assertThat(script).contains("DELIMITER //\nCREATE TRIGGER trg", "END//\nDELIMITER ;\n", "DELIMITER $$\nCREATE PROCEDURE p()")
                .doesNotContain("DELIMITER //\nCREATE TABLE");
        try (TestDatabase online = TestDatabase.create(Engine.MARIADB); TestDatabase offline = TestDatabase.create(Engine.MARIADB);
             Connection on = online.connect(); Connection off = offline.connect()) {
            new Migrator(on, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            Clients.feed(Engine.MARIADB, offline, script);
            Map<String, List<String>> expected = DbSnapshot.of(on, false);
            assertThat(expected.get("t")).hasSize(3).allMatch(row -> row.contains("x;y") && row.contains("w=1"));
            assertThat(DbSnapshot.of(off, false)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void transactionPerMigrationWrapsEachRevision(Engine engine) {
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = TestRevisions.chain(3);
        String script = new OfflineScript(dialect, RuntimeSettings.defaults().withTransactionPerMigration(true), revs)
                .render(revs.upgradeAll(Set.of()), true, null);
        assertThat(script.split("BEGIN;", -1)).hasSize(4);
        assertThat(script.split("COMMIT;", -1)).hasSize(4);
    }

    @org.junit.jupiter.api.Test
    void irreversibleDowngradeNamesTheRevisionAndItsFileAsOnline() {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY)", null)
                .add("b2", List.of("a1"), "second", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)", "DROP TABLE invoice");
        OfflineScript offline = new OfflineScript(Dialects.forName("sqlite"), RuntimeSettings.defaults(), revs);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> offline.render(revs.downgradeAll(Set.of("b2")), false, null))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessage("Revision a1 (versions/a1.sql) has no downgrade and cannot be reverted; no SQL was written");
    }

    /** A tag the history table cannot hold is refused offline too, before any SQL is written. */
    @org.junit.jupiter.api.Test
    void aTooLongTagIsRefusedOffline() {
        TestRevisions revs = TestRevisions.chain(1);
        OfflineScript offline = new OfflineScript(Dialects.forName("mariadb"), RuntimeSettings.defaults(), revs);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> offline.render(revs.upgradeAll(Set.of()), true, "x".repeat(300)))
                .hasMessage("The tag is 300 characters long; the history table holds 255. No SQL was written.");
    }

    @org.junit.jupiter.api.Test
    void noEmptyTransactionBeforeARevisionOutsideOne() {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                .add("b2", List.of("a1"), "outside", "VACUUM", "VACUUM", false)
                .add("c3", List.of("b2"), "third", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)", "DROP TABLE invoice");
        String script = new OfflineScript(Dialects.forName("postgresql"), RuntimeSettings.defaults(), revs)
                .render(revs.upgradeAll(Set.of("a1")), false, null);
        // the history table's DDL (t37-2) in autocommit too, before the revision that runs outside a transaction
        assertThat(script).contains("SET client_encoding = 'UTF8';\n\nCREATE TABLE IF NOT EXISTS retort_history (",
                "PRIMARY KEY (seq)\n);\n\n-- Running upgrade a1 -> b2").doesNotContain("BEGIN;\n\nCOMMIT;");
        assertThat(script.split("BEGIN;", -1)).hasSize(2);
    }

    @org.junit.jupiter.api.Test
    void aJavaRevisionFailingOfflineIsNamed() {
        TestRevisions revs = new TestRevisions().addCode("j1", List.of(), "boom", op -> {
            throw new IllegalStateException("boom");
        });
        OfflineScript offline = new OfflineScript(Dialects.forName("postgresql"), RuntimeSettings.defaults(), revs);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> offline.render(revs.upgradeAll(Set.of()), true, null))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("Revision j1 (versions/j1.java) failed while its SQL was written:")
                .hasMessageContaining("boom");
    }

    /** t29-5: a checked exception thrown undeclared by the revision's code too. */
    @org.junit.jupiter.api.Test
    void aCheckedExceptionThrownUndeclaredOfflineIsNamed() {
        TestRevisions revs = new TestRevisions().addCode("j1", List.of(), "sneaky",
                op -> MigratorIT.<RuntimeException>sneakyThrow(new java.io.IOException("checked io")));
        OfflineScript offline = new OfflineScript(Dialects.forName("sqlite"), RuntimeSettings.defaults(), revs);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> offline.render(revs.upgradeAll(Set.of()), true, null))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessage("Revision j1 (versions/j1.java) failed while its SQL was written: java.io.IOException: checked io")
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    /** psql fails on CREATE INDEX CONCURRENTLY between BEGIN and COMMIT: the script is refused instead. */
    @org.junit.jupiter.api.Test
    void aConcurrentIndexInATransactionalRevisionIsRefusedOffline() {
        TestRevisions revs = new TestRevisions().addCode("c1", List.of(), "index", op -> {
            op.createTable("item", dev.retort.migration.Migration.column("id", dev.retort.migration.Migration.INTEGER).primaryKey());
            op.createIndex("ix_item", "item", i -> i.columns("id").concurrently());
        });
        OfflineScript offline = new OfflineScript(Dialects.forName("postgresql"), RuntimeSettings.defaults(), revs);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> offline.render(revs.upgradeAll(Set.of()), true, null))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("Revision c1 (versions/c1.java) cannot be rendered offline: ")
                .hasMessageContaining("cannot run inside a transaction");
    }

    /** A Java revision's op.execute("COMMIT") would split the script's BEGIN/COMMIT: refused offline as online. */
    @org.junit.jupiter.api.Test
    void aJavaRevisionsCommitIsRefusedOfflineAsOnline() {
        TestRevisions revs = new TestRevisions().addCode("c1", List.of(), "commits", op -> {
            op.execute("CREATE TABLE t (x INTEGER)");
            op.execute("/* done */ COMMIT");
        });
        OfflineScript offline = new OfflineScript(Dialects.forName("postgresql"), RuntimeSettings.defaults(), revs);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> offline.render(revs.upgradeAll(Set.of()), true, null))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("Revision c1 (versions/c1.java)")
                .hasMessageContaining("COMMIT is not allowed in a revision that runs in the run's transaction");
    }

    /**
     * t81-2: a transactional false revision that opens a transaction of its own and leaves it open (START TRANSACTION,
     * SQLite's and H2's BEGIN) is committed before its version row, online and in the script alike. The script ended
     * inside that transaction, which the client rolled back with the version and history rows (exit 0); online SQLite
     * failed writing the version row.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB", "H2"})
    void aRevisionLeavingItsOwnTransactionOpenIsCommittedOfflineAsOnline(Engine engine) throws Exception {
        String begin = engine == Engine.SQLITE || engine == Engine.H2 ? "BEGIN" : "START TRANSACTION";
        // the next revision outside a transaction too: no BEGIN/COMMIT of the script's own follows to end it
        for (boolean nextTransactional : List.of(false, true)) {
            TestRevisions revs = new TestRevisions()
                    .add("a1", List.of(), "open begin", "CREATE TABLE t (a INTEGER);\n" + begin + ";\nINSERT INTO t VALUES (1)",
                            "DROP TABLE t", false)
                    .add("a2", List.of("a1"), "after", "INSERT INTO t VALUES (2)", "DELETE FROM t WHERE a = 2", nextTransactional);
            sameOnlineAndOffline(engine, revs, "a=1", "a=2");
        }
    }

    /**
     * t81-5: a revision's SET autocommit = 0 (H2: SET AUTOCOMMIT FALSE), in the run's transaction or outside one, is
     * committed as online and autocommit switched back on before the version row: the script (no BEGIN/COMMIT on
     * MariaDB and H2) ended in an open transaction and lost the revision's rows and the version rows.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void aRevisionSwitchingAutocommitOffIsCommittedOfflineAsOnline(Engine engine) throws Exception {
        String off = engine == Engine.H2 ? "SET AUTOCOMMIT FALSE" : "SET autocommit = 0";
        for (boolean transactional : List.of(true, false)) {
            TestRevisions revs = new TestRevisions()
                    .add("a1", List.of(), "autocommit off", "CREATE TABLE t (a INTEGER);\n" + off + ";\nINSERT INTO t VALUES (1)",
                            "DROP TABLE t", transactional)
                    .add("a2", List.of("a1"), "after", "INSERT INTO t VALUES (2)", "DELETE FROM t WHERE a = 2");
            sameOnlineAndOffline(engine, revs, "a=1", "a=2");
        }
    }

    /** Runs {@code revs} online on one database and its script through the engine's client on another: the same. */
    private static void sameOnlineAndOffline(Engine engine, TestRevisions revs, String... rows) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        try (TestDatabase online = TestDatabase.create(engine); TestDatabase offline = TestDatabase.create(engine);
             Connection on = online.connect()) {
            new Migrator(on, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            if (engine == Engine.H2) {
                // as RunScript's command line: a connection of its own, closed at the end (which rolls back what is open)
                try (Connection c = offline.connect()) {
                    org.h2.tools.RunScript.execute(c, new java.io.StringReader(script));
                }
            } else {
                Clients.feed(engine, offline, script);
            }
            Map<String, List<String>> expected = DbSnapshot.of(on, false);
            assertThat(expected.get("retort_version")).containsExactly("version_num=a2");
            try (Connection off = offline.connect()) {
                assertThat(DbSnapshot.of(off, false)).as(script).isEqualTo(expected);
            }
            assertThat(expected.get("t")).containsExactlyInAnyOrder(rows);
        }
    }

    /**
     * t81-9: on H2 a revision's SET SCHEMA moved the script's unqualified version-table statements to that schema
     * ("Table RETORT_VERSION not found"); they now run in the schema the script started in, as online, and the
     * revisions after it still see the revision's schema.
     */
    @org.junit.jupiter.api.Test
    void h2ARevisionSettingTheSchemaIsStillRecordedOffline() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("s1", List.of(), "set schema", "CREATE SCHEMA other;\nSET SCHEMA other;\nCREATE TABLE x (a INTEGER)",
                        "DROP SCHEMA other CASCADE")
                .add("s2", List.of("s1"), "after", "CREATE TABLE y (a INTEGER)", "DROP TABLE y");
        String script = new OfflineScript(Dialects.forName("h2"), RuntimeSettings.defaults(), revs)
                .render(revs.upgradeAll(Set.of()), true, null);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            org.h2.tools.RunScript.execute(c, new java.io.StringReader(script));
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                    "SELECT (SELECT LISTAGG(version_num) FROM PUBLIC.retort_version), (SELECT COUNT(*) FROM PUBLIC.retort_history),"
                            + " (SELECT LISTAGG(TABLE_NAME, ',') WITHIN GROUP (ORDER BY TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                            + " WHERE TABLE_SCHEMA = 'OTHER')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as(script).isEqualTo("s2");
                assertThat(rs.getInt(2)).isEqualTo(2);
                assertThat(rs.getString(3)).isEqualTo("X,Y");
            }
        }
        // nothing of it where no revision moves the schema
        assertThat(new OfflineScript(Dialects.forName("h2"), RuntimeSettings.defaults(), branchAndMerge())
                .render(branchAndMerge().upgradeAll(Set.of()), true, null)).doesNotContain("retort_script_schema");
    }

    /**
     * A pg_dump revision empties the search_path: the offline script's unqualified version-table statements still
     * find the table, in the schema the script started in, and the revisions after it still see the empty path.
     */
    @org.junit.jupiter.api.Test
    void aRevisionEmptyingTheSearchPathIsStillRecordedOffline() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("p1", List.of(), "pg_dump", "SELECT pg_catalog.set_config('search_path', '', false);\n"
                        + "CREATE TABLE public.t (x INTEGER)", "DROP TABLE public.t")
                .add("p2", List.of("p1"), "after", "CREATE TABLE public.u (x INTEGER);\n"
                        + "CREATE TABLE should_fail_without_a_schema (x INTEGER)", "DROP TABLE public.u");
        String script = new OfflineScript(Dialects.forName("postgresql"), RuntimeSettings.defaults(), revs)
                .render(revs.upgradeAll(Set.of()), true, null);
        assertThat(script).contains("\n\nSET client_encoding = 'UTF8';\n\nSELECT pg_catalog.set_config('retort.script_search_path'");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            // the second revision's unqualified table must fail as online: the path the first one set is in force
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Clients.feed(Engine.POSTGRESQL, db, script))
                    .hasMessageContaining("no schema has been selected to create in");
            String fixed = script.replace("CREATE TABLE should_fail_without_a_schema", "CREATE TABLE public.v");
            Clients.feed(Engine.POSTGRESQL, db, fixed);
            try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT version_num FROM public.retort_version")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("p2");
            }
        }
        // nothing of it where no revision moves the path
        String plain = new OfflineScript(Dialects.forName("postgresql"), RuntimeSettings.defaults(),
                new TestRevisions().add("q1", List.of(), "plain", "CREATE TABLE t (x INTEGER)", "DROP TABLE t"))
                .render(new TestRevisions().add("q1", List.of(), "plain", "CREATE TABLE t (x INTEGER)", "DROP TABLE t")
                        .upgradeAll(Set.of()), true, null);
        assertThat(plain).doesNotContain("search_path");
    }

    /**
     * t30-7: after a revision's SET ROLE owner or SET SESSION AUTHORIZATION owner, the script writes the version and
     * history tables as the user and role it started with (the owner has no rights on them), and the revisions after
     * it still run as the owner, as online.
     */
    @org.junit.jupiter.api.Test
    void theVersionTablesAreWrittenAsTheScriptsOwnUserAfterARevisionsSetRole() throws Exception {
        String owner = "rt_own_" + Long.toHexString(System.nanoTime());
        try {
            for (String become : List.of("SET ROLE ", "SET SESSION AUTHORIZATION ")) {
                TestRevisions revs = TestRevisions.becomingOwner(become, owner);
                for (boolean perRevision : List.of(false, true)) {
                    String script = new OfflineScript(Dialects.forName("postgresql"),
                            RuntimeSettings.defaults().withTransactionPerMigration(perRevision), revs).render(revs.upgradeAll(Set.of()), true, null);
                    try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); java.sql.Connection c = db.connect()) {
                        TestRevisions.createOwnerRole(c, owner);
                        try {
                            Clients.feed(Engine.POSTGRESQL, db, script);
                            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                                    "SELECT (SELECT string_agg(version_num, ',') FROM retort_version),"
                                            + " (SELECT count(*) FROM retort_history),"
                                            + " (SELECT string_agg(tableowner, ',' ORDER BY tablename) FROM pg_tables WHERE tablename IN ('t1', 't2'))")) {
                                assertThat(rs.next()).isTrue();
                                assertThat(rs.getString(1)).as(become + perRevision + ":\n" + script).isEqualTo("a2");
                                assertThat(rs.getInt(2)).isEqualTo(2);
                                assertThat(rs.getString(3)).isEqualTo(owner + "," + owner);
                            }
                        } finally {
                            try (java.sql.Statement s = c.createStatement()) {
                                s.execute("DROP OWNED BY " + owner);
                            }
                        }
                    }
                }
            }
        } finally {
            try (java.sql.Connection admin = java.sql.DriverManager.getConnection(TestDatabase.PG_ADMIN_URL);
                 java.sql.Statement s = admin.createStatement()) {
                s.execute("DROP ROLE IF EXISTS " + owner);
            }
        }
    }

    /**
     * A revision's SET LOCAL search_path ends with its transaction in the script as online (r4-4): with a
     * transaction per revision the next one is back in public; in the run's one transaction it is not (online neither).
     */
    @org.junit.jupiter.api.Test
    void aRevisionsSetLocalEndsWithItsTransactionOffline() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("s0", List.of(), "schema", "CREATE SCHEMA s1", "DROP SCHEMA s1")
                .add("s1", List.of("s0"), "local", "SET LOCAL search_path = s1;\nCREATE TABLE t1 (x INTEGER)", "DROP TABLE s1.t1")
                .add("s2", List.of("s1"), "after", "CREATE TABLE t2 (x INTEGER)", "DROP TABLE t2");
        for (boolean perRevision : List.of(true, false)) {
            String script = new OfflineScript(Dialects.forName("postgresql"),
                    RuntimeSettings.defaults().withTransactionPerMigration(perRevision), revs).render(revs.upgradeAll(Set.of()), true, null);
            try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
                Clients.feed(Engine.POSTGRESQL, db, script);
                try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement();
                     java.sql.ResultSet rs = s.executeQuery("SELECT to_regclass('s1.t1') IS NOT NULL, to_regclass('s1.t2') IS NULL,"
                             + " (SELECT string_agg(version_num, ',') FROM public.retort_version)")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBoolean(1)).as("t1 in s1").isTrue();
                    assertThat(rs.getBoolean(2)).as("t2 in public, per revision " + perRevision + ":\n" + script).isEqualTo(perRevision);
                    assertThat(rs.getString(3)).isEqualTo("s2");
                }
            }
        }
    }

    /**
     * t13-7, t13-1: each script starts with how to run it so that it stops at the first error, then (PostgreSQL,
     * MariaDB) the encoding it is written in.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB", "H2"})
    void scriptStartsWithHowToRunItAndItsEncoding(Engine engine) {
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = branchAndMerge();
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        String expected = switch (engine) {
            case SQLITE -> "-- Run with: sqlite3 -bail DATABASE_FILE < this.sql (without -bail sqlite3 goes on after an error, and"
                    + " COMMIT commits the rest: a failed revision is recorded as applied).\n\nBEGIN;\n\n";
            case POSTGRESQL -> "-- Run with: psql -v ON_ERROR_STOP=1 -f this.sql (without ON_ERROR_STOP psql goes on after"
                    + " an error, and a failed revision is recorded as applied).\n\nSET client_encoding = 'UTF8';\n\nBEGIN;\n\n";
            case MARIADB -> "-- Run with: mariadb --comments DB < this.sql (it stops at the first error; --comments keeps"
                    + " comments in trigger and routine bodies, as an online run does).\n\nSET NAMES utf8mb4;\n\nCREATE TABLE";
            default -> "-- Run with: java -cp h2.jar org.h2.tools.RunScript -url URL -script this.sql (it stops at the"
                    + " first error and reads UTF-8).\n\nCREATE TABLE";
        };
        assertThat(script).startsWith(expected);
    }

    /**
     * t55-8: the SQLite script named "app.db" whatever the configured file: pasted as written it migrated a new empty
     * file in the working directory. It names the configured file, quoted for the shell, and the line runs as written.
     */
    @org.junit.jupiter.api.Test
    void aSqliteScriptNamesTheConfiguredFileAndItsLineRunsAsWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Dialect dialect = Dialects.forName("sqlite");
        TestRevisions revs = branchAndMerge();
        java.nio.file.Path file = java.nio.file.Files.createDirectories(dir.resolve("my data")).resolve("it's.db");
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs, "jdbc:sqlite:" + file)
                .render(revs.upgradeAll(Set.of()), true, null);
        String first = script.lines().findFirst().orElseThrow();
        assertThat(first).startsWith("-- Run with: sqlite3 -bail '" + dir + "/my data/it'\\''s.db' < this.sql (without -bail");
        java.nio.file.Files.writeString(dir.resolve("this.sql"), script);
        String command = first.substring("-- Run with: ".length(), first.indexOf(" (without -bail"));
        Process p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM retort_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isPositive();
        }
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("my data", "this.sql");
        }
        // no file to name: a placeholder, not a real-looking name
        assertThat(new OfflineScript(dialect, RuntimeSettings.defaults(), revs, "jdbc:sqlite::memory:")
                .render(revs.upgradeAll(Set.of()), true, null)).startsWith("-- Run with: sqlite3 -bail DATABASE_FILE < this.sql");
    }

    /**
     * t13-1: non-ASCII text and emoji arrive as online whatever the client's locale (the mariadb client connects as
     * latin1 under LANG=C, as utf8mb3 under a UTF-8 one) and whatever the database's encoding (psql reading a pipe
     * takes a LATIN1 database's encoding for the client's).
     */
    @org.junit.jupiter.api.Test
    void mariadbScriptDeclaresItsEncoding() throws Exception {
        Dialect dialect = Dialects.forName("mariadb");
        TestRevisions revs = new TestRevisions().add("e1", List.of(), "text",
                "CREATE TABLE t2 (id INT PRIMARY KEY, s TEXT) CHARACTER SET utf8mb4;\n"
                        + "INSERT INTO t2 VALUES (3, 'h\u00e9llo \u2713 \u65e5\u672c\u8a9e'), (4, '\ud83d\ude00')", "DROP TABLE t2");
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        for (String locale : List.of("C", "C.UTF-8")) {
            try (TestDatabase offline = TestDatabase.create(Engine.MARIADB); Connection off = offline.connect()) {
                feedWithLocale(locale, TestDatabase.clientCommand("mariadb", Engine.MARIADB, offline.name()), script);
                try (java.sql.Statement st = off.createStatement();
                     java.sql.ResultSet rs = st.executeQuery("SELECT hex(s) FROM t2 ORDER BY id")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(locale).isEqualTo(hex("h\u00e9llo \u2713 \u65e5\u672c\u8a9e"));
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(locale).isEqualTo(hex("\ud83d\ude00"));
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void postgresScriptDeclaresItsEncodingToALatin1Database() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        Dialect dialect = Dialects.forName("postgresql");
        TestRevisions revs = new TestRevisions().add("l1", List.of(), "text",
                "CREATE TABLE t (s text);\nINSERT INTO t VALUES ('caf\u00e9')", "DROP TABLE t");
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        String name = "retort_t13_latin1_" + Long.toHexString(System.nanoTime());
        try (Connection admin = java.sql.DriverManager.getConnection(TestDatabase.PG_ADMIN_URL);
             java.sql.Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'");
            try {
                feedWithLocale("C.UTF-8", TestDatabase.clientCommand("psql", Engine.POSTGRESQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", name),
                        script);
                try (Connection c = java.sql.DriverManager.getConnection(
                        TestDatabase.databaseUrl(TestDatabase.PG_ADMIN_URL, name));
                     java.sql.Statement q = c.createStatement();
                     java.sql.ResultSet rs = q.executeQuery("SELECT s, char_length(s), octet_length(s) FROM t")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("caf\u00e9");
                    assertThat(rs.getInt(2)).isEqualTo(4);
                    assertThat(rs.getInt(3)).isEqualTo(4);
                }
            } finally {
                st.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    /** t13-6: a routine statement ending in '*' + '/' (mysqldump's executable comment form) is not cut by its DELIMITER. */
    @org.junit.jupiter.api.Test
    void mariadbRoutineEndingInAVersionCommentSurvivesTheClient() throws Exception {
        Dialect dialect = Dialects.forName("mariadb");
        TestRevisions revs = new TestRevisions().add("x1", List.of(), "trigger",
                "CREATE TABLE t (id INT, n INT);\n"
                        + "/*!50003 CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = 1; END */;\n"
                        + "INSERT INTO t (id) VALUES (1)", "DROP TABLE t");
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        assertThat(script).doesNotContain("*///").contains("END */$$\nDELIMITER ;");
        try (TestDatabase online = TestDatabase.create(Engine.MARIADB); TestDatabase offline = TestDatabase.create(Engine.MARIADB);
             Connection on = online.connect(); Connection off = offline.connect()) {
            new Migrator(on, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            Clients.feed(Engine.MARIADB, offline, script);
            Map<String, List<String>> expected = DbSnapshot.of(on, false);
            assertThat(expected.get("t")).containsExactly("id=1 n=1");
            assertThat(DbSnapshot.of(off, false)).isEqualTo(expected);
        }
    }

    private static String hex(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) out.append(String.format("%02X", b));
        return out.toString();
    }

    /** Runs a client command on {@code script} with LANG and LC_ALL set to {@code locale}; it must exit 0. */
    private static void feedWithLocale(String locale, List<String> cmd, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LANG", locale);
        pb.environment().put("LC_ALL", locale);
        Clients.pipe(pb, script);
    }

}
