package dev.retort.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GlobalOptionsTest {
    @TempDir
    Path dir;

    /** t47-6: stderr's descriptor link says whether it is a terminal (a link's target need not exist to be read). */
    @Test
    void aDescriptorLinkedToATerminalDeviceIsATerminal() throws Exception {
        assertThat(GlobalOptions.isTerminal(Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3")))).isTrue();
        assertThat(GlobalOptions.isTerminal(Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1")))).isTrue();
        assertThat(GlobalOptions.isTerminal(Files.createSymbolicLink(dir.resolve("log"), dir.resolve("migrate.log")))).isFalse();
        assertThat(GlobalOptions.isTerminal(Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[4711]")))).isFalse();
        assertThat(GlobalOptions.isTerminal(Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null")))).isFalse();
        assertThat(GlobalOptions.isTerminal(dir.resolve("none"))).as("no link to read: unknown").isNull();
    }
}
