package dev.retort.cli;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection the head start opens while the arguments are parsed is the one the command runs on. */
class HeadStartIT {
    @TempDir
    Path dir;

    @Test
    void theCommandRunsOnTheConnectionOpenedAhead() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
            Files.writeString(versions.resolve("a.sql"), """
                    -- retort:revision aaaa00000001
                    -- retort:message who ran me

                    -- retort:upgrade
                    CREATE TABLE who AS SELECT pg_backend_pid() AS pid;
                    """);
            String[] args = {"-c", dir.resolve("retort.toml").toString(), "--url", db.url(), "upgrade", "head"};
            HeadStart head = new HeadStart(args, Map.of());
            head.run();
            int ahead = waitForOneBackend(db);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = Main.run(args, o, e, head);
            }
            head.close();
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("Running upgrade  -> aaaa00000001, who ran me");
            assertThat(query(db, "SELECT pid FROM who")).isEqualTo(ahead);
            // a backend leaves pg_stat_activity a moment after its client closed the connection
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (backends(db) > 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(backends(db)).as("closed after the run").isZero();
        }
    }

    /**
     * t56-3: {@code retort -c /dev/stdin upgrade} with the configuration piped in (templated in CI) failed with "No
     * [retort] table in /dev/stdin": the head start had read the pipe, and the command found it empty.
     */
    @Test
    void aConfigurationPipedInIsTheCommandsToRead() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(versions.resolve("a.sql"), """
                -- retort:revision aaaa00000001
                -- retort:message piped

                -- retort:upgrade
                CREATE TABLE piped (id INTEGER);
                """);
        Path jar = Path.of("target/retort.jar").toAbsolutePath();
        assertThat(jar).as("the CLI jar (mvn package builds it before the integration tests)").isRegularFile();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "-c", "/dev/stdin", "--url", "sqlite:///" + dir.resolve("app.db"), "upgrade", "head")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(("[retort]\nscript_location = \"" + dir.resolve("migrations") + "\"\n").getBytes(StandardCharsets.UTF_8));
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        assertThat(err).contains("Running upgrade  -> aaaa00000001, piped");
    }

    @Test
    void aHeadStartNobodyTakesIsClosed() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
            // the look at the arguments accepts them; picocli then refuses the target count
            String[] args = {"-c", dir.resolve("retort.toml").toString(), "--url", db.url(), "upgrade", "a", "b"};
            HeadStart head = new HeadStart(args, Map.of());
            head.run();
            waitForOneBackend(db);
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            assertThat(Main.run(args, sink, sink, head)).isEqualTo(2);
            head.close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (backends(db) > 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(backends(db)).isZero();
        }
    }

    /**
     * As a user runs it (a process of its own, where SLF4J starts uninitialised): the head start's thread
     * must not race the command to SLF4J's set-up, which dropped log lines with an "SLF4J(W): ... substitute
     * loggers" warning on MariaDB (its driver logs through SLF4J).
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB"}) // H2's test databases live in this JVM
    void aCommandLineProcessLogsEveryLineAndNoSlf4jWarning(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
            Files.writeString(versions.resolve("a.sql"), """
                    -- retort:revision aaaa00000001
                    -- retort:message first

                    -- retort:upgrade
                    CREATE TABLE t1 (id INTEGER PRIMARY KEY);

                    -- retort:downgrade
                    DROP TABLE t1;
                    """);
            // the race depends on timing (it showed once in a dozen runs by hand): this runs the path, it cannot force it
            String up = process("--url", db.url(), "upgrade", "head");
            assertThat(up).doesNotContain("SLF4J").contains("Running upgrade  -> aaaa00000001, first");
            String down = process("--url", db.url(), "downgrade", "base");
            assertThat(down).doesNotContain("SLF4J").contains("Running downgrade aaaa00000001 -> , first");
        }
    }

    /** {@code java -jar target/retort.jar -c DIR/retort.toml ARGS}: its stderr; fails on a non-zero exit. */
    private String process(String... args) throws Exception {
        return CliJar.run(CliJar.process(dir, args));
    }

    /**
     * The head start's backend, seen from one connection kept open meanwhile: a connection per look left backends
     * that were still leaving pg_stat_activity when the next look counted, and one of those was taken for the head
     * start's now and then on a loaded machine.
     */
    private static int waitForOneBackend(TestDatabase db) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid()")) {
                    java.util.List<Integer> pids = new java.util.ArrayList<>();
                    while (rs.next()) pids.add(rs.getInt(1));
                    if (pids.size() == 1) return pids.get(0);
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the head start opened no connection");
    }

    private static int backends(TestDatabase db) throws SQLException {
        return query(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }

    private static int query(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
