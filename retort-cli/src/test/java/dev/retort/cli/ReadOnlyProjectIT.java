package dev.retort.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project whose folder cannot be written (migrations baked into a container image run as another user,
 * a read-only volume): its Java revisions compile into the user's cache, and its revision index goes there
 * too. Before, every command that
 * needed them failed with "Cannot write the compile cache .../.retort/cache: permission denied".
 */
class ReadOnlyProjectIT {
    @TempDir
    Path dir;

    @Test
    void javaRevisionsRunWhenTheProjectsCacheCannotBeWritten() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
        Files.writeString(versions.resolve("a.java"), """
                import dev.retort.migration.*;

                @Revision(id = "aaaa00000001", message = "in java")
                class A extends Migration {
                    @Override public void upgrade(Operations op) {
                        op.execute("CREATE TABLE t (id INTEGER)");
                    }
                }
                """);
        // older than the index's 3-second margin, so that the index stores it
        Files.setLastModifiedTime(versions.resolve("a.java"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        // a regular file where .retort/ would go: unwritable even for root, which the tests may run as
        Files.writeString(dir.resolve(".retort"), "");
        Path userCache = dir.resolve("user-cache");
        ProcessBuilder up = CliJar.process(dir, "--url", "sqlite:///" + dir.resolve("app.db"), "upgrade", "head");
        up.environment().put("XDG_CACHE_HOME", userCache.toString());
        assertThat(CliJar.run(up)).contains("Running upgrade  -> aaaa00000001, in java");
        try (Stream<Path> files = Files.walk(userCache.resolve("retort/projects"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.endsWith(".class"))
                    .as("the revision index too, so that a read-only project keeps its fast start")
                    .anyMatch(n -> n.startsWith("revision-index-") && !n.endsWith(".tmp"));
        }
    }
}
