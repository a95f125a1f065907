package dev.retort.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"db\"\nurl = \"sqlite:///app.db\"\n");
        Files.writeString(versions.resolve("a1.sql"), """
                -- retort:revision a1
                -- retort:message first
                -- retort:upgrade
                CREATE TABLE first_t (id INTEGER);
                """);
        Files.writeString(versions.resolve("a2.sql"), """
                -- retort:revision a2
                -- retort:revises a1
                -- retort:message long
                -- retort:upgrade
                CREATE TABLE second_t (id INTEGER);
                WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000000) SELECT count(*) FROM c;
                """);
        Path jar = Path.of("target/retort.jar").toAbsolutePath();
        assertThat(jar).as("the CLI jar (mvn package builds it before the integration tests)").isRegularFile();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "-c", dir.resolve("retort.toml").toString(), "upgrade", "head")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> err = new ArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (err) {
                        err.add(line);
                        err.notifyAll();
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        synchronized (err) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (err.stream().noneMatch(l -> l.contains("Running upgrade  -> a1"))) {
                assertThat(p.isAlive()).as("retort ended early: %s", err).isTrue();
                assertThat(System.currentTimeMillis()).as("a1 never ran: %s", err).isLessThan(deadline);
                err.wait(100);
            }
        }
        Thread.sleep(300); // a2's long statement is running (or about to: then the run stops before it)
        long sent = System.nanoTime();
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("retort stopped after Ctrl-C").isTrue();
        reader.get(10, TimeUnit.SECONDS);
        String text = String.join("\n", err);
        assertThat(p.exitValue()).as(text).isEqualTo(130);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sent)).isLessThan(20);
        assertThat(text)
                .contains("Interrupted: cancelling the statement in progress")
                .contains("FAILED: Revision a2 (" + versions.resolve("a2.sql"))
                .contains("Rolled back: the database is as it was before this run.");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM sqlite_master")) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing of the run stays").isZero();
        }
    }
}
