package dev.retort.script;

import dev.retort.RetortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectTemplatesTest {
    @TempDir
    Path dir;

    /**
     * t14-7: a folder that cannot be written is one plain line naming it, not a Java exception's class names. (A
     * regular file where a folder must go: unwritable even for root, which the tests may run as.)
     */
    @Test
    void aFolderThatCannotBeMadeIsOnePlainLine() throws Exception {
        Path blocked = Files.writeString(dir.resolve("ro"), "");
        Path project = blocked.resolve("newproj");
        assertThatThrownBy(() -> ProjectTemplates.init(project, blocked.resolve("retort.toml"), "generic"))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Cannot create the project in " + project + ": ")
                .hasMessageNotContaining("Exception");
    }
}
