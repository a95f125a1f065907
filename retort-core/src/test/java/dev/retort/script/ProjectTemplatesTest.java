package dev.retort.script;

import dev.retort.RetortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
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

    /**
     * t77-1: the folder's name went into retort.toml as it was: a '"' broke the TOML, a backslash became '/' on
     * Linux (another folder). Both templates' files now load and name the folder made.
     */
    @Test
    void quotesAndBackslashesInTheFolderNameAreWrittenAsTomlStrings() {
        for (String template : List.of("generic", "multidb")) {
            for (String name : List.of("my \"app\"", "a\\b", "tab\there", "plain")) {
                Path root = dir.resolve(template + "-" + Math.abs(name.hashCode()));
                Path config = root.resolve("retort.toml");
                ProjectTemplates.init(root.resolve(name), config, template);
                RetortConfig loaded = ConfigLoader.load(config, null, template.equals("multidb") ? "main" : null, null, Map.of(), Map.of());
                assertThat(loaded.scriptLocation()).as(name).isEqualTo(root.resolve(name));
                assertThat(loaded.versionLocations().get(0)).as(name).startsWith(root.resolve(name)).exists();
            }
        }
    }

    /** t77-1: a line break cannot be written in script_location, and '${' would be read as a variable: refused before anything is made. */
    @Test
    void aFolderNameRetortTomlCannotHoldIsRefusedFirst() throws IOException {
        for (String name : List.of("new\nline", "cost${X}", "mig${HOME}")) {
            Path root = Files.createDirectories(dir.resolve("r" + Math.abs(name.hashCode())));
            assertThatThrownBy(() -> ProjectTemplates.init(root.resolve(name), root.resolve("retort.toml"), "generic"))
                    .as(name).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Cannot create the project in " + root.resolve(name) + ": its path holds ")
                    .hasMessageEndingWith("Nothing was created");
            assertThat(listing(root)).as(name).isEmpty();
        }
    }

    private static List<Path> listing(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).sorted().toList();
        }
    }
}
