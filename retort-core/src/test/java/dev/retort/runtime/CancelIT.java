package dev.retort.runtime;

import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cancelling a run from another thread (what Ctrl-C and SIGTERM do on the command line): the statement
 * executing stops on the server, the run fails at it and rolls back, and nothing of it stays running.
 */
class CancelIT {
    /** A statement that runs for far longer than the test waits, on each engine. */
    private static String longStatement(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> "SELECT pg_sleep(60)";
            case MARIADB -> "SELECT SLEEP(60)";
            case SQLITE -> "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000000) SELECT count(*) FROM c";
            case H2 -> "SELECT SUM(X) FROM SYSTEM_RANGE(1, 100000000000)";
        };
    }

    /** c001 creates a table; c002 runs {@code longCode}, which runs a long statement one way or another. */
    private static TestRevisions firstThenLong(java.util.function.Consumer<dev.retort.migration.Operations> longCode) {
        return new TestRevisions()
                .add("c001", List.of(), "first", "CREATE TABLE first_t (id INTEGER)", null)
                .addCode("c002", List.of("c001"), "long", longCode);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theStatementInProgressIsCancelledOnTheServerAndTheRunRollsBack(Engine engine) throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        TestRevisions revs = firstThenLong(op -> {
            reached.countDown();
            op.execute(longStatement(engine));
        });
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Running r = Running.start(engine, c, revs);
            // c002's one statement is the only one that can be executing once c002 has started
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("c002 started").isTrue();
            while (r.cancellation.executing() == 0) {
                assertThat(r.run).as("the run ended before its long statement").isNotDone();
                Thread.sleep(2);
            }
            String message = r.cancelAndExpectFailure("failed at statement:\n    " + longStatement(engine));
            // the cancel stopped it, and nothing is wrong with the revision (t22-4: on MariaDB it said "fix the revision")
            assertThat(message).contains("\nThe run was cancelled (interrupted), which stopped it here.")
                    .doesNotContain("fix the revision");
            if (Dialects.forName(engine.dialectName()).transactionalDdl()) {
                // SQLite has ended the transaction itself on the interrupt: rolled back all the same
                assertThat(message).endsWith("\nRolled back: the database is as it was before this run.");
            } else {
                assertThat(message).endsWith("The version table says c001; run again to resume.");
            }
            assertThat(r.cancellation.executing()).isZero();
            r.assertNothingLeftBut(engine, c);
            if (Dialects.forName(engine.dialectName()).transactionalDdl()) {
                // running.md's words, also on SQLite, whose interrupted statement once made the rollback fail too
                assertThatThrownBy(() -> r.run.get()).cause()
                        .hasMessageEndingWith("Rolled back: the database is as it was before this run.");
            }
            if (engine == Engine.POSTGRESQL) {
                try (Connection other = db.connect(); ResultSet rs = other.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the cancelled statement is not still running on the server").isZero();
                }
            }
        }
    }

    /**
     * t72-2: H2 ignores a cancel of a statement waiting for another session's row lock (an application's open
     * transaction): the wait runs to H2's LOCK_TIMEOUT. The failure said the cancel stopped it; it now says what did.
     */
    @Test
    void anH2StatementWaitingForARowLockSaysItsLockTimeoutStoppedIt() throws Exception {
        String update = "UPDATE acct SET bal = bal + 1 WHERE id = 1";
        CountDownLatch reached = new CountDownLatch(1);
        TestRevisions revs = firstThenLong(op -> {
            reached.countDown();
            op.execute(update);
        });
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect(); Connection app = db.connect()) {
            try (java.sql.Statement s = app.createStatement()) {
                s.execute("CREATE TABLE acct (id INT PRIMARY KEY, bal INT)");
                s.execute("INSERT INTO acct VALUES (1, 10)");
            }
            app.setAutoCommit(false);
            try (java.sql.Statement s = app.createStatement()) {
                s.executeUpdate("UPDATE acct SET bal = 99 WHERE id = 1");
            }
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET LOCK_TIMEOUT 3000");
            }
            Running r = Running.start(Engine.H2, c, revs);
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("c002 started").isTrue();
            while (r.cancellation.executing() == 0) {
                assertThat(r.run).as("the run ended before its UPDATE").isNotDone();
                Thread.sleep(2);
            }
            String message = r.cancelAndExpectFailure("failed at statement:\n    " + update);
            assertThat(message).contains("Timeout trying to lock table")
                    .contains("\nThe run was cancelled (interrupted) while this statement waited for a lock; H2 does not end"
                            + " a wait for another session's lock on a cancel: the statement waited until H2's LOCK_TIMEOUT"
                            + " ran out, which stopped it here.")
                    .doesNotContain("), which stopped it here.");
            app.rollback();
        }
    }

    /** A Java revision's own JDBC on op.connection() is cancelled too (the dialect's connection-wide cancel). */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aJavaRevisionsOwnJdbcIsCancelled(Engine engine) throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        TestRevisions revs = firstThenLong(op -> {
            java.sql.Connection raw = op.connection();
            reached.countDown();
            try (java.sql.Statement st = raw.createStatement()) {
                st.execute(longStatement(engine));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("data fix failed", e);
            }
        });
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Running r = Running.start(engine, c, revs);
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("c002 started").isTrue();
            Thread.sleep(200); // its statement is running (or about to: the cancel is repeated meanwhile)
            r.cancelAndExpectFailure("data fix failed (caused by SQLException: ");
            r.assertNothingLeftBut(engine, c);
        }
    }

    /**
     * t58-1: cancel() interrupts a Java revision's own code that sleeps (no statement to cancel), as the command line's
     * Ctrl-C does: the revision fails at once with its InterruptedException, in the documented words, and the run rolls
     * back; the code ran to its end before, and the run then failed "at COMMIT". The caller's thread is not left
     * interrupted.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void cancelInterruptsARevisionsOwnCodeThatSleeps(Engine engine) throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean interruptedAfter = new java.util.concurrent.atomic.AtomicBoolean();
        TestRevisions revs = firstThenLong(op -> {
            op.execute("CREATE TABLE slow_t (id INTEGER)");
            reached.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as good code does: the run must clear it
                throw new IllegalStateException(e);
            }
        });
        RuntimeSettings library = RuntimeSettings.defaults().withDisplayUrl("test:" + engine)
                .withAdvice(dev.retort.config.Advice.library(false));
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            RunCancellation cancellation = new RunCancellation();
            Migrator m = new Migrator(c, Dialects.forName(engine.dialectName()), library, revs, cancellation);
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return m.run(revs::upgradeAll, false, null);
                } finally {
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                }
            });
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("c002 started").isTrue();
            Thread.sleep(300); // asleep
            long t0 = System.nanoTime();
            assertThat(cancellation.cancel()).isTrue();
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> run.get(30, TimeUnit.SECONDS));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(thrown).hasCauseInstanceOf(MigrationFailedException.class);
            String message = thrown.getCause().getMessage();
            assertThat(message).startsWith("Revision c002 (versions/c002.java) failed: java.lang.IllegalStateException:"
                            + " java.lang.InterruptedException: sleep interrupted")
                    .contains("\nThe run was cancelled (cancel() was called), which stopped it here.")
                    .doesNotContain("at COMMIT").doesNotContain("fix the revision");
            if (Dialects.forName(engine.dialectName()).transactionalDdl()) {
                assertThat(message).endsWith("\nRolled back: the database is as it was before this run.");
                assertThat(DbSnapshot.of(c)).isEmpty();
            } else {
                // t62-4: what stays must be undone first: the rerun starts the revision from its first statement
                assertThat(message).contains("CREATE TABLE slow_t (id INTEGER)\nThe version table says c001; undo these"
                        + " statements by hand (or have the revision skip them), then run again to resume: the run starts"
                        + " the revision again from its first statement.");
                assertThat(m.heads()).containsExactly("c001");
            }
            assertThat(interruptedAfter).as("the run's thread is left interrupted").isFalse();
        }
    }

    /**
     * t62-2: a revision that used op.connection() (a chunked backfill committing on it, transactional = false) and then
     * sleeps is interrupted as one that did not: the connection held for its step kept the cancel from reaching its
     * code, which ran to its end and, not being in the run's transaction, was recorded as applied.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void cancelInterruptsARevisionThatUsedItsConnectionAndSleeps(Engine engine) throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        TestRevisions revs = new TestRevisions()
                .add("c001", List.of(), "first", "CREATE TABLE first_t (id INTEGER)", null)
                .add("c002", List.of("c001"), "table", "CREATE TABLE fill_t (id INTEGER)", null)
                .addCode("c003", List.of("c002"), "backfill", op -> {
                    try {
                        java.sql.Connection raw = op.connection();
                        raw.setAutoCommit(false);
                        try (java.sql.PreparedStatement ps = raw.prepareStatement("INSERT INTO fill_t VALUES (?)")) {
                            ps.setInt(1, 1);
                            ps.executeUpdate();
                        }
                        raw.commit();
                        reached.countDown();
                        Thread.sleep(60_000);
                    } catch (SQLException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, false);
        RuntimeSettings library = RuntimeSettings.defaults().withDisplayUrl("test:" + engine)
                .withAdvice(dev.retort.config.Advice.library(false));
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            RunCancellation cancellation = new RunCancellation();
            Migrator m = new Migrator(c, Dialects.forName(engine.dialectName()), library, revs, cancellation);
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> m.run(revs::upgradeAll, false, null));
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("c003 started").isTrue();
            Thread.sleep(300); // asleep
            long t0 = System.nanoTime();
            assertThat(cancellation.cancel()).isTrue();
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> run.get(30, TimeUnit.SECONDS));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(thrown).hasCauseInstanceOf(MigrationFailedException.class);
            assertThat(thrown.getCause().getMessage())
                    .startsWith("Revision c003 (versions/c003.java) failed: java.lang.IllegalStateException:"
                            + " java.lang.InterruptedException: sleep interrupted")
                    .contains("\nThe run was cancelled (cancel() was called), which stopped it here.");
            assertThat(m.heads()).as("the stopped revision is not recorded").doesNotContain("c003");
        }
    }

    /**
     * t58-1: a cancel that comes while a revision's code is busy (not waiting) stops the run when the code returns. Where
     * DDL commits by itself (MariaDB, H2) what the code did stays, so the revision is recorded with it and the run stops
     * before the next one: it was left applied but unrecorded, needing a stamp. Elsewhere it is rolled back, and the
     * message does not say it "failed at COMMIT".
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCancelWhileARevisionsCodeIsBusyStopsWhenItReturns(Engine engine) throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        boolean transactionalDdl = Dialects.forName(engine.dialectName()).transactionalDdl();
        TestRevisions revs = firstThenLong(op -> {
            op.execute("CREATE TABLE busy_t (id INTEGER)");
            reached.countDown();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < until) Thread.onSpinWait(); // busy, never waiting
        });
        // c002 last (its COMMIT is next) where the run is one transaction; where it is not, c003 shows the stop
        if (!transactionalDdl) revs.add("c003", List.of("c002"), "never runs", "CREATE TABLE third_t (id INTEGER)", null);
        RuntimeSettings library = RuntimeSettings.defaults().withDisplayUrl("test:" + engine)
                .withAdvice(dev.retort.config.Advice.library(false));
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            RunCancellation cancellation = new RunCancellation();
            Migrator m = new Migrator(c, Dialects.forName(engine.dialectName()), library, revs, cancellation);
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> m.run(revs::upgradeAll, false, null));
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("c002 started").isTrue();
            assertThat(cancellation.cancel()).isTrue();
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> run.get(30, TimeUnit.SECONDS));
            assertThat(thrown).hasCauseInstanceOf(MigrationFailedException.class);
            String message = thrown.getCause().getMessage();
            if (transactionalDdl) {
                // c001 and c002 share the run's transaction
                assertThat(message).startsWith("Migration run on test:" + engine + " failed: the transaction of revisions c001,"
                                + " c002 ran, but was not committed: the run was cancelled (cancel() was called) before its COMMIT\n")
                        .doesNotContain("at COMMIT").doesNotContain("(interrupted)").doesNotContain("stopped it here")
                        .endsWith("\nRolled back: the database is as it was before this run.");
                assertThat(DbSnapshot.of(c)).isEmpty();
            } else {
                assertThat(message).startsWith("Revision c003 (versions/c003.sql) failed: the run was cancelled (cancel() was called) before its"
                        + " next statement\nNothing of this revision stays applied: it failed at its first statement. The version"
                        + " table says c002; run again to resume.");
                assertThat(m.heads()).containsExactly("c002");
            }
        }
    }

    /** A run waiting for another's lock gives up when cancelled, long before lock_timeout, having changed nothing. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRunWaitingForTheLockStopsWaiting(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(2);
        Dialect dialect = Dialects.forName(engine.dialectName());
        RuntimeSettings settings = RuntimeSettings.defaults().withDisplayUrl("test:" + engine);
        try (TestDatabase db = TestDatabase.create(engine); Connection holder = db.connect(); Connection c = db.connect()) {
            // PostgreSQL's and MariaDB's keys name the schema the version table resolves to (t30-2, t26-1)
            String key = engine == Engine.POSTGRESQL ? settings.lockName("public")
                    : engine == Engine.MARIADB ? settings.lockName(holder.getCatalog()) : settings.lockName();
            try (DatabaseLock.Held held = dialect.lock().acquire(holder, key, Duration.ofSeconds(5))) {
                RunCancellation cancellation = new RunCancellation();
                Migrator m = new Migrator(c, dialect, settings, revs, cancellation);
                CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> m.run(revs::upgradeAll, false, null));
                Thread.sleep(500); // blocked in the lock (60 s lock_timeout)
                assertThat(run).isNotDone();
                long t0 = System.nanoTime();
                assertThat(cancellation.cancel()).as("nothing to roll back: the run had not started").isFalse();
                // the message, unless the machine was so slow that the run had not reached the lock yet
                assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(dev.retort.RetortException.class)
                        .message()
                        .isIn("Cancelled while waiting for the migration lock '" + key + "'; nothing was changed",
                                "the run was cancelled (interrupted) before its next statement",
                                "The run was cancelled (interrupted) before it started; nothing was changed");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
                assertThat(m.heads()).isEmpty();
            }
        }
    }

    /**
     * t58-5: a run waiting for another's lock stops when its thread is interrupted (ExecutorService.shutdownNow(), a
     * framework closing), on every engine and in the same words, having changed nothing. MariaDB's GET_LOCK ignored
     * the interrupt and waited the holder out.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRunWaitingForTheLockStopsWhenItsThreadIsInterrupted(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(2);
        Dialect dialect = Dialects.forName(engine.dialectName());
        RuntimeSettings settings = RuntimeSettings.defaults().withDisplayUrl("test:" + engine);
        try (TestDatabase db = TestDatabase.create(engine); Connection holder = db.connect(); Connection c = db.connect()) {
            String key = engine == Engine.POSTGRESQL ? settings.lockName("public")
                    : engine == Engine.MARIADB ? settings.lockName(holder.getCatalog()) : settings.lockName();
            try (DatabaseLock.Held held = dialect.lock().acquire(holder, key, Duration.ofSeconds(5))) {
                Migrator m = new Migrator(c, dialect, settings, revs, new RunCancellation());
                CompletableFuture<Throwable> failed = new CompletableFuture<>();
                Thread waiter = new Thread(() -> {
                    try {
                        m.run(revs::upgradeAll, false, null);
                        failed.complete(null);
                    } catch (Throwable t) {
                        failed.complete(t);
                    }
                });
                waiter.start();
                Thread.sleep(1000); // blocked in the lock (60 s lock_timeout)
                assertThat(failed).isNotDone();
                long t0 = System.nanoTime();
                waiter.interrupt();
                Throwable t = failed.get(30, TimeUnit.SECONDS);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
                assertThat(t).isInstanceOf(dev.retort.RetortException.class)
                        .hasMessage("Cancelled while waiting for the migration lock '" + key + "'; nothing was changed");
                waiter.join(5000);
                assertThat(m.heads()).isEmpty();
            }
        }
    }

    /**
     * t39-1: a run whose read of the version table waits for another session's lock on it (before the migration lock)
     * has its read cancelled on the server, and says what it was doing; the read was left waiting there.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aRunReadingALockedVersionTableStopsReading(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(2);
        Dialect dialect = Dialects.forName(engine.dialectName());
        RuntimeSettings settings = RuntimeSettings.defaults().withDisplayUrl("test:" + engine);
        try (TestDatabase db = TestDatabase.create(engine); Connection holder = db.connect(); Connection c = db.connect()) {
            lockAVersionTable(engine, holder);
            RunCancellation cancellation = new RunCancellation();
            Migrator m = new Migrator(c, dialect, settings, revs, cancellation);
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> m.run(revs::upgradeAll, false, null));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (cancellation.executing() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(300); // the read has been sent and waits (60 s lock_timeout)
            assertThat(run).isNotDone();
            long t0 = System.nanoTime();
            assertThat(cancellation.cancel()).as("nothing to roll back: the run had not started").isFalse();
            assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(dev.retort.RetortException.class)
                    .message()
                    .startsWith("Cancelled while reading the version table ")
                    .endsWith(" on test:" + engine + "; nothing was changed");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(cancellation.executing()).isZero();
            unlock(engine, holder);
        }
    }

    /**
     * t46-4: a read of the version table outside a run ({@code current()}, the command line's current and check)
     * waiting behind another session's lock is cancelled on the server by cancel(), as a run's read is; it was left
     * waiting there. A cancel made before a read does not stop later reads (they still work on a cancelled Retort).
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aReadOfALockedVersionTableIsCancelledOnTheServer(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(2);
        Dialect dialect = Dialects.forName(engine.dialectName());
        RuntimeSettings settings = RuntimeSettings.defaults().withDisplayUrl("test:" + engine);
        try (TestDatabase db = TestDatabase.create(engine); Connection holder = db.connect(); Connection c = db.connect()) {
            lockAVersionTable(engine, holder);
            RunCancellation cancellation = new RunCancellation();
            Migrator m = new Migrator(c, dialect, settings, revs, cancellation);
            CompletableFuture<java.util.Set<String>> read = CompletableFuture.supplyAsync(m::heads);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (cancellation.executing() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(300); // the read has been sent and waits
            assertThat(read).isNotDone();
            long t0 = System.nanoTime();
            assertThat(cancellation.cancel()).isFalse();
            assertThatThrownBy(() -> read.get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(dev.retort.RetortException.class)
                    .message()
                    .startsWith("Cancelled while reading the version table ")
                    .endsWith(" on test:" + engine + "; nothing was changed");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(cancellation.executing()).isZero();
            unlock(engine, holder);
            assertThat(m.heads()).as("a later read still reads").isEmpty();
        }
    }

    /**
     * t67-2: a run whose read of the history table (its last number, under the migration lock) waits for another
     * session's lock on it has the read cancelled on the server by cancel(), and fails saying it was reading that
     * table, with no revision named; the read was left waiting until the holder let go, and the failure then named the
     * run's first revision, which had not started.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aRunReadingALockedHistoryTableStopsReading(Engine engine) throws Exception {
        TestRevisions revs = TestRevisions.chain(2);
        TestRevisions first = TestRevisions.chain(1);
        Dialect dialect = Dialects.forName(engine.dialectName());
        RuntimeSettings settings = RuntimeSettings.defaults().withDisplayUrl("test:" + engine);
        try (TestDatabase db = TestDatabase.create(engine); Connection holder = db.connect(); Connection c = db.connect();
             Connection watcher = db.connect()) {
            new Migrator(c, dialect, settings, first).run(first::upgradeAll, false, null);
            lockTheHistoryTable(engine, holder);
            RunCancellation cancellation = new RunCancellation();
            Migrator m = new Migrator(c, dialect, settings, revs, cancellation);
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> m.run(revs::upgradeAll, false, null));
            try {
                awaitAReadWaitingForTheHistoryTable(engine, watcher);
                long t0 = System.nanoTime();
                assertThat(cancellation.cancel()).as("past the lock: a run under way").isTrue();
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> run.get(15, TimeUnit.SECONDS));
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
                assertThat(thrown).cause()
                        .isInstanceOfSatisfying(MigrationFailedException.class, e -> assertThat(e.revision()).isNull())
                        .hasMessageStartingWith("Migration run on test:" + engine + " failed: Cancelled while reading the history table ")
                        .hasMessageContaining("retort_history\nRolled back: the database is as it was before this run.")
                        .message().doesNotContain("r002").doesNotContain("The run was cancelled");
                assertThat(cancellation.executing()).isZero();
            } finally {
                unlock(engine, holder); // else closing c waits for its read behind the lock (MariaDB's driver)
                run.handle((r, e) -> null).get(30, TimeUnit.SECONDS);
            }
            assertThat(new Migrator(c, dialect, settings, revs).heads()).containsExactly("r001");
        }
    }

    /** t67-2: a read of the history table outside a run (check's checksums) is cancelled on the server, as the version table's is. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aReadOfALockedHistoryTableIsCancelledOnTheServer(Engine engine) throws Exception {
        TestRevisions first = TestRevisions.chain(1);
        Dialect dialect = Dialects.forName(engine.dialectName());
        RuntimeSettings settings = RuntimeSettings.defaults().withDisplayUrl("test:" + engine);
        try (TestDatabase db = TestDatabase.create(engine); Connection holder = db.connect(); Connection c = db.connect();
             Connection watcher = db.connect()) {
            new Migrator(c, dialect, settings, first).run(first::upgradeAll, false, null);
            lockTheHistoryTable(engine, holder);
            RunCancellation cancellation = new RunCancellation();
            Migrator m = new Migrator(c, dialect, settings, first, cancellation);
            CompletableFuture<java.util.Map<String, String>> read = CompletableFuture.supplyAsync(m::recordedChecksums);
            try {
                awaitAReadWaitingForTheHistoryTable(engine, watcher);
                long t0 = System.nanoTime();
                assertThat(cancellation.cancel()).isFalse();
                assertThatThrownBy(() -> read.get(15, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(dev.retort.RetortException.class)
                        .message()
                        .startsWith("Cancelled while reading the history table ")
                        .endsWith(" on test:" + engine + "; nothing was changed");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
                assertThat(cancellation.executing()).isZero();
            } finally {
                unlock(engine, holder);
                read.handle((r, e) -> null).get(30, TimeUnit.SECONDS);
            }
            assertThat(m.recordedChecksums()).as("a later read still reads").containsKey("r001");
        }
    }

    /** Holds a lock on the history table (made by a run before) that blocks every read of it. */
    private static void lockTheHistoryTable(Engine engine, Connection holder) throws SQLException {
        if (engine == Engine.POSTGRESQL) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE retort_history IN ACCESS EXCLUSIVE MODE");
        } else {
            holder.createStatement().execute("LOCK TABLES retort_history WRITE");
        }
    }

    /** Until the server shows a statement on the history table waiting for a lock (a statement registered is not yet one sent). */
    private static void awaitAReadWaitingForTheHistoryTable(Engine engine, Connection watcher) throws Exception {
        String sql = engine == Engine.POSTGRESQL
                ? "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%retort_history%'"
                + " AND pid <> pg_backend_pid()"
                : "SELECT count(*) FROM information_schema.processlist WHERE state LIKE 'Waiting for table metadata lock%'"
                + " AND info LIKE '%retort_history%' AND id <> CONNECTION_ID()";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (java.sql.Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                if (rs.next() && rs.getInt(1) > 0) return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no read of the history table waited for its lock within 30 s");
    }

    /**
     * t46-4: a cancel while the run compiles its revisions (before the lock) fails it saying so; it said "Cancelled while
     * waiting for the migration lock", though no wait had begun.
     */
    @Test
    void aCancelWhileCompilingSaysSoNotTheLock() throws Exception {
        RunCancellation cancellation = new RunCancellation();
        TestRevisions revs = TestRevisions.chain(2);
        RevisionSource compiling = new RevisionSource() {
            @Override
            public void prepare(java.util.Collection<String> ids) {
                revs.prepare(ids);
                cancellation.cancel(); // Ctrl-C during the compile
            }

            @Override
            public dev.retort.migration.Migration migration(String id) {
                return revs.migration(id);
            }

            @Override
            public dev.retort.script.RevisionScript script(String id) {
                return revs.script(id);
            }
        };
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            Migrator m = new Migrator(c, Dialects.forName("sqlite"), RuntimeSettings.defaults(), compiling, cancellation);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .isInstanceOf(dev.retort.RetortException.class)
                    .hasMessage("Cancelled while compiling the run's Java revisions; nothing was changed");
            assertThat(DbSnapshot.of(c)).isEmpty();
        }
    }

    @Test
    void aRunBetweenStatementsStopsBeforeItsNextOneAndLaterRunsDoNotStart() throws Exception {
        RunCancellation cancellation = new RunCancellation();
        TestRevisions revs = new TestRevisions()
                .add("c001", List.of(), "first", "CREATE TABLE first_t (id INTEGER)", null)
                .addCode("c002", List.of("c001"), "cancels", op -> cancellation.cancel())
                .add("c003", List.of("c002"), "never runs", "CREATE TABLE third_t (id INTEGER)", null);
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            Migrator m = new Migrator(c, Dialects.forName("sqlite"), RuntimeSettings.defaults(), revs, cancellation);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("Revision c003")
                    .hasMessageContaining("the run was cancelled (interrupted) before its next statement")
                    .hasMessageContaining("Rolled back");
            assertThat(DbSnapshot.of(c)).isEmpty();
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .hasMessage("The run was cancelled (interrupted) before it started; nothing was changed");
        }
    }

    /** t41-2: in an application the run stopped between statements says cancel() stopped it, in library-api.md's words. */
    @Test
    void aRunStoppedBetweenStatementsNamesCancelInAnApplication() throws Exception {
        RunCancellation cancellation = new RunCancellation();
        TestRevisions revs = new TestRevisions()
                .add("c001", List.of(), "first", "CREATE TABLE first_t (id INTEGER)", null)
                .addCode("c002", List.of("c001"), "cancels", op -> cancellation.cancel())
                .add("c003", List.of("c002"), "never runs", "CREATE TABLE third_t (id INTEGER)", null);
        RuntimeSettings library = RuntimeSettings.defaults().withAdvice(dev.retort.config.Advice.library(false));
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            Migrator m = new Migrator(c, Dialects.forName("sqlite"), library, revs, cancellation);
            assertThatThrownBy(() -> m.run(revs::upgradeAll, false, null))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("Revision c003")
                    .hasMessageContaining("the run was cancelled (cancel() was called) before its next statement")
                    .hasMessageNotContaining("interrupted");
            assertThat(DbSnapshot.of(c)).isEmpty();
        }
    }

    /**
     * After cancel(), the next upgrade() of the same Retort says that the Retort was cancelled and the run never
     * started, not that "the run was cancelled before its next statement" (t11-9); reads still work.
     */
    @Test
    void aCancelledRetortSaysSoWhenAskedToRunAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("m/versions"));
        java.nio.file.Files.writeString(dir.resolve("m/versions/a1.sql"),
                "-- retort:revision a1\n-- retort:upgrade\nCREATE TABLE t (id INTEGER);\n");
        Retort r = Retort.builder().scriptLocation(dir.resolve("m")).url("sqlite:///" + dir.resolve("db.sqlite")).build();
        assertThat(r.cancel()).isFalse();
        assertThatThrownBy(() -> r.upgrade("head"))
                .isInstanceOf(dev.retort.RetortException.class)
                .hasMessage("This Retort was cancelled (its cancel() was called) and starts no new run: build a new Retort"
                        + " to run again; nothing was changed");
        assertThat(r.current()).isEmpty();
        assertThat(r.pending()).hasSize(1);
    }

    @Test
    void withNoRunUnderWayThereIsNothingToWaitFor() {
        assertThat(new RunCancellation().cancel()).isFalse();
    }

    @Test
    void retortCancelStopsItsRuns(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(versions.resolve("a.sql"), """
                -- retort:revision aaaa00000001
                -- retort:message long
                -- retort:upgrade
                CREATE TABLE a (id INTEGER);
                INSERT INTO a VALUES (1);
                %s;
                """.formatted(longStatement(Engine.SQLITE)));
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> retort.upgrade("head"));
            Thread.sleep(1500); // well into the long statement: its interrupt once made the rollback fail too
            retort.cancel();
            assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(dev.retort.RetortException.class)
                    .cause().hasMessageContaining("\nThe run was cancelled (cancel() was called), which stopped it here.")
                    .hasMessageEndingWith("Rolled back: the database is as it was before this run.");
            assertThat(retort.current()).isEmpty();
        }
    }

    /** A run of {@code revs} (c001, then the long c002) on its own thread, with its cancellation. */
    private record Running(Migrator m, RunCancellation cancellation, CompletableFuture<RunResult> run, long startedAt) {
        static Running start(Engine engine, Connection c, TestRevisions revs) {
            RunCancellation cancellation = new RunCancellation();
            Migrator m = new Migrator(c, Dialects.forName(engine.dialectName()),
                    RuntimeSettings.defaults().withDisplayUrl("test:" + engine), revs, cancellation);
            return new Running(m, cancellation, CompletableFuture.supplyAsync(() -> m.run(revs::upgradeAll, false, null)),
                    System.nanoTime());
        }

        /** Cancels; the run fails at c002 with {@code message} in its text, in seconds rather than the statement's minutes. */
        /** @return the failure's message */
        String cancelAndExpectFailure(String message) {
            assertThat(cancellation.cancel()).as("a run was under way: worth waiting for its rollback").isTrue();
            // on a loaded machine the driver may not have sent the statement within cancel()'s 5 s of retries
            // (pgjdbc ignores a cancel until then): cancelling again is what a second Ctrl-C does
            for (int i = 0; i < 5 && !run.isDone() && cancellation.executing() > 0; i++) {
                try {
                    run.get(1, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException
                         | InterruptedException e) {
                    if (!run.isDone()) cancellation.cancel();
                }
            }
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> run.get(30, TimeUnit.SECONDS));
            assertThat(thrown).hasCauseInstanceOf(MigrationFailedException.class)
                    .cause()
                    .hasMessageContaining("Revision c002")
                    .hasMessageContaining(message);
            assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(30));
            return thrown.getCause().getMessage();
        }

        /** Rolled back entirely; on MariaDB and H2 (DDL commits) c001, committed and recorded when it finished, stays. */
        void assertNothingLeftBut(Engine engine, Connection c) throws Exception {
            if (Dialects.forName(engine.dialectName()).transactionalDdl()) {
                assertThat(DbSnapshot.of(c)).as("rolled back: not even the version table").isEmpty();
            } else {
                assertThat(m.heads()).containsExactly("c001");
            }
        }
    }

    /** Creates the version table on {@code holder} and holds a lock on it that blocks every read of it. */
    private static void lockAVersionTable(Engine engine, Connection holder) throws SQLException {
        holder.createStatement().execute("CREATE TABLE retort_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
        if (engine == Engine.POSTGRESQL) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE retort_version");
        } else {
            holder.createStatement().execute("LOCK TABLES retort_version WRITE");
        }
    }

    private static void unlock(Engine engine, Connection holder) throws SQLException {
        if (engine == Engine.POSTGRESQL) holder.rollback();
        else holder.createStatement().execute("UNLOCK TABLES");
    }
}
