package dev.retort.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t47-6: colours follow stderr, where the log lines go (command-line.md: "no colours ... when stderr is not a
 * terminal"). They followed stdin and stdout (System.console()): a log redirected from a terminal got escape codes,
 * and a terminal's stderr got none when stdin was redirected. Run under script(1), which gives the process a terminal.
 */
class StderrColourIT {
    private static final String ESC = "\u001b[";

    @TempDir
    Path dir;

    @Test
    void aRedirectedStderrGetsNoColourThoughStdoutIsATerminal() throws Exception {
        Path log = dir.resolve("migrate.log");
        underATerminal(retort() + " 2>'" + log + "'");
        assertThat(Files.readString(log)).contains("INFO").doesNotContain(ESC);
    }

    @Test
    void aTerminalStderrGetsColourThoughStdinAndStdoutAreRedirected() throws Exception {
        String screen = underATerminal(retort() + " </dev/null >'" + dir.resolve("out.txt") + "'");
        assertThat(screen).contains(ESC + "32mINFO");
    }

    /** {@code java -jar retort.jar -c DIR/retort.toml upgrade head} on a SQLite project with one revision. */
    private String retort() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"db\"\nurl = \"sqlite:///app.db\"\n");
        Files.writeString(versions.resolve("a1.sql"), "-- retort:revision a1\n-- retort:upgrade\nCREATE TABLE t (id INTEGER);\n");
        List<String> command = CliJar.process(dir, "upgrade", "head").command();
        return String.join(" ", command.stream().map(a -> "'" + a + "'").toList());
    }

    /** Runs the shell command line under script(1): its stdin, stdout and stderr are a terminal unless redirected. */
    private String underATerminal(String commandLine) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) is needed");
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", commandLine, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String screen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(screen).isZero();
        return screen;
    }
}
