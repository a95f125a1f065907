package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Direction;
import dev.retort.graph.Plan;
import dev.retort.graph.Step;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner on every engine: tables, history, transactions, failures, stamp, downgrade. */
class MigratorIT {

    private static Migrator migrator(Connection c, Engine engine, TestRevisions revs, boolean perMigration) {
        Dialect d = Dialects.forName(engine.dialectName());
        return new Migrator(c, d, RuntimeSettings.defaults().withTransactionPerMigration(perMigration)
                .withDisplayUrl("test:" + engine), revs);
    }

    static List<String> history(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT seq, revision, direction, from_revisions, to_revisions, checksum FROM retort_history ORDER BY seq")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " [" + rs.getString(4)
                        + "] -> [" + rs.getString(5) + "] " + rs.getString(6));
            }
        }
        return out;
    }

    /**
     * t49-5: on H2 a version_table_schema nobody created was reported as "Cannot take the migration lock" (its lock
     * table, beside the version table, is made first), and the reader looked for a concurrent run. Every engine now
     * names the table it could not create, the missing schema, and what to do.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aVersionTableSchemaThatDoesNotExistIsNamed(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(1);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            RuntimeSettings settings = new RuntimeSettings(null, "nosuch_meta49", null, false, null, null,
                    "test:" + engine, null);
            Migrator m = new Migrator(c, Dialects.forName(engine.dialectName()), settings, revs);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .isInstanceOf(dev.retort.RetortException.class)
                    .hasMessageContaining("Cannot create the " + (engine == Engine.H2 ? "migration lock's table beside the"
                            + " version table" : "table") + " nosuch_meta49.retort_version")
                    .hasMessageContaining("version_table_schema 'nosuch_meta49' names a schema the database does not have: "
                            + switch (engine) {
                                case SQLITE -> "SQLite has no CREATE SCHEMA";
                                case MARIADB -> "create it first (CREATE DATABASE nosuch_meta49), or correct version_table_schema";
                                default -> "create it first (CREATE SCHEMA nosuch_meta49), or correct version_table_schema";
                            })
                    .hasMessageNotContaining("migration lock '");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t1")) {
                org.junit.jupiter.api.Assertions.fail("t1 was created");
            } catch (java.sql.SQLException expected) {
                // nothing ran
            }
        }
    }

    /**
     * t65-2: the advice said CREATE SCHEMA with the name bare, which PostgreSQL and H2 fold (Audit made audit, AUDIT)
     * and MariaDB refuses for a name with a space, while the run names it quoted: who followed it got the same failure
     * again. The statement is now quoted as the run quotes the name, so that running it lets the next run through;
     * SQLite, which has no CREATE SCHEMA, says what to do instead.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void theAdviceForAMissingVersionTableSchemaMakesTheSchemaTheRunNeeds(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(1);
        String schema = "Audit t65 " + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            RuntimeSettings settings = new RuntimeSettings(null, schema, null, false, null, null, "test:" + engine, null);
            Dialect dialect = Dialects.forName(engine.dialectName());
            Throwable failed = org.assertj.core.api.Assertions.catchThrowable(
                    () -> new Migrator(c, dialect, settings, revs).run(revs::upgradeAll, false, null));
            assertThat(failed).isInstanceOf(RetortException.class);
            String message = failed.getMessage();
            if (engine == Engine.SQLITE) {
                assertThat(message).contains("names a schema the database does not have: SQLite has no CREATE SCHEMA (a"
                        + " schema there is a file attached to one connection with ATTACH DATABASE, and Retort's connection"
                        + " attaches none): leave version_table_schema empty, which puts the tables in the database file itself");
                return;
            }
            java.util.regex.Matcher advice = java.util.regex.Pattern.compile("create it first \\((CREATE [A-Z]+ [^)]*)\\),"
                    + " or correct version_table_schema").matcher(message);
            assertThat(advice.find()).as(message).isTrue();
            String create = advice.group(1);
            try (Statement s = c.createStatement()) {
                s.execute(create);
            }
            try {
                assertThat(new Migrator(c, dialect, settings, revs).run(revs::upgradeAll, false, null).applied())
                        .as(create).hasSize(1);
            } finally {
                if (engine == Engine.MARIADB) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP DATABASE " + dialect.quote(schema));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void upgradeRecordsVersionAndHistoryThenNothingToDo(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(3);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            assertThat(m.heads()).isEmpty();
            RunResult r = m.run(revs::upgradeAll, false, null);
            assertThat(r.applied()).hasSize(3);
            assertThat(m.heads()).containsExactly("r003");
            assertThat(history(c)).containsExactly(
                    "1 r001 upgrade [] -> [r001] sum-r001",
                    "2 r002 upgrade [r001] -> [r002] sum-r002",
                    "3 r003 upgrade [r002] -> [r003] sum-r003");
            assertThat(c.getAutoCommit()).isTrue();
            RunResult again = m.run(revs::upgradeAll, false, null);
            assertThat(again.nothingToDo()).isTrue();
            assertThat(history(c)).hasSize(3);

            RunResult down = m.run(revs::downgradeAll, false, null);
            assertThat(down.applied()).extracting(a -> a.step().revision().id()).containsExactly("r003", "r002", "r001");
            assertThat(m.heads()).isEmpty();
            assertThat(history(c)).last().isEqualTo("6 r001 downgrade [r001] -> [] sum-r001");
        }
    }

    /**
     * t15-4: 160 branches applied at once (12-character ids) list more heads than the history's from/to columns
     * hold: the rows say the first of them and how many more, and every revision is applied and recorded.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void manyAppliedBranchesFitTheHistoryRows(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions().add("000000000000", List.of(), "root", "CREATE TABLE root (id INTEGER)", null);
        for (int i = 0; i < 160; i++) {
            revs.add(String.format("a%011x", i), List.of("000000000000"), "head " + i, "CREATE TABLE h" + i + " (id INTEGER)", null);
        }
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            RunResult r = migrator(c, engine, revs, false).run(revs::upgradeAll, false, null);
            assertThat(r.applied()).hasSize(161);
            assertThat(migrator(c, engine, revs, false).heads()).hasSize(160);
            List<String> rows = history(c);
            assertThat(rows).hasSize(161);
            assertThat(rows.get(160)).contains("a0000000009f upgrade [").contains(" ... (").endsWith("more)] sum-a0000000009f");
        }
    }

    /** A transaction's history rows go in as multi-row INSERTs of 200: 450 steps need three, in order. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void manyStepsInOneTransactionRecordEveryRowInOrder(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions();
        for (int i = 1; i <= 450; i++) {
            revs.add(String.format("r%03d", i), i == 1 ? List.of() : List.of(String.format("r%03d", i - 1)),
                    "step " + i, "SELECT 1", "SELECT 1");
        }
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            assertThat(m.run(revs::upgradeAll, false, null).applied()).hasSize(450);
            List<String> rows = history(c);
            assertThat(rows).hasSize(450);
            for (int i = 1; i <= 450; i++) {
                String id = String.format("r%03d", i);
                String parent = i == 1 ? "" : String.format("r%03d", i - 1);
                assertThat(rows.get(i - 1)).isEqualTo(i + " " + id + " upgrade [" + parent + "] -> [" + id + "] sum-" + id);
            }
            assertThat(m.heads()).containsExactly("r450");
        }
    }

    /** Built from a bare connection with no URL given, messages name the connection's own (masked) URL. */
    @org.junit.jupiter.api.Test
    void messagesNameTheConnectionsUrlWhenNoneWasGiven() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            c.createStatement().execute("CREATE TABLE retort_version (something_else INTEGER)");
            Migrator m = new Migrator(c, Dialects.forName("sqlite"), RuntimeSettings.defaults(), TestRevisions.chain(1));
            assertThatThrownBy(m::heads).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Cannot read the version table retort_version on " + db.url() + ": ");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void readingDoesNotCreateTables(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, TestRevisions.chain(1), false);
            assertThat(m.heads()).isEmpty();
            assertThat(DbSnapshot.of(c)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void failedRunLeavesTransactionalDatabaseExactlyAsBefore(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(20));\n"
                        + "INSERT INTO account (id, name) VALUES (1, 'ann')", "DROP TABLE account")
                .add("b2", List.of("a1"), "second", "CREATE TABLE invoice (id INTEGER PRIMARY KEY);\n"
                        + "INSERT INTO account (id, name) VALUES (2, 'bob');\n"
                        + "UPDATE account SET name = 'changed' WHERE id = 1", "DROP TABLE invoice")
                .add("c3", List.of("b2"), "broken", "ALTER TABLE invoice ADD COLUMN total INTEGER;\n"
                        + "INSERT INTO no_such_table\n  (x)\nVALUES (1)", "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            m.run(cur -> cur.isEmpty() ? new Plan(Direction.UPGRADE, List.of(revs.upgradeAll(cur).steps().get(0)))
                    : new Plan(Direction.UPGRADE, List.of()), false, null);
            assertThat(m.heads()).containsExactly("a1");
            Map<String, List<String>> before = DbSnapshot.of(c);

            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("Revision c3 (versions/c3.sql) failed at statement:")
                    .hasMessageContaining("    INSERT INTO no_such_table\n      (x)")
                    .hasMessageContaining("Database error: ")
                    .hasMessageContaining("no_such_table")
                    .hasMessageContaining("Rolled back: the database is as it was before this run.")
                    .satisfies(e -> assertThat(((MigrationFailedException) e).revision()).isEqualTo("c3"));
            assertThat(DbSnapshot.of(c)).isEqualTo(before);
            assertThat(m.heads()).containsExactly("a1");
        }
    }

    /** A data migration that wraps its JDBC failure: the message shows the database's error, not only the wrapper. */
    @org.junit.jupiter.api.Test
    void aJavaRevisionsWrappedSqlErrorIsShown() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("j1", List.of(), "data fix", op -> {
            try (Statement st = op.connection().createStatement()) {
                st.execute("INSERT INTO missing_t VALUES (1)");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("data fix failed", e);
            }
        });
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, Engine.SQLITE, revs, false).run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("Revision j1 (versions/j1.java) failed: java.lang.IllegalStateException: data fix failed"
                            + " (caused by SQLException: ")
                    .hasMessageContaining("no such table: missing_t)");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void failureOnFreshDatabaseLeavesNoTablesAtAll(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                .add("b2", List.of("a1"), "broken", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null)).isInstanceOf(MigrationFailedException.class);
            assertThat(DbSnapshot.of(c)).isEmpty(); // not even retort_version or retort_history
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB", "H2"})
    void perRevisionUnitsKeepWhatWasDoneBeforeTheFailure(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                .add("b2", List.of("a1"), "second", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)", "DROP TABLE invoice")
                .add("c3", List.of("b2"), "broken", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, true);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("Revision c3");
            assertThat(m.heads()).containsExactly("b2");
            assertThat(history(c)).hasSize(2);
            // a rerun resumes where it stopped (and fails at the same revision)
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null)).hasMessageContaining("Revision c3");
            assertThat(history(c)).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB"})
    void nonTransactionalEngineUpdatesVersionAfterEachRevisionAndSaysSo(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                .add("b2", List.of("a1"), "broken", "CREATE TABLE invoice (id INTEGER PRIMARY KEY);\n"
                        + "CREATE TABLE account (id INTEGER PRIMARY KEY)", "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Revision b2")
                    .hasMessageContaining("\nMariaDB/MySQL cannot roll back schema changes")
                    .hasMessageContaining("The version table says a1");
            assertThat(m.heads()).containsExactly("a1");
        }
    }

    /**
     * When the version rows of a revision that ran cannot be written (a history table changed by hand, here),
     * the message names the revision and, where DDL cannot be rolled back, says its changes stay unrecorded;
     * transactional engines roll it back and say so.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRevisionWhoseRowsCannotBeWrittenIsNamed(Engine engine) throws Exception {
        TestRevisions first = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account");
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                .add("b2", List.of("a1"), "second", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)", "DROP TABLE invoice");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            migrator(c, engine, first, true).run(first::upgradeAll, false, null);
            Migrator m = migrator(c, engine, revs, true);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE retort_history DROP COLUMN tag");
            }
            var thrown = assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Revision b2 (versions/b2.sql) ran, but writing the version and history tables after it failed");
            if (Dialects.forName(engine.dialectName()).transactionalDdl()) {
                thrown.hasMessageEndingWith("\nRolled back: the database is as it was before this run.");
            } else {
                thrown.hasMessageContaining("cannot roll back schema changes: what the revision did stays applied, but the"
                        + " version table still says a1; check the database, then record the revision with 'retort stamp b2'");
            }
            assertThat(m.heads()).containsExactly("a1");
        }
    }

    /**
     * t26-3: where DDL commits by itself, a revision whose version rows cannot be written is rolled back after its
     * last DDL statement. The message said that all of it stayed and to stamp it, which recorded a backfill that
     * never took effect: now a data-only revision "stays" not at all (run again), one with DDL lists what stays.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void aRevisionWhoseRowsCannotBeWrittenSaysWhatWasRolledBack(Engine engine) throws Exception {
        TestRevisions first = new TestRevisions().add("a1", List.of(), "first",
                "CREATE TABLE account (id INTEGER PRIMARY KEY, v VARCHAR(20));\nINSERT INTO account VALUES (1, 'a')", null);
        TestRevisions backfill = new TestRevisions().add("a1", List.of(), "first", "SELECT 1", null)
                .add("b2", List.of("a1"), "backfill", "UPDATE account SET v = 'migrated';\nINSERT INTO account VALUES (2, 'seed')", null);
        TestRevisions withDdl = new TestRevisions().add("a1", List.of(), "first", "SELECT 1", null)
                .add("c3", List.of("a1"), "table", "CREATE TABLE invoice (id INTEGER PRIMARY KEY);\nINSERT INTO invoice VALUES (1)", null);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect(); Connection other = db.connect()) {
            migrator(c, engine, first, false).run(first::upgradeAll, false, null);
            // another session's open transaction holds the version row: the write waits out the lock timeout
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("UPDATE retort_version SET version_num = version_num");
            }
            Dialect d = Dialects.forName(engine.dialectName());
            Migrator m = new Migrator(c, d, RuntimeSettings.defaults().withLockTimeout(java.time.Duration.ofSeconds(1))
                    .withDisplayUrl("test:" + engine), backfill);
            assertThatThrownBy(() -> m.run(backfill::upgradeAll, false, null))
                    .hasMessageStartingWith("Revision b2 (versions/b2.sql) ran, but writing the version and history tables after it failed")
                    .hasMessageEndingWith("\nNothing of this revision stays applied: what it ran was rolled back with its version rows."
                            + " The version table says a1; run again to apply it (once the cause above is dealt with).")
                    .message().doesNotContain("stamp");
            other.rollback();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), max(v) FROM account")) {
                rs.next();
                assertThat(rs.getInt(1) + " " + rs.getString(2)).as("the backfill was rolled back").isEqualTo("1 a");
            }

            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE retort_history DROP COLUMN tag");
            }
            Migrator m2 = migrator(c, engine, withDdl, false);
            assertThatThrownBy(() -> m2.run(withDdl::upgradeAll, false, null))
                    .hasMessageStartingWith("Revision c3 (versions/c3.sql) ran, but writing the version and history tables after it failed")
                    .hasMessageEndingWith(" cannot roll back schema changes: these statements of the revision stay applied (what ran"
                            + " after the last of them was rolled back with the version rows):\n    CREATE TABLE invoice (id INTEGER PRIMARY KEY)"
                            + "\nThe version table says a1; a rerun starts the revision from its first statement: undo these by hand,"
                            + " then run again.")
                    .message().doesNotContain("stamp");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM invoice")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the table stays, its row was rolled back").isZero();
            }
            assertThat(m2.heads()).containsExactly("a1");
        }
    }

    /**
     * SQLite: while another connection holds the file's EXCLUSIVE lock (a run committing a big transaction), even
     * reading the version table is busy; the run waits for it up to lock_timeout instead of the driver's 3 s.
     */
    @org.junit.jupiter.api.Test
    void aBusySqliteFileIsWaitedForUpToTheLockTimeout() throws Exception {
        TestRevisions revs = TestRevisions.chain(1);
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection holder = db.connect(); Connection c = db.connect()) {
            try (Statement s = holder.createStatement()) {
                s.execute("CREATE TABLE filler (x)");
                holder.setAutoCommit(false);
                s.execute("INSERT INTO filler VALUES (1)");
                s.execute("PRAGMA locking_mode = EXCLUSIVE"); // with the write below: readers are shut out
                s.execute("INSERT INTO filler VALUES (2)");
            }
            java.util.concurrent.CompletableFuture<Void> release = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(4500);
                    holder.commit();
                    holder.setAutoCommit(true);
                    try (Statement s = holder.createStatement()) {
                        s.execute("PRAGMA locking_mode = NORMAL");
                        s.execute("SELECT count(*) FROM filler"); // the mode takes effect at the next access
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Migrator m = new Migrator(c, Dialects.forName("sqlite"), RuntimeSettings.defaults()
                    .withLockTimeout(java.time.Duration.ofSeconds(20)).withDisplayUrl("test:SQLITE"), revs);
            long t0 = System.nanoTime();
            m.run(revs::upgradeAll, false, null);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(java.time.Duration.ofSeconds(3));
            release.get();
            assertThat(m.heads()).hasSize(1);
        }
    }

    /**
     * SQLite: a reader holding SHARED makes the run's COMMIT fail with SQLITE_BUSY after lock_timeout. Ending the
     * transaction then waited a second whole lock_timeout (the driver's rollback began the next transaction
     * IMMEDIATE, whose empty COMMIT waited for the reader too), failed, and left that transaction open.
     */
    @org.junit.jupiter.api.Test
    void aSqliteCommitBusyWithAReaderFailsAfterOneLockTimeout() throws Exception {
        TestRevisions revs = TestRevisions.chain(1);
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection reader = db.connect(); Connection c = db.connect()) {
            try (Statement s = reader.createStatement()) {
                s.execute("CREATE TABLE filler (x)");
                reader.setAutoCommit(false);
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM filler")) { // SHARED, held by the transaction
                    rs.next();
                }
            }
            Migrator m = new Migrator(c, Dialects.forName("sqlite"), RuntimeSettings.defaults()
                    .withLockTimeout(java.time.Duration.ofSeconds(2)).withDisplayUrl("test:SQLITE"), revs);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null)).hasMessageContaining("at COMMIT: [SQLITE_BUSY]")
                    .hasMessageContaining("Rolled back");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofMillis(3500));
            assertThat(c.getAutoCommit()).isTrue();
            reader.rollback();
            try (Connection writer = db.connect(); Statement s = writer.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
                s.execute("BEGIN IMMEDIATE"); // the run left no transaction open, holding the write lock
                s.execute("ROLLBACK");
            }
            assertThat(m.heads()).isEmpty();
        }
    }

    /** PostgreSQL leaves an INVALID index behind a failed CREATE INDEX CONCURRENTLY: the message says to drop it. */
    @org.junit.jupiter.api.Test
    void aFailedConcurrentIndexSaysToDropTheInvalidIndex() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "data", "CREATE TABLE t (v INTEGER);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1)",
                        "DROP TABLE t")
                .add("b2", List.of("a1"), "index", "CREATE UNIQUE INDEX CONCURRENTLY ix_t_v ON t (v)", "DROP INDEX ix_t_v", false);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            Migrator m = migrator(c, Engine.POSTGRESQL, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Revision b2")
                    .hasMessageContaining("leaves an INVALID index behind (see \\d in psql): DROP INDEX it before running again.")
                    // and does not then say that nothing stays (t11-10)
                    .hasMessageContaining("Of this revision only that INVALID index stays: the failed CREATE INDEX was its first"
                            + " statement. The version table says a1; drop the index, then run again.")
                    .hasMessageNotContaining("Nothing of this revision stays applied");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_t_v'::regclass")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isFalse();
            }
        }
    }

    /**
     * t15-12: a run killed inside a revision on MariaDB/H2 leaves its statements applied, and the next run's first
     * statement finds its table there: the message says an earlier run may have been interrupted, not "fix the revision".
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void aFirstStatementFindingItsTableSaysAnEarlierRunMayHaveBeenInterrupted(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("k1", List.of(), "table", "CREATE TABLE k (id INTEGER);\nINSERT INTO k VALUES (1)", "DROP TABLE k");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE k (id INTEGER)"); // what the killed run did
                // and the version table it made first (t56-6: without it, no run was here)
                s.execute("CREATE TABLE retort_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY)");
            }
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("an earlier run was interrupted inside this revision")
                    .hasMessageContaining("record it with 'retort stamp k1'")
                    .hasMessageNotContaining("fix the revision");
        }
        // any other first-statement failure keeps its wording
        TestRevisions typo = new TestRevisions().add("a1", List.of(), "typo", "CREAT TABLE x (id INTEGER)", "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, typo, false).run(typo::upgradeAll, false, null))
                    .hasMessageContaining("Nothing of this revision stays applied: it failed at its first statement")
                    .hasMessageNotContaining("interrupted");
        }
    }

    /**
     * t81-2: a transactional false revision that fails after a BEGIN of its own: what ran from that BEGIN on is rolled
     * back with the transaction it opened, and the message lists only what ran before it as staying applied (it
     * listed all, while SQLite rolled the INSERT back when the connection closed).
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB", "H2"})
    void aFailureInsideARevisionsOwnTransactionListsOnlyWhatStays(Engine engine) throws Exception {
        String begin = engine == Engine.SQLITE || engine == Engine.H2 ? "BEGIN" : "START TRANSACTION";
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "open begin", "CREATE TABLE t (a INTEGER);\n" + begin + ";\nINSERT INTO t VALUES (1);\n"
                        + "INSERT INTO missing_table VALUES (1)", "DROP TABLE t", false);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("these statements of the revision stay applied")
                    .hasMessageContaining("\n    CREATE TABLE t (a INTEGER)\n")
                    .hasMessageContaining("what ran from its " + begin + " on was rolled back")
                    .hasMessageNotContaining("\n    INSERT INTO t VALUES (1)")
                    .hasMessageNotContaining("\n    " + begin + "\n");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    /**
     * t69-4: on MariaDB an ADD COLUMN of {@code Name} where the table has {@code name} fails "Duplicate column name":
     * column names ignore case there. No run of the revision made that column, so the message does not blame an
     * interrupted earlier run nor advise a stamp (which would record a revision that never ran): it names the column
     * and the rename to write.
     */
    @org.junit.jupiter.api.Test
    void anAddedColumnThatDiffersOnlyInCaseIsNotBlamedOnAnInterruptedRun() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("k1", List.of(), "table", "CREATE TABLE k (id INTEGER, name CHAR(20))", "DROP TABLE k")
                .add("m2", List.of("k1"), "case", "ALTER TABLE k ADD COLUMN `Name` VARCHAR(30);\nALTER TABLE k DROP COLUMN name",
                        "ALTER TABLE k ADD COLUMN name CHAR(20);\nALTER TABLE k DROP COLUMN `Name`");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, Engine.MARIADB, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Revision m2 (versions/m2.sql) failed at statement")
                    .hasMessageContaining("Duplicate column name 'Name'")
                    .hasMessageContaining("\nThe table has the column 'name', and column names ignore case on MariaDB/MySQL: the"
                            + " statement's column is that one, not a new one. To change only its name's case, rename it (op.renameColumn")
                    .hasMessageContaining("Nothing of this revision stays applied: it failed at its first statement. The version"
                            + " table says k1; fix the revision and run again.")
                    .hasMessageNotContaining("interrupted")
                    .hasMessageNotContaining("stamp");
        }
        // a column of the statement's own spelling there already: an interrupted run's, as before (t15-12)
        TestRevisions same = new TestRevisions()
                .add("k1", List.of(), "table", "CREATE TABLE k (id INTEGER)", "DROP TABLE k")
                .add("m2", List.of("k1"), "add", "ALTER TABLE k ADD COLUMN `Name` VARCHAR(30);\nALTER TABLE k ADD COLUMN v INTEGER",
                        "ALTER TABLE k DROP COLUMN v;\nALTER TABLE k DROP COLUMN `Name`");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            TestRevisions first = new TestRevisions().add("k1", List.of(), "table", "CREATE TABLE k (id INTEGER)", "DROP TABLE k");
            migrator(c, Engine.MARIADB, first, false).run(first::upgradeAll, false, null);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE k ADD COLUMN `Name` VARCHAR(30)"); // what the interrupted run did
            }
            assertThatThrownBy(() -> migrator(c, Engine.MARIADB, same, false).run(same::upgradeAll, false, null))
                    .hasMessageContaining("an earlier run may have been interrupted inside this revision")
                    .hasMessageContaining("record it with 'retort stamp m2'")
                    .hasMessageNotContaining("ignore case");
        }
    }

    /**
     * t76-2: a downgrade killed after its DROP COLUMN committed (MariaDB, or a transactional false revision) left the
     * column gone and the data fix before it applied; the rerun ran the fix again, failed at the DROP, and told the
     * user to undo the fix and run again, which met the same failure each time. It now says an earlier run may have
     * been interrupted inside the revision, that the statements before ran twice, and how to record it.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "POSTGRESQL"})
    void aLaterStatementFindingItsColumnGoneSaysAnEarlierRunMayHaveBeenInterrupted(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("k1", List.of(), "table", "CREATE TABLE k (id INTEGER, n INTEGER)", "DROP TABLE k")
                .add("m2", List.of("k1"), "fix", "ALTER TABLE k ADD COLUMN flag INTEGER;\nUPDATE k SET n = n + 1000",
                        "UPDATE k SET n = n - 1000;\nALTER TABLE k DROP COLUMN flag", false);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            migrator(c, engine, revs, false).run(revs::upgradeAll, false, null);
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE k SET n = n - 1000"); // what the interrupted downgrade did
                s.execute("ALTER TABLE k DROP COLUMN flag");
            }
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::downgradeAll, false, null))
                    .hasMessageContaining("Revision m2 (versions/m2.sql) failed in downgrade at statement")
                    .hasMessageContaining("UPDATE k SET n = n - 1000\nBut what the failed statement removes is gone already:"
                            + " an earlier run may have been interrupted inside this revision's downgrade after this statement,"
                            + " and then this run ran the statements before it a second time. The version table says m2; check"
                            + " the database and its data, undo by hand what should not have run twice, then, if the downgrade"
                            + " is all done, record that with 'retort stamp k1' (running again starts the revision from its"
                            + " first statement, and meets the same). If no run was interrupted, the revision itself does it"
                            + " twice: undo what of it ran, fix it and run again.")
                    .hasMessageNotContaining("to resume");
        }
        // a broken revision on a database this run versions first: no earlier run to blame
        TestRevisions twice = new TestRevisions()
                .add("k1", List.of(), "table", "CREATE TABLE k (id INTEGER);\nCREATE TABLE k (id INTEGER)", "DROP TABLE k", false);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, twice, false).run(twice::upgradeAll, false, null))
                    .hasMessageContaining("CREATE TABLE k")
                    .hasMessageNotContaining("interrupted");
        }
    }

    /**
     * t26-4: the mirror for a downgrade: one interrupted on MariaDB/H2 after its first DROP leaves that applied, and the
     * rerun's first statement finds its table gone; the message said "fix the revision", as for a broken one.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void aFirstDowngradeStatementFindingItsTableGoneSaysAnEarlierRunMayHaveBeenInterrupted(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("k1", List.of(), "table", "CREATE TABLE k (id INTEGER)", "DROP TABLE k")
                .add("m2", List.of("k1"), "two", "CREATE TABLE m (id INTEGER);\nCREATE TABLE n (id INTEGER)",
                        "DROP TABLE m;\nDROP TABLE n");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            migrator(c, engine, revs, false).run(revs::upgradeAll, false, null);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE m"); // what the interrupted downgrade did
            }
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::downgradeAll, false, null))
                    .hasMessageContaining("Revision m2 (versions/m2.sql) failed in downgrade at statement")
                    .hasMessageContaining("\nNothing this run sent of the revision stays applied, but what its first statement"
                            + " removes is gone already: an earlier run may have been interrupted inside this revision's downgrade")
                    .hasMessageContaining("if the downgrade is all done, record that with 'retort stamp k1'.")
                    .hasMessageNotContaining("fix the revision");
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE n");
                s.execute("DROP TABLE k");
                s.execute("UPDATE retort_version SET version_num = 'k1'");
            }
            // down to nothing: the stamp that records it is base
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::downgradeAll, false, null))
                    .hasMessageContaining("Revision k1 (versions/k1.sql) failed in downgrade at statement")
                    .hasMessageContaining("if the downgrade is all done, record that with 'retort stamp base'.");
        }
    }

    /** t15-6: a CREATE INDEX CONCURRENTLY refused because the name is taken made nothing: no advice to drop that (valid) index. */
    @org.junit.jupiter.api.Test
    void aConcurrentIndexWhoseNameIsTakenDoesNotSayToDropIt() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("c1", List.of(), "index", "CREATE INDEX CONCURRENTLY account_email ON account (email)",
                        "DROP INDEX account_email", false);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE account (id INTEGER, email TEXT)");
                s.execute("CREATE UNIQUE INDEX account_email ON account (email)");
            }
            assertThatThrownBy(() -> migrator(c, Engine.POSTGRESQL, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("already exists")
                    .hasMessageNotContaining("INVALID")
                    .hasMessageNotContaining("drop the index")
                    .hasMessageNotContaining("DROP INDEX");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT indisvalid FROM pg_index WHERE indexrelid = 'account_email'::regclass")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        }
    }

    /**
     * op.connection() is the run's: committing or rolling back its transaction is refused (it would split the
     * revision from the version table), and closing it does nothing (try-with-resources on it is natural).
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aRevisionCannotEndTheRunsTransactionAndClosingItsConnectionIsHarmless(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                .addCode("b2", List.of("a1"), "closes", op -> {
                    try (Connection raw = op.connection(); Statement s = raw.createStatement()) {
                        s.execute("INSERT INTO account VALUES (1)");
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .addCode("c3", List.of("b2"), "rolls back", op -> {
                    try {
                        op.connection().rollback();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .hasMessageStartingWith("Revision c3")
                    .hasMessageContaining("op.connection().rollback(...) is not allowed in a revision that runs in the run's transaction")
                    .hasMessageEndingWith("Rolled back: the database is as it was before this run.");
            assertThat(c.isClosed()).isFalse();
            assertThat(DbSnapshot.of(c)).isEmpty();
        }
    }

    /**
     * A revision outside a transaction that commits in chunks (autocommit off, commit every few rows) and leaves
     * autocommit off: its last chunk is committed and autocommit restored before its version row is written, once.
     * The row used to be written twice, the second time matching nothing: "Another tool may have changed the
     * version table", the revision unrecorded and the next run repeating it (t11-6).
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRevisionOutsideATransactionThatLeavesAutocommitOffIsRecordedOnce(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("e1", List.of(), "table", "CREATE TABLE big (id INTEGER PRIMARY KEY, v INTEGER)", "DROP TABLE big")
                .addCode("e2", List.of("e1"), "batched backfill", op -> {
                    Connection raw = op.connection();
                    try {
                        raw.setAutoCommit(false);
                        try (java.sql.PreparedStatement ps = raw.prepareStatement("INSERT INTO big (id, v) VALUES (?, ?)")) {
                            for (int i = 1; i <= 100; i++) {
                                ps.setInt(1, i);
                                ps.setInt(2, i);
                                ps.addBatch();
                                if (i % 30 == 0) {
                                    ps.executeBatch();
                                    raw.commit();
                                }
                            }
                            ps.executeBatch(); // the last 10 rows, left uncommitted with autocommit off
                        }
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, false)
                .add("e3", List.of("e2"), "after", "CREATE TABLE after_it (id INTEGER)", "DROP TABLE after_it");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            RunResult r = migrator(c, engine, revs, false).run(revs::upgradeAll, false, null);
            assertThat(r.applied()).hasSize(3);
            assertThat(c.getAutoCommit()).isTrue();
            try (Connection other = db.connect(); Statement s = other.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM big")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("every chunk committed, the last one too").isEqualTo(100);
                }
                try (ResultSet rs = s.executeQuery("SELECT version_num FROM retort_version")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("e3");
                    assertThat(rs.next()).isFalse();
                }
                List<String> history = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT revision FROM retort_history ORDER BY seq")) {
                    while (rs.next()) history.add(rs.getString(1));
                }
                assertThat(history).containsExactly("e1", "e2", "e3");
            }
        }
    }

    /** An Error thrown by a revision's code (an assert, say) is a failure of that revision, not a JVM trace. */
    @org.junit.jupiter.api.Test
    void anErrorFromARevisionIsNamedAndRolledBack() throws Exception {
        TestRevisions revs = new TestRevisions()
                .addCode("a1", List.of(), "asserts", op -> {
                    op.execute("CREATE TABLE jx (id INTEGER)");
                    throw new AssertionError("data check failed: 3 orphan rows");
                });
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            Migrator m = migrator(c, Engine.SQLITE, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Revision a1 (versions/a1.java) failed: java.lang.AssertionError: data check failed: 3 orphan rows")
                    .hasMessageEndingWith("Rolled back: the database is as it was before this run.");
            assertThat(DbSnapshot.of(c)).isEmpty();
        }
    }

    /**
     * t29-5: a checked exception the revision's code throws undeclared (Lombok's @SneakyThrows, Kotlin) is its failure
     * as a RuntimeException is: named, rolled back or what stays applied listed, a MigrationFailedException.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "MARIADB"})
    void aCheckedExceptionThrownUndeclaredIsTheRevisionsFailure(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "ok", "CREATE TABLE c1 (id INTEGER)", "DROP TABLE c1")
                .addCode("b2", List.of("a1"), "sneaky", op -> {
                    op.execute("CREATE TABLE c2 (id INTEGER)");
                    MigratorIT.<RuntimeException>sneakyThrow(new java.io.IOException("checked io from my code"));
                });
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                        assertThat(e.revision()).isEqualTo("b2");
                        assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
                    })
                    .hasMessageStartingWith("Revision b2 (versions/b2.java) failed: java.io.IOException: checked io from my code")
                    .hasMessageEndingWith(engine == Engine.SQLITE ? "Rolled back: the database is as it was before this run."
                            : "these statements of the revision stay applied (what ran after the last of them was rolled back):\n"
                            + "    CREATE TABLE c2 (id INTEGER)\nThe version table says a1; undo these statements by hand (or have"
                            + " the revision skip them), then run again to resume: the run starts the revision again from its"
                            + " first statement.");
        }
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * A role that may only write the tables (the version and history tables made by the owner, as a DBA sets up
     * least privilege) migrates: no CREATE is sent for tables that exist, which PostgreSQL and MariaDB refuse
     * without the right to create even when the table is there.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aRoleWithoutCreateRightsMigratesWhenTheTablesExist(Engine engine) throws Exception {
        TestRevisions owner = new TestRevisions()
                .add("a1", List.of(), "tables", "CREATE TABLE t1 (id INTEGER)", "DROP TABLE t1");
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "tables", "CREATE TABLE t1 (id INTEGER)", "DROP TABLE t1")
                .add("b2", List.of("a1"), "data", "INSERT INTO t1 VALUES (42)", "DELETE FROM t1 WHERE id = 42");
        String role = "rt_dml_" + Long.toHexString(System.nanoTime());
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect(); Statement s = c.createStatement()) {
            migrator(c, engine, owner, false).run(owner::upgradeAll, false, null);
            String url;
            if (engine == Engine.POSTGRESQL) {
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw'");
                s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
                s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON t1, retort_version, retort_history TO " + role);
                url = db.urlAs(role, "pw");
            } else {
                s.execute("CREATE USER '" + role + "'@'%' IDENTIFIED BY 'pw'");
                s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + db.name() + ".* TO '" + role + "'@'%'");
                url = db.urlAs(role, "pw");
            }
            try (Connection limited = java.sql.DriverManager.getConnection(url)) {
                Migrator m = migrator(limited, engine, revs, false);
                m.run(revs::upgradeAll, false, null);
                assertThat(m.heads()).containsExactly("b2");
            } finally {
                if (engine == Engine.POSTGRESQL) {
                    s.execute("DROP OWNED BY " + role);
                    s.execute("DROP ROLE " + role);
                } else {
                    s.execute("DROP USER '" + role + "'@'%'");
                }
            }
        }
    }

    /**
     * A revision that changes the session's schema (pg_dump's empty search_path, USE, SET SCHEMA) does not lose the
     * version and history tables: the run names them with the schema they resolved to when it started.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void aRevisionThatChangesTheSessionsSchemaIsStillRecorded(Engine engine) throws Exception {
        String other = "rt_other_" + Long.toHexString(System.nanoTime());
        String up = switch (engine) {
            case POSTGRESQL -> "CREATE TABLE t (x INTEGER);\nSELECT pg_catalog.set_config('search_path', '', false);\n"
                    + "CREATE TABLE public.u (x INTEGER)";
            case MARIADB -> "CREATE TABLE t (x INTEGER);\nCREATE DATABASE " + other + ";\nUSE " + other + ";\nCREATE TABLE u (x INTEGER)";
            default -> "CREATE TABLE t (x INTEGER);\nCREATE SCHEMA " + other + ";\nSET SCHEMA " + other + ";\nCREATE TABLE u (x INTEGER)";
        };
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "moves", up, "SELECT 1")
                .add("b2", List.of("a1"), "after", "SELECT 1", "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            String sessionQuery = switch (engine) {
                case POSTGRESQL -> "SELECT current_setting('search_path')";
                case MARIADB -> "SELECT DATABASE()";
                default -> "SELECT CURRENT_SCHEMA";
            };
            String sessionBefore = firstValue(c, sessionQuery);
            try {
                Migrator m = migrator(c, engine, revs, false);
                m.run(revs::upgradeAll, false, null);
                try (Connection fresh = db.connect()) {
                    Migrator reader = migrator(fresh, engine, revs, false);
                    assertThat(reader.heads()).containsExactly("b2");
                    assertThat(history(fresh)).hasSize(2);
                    // the lock was released where it was taken (H2's lock table is named in the start's schema, t8-1)
                    try (var held = Dialects.forName(engine.dialectName()).lock().acquire(fresh,
                            RuntimeSettings.defaults().lockName(), java.time.Duration.ofSeconds(2))) {
                        assertThat(held).isNotNull();
                    }
                }
                // the connection goes back with the schema it came with: the next run on it finds its tables (t8-2)
                assertThat(firstValue(c, sessionQuery)).isEqualTo(sessionBefore);
                assertThat(migrator(c, engine, revs, false).heads()).containsExactly("b2");
            } finally {
                if (engine == Engine.MARIADB) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP DATABASE IF EXISTS " + other);
                    }
                }
            }
        }
    }

    /**
     * A revision's SET ROLE, session_replication_role and statement_timeout do not stay on the connection (an
     * application's pooled one): the role, trigger and foreign-key checks and timeout it came with are back (t11-8).
     */
    @org.junit.jupiter.api.Test
    void aRevisionsRoleReplicationRoleAndStatementTimeoutAreUndone() throws Exception {
        String owner = "rt_owner_" + Long.toHexString(System.nanoTime());
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "sets", "SET session_replication_role = replica;\nSET statement_timeout = '1s';\n"
                        + "SET ROLE " + owner + ";\nCREATE TABLE t (x INTEGER)", "DROP TABLE t");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + owner + " SUPERUSER"); // may write the version tables too
            }
            try {
                String query = "SELECT current_user || ' ' || current_setting('role') || ' ' || current_setting('session_replication_role')"
                        + " || ' ' || current_setting('statement_timeout')";
                String before = firstValue(c, query);
                assertThat(before).endsWith(" none origin 0");
                migrator(c, Engine.POSTGRESQL, revs, false).run(revs::upgradeAll, false, null);
                assertThat(firstValue(c, "SELECT tableowner FROM pg_tables WHERE tablename = 't'")).isEqualTo(owner);
                assertThat(firstValue(c, query)).isEqualTo(before);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("RESET ROLE");
                    s.execute("DROP TABLE IF EXISTS t");
                    s.execute("DROP ROLE IF EXISTS " + owner);
                }
            }
        }
    }

    /**
     * A revision's SET SESSION AUTHORIZATION (pg_dump --use-set-session-authorization) left the pooled connection
     * running as that user, who could not switch back (r5-2); an application's role set before the run is kept.
     */
    @org.junit.jupiter.api.Test
    void aRevisionsSessionAuthorizationIsUndone() throws Exception {
        String owner = "rt_sa_" + Long.toHexString(System.nanoTime());
        String app = "rt_app_" + Long.toHexString(System.nanoTime());
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "dump", "SET SESSION AUTHORIZATION " + owner + ";\nCREATE TABLE t (x INTEGER)",
                        "DROP TABLE t");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + owner + " SUPERUSER"); // may write the version tables too
                s.execute("CREATE ROLE " + app + " SUPERUSER");
                s.execute("SET ROLE " + app);
            }
            try {
                String query = "SELECT session_user || ' ' || current_user || ' ' || current_setting('role')";
                String before = firstValue(c, query);
                assertThat(before).endsWith(" " + app + " " + app);
                migrator(c, Engine.POSTGRESQL, revs, false).run(revs::upgradeAll, false, null);
                assertThat(firstValue(c, "SELECT tableowner FROM pg_tables WHERE tablename = 't'")).isEqualTo(owner);
                assertThat(firstValue(c, query)).isEqualTo(before);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("RESET SESSION AUTHORIZATION");
                    s.execute("RESET ROLE");
                    s.execute("DROP OWNED BY " + owner + ", " + app); // t, and the version tables the run made as app
                    s.execute("DROP ROLE IF EXISTS " + owner);
                    s.execute("DROP ROLE IF EXISTS " + app);
                }
            }
        }
    }

    /**
     * t30-7: after a revision's SET ROLE owner or SET SESSION AUTHORIZATION owner, an owner without rights on the
     * version and history tables, the run writes them as its own user and role, then goes on as the owner (the
     * revision's setting lasts for the rest of the run), in the run's one transaction as with one per revision.
     */
    @org.junit.jupiter.api.Test
    void theVersionTablesAreWrittenAsTheRunsOwnUserAfterARevisionsSetRole() throws Exception {
        String owner = "rt_own_" + Long.toHexString(System.nanoTime());
        try {
            for (String become : List.of("SET ROLE ", "SET SESSION AUTHORIZATION ")) {
                TestRevisions revs = TestRevisions.becomingOwner(become, owner);
                for (boolean perRevision : List.of(false, true)) {
                    try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
                        TestRevisions.createOwnerRole(c, owner);
                        try {
                            String who = "SELECT session_user || ' ' || current_user";
                            String before = firstValue(c, who);
                            migrator(c, Engine.POSTGRESQL, revs, perRevision).run(revs::upgradeAll, false, null);
                            assertThat(migrator(c, Engine.POSTGRESQL, revs, false).heads()).as(become + perRevision).containsExactly("a2");
                            assertThat(history(c)).hasSize(2);
                            assertThat(firstValue(c, "SELECT string_agg(tableowner, ',' ORDER BY tablename) FROM pg_tables"
                                    + " WHERE tablename IN ('t1', 't2')")).as("the rest of the run as the owner").isEqualTo(owner + "," + owner);
                            assertThat(firstValue(c, "SELECT tableowner FROM pg_tables WHERE tablename = 'retort_version'"))
                                    .isNotEqualTo(owner);
                            assertThat(firstValue(c, who)).isEqualTo(before);
                        } finally {
                            try (Statement s = c.createStatement()) {
                                s.execute("RESET SESSION AUTHORIZATION");
                                s.execute("RESET ROLE");
                                s.execute("DROP OWNED BY " + owner);
                            }
                        }
                    }
                }
            }
        } finally {
            try (Connection admin = java.sql.DriverManager.getConnection(TestDatabase.PG_ADMIN_URL); Statement s = admin.createStatement()) {
                s.execute("DROP ROLE IF EXISTS " + owner);
            }
        }
    }

    /**
     * MariaDB: a revision's SET foreign_key_checks = 0 / unique_checks = 0 (as mariadb-dump writes them) and
     * Retort's own change of sql_mode do not stay on the connection (an application's pooled one).
     */
    @org.junit.jupiter.api.Test
    void aRevisionsForeignKeyChecksAndRetortsSqlModeAreUndoneOnMariaDb() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "dump", "SET foreign_key_checks = 0;\nSET unique_checks = 0;\nCREATE TABLE t (x INTEGER)",
                        "DROP TABLE t");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            String query = "SELECT CONCAT_WS(' ', @@SESSION.foreign_key_checks, @@SESSION.unique_checks, @@SESSION.sql_mode)";
            String before = firstValue(c, query);
            assertThat(before).matches("(1|ON) (1|ON) .*");
            migrator(c, Engine.MARIADB, revs, false).run(revs::upgradeAll, false, null);
            assertThat(firstValue(c, query)).isEqualTo(before);
        }
    }

    /**
     * t24-4: the run puts the session's whole sql_mode back (IGNORE_SPACE, which it took out, included, as library-api.md
     * says), also after a revision's SET sql_mode; so that SET is not listed among what stays applied after a failure.
     */
    @org.junit.jupiter.api.Test
    void aRevisionsSqlModeIsPutBackAndNotListedAsStayingApplied() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("s1", List.of(), "mode", "SET sql_mode = 'ANSI_QUOTES';\nCREATE TABLE x2 (id INTEGER);\nINSERT INTO nosuch VALUES (1)",
                        "DROP TABLE x2");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            String before = firstValue(c, "SELECT @@SESSION.sql_mode");
            assertThat(before).contains("IGNORE_SPACE");
            assertThatThrownBy(() -> migrator(c, Engine.MARIADB, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("these statements of the revision stay applied (what ran after the last of them was"
                            + " rolled back):\n    CREATE TABLE x2 (id INTEGER)\n(not listed: the session settings it SET, which the"
                            + " run puts back when it ends)\n")
                    .hasMessageNotContaining("SET sql_mode");
            assertThat(firstValue(c, "SELECT @@SESSION.sql_mode")).isEqualTo(before);
        }
    }

    private static String firstValue(Connection c, String query) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A statement that returns rows (PRAGMA journal_mode = WAL) leaves nothing in progress for the commit. */
    @org.junit.jupiter.api.Test
    void aStatementReturningRowsDoesNotBlockTheCommit() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "wal", "PRAGMA journal_mode = WAL", "SELECT 1", false)
                .add("b2", List.of("a1"), "rows", "CREATE TABLE t (x INTEGER);\nPRAGMA journal_mode", "DROP TABLE t");
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            Migrator m = migrator(c, Engine.SQLITE, revs, false);
            m.run(revs::upgradeAll, false, null);
            assertThat(m.heads()).containsExactly("b2");
        }
    }

    /**
     * t27-4: the version and history rows of several revisions' transaction, written at its end, that cannot be written
     * (one of the revisions emptied the version table) fail the transaction, not its last revision.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aFailedWriteOfSeveralRevisionsRowsNamesThemAll(Engine engine) throws Exception {
        TestRevisions first = new TestRevisions().add("a1", List.of(), "first", "CREATE TABLE t1 (id INTEGER)", "DROP TABLE t1");
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE t1 (id INTEGER)", "DROP TABLE t1")
                .add("b2", List.of("a1"), "tampers", "CREATE TABLE t2 (id INTEGER);\nDELETE FROM retort_version", "DROP TABLE t2")
                .add("c3", List.of("b2"), "last", "CREATE TABLE t3 (id INTEGER)", "DROP TABLE t3");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            migrator(c, engine, first, false).run(first::upgradeAll, false, null);
            Migrator m = migrator(c, engine, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .isInstanceOfSatisfying(MigrationFailedException.class, e -> assertThat(e.revision()).isNull())
                    .hasMessageStartingWith("Migration run on test:" + engine + " failed: the transaction of revisions b2, c3"
                            + " ran, but writing their version and history rows before its COMMIT failed: Online migration"
                            + " expected to match one row when updating 'a1' to 'c3'")
                    .hasMessageNotContaining("Revision c3")
                    .hasMessageEndingWith("\nRolled back: the database is as it was before this run.");
            assertThat(m.heads()).containsExactly("a1");
        }
    }

    /** A COMMIT of several revisions' transaction that fails (a deferred constraint) names them all, not the last. */
    @org.junit.jupiter.api.Test
    void aFailedCommitOfSeveralRevisionsNamesThemAll() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "deferred", "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
                        + "CREATE TABLE c (pid INTEGER REFERENCES p DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO c VALUES (5)",
                        "DROP TABLE c;\nDROP TABLE p")
                .add("b2", List.of("a1"), "other", "CREATE TABLE t2 (x INTEGER)", "DROP TABLE t2");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            Migrator m = migrator(c, Engine.POSTGRESQL, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .hasMessageContaining("the transaction of revisions a1, b2 failed at COMMIT: ERROR: insert or update on table")
                    .hasMessageEndingWith("Rolled back: the database is as it was before this run.");
        }
    }

    /** The session's own time zone (a pool's connectionInitSql) is what the connection has after a run. */
    @org.junit.jupiter.api.Test
    void theSessionsTimeZoneIsPutBackAfterARun() throws Exception {
        TestRevisions revs = TestRevisions.chain(1);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'Europe/Paris'");
            migrator(c, Engine.POSTGRESQL, revs, false).run(revs::upgradeAll, false, null);
            try (ResultSet rs = s.executeQuery("SHOW TimeZone")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("Europe/Paris");
            }
        }
    }

    /** op.connection() still casts to the driver's interfaces: pgjdbc's COPY API through PGConnection. */
    @org.junit.jupiter.api.Test
    void aRevisionMayCastItsConnectionToTheDriversInterfaces() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("a1", List.of(), "copy", op -> {
            op.execute("CREATE TABLE t (x INTEGER, y TEXT)");
            try {
                ((org.postgresql.PGConnection) op.connection()).getCopyAPI()
                        .copyIn("COPY t FROM STDIN", new java.io.StringReader("1\ta\n2\tb\n"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            migrator(c, Engine.POSTGRESQL, revs, false).run(revs::upgradeAll, false, null);
            assertThat(DbSnapshot.of(c).get("t")).hasSize(2);
        }
    }

    /** op.execute("COMMIT") in a Java revision splits the run's transaction as a SQL revision's COMMIT would: refused. */
    @org.junit.jupiter.api.Test
    void aJavaRevisionCannotExecuteACommit() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("a1", List.of(), "commits", op -> {
            op.execute("CREATE TABLE t (x INTEGER)");
            op.execute("COMMIT");
        });
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            Migrator m = migrator(c, Engine.POSTGRESQL, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .hasMessageContaining("COMMIT is not allowed in a revision that runs in the run's transaction")
                    .hasMessageEndingWith("Rolled back: the database is as it was before this run.");
            assertThat(DbSnapshot.of(c)).isEmpty();
        }
    }

    /** The same COMMIT sent through op.connection()'s own statements is refused too, on every engine that has a run transaction. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aJavaRevisionCannotCommitThroughItsOwnStatements(Engine engine) throws Exception {
        java.util.function.Consumer<dev.retort.migration.Operations> byStatement = op -> {
            try (Statement s = op.connection().createStatement()) {
                s.execute("INSERT INTO t VALUES (1)");
                assertThat(s.getConnection()).isSameAs(op.connection());
                s.execute("COMMIT");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        java.util.function.Consumer<dev.retort.migration.Operations> byPrepared = op -> {
            try (var ps = op.connection().prepareStatement("ROLLBACK")) {
                ps.execute();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        for (var body : List.of(byStatement, byPrepared)) {
            TestRevisions revs = new TestRevisions()
                    .add("a1", List.of(), "table", "CREATE TABLE t (x INTEGER)", "DROP TABLE t")
                    .addCode("b2", List.of("a1"), "ends the transaction", body);
            try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
                Migrator m = migrator(c, engine, revs, false);
                assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                        .hasMessageStartingWith("Revision b2")
                        .hasMessageContaining(" is not allowed in a revision that runs in the run's transaction")
                        // said once: the wrapper's message already holds the SQLException's, no "(caused by ...)" again
                        .satisfies(e -> assertThat(e.getMessage().split("is not allowed", -1)).hasSize(2))
                        .hasMessageEndingWith("Rolled back: the database is as it was before this run.");
                assertThat(DbSnapshot.of(c)).isEmpty();
            }
        }
    }

    /**
     * A COMMIT as a later statement of a multi-statement string, through op.execute or op.connection()'s own
     * statement, is refused like a COMMIT alone: nothing is committed (r4-5).
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aCommitLaterInAMultiStatementStringIsRefused(Engine engine) throws Exception {
        java.util.function.Consumer<dev.retort.migration.Operations> byExecute = op -> op.execute("INSERT INTO t VALUES (1); COMMIT");
        java.util.function.Consumer<dev.retort.migration.Operations> byStatement = op -> {
            try (Statement s = op.connection().createStatement()) {
                s.execute("INSERT INTO t VALUES (1); commit;");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        for (var body : List.of(byExecute, byStatement)) {
            TestRevisions revs = new TestRevisions()
                    .add("a1", List.of(), "table", "CREATE TABLE t (x INTEGER)", "DROP TABLE t")
                    .addCode("b2", List.of("a1"), "ends the transaction", op -> {
                        op.execute("CREATE TABLE t2 (x INTEGER)");
                        body.accept(op);
                    });
            try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
                Migrator m = migrator(c, engine, revs, false);
                assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                        .hasMessageStartingWith("Revision b2")
                        .hasMessageContaining("COMMIT is not allowed in a revision that runs in the run's transaction")
                        .hasMessageEndingWith("Rolled back: the database is as it was before this run.");
                assertThat(DbSnapshot.of(c)).isEmpty();
            }
        }
    }

    /** A revision marked transactional false runs in autocommit mode and may manage a transaction of its own. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB"})
    void aNonTransactionalRevisionMayManageItsOwnTransaction(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "table", "CREATE TABLE t (x INTEGER)", "DROP TABLE t")
                .addCode("b2", List.of("a1"), "own transaction", op -> {
                    Connection raw = op.connection();
                    try {
                        raw.setAutoCommit(false);
                        try (Statement s = raw.createStatement()) {
                            s.executeUpdate("INSERT INTO t VALUES (1)");
                        }
                        raw.rollback();
                        try (Statement s = raw.createStatement()) {
                            s.executeUpdate("INSERT INTO t VALUES (42)");
                        }
                        raw.commit();
                        raw.setAutoCommit(true);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, false);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            m.run(revs::upgradeAll, false, null);
            assertThat(m.heads()).containsExactly("b2");
            assertThat(DbSnapshot.of(c).get("t")).containsExactly("x=42");
        }
    }

    @org.junit.jupiter.api.Test
    void aTagTheHistoryTableCannotHoldIsRefusedBeforeAnythingRuns() throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            Migrator m = migrator(c, Engine.MARIADB, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, "x".repeat(300)))
                    .hasMessage("The tag is 300 characters long; the history table holds 255. Nothing was run.");
            assertThat(DbSnapshot.of(c)).isEmpty();
        }
    }

    /** t27-9: a user name longer than applied_by's column is cut, not a failure after the revision stayed applied. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "POSTGRESQL"})
    void aLongUserNameIsCutToItsColumn(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(1);
        String user = System.getProperty("user.name");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m;
            System.setProperty("user.name", "u".repeat(300));
            try {
                m = migrator(c, engine, revs, false);
            } finally {
                System.setProperty("user.name", user);
            }
            m.run(revs::upgradeAll, false, null);
            assertThat(m.heads()).containsExactly("r001");
            assertThat(firstValue(c, "SELECT applied_by FROM retort_history")).isEqualTo("u".repeat(255));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void irreversibleDowngradeIsRefusedBeforeAnythingRuns(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "first", "CREATE TABLE account (id INTEGER PRIMARY KEY)", null)
                .add("b2", List.of("a1"), "second", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)", "DROP TABLE invoice");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            m.run(revs::upgradeAll, false, null);
            Map<String, List<String>> before = DbSnapshot.of(c);
            assertThatThrownBy(() -> m.run(revs::downgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessage("Revision a1 (versions/a1.sql) has no downgrade and cannot be reverted; nothing was run");
            assertThat(DbSnapshot.of(c)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void stampWritesRowsWithoutRunningAndPurgeClearsUnknownRows(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(2);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            Plan stamp = new Plan(Direction.STAMP, List.of(new Step(revs.header("r002"), Direction.STAMP, List.of(), List.of("r002"))));
            m.run(cur -> cur.isEmpty() ? stamp : new Plan(Direction.STAMP, List.of()), false, "v1");
            assertThat(m.heads()).containsExactly("r002");
            assertThat(DbSnapshot.of(c).keySet()).containsExactlyInAnyOrder("retort_version", "retort_history");
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO retort_version (version_num) VALUES ('zzzz')");
            }
            RunResult purged = m.run(cur -> stamp, true, null);
            assertThat(m.heads()).containsExactly("r002");
            // the step reported (JSON, log) starts from the rows purged too, as its history row does (t27-8)
            assertThat(purged.applied()).singleElement().satisfies(a -> {
                assertThat(a.step().from()).containsExactly("r002", "zzzz");
                assertThat(a.step().to()).containsExactly("r002");
            });
            // the purge's row starts from the rows it purged, so the history stays a chain
            assertThat(history(c)).containsExactly("1 r002 stamp [] -> [r002] sum-r002", "2 r002 stamp [r002, zzzz] -> [r002] sum-r002");
        }
    }

    /** t27-5: {@code stamp --purge base} of an unversioned database has nothing to do: it creates and writes nothing. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aPurgeToBaseOfAnUnversionedDatabaseWritesNothing(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(1);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            for (int i = 0; i < 2; i++) {
                RunResult result = m.run(cur -> new Plan(Direction.STAMP, List.of()), true, null);
                assertThat(result.applied()).isEmpty();
            }
            assertThat(DbSnapshot.of(c)).isEmpty();
        }
    }

    /** PostgreSQL's character position of an error, as the line of the (multi-line) statement it is on. */
    @org.junit.jupiter.api.Test
    void aPostgresErrorSaysWhichLineOfTheStatement() throws Exception {
        TestRevisions revs = new TestRevisions().add("a1", List.of(), "typo",
                "CREATE TABLE t (\n    id INTEGER,\n    name VARCHR(20)\n)", "DROP TABLE t");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, Engine.POSTGRESQL, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Database error: ERROR: type \"varchr\" does not exist (line 3 of the statement)")
                    .hasMessageNotContaining("Position");
        }
    }

    /** A database the user may not create tables in: the message names the table it could not create. */
    @org.junit.jupiter.api.Test
    void aVersionTableThatCannotBeCreatedIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("ro.db");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("CREATE TABLE other (id INTEGER)");
        }
        TestRevisions revs = new TestRevisions().add("a1", List.of(), "first", "CREATE TABLE t (id INTEGER)", "DROP TABLE t");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro")) {
            assertThatThrownBy(() -> migrator(c, Engine.SQLITE, revs, false).run(revs::upgradeAll, false, null))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("failed: Cannot create the table retort_version: ")
                    .hasMessageContaining("readonly");
        }
    }

    /** A statement that refuses a transaction, in a revision not marked so: the message says what to do. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aStatementThatCannotRunInATransactionSaysHowToMarkTheRevision(Engine engine) throws Exception {
        String statement = engine == Engine.POSTGRESQL ? "CREATE INDEX CONCURRENTLY ix_name ON account (name)" : "VACUUM";
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "table", "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(20))", "DROP TABLE account")
                .add("b2", List.of("a1"), "outside", statement, "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("Revision b2 (versions/b2.sql) failed at statement:\n    " + statement)
                    .hasMessageContaining("\nThis statement cannot run inside a transaction: mark the revision "
                            + "'-- retort:transactional false' (a Java revision: @Revision(transactional = false)) to run it outside one.")
                    .hasMessageEndingWith("Rolled back: the database is as it was before this run.");
        }
        // any other failure: no such advice
        TestRevisions typo = new TestRevisions().add("a1", List.of(), "typo", "CREAT TABLE x (id INTEGER)", "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, typo, false).run(typo::upgradeAll, false, null))
                    .hasMessageNotContaining("inside a transaction");
        }
    }

    /** Online as offline: a wrong number of parameters is Retort's message, not the driver's ("No value specified for parameter 2"). */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aWrongNumberOfParametersIsNamedOnline(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "table", "CREATE TABLE t0 (id INTEGER PRIMARY KEY, y INTEGER)", "DROP TABLE t0")
                .addCode("b2", List.of("a1"), "data", op -> op.execute("UPDATE t0 SET y = ? WHERE id = ?", 1));
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("Revision b2")
                    .hasMessageContaining("Statement has 2 ? placeholder(s) but 1 parameter(s): UPDATE t0 SET y = ? WHERE id = ?");
        }
    }

    /** A failure inside a revision that runs outside a transaction: its earlier statements stay, and the message says so. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aFailureOutsideATransactionSaysWhatStays(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "table", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                .add("b2", List.of("a1"), "outside", "CREATE TABLE kept (id INTEGER);\nCREAT TABLE typo (id INTEGER)", "SELECT 1", false);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("This revision runs outside a transaction (transactional false): these statements "
                            + "of the revision stay applied:\n    CREATE TABLE kept (id INTEGER)\nThe version table says a1;");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kept")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    /**
     * SQLite's foreign_keys goes back to what it was at the start of the run, as MariaDB's foreign_key_checks does: a
     * revision's PRAGMA foreign_keys = OFF (or a move-and-copy's, cut short by a failure) must not hand an application's
     * pooled connection back without its keys; and a failed revision does not list the pragma as staying.
     */
    @org.junit.jupiter.api.Test
    void sqliteForeignKeysAreAsTheyWereWhenTheRunEnds() throws Exception {
        Engine engine = Engine.SQLITE;
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "keys off", "PRAGMA foreign_keys = OFF;\nCREATE TABLE parent (id INTEGER PRIMARY KEY)", "DROP TABLE parent", false)
                .add("b2", List.of("a1"), "fails", "PRAGMA foreign_keys = OFF;\nCREATE TABLE kept (id INTEGER);\nCREAT TABLE typo (id INTEGER)", "SELECT 1", false);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("stay applied:\n    CREATE TABLE kept (id INTEGER)\n(not listed: the session settings");
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    /**
     * t32-4: a SQLite move-and-copy that fails in a transactional-false revision is rolled back to its savepoint by the
     * run, and the message lists what stays (the revision's statement before it), not the copy's DROP TABLE and the rest,
     * which left the table as it was but were listed as staying, to be repaired by hand.
     */
    @org.junit.jupiter.api.Test
    void aFailedCopyOutsideATransactionIsRolledBackToItsSavepointAndNotListedAsStaying() throws Exception {
        Engine engine = Engine.SQLITE;
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "table", "CREATE TABLE item (id INTEGER PRIMARY KEY, code TEXT);\n"
                        + "CREATE UNIQUE INDEX ux_item_code ON item (code);\nINSERT INTO item VALUES (1, '1'), (2, '01')", "DROP TABLE item")
                .addCode("b2", List.of("a1"), "retype", op -> {
                    op.execute("CREATE TABLE kept (id INTEGER)");
                    op.alterColumn("item", "code", a -> a.type(dev.retort.migration.Migration.INTEGER)
                            .existingType(dev.retort.migration.Migration.TEXT));
                }, false);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("UNIQUE constraint failed")
                    .hasMessageContaining("these statements of the revision stay applied:\n    CREATE TABLE kept (id INTEGER)\n(not listed: ")
                    .hasMessageContaining("rolled back to its savepoint)")
                    .hasMessageNotContaining("DROP TABLE item");
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT group_concat(code, ',') FROM (SELECT code FROM item ORDER BY id)")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("1,01");
                }
                try (ResultSet rs = s.executeQuery("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master ORDER BY name)")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).contains("ux_item_code").doesNotContain("_retort_tmp");
                }
                assertThat(c.getAutoCommit()).isTrue();
                s.execute("BEGIN"); // no transaction was left open: a new one starts
                s.execute("ROLLBACK");
            }
        }
    }

    /**
     * t43-4: MariaDB's list of what stays applied leaves out every SET that changes only the session, mariadb-dump's
     * {@code /*!40101 ... *}{@code /} and {@code /*M!100616 ... *}{@code /} alike, and a revision's {@code SET @x = 1}.
     */
    @org.junit.jupiter.api.Test
    void mariaDbListsNoSessionSets() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        TestRevisions revs = new TestRevisions().add("c1", List.of(), "dump", "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
                + "/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */;\nSET @x = 1;\n"
                + "CREATE TABLE c1t (a int);\nINSERT INTO no_such_table VALUES (1)", "DROP TABLE c1t");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, Engine.MARIADB, revs, false).run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("these statements of the revision stay applied (what ran after the last of them was"
                            + " rolled back):\n    CREATE TABLE c1t (a int)\n(not listed: the session settings and variables"
                            + " it SET, which change nothing in the database; the run puts back some when it ends, the others stay on the"
                            + " connection)\n");
        }
    }

    /**
     * A failed revision outside a transaction: the session SETs the run puts back (role, session_replication_role,
     * statement_timeout) are not listed among what "stays applied" to repair by hand; they are back (r5-6).
     */
    @org.junit.jupiter.api.Test
    void aFailureOutsideATransactionDoesNotListTheSettingsPutBack() throws Exception {
        String owner = "rt_r56_" + Long.toHexString(System.nanoTime());
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "outside", "SET statement_timeout = '2s';\nSET session_replication_role = replica;\n"
                        + "SET ROLE " + owner + ";\nCREATE TABLE kept (id INTEGER);\nSELECT 1/0", "SELECT 1", false);
        TestRevisions settingsOnly = new TestRevisions()
                .add("b2", List.of(), "only settings", "SET ROLE " + owner + ";\nSELECT 1/0", "SELECT 1", false);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + owner + " SUPERUSER");
            }
            try {
                String query = "SELECT current_user || ' ' || current_setting('role') || ' ' || current_setting('session_replication_role')"
                        + " || ' ' || current_setting('statement_timeout')";
                String before = firstValue(c, query);
                assertThatThrownBy(() -> migrator(c, Engine.POSTGRESQL, revs, false).run(revs::upgradeAll, false, null))
                        .isInstanceOf(MigrationFailedException.class)
                        .hasMessageContaining("these statements of the revision stay applied:\n    CREATE TABLE kept (id INTEGER)\n"
                                + "(not listed: the session settings it SET, which the run puts back when it ends)\n"
                                + "The version table says unversioned (base);");
                assertThat(firstValue(c, query)).isEqualTo(before);
                assertThatThrownBy(() -> migrator(c, Engine.POSTGRESQL, settingsOnly, false).run(settingsOnly::upgradeAll, false, null))
                        .hasMessageContaining("Nothing of this revision stays applied: what ran before the failure only SET"
                                + " session settings, which the run puts back when it ends.");
                assertThat(firstValue(c, query)).isEqualTo(before);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("RESET ROLE");
                    s.execute("DROP OWNED BY " + owner);
                    s.execute("DROP ROLE IF EXISTS " + owner);
                }
            }
        }
    }

    /**
     * Where DDL commits as it goes, the failure lists what of the revision stayed applied, and says so when nothing
     * did (the first statement failed), instead of the same sentence either way (t10-4).
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void aFailureWhereDdlCommitsSaysWhatStays(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "table", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                .add("b2", List.of("a1"), "half", "CREATE TABLE kept (id INTEGER);\nCREATE INDEX ix_kept\n  ON kept (id);\n"
                        + "INSERT INTO kept VALUES (1);\nCREAT TABLE typo (id INTEGER)", "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("these statements of the revision stay applied (what ran after the last of them was"
                            + " rolled back):\n    CREATE TABLE kept (id INTEGER)\n    CREATE INDEX ix_kept ON kept (id)\n"
                            + "The version table says a1;");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("the INSERT after the last DDL was rolled back (r4-2)").isZero();
            }
            TestRevisions first = new TestRevisions()
                    .add("a1", List.of(), "table", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                    .add("b2", List.of("a1"), "fixed?", "CREAT TABLE typo (id INTEGER)", "SELECT 1");
            assertThatThrownBy(() -> migrator(c, engine, first, false).run(first::upgradeAll, false, null))
                    .hasMessageContaining("Nothing of this revision stays applied: it failed at its first statement. The version"
                            + " table says a1; fix the revision and run again.");
            TestRevisions data = new TestRevisions()
                    .add("a1", List.of(), "table", "CREATE TABLE account (id INTEGER PRIMARY KEY)", "DROP TABLE account")
                    .add("b2", List.of("a1"), "data", "INSERT INTO account VALUES (1);\nINSERT INTO account VALUES (1)", "SELECT 1");
            assertThatThrownBy(() -> migrator(c, engine, data, false).run(data::upgradeAll, false, null))
                    .hasMessageContaining("Nothing of this revision stays applied: what ran before the failure was rolled back.");
        }
    }

    /**
     * t20-1: MariaDB and H2 commit before running a DDL statement, also one that then fails: a data statement before
     * it stays applied and is listed; a DDL statement refused by the parser commits nothing, and the message says so.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void aDataStatementBeforeAFailingDdlStatementIsListedAsApplied(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "table", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);\nINSERT INTO t VALUES (1, 1)",
                        "DROP TABLE t")
                .add("b2", List.of("a1"), "backfill then key", "UPDATE t SET a = a + 100;\n"
                        + "ALTER TABLE t ADD CONSTRAINT pk_t_a PRIMARY KEY (a)", "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("these statements of the revision stay applied (the failed statement committed"
                            + " them: ")
                    .hasMessageContaining(" commits before each DDL statement, even one that then fails):\n"
                            + "    UPDATE t SET a = a + 100\nThe version table says a1;")
                    .hasMessageNotContaining("rolled back");
            assertThat(firstValue(c, "SELECT a FROM t")).isEqualTo("101");
            TestRevisions typo = new TestRevisions()
                    .add("a1", List.of(), "table", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);\nINSERT INTO t VALUES (1, 1)",
                            "DROP TABLE t")
                    .add("b2", List.of("a1"), "backfill then typo", "UPDATE t SET a = a + 100;\n"
                            + "ALTER TABLE t ADD CONSTRAINT pk_t_a PRIMARY KEY (", "SELECT 1");
            assertThatThrownBy(() -> migrator(c, engine, typo, false).run(typo::upgradeAll, false, null))
                    .hasMessageContaining("Nothing of this revision stays applied: what ran before the failure was rolled back.");
            assertThat(firstValue(c, "SELECT a FROM t")).as("the parser refused the ALTER: nothing committed").isEqualTo("101");
        }
    }

    /**
     * t24-1: CREATE TEMPORARY TABLE commits nothing on MariaDB (on H2, a TRANSACTIONAL one): the UPDATE before it is
     * rolled back with the revision, and the message does not list it as staying applied.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void aTemporaryTableCommitsNothingThatRanBeforeIt(Engine engine) throws Exception {
        String temporary = engine == Engine.H2 ? "CREATE LOCAL TEMPORARY TABLE scratch (id INTEGER) TRANSACTIONAL"
                : "CREATE TEMPORARY TABLE scratch (id INTEGER)";
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "table", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);\nINSERT INTO t VALUES (1, 1)",
                        "DROP TABLE t")
                .add("b2", List.of("a1"), "update, scratch table, typo", "UPDATE t SET a = 2;\n" + temporary
                        + ";\nINSERT INTO nosuch VALUES (1)", "SELECT 1");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Nothing of this revision stays applied: what ran before the failure was rolled back.")
                    .hasMessageNotContaining("UPDATE t");
            assertThat(firstValue(c, "SELECT a FROM t")).isEqualTo("1");
        }
    }

    private static TestRevisions updateThen(String statement, String procedure) {
        return new TestRevisions()
                .add("c1", List.of(), "table", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);\nINSERT INTO t VALUES (1, 1)"
                        + (procedure == null ? "" : ";\n" + procedure), "DROP TABLE t")
                .add("c2", List.of("c1"), "update, then " + statement, "UPDATE t SET a = 2;\n" + statement
                        + ";\nINSERT INTO nosuch VALUES (1)", "SELECT 1");
    }

    /**
     * t24-3: statements MariaDB commits for besides CREATE/ALTER/DROP (mariadb-dump's executable comments, LOCK
     * TABLES, ANALYZE, FLUSH, SET autocommit = 1, a CALL whose procedure runs DDL): the UPDATE before them is committed,
     * and the message lists it as staying applied instead of saying nothing stays.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/*!40000 ALTER TABLE t DISABLE KEYS */", "CALL mk()", "ANALYZE TABLE t", "LOCK TABLES t WRITE",
            "SET autocommit = 1", "FLUSH TABLES", "OPTIMIZE TABLE t", "CHECK TABLE t", "SET STATEMENT max_statement_time = 100 FOR ALTER TABLE t COMMENT 'x'"})
    void aStatementThatCommitsImplicitlyLeavesTheUpdateBeforeItApplied(String statement) throws Exception {
        TestRevisions revs = updateThen(statement, "CREATE PROCEDURE mk() CREATE TABLE IF NOT EXISTS made_by_proc (id INT)");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, Engine.MARIADB, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("these statements of the revision stay applied (")
                    .hasMessageContaining(":\n    UPDATE t SET a = 2\n")
                    .hasMessageNotContaining("Nothing of this revision stays applied")
                    .hasMessageContaining("The version table says c1;");
            assertThat(firstValue(c, "SELECT a FROM t")).isEqualTo("2");
        }
    }

    /**
     * t24-3: a CALL whose procedure ran DDL, then a data change, left work uncommitted: whether the UPDATE before the
     * CALL was committed the database cannot say, and the message says it may stay applied, not that it was rolled back.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB"})
    void whatACallMayHaveCommittedIsListedAsPerhapsApplied(Engine engine) throws Exception {
        TestRevisions revs = updateThen("CALL ddl_then_dml()", "CREATE PROCEDURE ddl_then_dml() BEGIN CREATE TABLE IF NOT EXISTS"
                + " made_by_proc (id INT); UPDATE t SET a = a + 1000; END");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, engine, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("cannot roll back schema changes: these statements of the revision may stay applied"
                            + " (committed if CALL ddl_then_dml() committed the transaction (a CALL does when its procedure runs"
                            + " DDL), which the database cannot say):\n    UPDATE t SET a = 2\n    CALL ddl_then_dml()\nThe version table says c1;");
            assertThat(firstValue(c, "SELECT a FROM t")).as("the procedure's CREATE TABLE committed the UPDATE").isEqualTo("2");
        }
    }

    /** t24-3 on H2: ANALYZE and a SET of a database setting commit what ran before them. */
    @ParameterizedTest
    @ValueSource(strings = {"ANALYZE", "SET MODE MySQL", "SET AUTOCOMMIT TRUE"})
    void h2StatementsThatCommitLeaveTheUpdateBeforeThemApplied(String statement) throws Exception {
        TestRevisions revs = updateThen(statement, null);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, Engine.H2, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("these statements of the revision stay applied (")
                    .hasMessageContaining(":\n    UPDATE t SET a = 2\n");
            assertThat(firstValue(c, "SELECT a FROM t")).isEqualTo("2");
        }
    }

    /** t27-1: a table's SET REFERENTIAL_INTEGRITY and BACKUP do not commit on H2: the UPDATE before them is rolled back. */
    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE t SET REFERENTIAL_INTEGRITY FALSE", "BACKUP TO '%s'"})
    void h2StatementsThatCommitNothingLeaveNothingApplied(String statement, @TempDir Path dir) throws Exception {
        TestRevisions revs = updateThen(String.format(statement, dir.resolve("backup.zip")), null);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            assertThatThrownBy(() -> migrator(c, Engine.H2, revs, false).run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Nothing of this revision stays applied: what ran before the failure was rolled back.")
                    .hasMessageNotContaining("UPDATE t");
            assertThat(firstValue(c, "SELECT a FROM t")).isEqualTo("1");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL"})
    void nonTransactionalRevisionRunsOutsideTheTransaction(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "table", "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(20))", "DROP TABLE account")
                .add("b2", List.of("a1"), "concurrent index", "CREATE INDEX CONCURRENTLY ix_name ON account (name)",
                        "DROP INDEX CONCURRENTLY ix_name", false)
                .add("c3", List.of("b2"), "more", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)", "DROP TABLE invoice");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            m.run(revs::upgradeAll, false, null);
            assertThat(m.heads()).containsExactly("c3");
            m.run(revs::downgradeAll, false, null);
            assertThat(m.heads()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void branchesAndMergeKeepOneRowPerHead(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "base", "CREATE TABLE a (id INTEGER)", "DROP TABLE a")
                .add("b2", List.of("a1"), "left", "CREATE TABLE b (id INTEGER)", "DROP TABLE b")
                .add("c3", List.of("a1"), "right", "CREATE TABLE c (id INTEGER)", "DROP TABLE c");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            m.run(revs::upgradeAll, false, null);
            assertThat(m.heads()).containsExactlyInAnyOrder("b2", "c3");
            revs.add("m4", List.of("b2", "c3"), "merge", "SELECT 1", "SELECT 1");
            m.run(revs::upgradeAll, false, null);
            assertThat(m.heads()).containsExactly("m4");
            assertThat(history(c)).last().isEqualTo("4 m4 upgrade [b2, c3] -> [m4] sum-m4");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void versionRowsThatDoNotMatchThePlanStopTheRun(Engine engine) {
        TestRevisions revs = TestRevisions.chain(2);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            m.run(revs::upgradeAll, false, null);
            Plan bogus = new Plan(Direction.STAMP, List.of(new Step(revs.header("r002"), Direction.STAMP,
                    List.of("zzzz"), List.of("r002"))));
            assertThatThrownBy(() -> m.run(cur -> bogus, false, null))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("expected to match one row when updating 'zzzz' to 'r002' in 'retort_version'; 0 found");
            assertThat(m.heads()).containsExactly("r002");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void dataMigrationSeesEarlierOperationsThroughTheConnection(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "table", "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(40), tier VARCHAR(10))",
                        "DROP TABLE account")
                .addCode("b2", List.of("a1"), "data", op -> {
                    op.execute("INSERT INTO account (id, name) VALUES (?, ?)", 1, "o'neil");
                    op.execute("INSERT INTO account (id, name) VALUES (?, ?)", 2, "bo");
                    try (Statement s = op.connection().createStatement();
                         ResultSet rs = s.executeQuery("SELECT id FROM account ORDER BY id")) {
                        while (rs.next()) {
                            op.execute("UPDATE account SET tier = ? WHERE id = ?", rs.getInt(1) == 1 ? "gold" : "none", rs.getInt(1));
                        }
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            migrator(c, engine, revs, true).run(revs::upgradeAll, false, "release-7");
            assertThat(DbSnapshot.of(c).get("account")).containsExactly(
                    "id=1 name=o'neil tier=gold", "id=2 name=bo tier=none");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT tag FROM retort_history")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("release-7");
            }
        }
    }

    static Set<String> set(String... ids) {
        return Set.of(ids);
    }

    /**
     * t62-6: where the run is one transaction, a failure after a revision outside one (transactional false) rolls back
     * the revisions run since, with their "Running upgrade" lines logged: the message names them, not only "this
     * revision's transaction".
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "SQLITE"})
    void aFailureAfterARevisionOutsideATransactionNamesTheRevisionsRolledBackWithIt(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions()
                .add("a1", List.of(), "t1", "CREATE TABLE t1 (id INTEGER)", null)
                .add("a2", List.of("a1"), "outside", "CREATE TABLE t2 (id INTEGER)", null, false)
                .add("a3", List.of("a2"), "t3", "CREATE TABLE t3 (id INTEGER)", null)
                .add("a4", List.of("a3"), "t4", "CREATE TABLE t4 (id INTEGER)", null)
                .add("a5", List.of("a4"), "fails", "CREATE TABLE t5 (id INTEGER);\nINSERT INTO nowhere VALUES (1)", null);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Migrator m = migrator(c, engine, revs, false);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null)).isInstanceOf(MigrationFailedException.class)
                    .hasMessageEndingWith("\nThe transaction holding a3, a4 and this revision was rolled back; what was"
                            + " committed before it stays. The database is at a2.");
            assertThat(m.heads()).containsExactly("a2");
        }
    }

    /**
     * t62-3: run as a uid without a passwd entry (a container's arbitrary uid) Java's user.name is '?', and applied_by
     * recorded that; now USER or LOGNAME, else the numeric uid.
     */
    @org.junit.jupiter.api.Test
    void appliedByIsNotAQuestionMarkForAUserWithoutAName() throws Exception {
        String was = System.getProperty("user.name");
        System.setProperty("user.name", "?");
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            migrator(c, Engine.SQLITE, TestRevisions.chain(1), false).run(TestRevisions.chain(1)::upgradeAll, false, null);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT applied_by FROM retort_history")) {
                assertThat(rs.next()).isTrue();
                String env = System.getenv("USER") != null && !System.getenv("USER").isBlank() ? System.getenv("USER") : System.getenv("LOGNAME");
                assertThat(rs.getString(1)).isNotBlank().isNotEqualTo("?")
                        .satisfiesAnyOf(by -> assertThat(by).isEqualTo(env), by -> assertThat(by).matches("uid=\\d+"));
            }
        } finally {
            System.setProperty("user.name", was);
        }
    }
}
