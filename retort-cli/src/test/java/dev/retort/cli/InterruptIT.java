package dev.retort.cli;

import dev.retort.testing.Engine;
import dev.retort.testing.ScratchDatabasesOnServer;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C (SIGINT) in the middle of {@code retort upgrade}, as a user does it: the statement in progress is
 * cancelled, the run rolls back and prints its one-line failure, and the process exits with 130.
 */
class InterruptIT {
    @TempDir
    Path dir;

    @Test
    void ctrlCCancelsTheStatementRollsBackAndSaysSo() throws Exception {
        Path versions = projectWithOneRevision();
        Files.writeString(versions.resolve("a2.sql"), """
                -- retort:revision a2
                -- retort:revises a1
                -- retort:message long
                -- retort:upgrade
                CREATE TABLE second_t (id INTEGER);
                WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000000) SELECT count(*) FROM c;
                """);
        Running retort = Running.start(dir, "upgrade", "head");
        retort.awaitLine("Running upgrade  -> a1");
        Thread.sleep(300); // a2's long statement is running (or about to: then the run stops before it)
        long seconds = retort.interruptAndWait();
        String text = retort.stderr();
        assertThat(retort.process.exitValue()).as(text).isEqualTo(130);
        assertThat(seconds).isLessThan(20);
        assertThat(text)
                .contains("Interrupted: stopping the run (the statement in progress is cancelled")
                .contains("FAILED: Revision a2 (" + versions.resolve("a2.sql"))
                .contains("Rolled back: the database is as it was before this run.");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM sqlite_master")) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing of the run stays").isZero();
        }
    }

    /**
     * Interrupted while waiting for the migration lock, the process ends at once: the run has changed
     * nothing, so there is no rollback to wait for (the wait for the lock itself would last lock_timeout).
     * It still says so, and --json still prints its document (t26-6: the JVM halted before either, on the
     * engines whose lock is polled).
     */
    @Test
    void ctrlCWhileWaitingForTheLockEndsAtOnce() throws Exception {
        Path versions = projectWithOneRevision();
        Path out = dir.resolve("out.json");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"))) {
            holder.createStatement().execute("BEGIN IMMEDIATE"); // SQLite's write lock: what a run in progress holds
            Running retort = Running.start(CliJar.process(dir, "-v", "--json", "upgrade", "head").redirectOutput(out.toFile()));
            retort.awaitLine("Database sqlite:///app.db");
            Thread.sleep(2500); // connecting, then waiting for the write lock
            long seconds = retort.interruptAndWait();
            assertThat(retort.process.exitValue()).as(retort.stderr()).isEqualTo(130);
            assertThat(seconds).as("ended without waiting out the 20 s grace or the 60 s lock_timeout").isLessThan(10);
            // (on a slow machine the run may not have reached the lock yet: then it says it never started)
            String failure = "(Cancelled while waiting for the migration lock 'retort:retort_version'"
                    + "|The run was cancelled \\(interrupted\\) before it started); nothing was changed";
            assertThat(retort.stderr()).containsPattern("\nFAILED: " + failure);
            assertThat(Files.readString(out)).startsWith("{").contains("\"steps\" : [ ]")
                    .containsPattern("\"error\" : \"" + failure);
            holder.createStatement().execute("ROLLBACK");
        }
    }

    /**
     * t39-1: Ctrl-C while connecting to a server that accepts TCP and never answers (a hung server, a tunnel whose far
     * end hangs): the connect cannot be cancelled, but the run need not wait for it. It took 3 s, said only that it
     * was rolling back, and printed neither its FAILED line nor the --json document.
     */
    @Test
    void ctrlCWhileConnectingEndsAtOnceAndSaysSo() throws Exception {
        projectWithOneRevision();
        Path out = dir.resolve("out.json");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) accepted.add(silent.accept()); // and never answers
                } catch (java.io.IOException e) {
                    // closed
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "postgresql://app:secret@127.0.0.1:" + silent.getLocalPort() + "/x?sslmode=disable";
            Running retort = Running.start(CliJar.process(dir, "-v", "--json", "--url", url, "upgrade", "head")
                    .redirectOutput(out.toFile()));
            retort.awaitLine("Database postgresql://app:***@127.0.0.1:");
            Thread.sleep(1000); // waiting for the server's answer
            long millis = retort.interruptAndWaitMillis();
            String text = retort.stderr();
            assertThat(retort.process.exitValue()).as(text).isEqualTo(130);
            assertThat(millis).as(text).isLessThan(2000);
            String failure = "Cancelled while connecting to postgresql://app:***@127.0.0.1:" + silent.getLocalPort()
                    + "/x?sslmode=disable; nothing was changed";
            assertThat(text).contains("Interrupted: stopping the run, which has not begun to change the database.")
                    .doesNotContain("rolled back").contains("\nFAILED: " + failure).doesNotContain("secret");
            assertThat(Files.readString(out)).startsWith("{").contains("\"error\" : \"" + failure + "\"");
            for (Socket s : accepted) s.close();
        }
    }

    /**
     * t39-1: Ctrl-C while the run's read of the version table waits for another session's lock on it (before the
     * migration lock): the read is cancelled on the server, and the run says what it was doing. The read was left
     * waiting on the server after the process had gone, which took 3 s and printed no FAILED line and no JSON.
     */
    @Test
    void ctrlCWhileReadingTheVersionTableCancelsTheReadOnTheServer() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        projectWithOneRevision();
        Path out = dir.resolve("out.json");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL);
             Connection holder = db.connect()) {
            holder.createStatement().execute("CREATE TABLE retort_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE retort_version"); // ACCESS EXCLUSIVE: every read waits
            Running retort = Running.start(CliJar.process(dir, "-v", "--json", "--url", db.url(), "upgrade", "head")
                    .redirectOutput(out.toFile()));
            awaitWaitingRead(db);
            long millis = retort.interruptAndWaitMillis();
            String text = retort.stderr();
            assertThat(retort.process.exitValue()).as(text).isEqualTo(130);
            assertThat(millis).as(text).isLessThan(2000);
            String failure = "Cancelled while reading the version table public.retort_version on ";
            assertThat(text).contains("Interrupted: stopping the run, which has not begun to change the database.")
                    .contains("\nFAILED: " + failure).contains("; nothing was changed");
            assertThat(Files.readString(out)).startsWith("{").contains("\"error\" : \"" + failure);
            try (Connection c = db.connect();
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
                         + " WHERE datname = current_database() AND query LIKE 'SELECT version_num%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the read is not left waiting on the server").isZero();
            }
            holder.rollback();
        }
    }

    /**
     * t47-1: SIGTERM (a CI job cancelled or timed out) while {@code check} loads a {@code sql:} model into its scratch
     * database on the server: the scratch is dropped, and the run prints its FAILED line and the --json document. The
     * JVM halted at once, leaving a retort_scratch_* database behind and printing nothing.
     */
    @Test
    void sigtermDuringTheDriftChecksModelLoadDropsTheScratchDatabase() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        scratchIsDroppedOnSigterm(Engine.POSTGRESQL, "SELECT pg_sleep(120)");
    }

    @Test
    void sigtermDuringTheDriftChecksModelLoadDropsTheScratchDatabaseOnMariaDb() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        scratchIsDroppedOnSigterm(Engine.MARIADB, "SELECT SLEEP(120)");
    }

    private void scratchIsDroppedOnSigterm(Engine engine, String sleep) throws Exception {
        Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"db\"\ntarget_metadata = \"sql:model.sql\"\n");
        Files.writeString(dir.resolve("model.sql"), "CREATE TABLE book (id INTEGER PRIMARY KEY);\n" + sleep + ";\n");
        Path out = dir.resolve("out.json");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            Running retort = Running.start(CliJar.process(dir, "--json", "--url", db.url(), "check").redirectOutput(out.toFile()));
            String scratch = ScratchDatabasesOnServer.awaitSleeping(c, engine, retort.process);
            long millis = retort.signalAndWaitMillis("TERM");
            String text = retort.stderr();
            assertThat(retort.process.exitValue()).as(text).isEqualTo(143);
            assertThat(millis).as(text).isLessThan(10_000);
            String failure = "Interrupted while loading the model " + dir.resolve("model.sql") + " into the scratch database "
                    + scratch + "; the scratch database is dropped";
            assertThat(text).contains("Interrupted: stopping the model load and dropping its scratch database " + scratch)
                    .contains("\nFAILED: " + failure);
            assertThat(Files.readString(out)).startsWith("{").contains("\"error\" : \"" + failure);
            assertThat(ScratchDatabasesOnServer.list(c, engine)).as("the scratch is dropped").doesNotContain(scratch);
        }
    }

    /**
     * t47-1: SIGTERM while check waits on the server (here for a lock on the version table): a read-only command
     * stops at once, but with its FAILED line and the --json document; it printed nothing.
     */
    @Test
    void sigtermDuringCheckPrintsItsFailureAndTheJsonDocument() throws Exception {
        readOnlyCommandInterrupted("check");
    }

    /**
     * t46-4: the same for current; and for both, the read waiting behind the lock is cancelled on the server: it was left
     * waiting there after the process had gone, until the lock's holder let go.
     */
    @Test
    void sigtermDuringCurrentPrintsItsFailureAndCancelsTheRead() throws Exception {
        readOnlyCommandInterrupted("current");
    }

    private void readOnlyCommandInterrupted(String command) throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        projectWithOneRevision();
        Path out = dir.resolve("out.json");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL);
             Connection holder = db.connect()) {
            holder.createStatement().execute("CREATE TABLE retort_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE retort_version");
            Running retort = Running.start(CliJar.process(dir, "--json", "--url", db.url(), command)
                    .redirectOutput(out.toFile()));
            awaitWaitingRead(db);
            long millis = retort.signalAndWaitMillis("TERM");
            String text = retort.stderr();
            assertThat(retort.process.exitValue()).as(text).isEqualTo(143);
            assertThat(millis).as(text).isLessThan(5000);
            String failure = "Interrupted before the command finished; it changed nothing in the database";
            assertThat(text).contains("FAILED: " + failure);
            assertThat(text.split("FAILED: ", -1)).as(text).hasSize(2); // one FAILED line
            assertThat(Files.readString(out)).isEqualTo("{\n  \"error\" : \"" + failure + "\"\n}\n");
            try (Connection c = db.connect();
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
                         + " WHERE datname = current_database() AND query LIKE 'SELECT version_num%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the read is not left waiting on the server").isZero();
            }
            holder.rollback();
        }
    }

    /** Waits until a session of {@code db} waits for a lock in its read of retort_version. */
    private static void awaitWaitingRead(TestDatabase db) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        try (Connection c = db.connect()) {
            while (true) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                        + " AND query LIKE 'SELECT version_num%'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) return;
                }
                assertThat(System.currentTimeMillis()).as("the run reads the version table").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    /** A revision's System.exit(0) stopped the run and exited 0, as if it had succeeded: now 1, naming the caller. */
    @Test
    void aRevisionCallingSystemExitFailsTheRun() throws Exception {
        Path versions = projectWithOneRevision();
        Files.writeString(versions.resolve("a2.java"), """
                import dev.retort.migration.*;

                @Revision(id = "a2", revises = "a1", message = "exits")
                class Exits extends Migration {
                    @Override public void upgrade(Operations op) {
                        op.execute("CREATE TABLE second_t (id INTEGER)");
                        System.exit(0);
                    }
                }
                """);
        Running retort = Running.start(dir, "upgrade", "head");
        retort.awaitLine("called System.exit during the run");
        assertThat(retort.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String text = retort.stderr();
        assertThat(retort.process.exitValue()).as(text).isEqualTo(1);
        assertThat(text).contains("FAILED: Exits.upgrade (a2.java:7) called System.exit during the run");
    }

    /** A Java revision busy in its own code (sleeping): Ctrl-C ends its wait, and the run fails, rolls back and says so (t8-5). */
    @Test
    void ctrlCDuringARevisionsOwnWaitRollsBackAndSaysSo() throws Exception {
        Path versions = projectWithOneRevision();
        Files.writeString(versions.resolve("a2.java"), """
                import dev.retort.migration.*;

                @Revision(id = "a2", revises = "a1", message = "sleeps")
                class Sleeps extends Migration {
                    @Override public void upgrade(Operations op) {
                        op.execute("CREATE TABLE second_t (id INTEGER)");
                        System.err.println("sleeping now");
                        try {
                            Thread.sleep(120_000);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException("woken", e);
                        }
                    }
                }
                """);
        Running retort = Running.start(dir, "upgrade", "head");
        retort.awaitLine("sleeping now");
        long seconds = retort.interruptAndWait();
        String text = retort.stderr();
        assertThat(retort.process.exitValue()).as(text).isEqualTo(130);
        assertThat(seconds).as(text).isLessThan(15);
        assertThat(text).contains("FAILED: Revision a2 (").contains("Rolled back: the database is as it was before this run.");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_t'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing of the run stays").isZero();
        }
    }

    /** retort.toml (SQLite, app.db) and db/versions/a1.sql (one CREATE TABLE); returns db/versions. */
    private Path projectWithOneRevision() throws java.io.IOException {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"db\"\nurl = \"sqlite:///app.db\"\n");
        Files.writeString(versions.resolve("a1.sql"), """
                -- retort:revision a1
                -- retort:message first
                -- retort:upgrade
                CREATE TABLE first_t (id INTEGER);
                """);
        return versions;
    }

    /** {@code java -jar target/retort.jar -c DIR/retort.toml ARGS}, its stderr collected line by line. */
    private record Running(Process process, List<String> err) {
        static Running start(Path dir, String... args) throws Exception {
            return start(CliJar.process(dir, args));
        }

        static Running start(ProcessBuilder process) throws Exception {
            Process p = process.start();
            Running running = new Running(p, new ArrayList<>());
            Thread reader = new Thread(running::read, "stderr");
            reader.setDaemon(true);
            reader.start();
            return running;
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (err) {
                        err.add(line);
                        err.notifyAll();
                    }
                }
            } catch (java.io.IOException e) {
                // the process is gone
            } finally {
                synchronized (err) {
                    err.add(null); // end of stream
                    err.notifyAll();
                }
            }
        }

        void awaitLine(String part) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            synchronized (err) {
                while (err.stream().noneMatch(l -> l != null && l.contains(part))) {
                    assertThat(err).as("retort ended before '%s'", part).doesNotContainNull();
                    assertThat(System.currentTimeMillis()).as("no '%s' within 60 s: %s", part, err).isLessThan(deadline);
                    err.wait(100);
                }
            }
        }

        /** Sends SIGINT (Ctrl-C), waits for the process and its stderr to end; returns the seconds it took. */
        long interruptAndWait() throws Exception {
            return signalAndWait("INT");
        }

        /** {@link #interruptAndWait} with another signal ({@code TERM}), in milliseconds. */
        long signalAndWaitMillis(String signal) throws Exception {
            long sent = System.nanoTime();
            signalAndWait(signal);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        }

        private long signalAndWait(String signal) throws Exception {
            long sent = System.nanoTime();
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("retort stopped after SIG" + signal).isTrue();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sent);
            synchronized (err) {
                while (!err.contains(null)) err.wait(100);
            }
            return seconds;
        }

        /** {@link #interruptAndWait}, in milliseconds. */
        long interruptAndWaitMillis() throws Exception {
            long sent = System.nanoTime();
            interruptAndWait();
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        }

        String stderr() {
            synchronized (err) {
                return String.join("\n", err.stream().filter(java.util.Objects::nonNull).toList());
            }
        }
    }
}
