package dev.retort.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t34-7: a Java revision's message may hold line breaks ({@code revision -m $'a\nb'}); text that shows a revision
 * per line (the log's {@code Running upgrade A -> B, message}, {@code history}, {@code check}) shows them as spaces,
 * so that no message passes for a line of its own; {@code --json} keeps the message as it is.
 */
class MessageLineBreaksTest {
    @TempDir
    Path dir;

    private static final String MESSAGE = "multi\nINFO  [retort] Running upgrade  -> 000000000000, fake\r\nend";
    private static final String ONE_LINE = "multi INFO  [retort] Running upgrade  -> 000000000000, fake end";

    @Test
    void aMessagesLineBreaksSplitNoLine() throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Path config = dir.resolve("retort.toml");
        Files.writeString(config, "[retort]\nscript_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
        CliRun made = CliRun.runNoColor(config, "revision", "-m", MESSAGE, "--rev-id", "a1b2c3d4e5f6");
        assertThat(made.exit()).as(made.err()).isZero();

        CliRun check = CliRun.runNoColor(config, "check");
        assertThat(check.out()).contains("  a1b2c3d4e5f6, " + ONE_LINE + "\n");

        CliRun up = CliRun.runNoColor(config, "upgrade", "head");
        assertThat(up.exit()).as(up.err()).isZero();
        String log = up.out() + up.err();
        assertThat(log).contains("Running upgrade  -> a1b2c3d4e5f6, " + ONE_LINE);
        assertThat(log.lines().filter(l -> l.contains("Running upgrade"))).hasSize(1);

        assertThat(CliRun.runNoColor(config, "history").out()).isEqualTo("<base> -> a1b2c3d4e5f6 (head), " + ONE_LINE + "\n");
        JsonNode json = new ObjectMapper().readTree(CliRun.runNoColor(config, "history", "--json").out());
        assertThat(json.toString()).contains(new ObjectMapper().writeValueAsString(MESSAGE));
    }
}
