package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many runs upgrading one database at once: each revision applied and recorded exactly once, no errors. */
class ConcurrencyIT {
    private static final int THREADS = 8;
    private static final int REVISIONS = 15;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eightThreadsApplyEachRevisionOnce(Engine engine) throws Exception {
        eightThreads(engine, false);
    }

    /** One transaction per revision: on SQLite each commit releases the lock, so runs interleave and re-plan. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void eightThreadsWithATransactionPerRevision(Engine engine) throws Exception {
        eightThreads(engine, true);
    }

    private void eightThreads(Engine engine, boolean perRevision) throws Exception {
        TestRevisions revs = TestRevisions.chain(REVISIONS);
        Dialect dialect = Dialects.forName(engine.dialectName());
        try (TestDatabase db = TestDatabase.create(engine)) {
            assertThat(upgradeAtOnce(db, dialect, RuntimeSettings.defaults().withTransactionPerMigration(perRevision), revs))
                    .isEqualTo(REVISIONS);
            assertRecordedOnce(db);
        }
    }

    /** Eight runs of {@code revs} started together on {@code db}; the steps they applied in all. Rethrows any run's error. */
    private static int upgradeAtOnce(TestDatabase db, Dialect dialect, RuntimeSettings settings, TestRevisions revs) throws Exception {
        return runsAtOnce(db, dialect, settings, revs).stream().mapToInt(r -> r.applied().size()).sum();
    }

