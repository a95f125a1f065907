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

    /**
     * t77-6: a file named data beside the config stopped init after the script folder was filled, with a message
     * blaming the project folder ("it already exists"); the retry then found that folder not empty. The path in the
     * way is named, nothing is made, and the retry works.
     */
    @Test
    void aFileInTheWayIsNamedAndNothingIsLeftBehind() throws IOException {
        Path root = Files.createDirectories(dir.resolve("pp"));
        Path data = Files.writeString(root.resolve("data"), "");
        Path project = root.resolve("mig");
        assertThatThrownBy(() -> ProjectTemplates.init(project, root.resolve("retort.toml"), "generic"))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Cannot create the project in " + project + ": " + data + " is a file, where init"
                        + " makes the folder " + data);
        assertThat(listing(root)).containsExactly(data);
        Files.delete(data);
        assertThat(ProjectTemplates.init(project, root.resolve("retort.toml"), "generic")).isNotEmpty();
        assertThat(root.resolve("retort.toml")).exists();

        // the config's folder under a file
        Path other = Files.createDirectories(dir.resolve("pq"));
        Path afile = Files.writeString(other.resolve("afile"), "");
        assertThatThrownBy(() -> ProjectTemplates.init(other.resolve("mig"), afile.resolve("retort.toml"), "generic"))
                .hasMessageContaining(": " + afile + " is a file, where init makes the folder " + afile.resolve("data"));
        assertThat(listing(other)).containsExactly(afile);

        // t77: a folder where the config file goes was "already exists, skipping" (exit 0), and every later command failed
        Path cfg = Files.createDirectories(dir.resolve("pr/cfg/retort.toml"));
        assertThatThrownBy(() -> ProjectTemplates.init(dir.resolve("pr/mig"), cfg, "generic"))
                .hasMessageContaining("the config file " + cfg + " is a folder; name a file with -c")
                .hasMessageEndingWith("Nothing was created");
        assertThat(dir.resolve("pr/mig")).doesNotExist();
    }

    /** t77-6: a failure no check foresees (here the config's path taken by a folder made unwritable) undoes what was made. */
    @Test
    void aFailureHalfWayRemovesWhatWasMade() throws IOException {
        Path root = Files.createDirectories(dir.resolve("half"));
        Path project = root.resolve("a").resolve("mig");
        // the config is to go inside the project's own version folder, which init makes as a folder, then
        // ".gitkeep" collides with a config named so: writing it fails after the folders were made
        Path config = project.resolve("versions").resolve(".gitkeep");
        Files.createDirectories(root.resolve("a")); // existing: must stay
        assertThatThrownBy(() -> ProjectTemplates.init(project, config, "generic"))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Cannot create the project in " + project + ": ")
                .hasMessageEndingWith("nothing was left behind");
        assertThat(listing(root)).containsExactly(root.resolve("a"));
    }

    private static List<Path> listing(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).sorted().toList();
        }
    }
}
