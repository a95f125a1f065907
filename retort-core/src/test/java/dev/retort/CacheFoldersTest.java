package dev.retort;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CacheFoldersTest {
    @TempDir
    Path dir;

    /** A container's user: HOME set, user.home from the password file useless; XDG_CACHE_HOME first of all. */
    @Test
    void theUsersCacheFollowsXdgThenHomeThenTheJvmsUserHome() {
        assertThat(CacheFolders.userRoot(java.util.Map.of("HOME", "/tmp/h"), "/nonexistent"))
                .isEqualTo(java.nio.file.Path.of("/tmp/h/.cache/retort"));
        assertThat(CacheFolders.userRoot(java.util.Map.of("HOME", "/tmp/h", "XDG_CACHE_HOME", "/tmp/x"), "/nonexistent"))
                .isEqualTo(java.nio.file.Path.of("/tmp/x/retort"));
        assertThat(CacheFolders.userRoot(java.util.Map.of(), "/home/u")).isEqualTo(java.nio.file.Path.of("/home/u/.cache/retort"));
    }

    @Test
    void theProjectsOwnCacheWhenItCanBeWritten() {
        Path preferred = dir.resolve("project/.retort/cache");
        assertThat(CacheFolders.writable(preferred, dir.resolve("user"))).isEqualTo(preferred);
        assertThat(preferred).isDirectory();
    }

    /** A regular file where the folder should be stands for a read-only project (root may write anywhere else). */
    @Test
    void theUsersCacheWhenTheProjectCannotBeWritten() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve(".retort"), "not a folder");
        Path preferred = project.resolve(".retort/cache");
        Path got = CacheFolders.writable(preferred, dir.resolve("user"));
        assertThat(got).isEqualTo(dir.resolve("user/projects" + preferred.toAbsolutePath()));
        assertThat(got).isDirectory();
        // neither: the project's own, where the write fails with its usual message
        Files.writeString(dir.resolve("blocked"), "not a folder");
        assertThat(CacheFolders.writable(preferred, dir.resolve("blocked"))).isEqualTo(preferred);
    }
}