    /** Eight runs of {@code revs} started together on {@code db}; what each returned. Rethrows any run's error. */
    private static List<RunResult> runsAtOnce(TestDatabase db, Dialect dialect, RuntimeSettings settings, TestRevisions revs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RunResult>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            results.add(pool.submit(() -> {
                try (Connection c = db.connect()) {
                    Migrator m = new Migrator(c, dialect, settings, revs);
                    start.await();
                    return m.run(revs::upgradeAll, false, null);
                }
            }));
        }
        start.countDown();
        List<RunResult> all = new ArrayList<>();
        for (Future<RunResult> f : results) all.add(f.get(120, TimeUnit.SECONDS));
        pool.shutdown();
        return all;
    }

    /**
     * t15-13: a session holding a lock on the version table (LOCK TABLE, a stuck transaction) makes the run give up
     * after lock_timeout with a message naming the table, rather than wait without end; the session's own lock
     * wait setting is put back.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aLockHeldOnTheVersionTableEndsAfterTheTimeout(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(2);
        Dialect dialect = Dialects.forName(engine.dialectName());
        RuntimeSettings settings = RuntimeSettings.defaults().withLockTimeout(Duration.ofSeconds(1));
        try (TestDatabase db = TestDatabase.create(engine); Connection run = db.connect(); Connection holder = db.connect()) {
            TestRevisions first = TestRevisions.chain(1);
            new Migrator(run, dialect, settings, first).run(first::upgradeAll, false, null);
            String setting = engine == Engine.POSTGRESQL ? "current_setting('lock_timeout')" : "@@SESSION.lock_wait_timeout";
            String before = scalar(run, "SELECT " + setting);
            try {
                lockTable(engine, holder, "retort_version");
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> new Migrator(run, dialect, settings, revs).run(revs::upgradeAll, false, null))
                        .isInstanceOf(RetortException.class)
                        .hasMessageContaining("Timed out after 1 s (lock_timeout) waiting to read the version table")
                        .hasMessageContaining("retort_version")
                        .hasMessageContaining("another session holds a lock on it");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
                // t62-5: a read outside a run (current) names the table as the run does, with its schema
                String schema = scalar(run, engine == Engine.POSTGRESQL ? "SELECT current_schema()" : "SELECT DATABASE()");
                assertThatThrownBy(() -> new Migrator(run, dialect, settings, revs).heads())
                        .hasMessageContaining("waiting to read the version table " + schema + ".retort_version on");
            } finally {
                unlockTables(engine, holder);
            }
            assertThat(scalar(run, "SELECT " + setting)).isEqualTo(before);
            assertThat(new Migrator(run, dialect, settings, revs).run(revs::upgradeAll, false, null).applied()).hasSize(1);
        }
    }

    /**
     * t67-1: a session holding a lock on the history table made the run's read of its last number (under the migration
     * lock) and check's read of the checksums wait without a word for as long as it lived; they end after lock_timeout
     * now, naming the table, as the version table's read does, and the session's lock wait setting is put back.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aLockHeldOnTheHistoryTableEndsAfterTheTimeout(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(2);
        Dialect dialect = Dialects.forName(engine.dialectName());
        RuntimeSettings settings = RuntimeSettings.defaults().withLockTimeout(Duration.ofSeconds(1)).withDisplayUrl("test:" + engine);
        try (TestDatabase db = TestDatabase.create(engine); Connection run = db.connect(); Connection holder = db.connect()) {
            TestRevisions first = TestRevisions.chain(1);
            new Migrator(run, dialect, settings, first).run(first::upgradeAll, false, null);
            String setting = engine == Engine.POSTGRESQL ? "current_setting('lock_timeout')" : "@@SESSION.lock_wait_timeout";
            String before = scalar(run, "SELECT " + setting);
            String schema = scalar(run, engine == Engine.POSTGRESQL ? "SELECT current_schema()" : "SELECT DATABASE()");
            try {
                lockTable(engine, holder, "retort_history");
                long t0 = System.nanoTime();
                // on a thread: the read waited as long as the holder, which this thread holds
                CompletableFuture<RunResult> upgrade = CompletableFuture.supplyAsync(
                        () -> new Migrator(run, dialect, settings, revs).run(revs::upgradeAll, false, null));
                assertThatThrownBy(() -> upgrade.get(20, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOfSatisfying(MigrationFailedException.class, e -> assertThat(e.revision()).isNull())
                        .hasMessageStartingWith("Migration run on test:" + engine + " failed: Timed out after 1 s (lock_timeout)"
                                + " waiting to read the history table " + schema + ".retort_history: another session holds a lock on it")
                        .hasMessageContaining("Rolled back: the database is as it was before this run.")
                        .message().doesNotContain("r002");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
                // outside a run (check, editedSinceApplied()): named with its schema as well, as the run names it
                CompletableFuture<java.util.Map<String, String>> checksums = CompletableFuture.supplyAsync(
                        () -> new Migrator(run, dialect, settings, revs).recordedChecksums());
                assertThatThrownBy(() -> checksums.get(20, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(RetortException.class)
                        .hasMessageStartingWith("Timed out after 1 s (lock_timeout) waiting to read the history table "
                                + schema + ".retort_history on test:" + engine + ": another session holds a lock on it")
                        .hasMessageEndingWith("Nothing was changed.");
            } finally {
                unlockTables(engine, holder);
            }
            assertThat(scalar(run, "SELECT " + setting)).isEqualTo(before);
            assertThat(new Migrator(run, dialect, settings, revs).heads()).containsExactly("r001");
            assertThat(new Migrator(run, dialect, settings, revs).run(revs::upgradeAll, false, null).applied()).hasSize(1);
        }
    }

    /**
     * An upgrade with nothing to do still checks the applied revisions for edits (t56-7), reading the history table:
     * behind a session's lock on it, the upgrade waited out lock_timeout and said why only at DEBUG. It succeeds, and
     * a warning says the check was skipped and why.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void anUpgradeWhoseEditCheckCannotReadTheHistorySaysSo(Engine engine, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path versions = java.nio.file.Files.createDirectories(dir.resolve("db/versions"));
        java.nio.file.Files.writeString(versions.resolve("a.sql"), "-- retort:revision aaaa00000001\n-- retort:message a\n"
                + "-- retort:upgrade\nCREATE TABLE a (id INTEGER);\n-- retort:downgrade\nDROP TABLE a;\n");
        try (TestDatabase db = TestDatabase.create(engine); Connection holder = db.connect()) {
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).lockTimeout(Duration.ofSeconds(1)).build();
            retort.upgrade("head");
            try {
                lockTable(engine, holder, "retort_history");
                String err = dev.retort.testing.Stderr.of(() -> assertThat(retort.upgrade("head").applied()).isEmpty());
                assertThat(err).contains("The run is done, but its check for applied revisions edited since they ran (as"
                        + " check does) was skipped: Timed out after 1 s (lock_timeout) waiting to read the history table")
                        .doesNotContainIgnoringCase("nothing was changed");
            } finally {
                unlockTables(engine, holder);
            }
        }
    }

    /**
     * r10-2: another session's open transaction holding the version row (it updated it) bounds the run's write of
     * the row by lock_timeout too: the run fails and rolls back, and nothing is recorded when the holder commits.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aRowLockHeldOnTheVersionRowEndsAfterTheTimeout(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(2);
        Dialect dialect = Dialects.forName(engine.dialectName());
        RuntimeSettings settings = RuntimeSettings.defaults().withLockTimeout(Duration.ofSeconds(1));
        try (TestDatabase db = TestDatabase.create(engine); Connection run = db.connect(); Connection holder = db.connect()) {
            TestRevisions first = TestRevisions.chain(1);
            new Migrator(run, dialect, settings, first).run(first::upgradeAll, false, null);
            String setting = engine == Engine.POSTGRESQL ? "current_setting('lock_timeout')" : "@@SESSION.innodb_lock_wait_timeout";
            String before = scalar(run, "SELECT " + setting);
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeUpdate("UPDATE retort_version SET version_num = version_num");
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> new Migrator(run, dialect, settings, revs).run(revs::upgradeAll, false, null))
                        .isInstanceOf(RetortException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            } finally {
                holder.commit();
            }
            assertThat(scalar(run, "SELECT " + setting)).isEqualTo(before);
            assertThat(scalar(run, "SELECT version_num FROM retort_version")).isEqualTo("r001");
        }
    }

    private static String scalar(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * t15-11: projects with version tables of their own share one history table, and their runs take different
     * locks: both create it at once, then number their history rows at once; every run succeeds and each step
     * has a row of its own.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void projectsSharingTheHistoryTableRunAtOnce(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        try (TestDatabase db = TestDatabase.create(engine)) {
            for (boolean perRevision : new boolean[]{true, false}) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<RunResult>> results = new ArrayList<>();
                for (int p = 0; p < 4; p++) {
                    RuntimeSettings settings = new RuntimeSettings("v_" + p + (perRevision ? "a" : "b"), null, null,
                            perRevision, null, null, null, null);
                    TestRevisions revs = new TestRevisions();
                    String tables = "p" + p + (perRevision ? "a" : "b") + "_";
                    for (int i = 1; i <= REVISIONS; i++) {
                        revs.add("r" + i, i == 1 ? List.of() : List.of("r" + (i - 1)), "step " + i,
                                "CREATE TABLE " + tables + i + " (id INTEGER)", "DROP TABLE " + tables + i);
                    }
                    results.add(pool.submit(() -> {
                        try (Connection c = db.connect()) {
                            Migrator m = new Migrator(c, dialect, settings, revs);
                            start.await();
                            return m.run(revs::upgradeAll, false, null);
                        }
                    }));
                }
                start.countDown();
                for (Future<RunResult> f : results) assertThat(f.get(120, TimeUnit.SECONDS).applied()).hasSize(REVISIONS);
                pool.shutdown();
            }
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT seq) FROM retort_history")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(8 * REVISIONS);
                assertThat(rs.getInt(2)).isEqualTo(8 * REVISIONS);
            }
        }
    }

    /**
     * A revision outside a transaction on SQLite: the write lock (the transaction) is not held while it
     * runs, and a waiting run once got in between its statements and ran it a second time.
     */
    @org.junit.jupiter.api.Test
    void aSqliteRevisionOutsideATransactionRunsOnce() throws Exception {
        TestRevisions revs = new TestRevisions();
        revs.add("n1", List.of(), "hits", "CREATE TABLE hits (n INTEGER)", "DROP TABLE hits", true);
        revs.add("n2", List.of("n1"), "slow, outside a transaction",
                "INSERT INTO hits WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT COUNT(*) FROM c;\n"
                        + "INSERT INTO hits WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT COUNT(*) FROM c",
                "DELETE FROM hits", false);
        revs.add("n3", List.of("n2"), "after", "CREATE TABLE after_it (id INTEGER)", "DROP TABLE after_it", true);
        Dialect dialect = Dialects.forName("sqlite");
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            List<RunResult> runs = runsAtOnce(db, dialect, RuntimeSettings.defaults(), revs);
            assertThat(runs.stream().mapToInt(r -> r.applied().size()).sum()).isEqualTo(3);
            // a run that waited while another ran everything found nothing to do: it says so, from the rows it found
            assertThat(runs.stream().filter(r -> r.applied().isEmpty()))
                    .isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.before()).containsExactly("n3");
                        assertThat(r.nothingToDo()).isTrue();
                    });
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM hits")) {
                rs.next();
                assertThat(rs.getInt(1)).as("rows the revision outside a transaction inserted").isEqualTo(2);
            }
        }
    }

    /**
     * One revision that runs {@code first}, says it is inside ({@code inside}), then holds its run, and so the lock,
     * until {@code goOn} (30 s at the most).
     */
    private static TestRevisions holding(String id, CountDownLatch inside, CountDownLatch goOn,
                                         java.util.function.Consumer<dev.retort.migration.Operations> first) {
        return new TestRevisions().addCode(id, List.of(), "slow", op -> {
            first.accept(op);
            inside.countDown();
            try {
                goOn.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, true);
    }

    /**
     * t30-2: a schema per tenant, each with its version table found through the search_path: a run on one tenant
     * does not wait for a run on another (PostgreSQL's advisory locks are the database's, so the key names the
     * schema), while two runs on one tenant still do.
     */
    @org.junit.jupiter.api.Test
    void postgresRunsOnOtherSchemasVersionTablesDoNotWaitForEachOther() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        TestRevisions slow = holding("t1", inside, goOn, op -> { });
        TestRevisions quick = new TestRevisions().add("t1", List.of(), "quick", "CREATE TABLE t (id int)", "DROP TABLE t");
        Dialect dialect = Dialects.forName("postgresql");
        RuntimeSettings settings = RuntimeSettings.defaults().withLockTimeout(Duration.ofSeconds(1));
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection one = db.connect();
             Connection two = db.connect(); Connection alsoOne = db.connect()) {
            try (Statement s = one.createStatement()) {
                s.execute("CREATE SCHEMA tenant1; CREATE SCHEMA tenant2");
            }
            for (var e : java.util.Map.of(one, "tenant1", two, "tenant2", alsoOne, "tenant1").entrySet()) {
                try (Statement s = e.getKey().createStatement()) {
                    s.execute("SET search_path = " + e.getValue());
                }
            }
            CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(
                    () -> new Migrator(one, dialect, settings, slow).run(slow::upgradeAll, false, null));
            try {
                assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
                assertThat(new Migrator(two, dialect, settings, quick).run(quick::upgradeAll, false, null).applied())
                        .as("tenant2's run, while tenant1's holds its lock").hasSize(1);
                assertThatThrownBy(() -> new Migrator(alsoOne, dialect, settings, quick).run(quick::upgradeAll, false, null))
                        .hasMessageStartingWith("Timed out after 1 s waiting for the migration lock 'retort:tenant1.retort_version'");
            } finally {
                goOn.countDown();
            }
            assertThat(first.get(30, TimeUnit.SECONDS).applied()).hasSize(1);
            assertThat(scalar(two, "SELECT version_num FROM tenant2.retort_version")).isEqualTo("t1");
            assertThat(scalar(two, "SELECT version_num FROM tenant1.retort_version")).isEqualTo("t1");
        }
    }

    /**
     * t26-1: one version table named two ways (version_table_schema naming the schema, or left to the connection's,
     * which is that schema) is one lock: the second run waits instead of running the first's revision beside it.
     * t72-3: on H2 too, whose lock row was named after version_table_schema as configured.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void oneVersionTableNamedWithOrWithoutItsSchemaIsOneLock(Engine engine) throws Exception {
        TestDatabase.assumeAvailable(engine);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        TestRevisions slow = holding("s1", inside, goOn, op -> { });
        Dialect dialect = Dialects.forName(engine.dialectName());
        try (TestDatabase db = TestDatabase.create(engine); Connection one = db.connect(); Connection two = db.connect()) {
            String schema = engine == Engine.POSTGRESQL ? "public" : engine == Engine.H2 ? "PUBLIC" : one.getCatalog();
            RuntimeSettings implied = RuntimeSettings.defaults().withLockTimeout(Duration.ofSeconds(1));
            RuntimeSettings named = new RuntimeSettings(null, schema, null, false, Duration.ofSeconds(1), null, null, null);
            CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(
                    () -> new Migrator(one, dialect, implied, slow).run(slow::upgradeAll, false, null));
            try {
                assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
                assertThatThrownBy(() -> new Migrator(two, dialect, named, slow).run(slow::upgradeAll, false, null))
                        .hasMessageStartingWith("Timed out after 1 s waiting for the migration lock 'retort:" + schema
                                + ".retort_version'");
            } finally {
                goOn.countDown();
            }
            assertThat(first.get(30, TimeUnit.SECONDS).applied()).hasSize(1);
            assertThat(new Migrator(two, dialect, named, slow).run(slow::upgradeAll, false, null).applied()).isEmpty();
        }
    }

    /**
     * t72-3: H2 folds a bare name to upper case, so version_table {@code RETORT_VERSION} is the default's table; its
     * lock row was another, and the two runs both applied the revision.
     */
    @org.junit.jupiter.api.Test
    void h2OneVersionTableNamedInEitherCaseIsOneLock() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        TestRevisions slow = holding("u1", inside, goOn, op -> op.execute("INSERT INTO counter VALUES (1)"));
        Dialect dialect = Dialects.forName("h2");
        RuntimeSettings lower = RuntimeSettings.defaults().withLockTimeout(Duration.ofSeconds(1));
        RuntimeSettings upper = new RuntimeSettings("RETORT_VERSION", null, null, false, Duration.ofSeconds(1), null, null, null);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection one = db.connect(); Connection two = db.connect()) {
            try (Statement s = one.createStatement()) {
                s.execute("CREATE TABLE counter (n INT)");
            }
            CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(
                    () -> new Migrator(one, dialect, lower, slow).run(slow::upgradeAll, false, null));
            try {
                assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
                assertThatThrownBy(() -> new Migrator(two, dialect, upper, slow).run(slow::upgradeAll, false, null))
                        .hasMessageStartingWith("Timed out after 1 s waiting for the migration lock 'retort:RETORT_VERSION'"
                                + " (H2 lock table retort_lock, row 'retort:retort_version')");
            } finally {
                goOn.countDown();
            }
            assertThat(first.get(30, TimeUnit.SECONDS).applied()).hasSize(1);
            assertThat(new Migrator(two, dialect, upper, slow).run(slow::upgradeAll, false, null).nothingToDo()).isTrue();
            assertThat(scalar(one, "SELECT COUNT(*) FROM counter")).isEqualTo("1");
        }
    }

    /**
     * t30-5: H2 runs on one version_table_schema that start in different schemas meet on one lock (its table beside the
     * version table, not in each run's starting schema): the second waits rather than running the revision again.
     */
    @org.junit.jupiter.api.Test
    void h2RunsStartingInOtherSchemasShareTheVersionTablesLock() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        TestRevisions slow = holding("h1", inside, goOn, op -> op.execute("INSERT INTO audit.counter VALUES (1)"));
        Dialect dialect = Dialects.forName("h2");
        RuntimeSettings settings = new RuntimeSettings(null, "audit", null, false, Duration.ofSeconds(1), null, null, null);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection first = db.connect(); Connection second = db.connect()) {
            try (Statement s = first.createStatement()) {
                s.execute("CREATE SCHEMA audit");
                s.execute("CREATE SCHEMA other");
                s.execute("CREATE TABLE audit.counter (n INT)");
            }
            try (Statement s = second.createStatement()) {
                s.execute("SET SCHEMA other");
            }
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(
                    () -> new Migrator(first, dialect, settings, slow).run(slow::upgradeAll, false, null));
            try {
                assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
                assertThatThrownBy(() -> new Migrator(second, dialect, settings, slow).run(slow::upgradeAll, false, null))
                        .hasMessageStartingWith("Timed out after 1 s waiting for the migration lock 'retort:audit.retort_version'");
            } finally {
                goOn.countDown();
            }
            assertThat(run.get(30, TimeUnit.SECONDS).applied()).hasSize(1);
            assertThat(new Migrator(second, dialect, settings, slow).run(slow::upgradeAll, false, null).nothingToDo()).isTrue();
            assertThat(scalar(first, "SELECT COUNT(*) FROM audit.counter")).isEqualTo("1");
            assertThat(scalar(first, "SELECT LISTAGG(TABLE_SCHEMA, ',') FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE UPPER(TABLE_NAME) = 'RETORT_LOCK'")).isEqualTo("AUDIT");
        }
    }

    /**
     * While a SQLite run is inside a revision outside a transaction, the lock stays held: a downgrade or stamp
     * (which would never take the lock for such a revision themselves) used to get in between its statements
     * and move the version table under it (t8-4).
     */
    @org.junit.jupiter.api.Test
    void aSqliteRunKeepsItsLockThroughARevisionOutsideATransaction() throws Exception {
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch goOn = new java.util.concurrent.CountDownLatch(1);
        TestRevisions revs = new TestRevisions()
                .add("n1", List.of(), "table", "CREATE TABLE hits (n INTEGER)", "DROP TABLE hits")
                .addCode("n2", List.of("n1"), "outside a transaction", op -> {
                    op.execute("INSERT INTO hits VALUES (1)");
                    inside.countDown();
                    try {
                        goOn.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, false)
                .add("n3", List.of("n2"), "after", "CREATE TABLE after_it (id INTEGER)", "DROP TABLE after_it");
        Dialect dialect = Dialects.forName("sqlite");
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection runs = db.connect(); Connection other = db.connect()) {
            java.util.concurrent.CompletableFuture<RunResult> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new Migrator(runs, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue();
                String key = RuntimeSettings.defaults().lockName();
                assertThatThrownBy(() -> dialect.lock().acquire(other, key, Duration.ofMillis(300)))
                        .hasMessageStartingWith("Timed out after 0.3 s waiting for the migration lock");
            } finally {
                goOn.countDown();
            }
            assertThat(run.get(30, TimeUnit.SECONDS).applied()).hasSize(3);
            try (DatabaseLock.Held got = dialect.lock().acquire(other, RuntimeSettings.defaults().lockName(), Duration.ofSeconds(5))) {
                assertThat(got).as("released at the end of the run").isNotNull();
            }
        }
    }

    /**
     * A run of the same JVM that gives up waiting must not take the holder's lock with it: on Linux, closing any
     * descriptor of the lock file drops all of the process's locks on it (r4-1). Another process checks.
     */
    @org.junit.jupiter.api.Test
    void aSqliteWaiterThatGivesUpLeavesTheHoldersLock() throws Exception {
        Dialect dialect = Dialects.forName("sqlite");
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection holder = db.connect(); Connection waiter = db.connect()) {
            String key = RuntimeSettings.defaults().lockName();
            try (DatabaseLock.Held held = dialect.lock().acquire(holder, key, Duration.ofSeconds(5))) {
                assertThatThrownBy(() -> dialect.lock().acquire(waiter, key, Duration.ofMillis(200)))
                        .hasMessageStartingWith("Timed out after 0.2 s");
                String lockFile = db.url().substring("jdbc:sqlite:".length()) + ".retort-lock";
                Process p;
                try {
                    p = new ProcessBuilder("python3", "-c", "import fcntl,sys\nf=open(sys.argv[1],'a')\n"
                            + "try:\n fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n sys.exit(3)\n", lockFile)
                            .redirectErrorStream(true).start();
                } catch (java.io.IOException e) {
                    org.junit.jupiter.api.Assumptions.abort("python3 is not installed: " + e.getMessage());
                    return;
                }
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as("another process finds the file locked: "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB"})
    void separateProcessesApplyEachRevisionOnce(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            List<Process> processes = new ArrayList<>();
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            for (int i = 0; i < 3; i++) {
                processes.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("java.class.path"), ConcurrentUpgradeMain.class.getName(), db.url(),
                        String.valueOf(REVISIONS)).redirectErrorStream(true).start());
            }
            int total = 0;
            for (Process p : processes) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                total += Integer.parseInt(out.lines().filter(l -> l.startsWith("applied ")).findFirst()
                        .orElseThrow(() -> new AssertionError(out)).substring(8).trim());
            }
            assertThat(total).isEqualTo(REVISIONS);
            assertRecordedOnce(db);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void waitingLongerThanTheTimeoutFailsNamingTheLock(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        try (TestDatabase db = TestDatabase.create(engine); Connection holder = db.connect(); Connection waiter = db.connect()) {
            String key = RuntimeSettings.defaults().lockName();
            try (DatabaseLock.Held held = dialect.lock().acquire(holder, key, Duration.ofSeconds(5))) {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> dialect.lock().acquire(waiter, key, Duration.ofMillis(300)))
                        .isInstanceOf(RetortException.class)
                        .hasMessageStartingWith("Timed out after 0.3 s waiting for the migration lock 'retort:retort_version'");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            }
            // released: the waiter gets it now
            try (DatabaseLock.Held again = dialect.lock().acquire(waiter, key, Duration.ofSeconds(2))) {
                assertThat(again).isNotNull();
            }
        }
    }

    /**
     * A statement timeout set for the application's role (PostgreSQL statement_timeout, MariaDB
     * max_statement_time) does not cut the wait for the lock short: lock_timeout alone bounds it.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aServerStatementTimeoutDoesNotEndTheWait(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        try (TestDatabase db = TestDatabase.create(engine); Connection holder = db.connect(); Connection waiter = db.connect();
             Statement s = waiter.createStatement()) {
            s.execute(engine == Engine.POSTGRESQL ? "SET statement_timeout = '500ms'" : "SET max_statement_time = 0.5");
            String key = RuntimeSettings.defaults().lockName();
            DatabaseLock.Held held = dialect.lock().acquire(holder, key, Duration.ofSeconds(5));
            java.util.concurrent.CompletableFuture<Void> release = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(2000);
                    held.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (DatabaseLock.Held got = dialect.lock().acquire(waiter, key, Duration.ofSeconds(20))) {
                assertThat(got).isNotNull();
            }
            release.get();
            try (ResultSet rs = s.executeQuery(engine == Engine.POSTGRESQL ? "SHOW statement_timeout" : "SELECT @@max_statement_time")) {
                rs.next();
                assertThat(rs.getString(1)).as("the session's own setting is back").isIn("500ms", "0.500000", "0.5");
            }
        }
    }

    /**
     * A run that dies holding the lock (its connection gone, the lock never released) must not block
     * the next one: the engines release session locks with the session, H2's lock table is taken over
     * once the holder's session no longer exists.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLockWhoseHolderDiedIsTakenOver(Engine engine) throws Exception {
        Dialect dialect = Dialects.forName(engine.dialectName());
        try (TestDatabase db = TestDatabase.create(engine)) {
            String key = RuntimeSettings.defaults().lockName();
            Connection crashed = db.connect();
            dialect.lock().acquire(crashed, key, Duration.ofSeconds(5)); // never released
            crashed.close();
            try (Connection next = db.connect();
                 DatabaseLock.Held held = dialect.lock().acquire(next, key, Duration.ofSeconds(5))) {
                assertThat(held).isNotNull();
            }
        }
    }

    /**
     * H2 numbers sessions afresh when a file database opens again: the claim of a run killed holding the
     * lock carried the session id the next run's session got, and every later run timed out.
     */
    @org.junit.jupiter.api.Test
    void anH2ClaimLeftBeforeTheDatabaseReopenedIsTakenOver(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Dialect dialect = Dialects.forName("h2");
        String url = "jdbc:h2:file:" + dir.resolve("db");
        String key = RuntimeSettings.defaults().lockName();
        try (Connection crashed = java.sql.DriverManager.getConnection(url)) {
            dialect.lock().acquire(crashed, key, Duration.ofSeconds(5)); // never released; the database closes with it
        }
        try (Connection next = java.sql.DriverManager.getConnection(url);
             DatabaseLock.Held held = dialect.lock().acquire(next, key, Duration.ofSeconds(3))) {
            assertThat(held).isNotNull();
        }
    }

    /**
     * Two runs starting together on a revision outside a transaction that builds an index CONCURRENTLY: the one
     * waiting for the lock used to sit in one {@code pg_advisory_lock} statement, holding its snapshot all along;
     * the index build waits for every older snapshot to end, the waiter for the builder's lock, and PostgreSQL
     * broke the cycle by killing the CREATE INDEX, leaving an INVALID index (t11-10). The waiter now polls.
     * MariaDB's online index build (LOCK=NONE) waits for the table's metadata locks, which a run waiting in
     * GET_LOCK (in autocommit, no table read open) does not hold: checked the same way.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aWaiterDoesNotDeadlockAnIndexBuiltOnline(Engine engine) throws Exception {
        boolean pg = engine == Engine.POSTGRESQL;
        String bigTable = pg ? "CREATE TABLE big (id INT, v TEXT);\n"
                + "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 100000) g"
                : "CREATE TABLE big (id INT, v VARCHAR(40));\nINSERT INTO big SELECT seq, md5(seq) FROM seq_1_to_100000";
        String index = pg ? "SELECT pg_sleep(1.5);\nCREATE INDEX CONCURRENTLY ix_big_v ON big (v)"
                : "SELECT SLEEP(1.5);\nCREATE INDEX ix_big_v ON big (v) ALGORITHM = INPLACE LOCK = NONE";
        String dropIndex = pg ? "DROP INDEX ix_big_v" : "DROP INDEX ix_big_v ON big";
        TestRevisions first = new TestRevisions().add("c1", List.of(), "big table", bigTable, "DROP TABLE big", true);
        TestRevisions revs = new TestRevisions().add("c1", List.of(), "big table", bigTable, "DROP TABLE big", true)
                .add("c2", List.of("c1"), "index built online", index, dropIndex, false);
        Dialect dialect = Dialects.forName(engine.dialectName());
        try (TestDatabase db = TestDatabase.create(engine)) {
            try (Connection c = db.connect()) {
                new Migrator(c, dialect, RuntimeSettings.defaults(), first).run(first::upgradeAll, false, null);
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<RunResult>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    try (Connection c = db.connect()) {
                        return new Migrator(c, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
                    }
                }));
                Thread.sleep(300); // the second starts while the first sleeps before its CREATE INDEX
            }
            int applied = 0;
            for (Future<RunResult> f : runs) applied += f.get(60, TimeUnit.SECONDS).applied().size();
            pool.shutdown();
            assertThat(applied).isEqualTo(1);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery(pg ? "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relname = 'ix_big_v'" : "SELECT COUNT(*) > 0 FROM information_schema.statistics"
                        + " WHERE table_schema = DATABASE() AND index_name = 'ix_big_v'")) {
                    assertThat(rs.next()).as("the index exists").isTrue();
                    assertThat(rs.getBoolean(1)).as("the index is valid").isTrue();
                }
                try (ResultSet rs = s.executeQuery("SELECT revision FROM retort_history ORDER BY seq")) {
                    List<String> recorded = new ArrayList<>();
                    while (rs.next()) recorded.add(rs.getString(1));
                    assertThat(recorded).containsExactly("c1", "c2");
                }
                try (ResultSet rs = s.executeQuery("SELECT version_num FROM retort_version")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("c2");
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    private static void assertRecordedOnce(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<String> revisions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT revision FROM retort_history ORDER BY seq")) {
                while (rs.next()) revisions.add(rs.getString(1));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= REVISIONS; i++) expected.add(String.format("r%03d", i));
            assertThat(revisions).containsExactlyElementsOf(expected);
            try (ResultSet rs = s.executeQuery("SELECT version_num FROM retort_version")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(String.format("r%03d", REVISIONS));
                assertThat(rs.next()).isFalse();
            }
        }
    }

    /** Holds a lock on {@code table} in {@code holder}'s session that blocks every read of it, until {@link #unlockTables}. */
    private static void lockTable(Engine engine, Connection holder, String table) throws java.sql.SQLException {
        try (Statement s = holder.createStatement()) {
            if (engine == Engine.POSTGRESQL) {
                holder.setAutoCommit(false);
                s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            } else {
                s.execute("LOCK TABLES " + table + " WRITE");
            }
        }
    }

    private static void unlockTables(Engine engine, Connection holder) throws java.sql.SQLException {
        if (engine == Engine.POSTGRESQL) {
            holder.rollback();
        } else {
            try (Statement s = holder.createStatement()) {
                s.execute("UNLOCK TABLES");
            }
        }
    }
}
