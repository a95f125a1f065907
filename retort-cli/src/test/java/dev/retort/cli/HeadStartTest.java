package dev.retort.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The look at the arguments that decides what the head start opens: strict, so never a wrong database. */
class HeadStartTest {
    @TempDir
    Path dir;
    String config;

    @BeforeEach
    void project() throws IOException {
        Path file = dir.resolve("retort.toml");
        Files.writeString(file, """
                [retort]
                script_location = "migrations"
                url = "sqlite:///%s"

                [env.prod]
                url = "postgresql://deploy@db.example:5432/prod"
                """.formatted(dir.resolve("app.db")));
        config = file.toString();
    }

    private String url(String... args) {
        HeadStart.Look look = HeadStart.look(args, Map.of());
        return look == null ? null : look.config().url();
    }

    @Test
    void findsTheUrlTheCommandWillUse() {
        String sqlite = "jdbc:sqlite:" + dir.resolve("app.db");
        assertThat(url("-c", config, "current")).isEqualTo(sqlite);
        assertThat(url("-c", config, "upgrade", "head", "--tag", "t", "--dry-run", "-q")).isEqualTo(sqlite);
        assertThat(url("-c", config, "-v", "downgrade", "-1")).isEqualTo(sqlite);
        assertThat(url("-c", config, "stamp", "--purge", "head")).isEqualTo(sqlite);
        assertThat(url("check", "--config=" + config, "--json", "--no-color")).isEqualTo(sqlite);
        assertThat(url("-c", config, "--env", "prod", "current")).isEqualTo("jdbc:postgresql://db.example:5432/prod?user=deploy");
        assertThat(url("current", "-c", config, "--url=jdbc:postgresql://h/x?user=u")).isEqualTo("jdbc:postgresql://h/x?user=u");
        assertThat(HeadStart.look(new String[]{"-q", "downgrade", "-c", config, "base"}, Map.of()).command()).isEqualTo("downgrade");
    }

    /** t56-3: a configuration given as a pipe is the command's to read: the look does not open it. */
    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void leavesAConfigurationThatIsAPipeToTheCommand() throws Exception {
        Path fifo = dir.resolve("config.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // opening a FIFO to read waits for a writer: a look that read it would hang here
        assertThat(url("-c", fifo.toString(), "current")).isNull();
    }

    @Test
    void doesNothingForWhatDoesNotConnectOrIsNotCertain() {
        assertThat(url("-c", config, "upgrade", "head", "--sql")).as("offline").isNull();
        assertThat(url("-c", config, "history")).as("another command").isNull();
        assertThat(url("-c", config, "revision", "-m", "current")).as("a value that looks like a command").isNull();
        assertThat(url("-c", config, "current", "-h")).as("help").isNull();
        assertThat(url("-c", config, "-V")).isNull();
        assertThat(url("-c", config)).as("no command").isNull();
        assertThat(url("-c" + config, "current")).as("an attached value this look does not read").isNull();
        assertThat(url("-c", config, "-x", "novalue", "current")).isNull();
        assertThat(url("-c", config, "current", "--frobnicate")).as("unknown option").isNull();
        assertThat(url("-c", config, "--", "current")).isNull();
        assertThat(url("-c", config, "current", "--url")).as("option without its value").isNull();
        // t77-2: an option given twice is a usage error: no connection for it
        assertThat(url("--url=jdbc:postgresql://h/a", "current", "--url", "jdbc:postgresql://h/b")).as("--url twice").isNull();
        assertThat(url("-c", config, "current", "--config=" + config)).as("-c twice").isNull();
        assertThat(url("-c", config, "--env", "prod", "current", "--env", "prod")).as("--env twice").isNull();
        // -vv sets up the driver's own log lines after parsing; a connection opened before would miss them
        assertThat(url("-c", config, "-vv", "current")).isNull();
        assertThat(url("-c", config, "-v", "current", "--verbose")).isNull();
    }

    @Test
    void aBrokenConfigurationIsTheCommandsToReport() throws IOException {
        Files.writeString(dir.resolve("retort.toml"), "[retort\n");
        HeadStart h = new HeadStart(new String[]{"-c", config, "current"}, Map.of());
        h.run(); // swallowed here: the command reports it, once
        assertThat(h.take()).isNull();
        CliRun run = CliRun.of("-c", config, "current");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsOnlyOnce("FAILED:");
    }
}
