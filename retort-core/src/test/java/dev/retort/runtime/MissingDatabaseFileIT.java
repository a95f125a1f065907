package dev.retort.runtime;

import dev.retort.testing.Stderr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t56-11: reading a SQLite or H2 file that does not exist (a typo in the path, a volume not mounted) answers
 * "unversioned" as before, creates nothing, and now says once that the file is missing: current printed nothing and
 * exited 0, check listed every revision as pending.
 */
class MissingDatabaseFileIT {
    @Test
    void aMissingSqliteFileIsSaidToBeMissingOnceAndNotCreated(@TempDir Path dir) throws Exception {
        Path versions = TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        Path file = dir.resolve("data/nofile.db");
        Retort retort = Retort.builder().scriptLocation(versions.getParent()).url("sqlite:///" + file).build();
        String err = Stderr.of(() -> {
            assertThat(retort.current()).isEmpty();
            assertThat(retort.pending()).hasSize(1);
            assertThat(retort.needsMigration()).isTrue();
        });
        String warning = "The database file " + file.toAbsolutePath() + " does not exist: it reads as an empty, unversioned"
                + " database (reading does not create it; upgrade does). Check the path in the URL if the database should"
                + " be there.";
        assertThat(err).containsOnlyOnce(warning);
        assertThat(file).doesNotExist();
        // an upgrade creates it, and then there is nothing to say
        retort.upgrade("heads");
        assertThat(file).exists();
        Retort again = Retort.builder().scriptLocation(versions.getParent()).url("sqlite:///" + file).build();
        assertThat(Stderr.of(() -> assertThat(again.current()).containsExactly("aaaa00000001"))).doesNotContain("does not exist");
    }

    /** t60-1: a run with nothing to do on a missing file (upgrade base, a teardown's downgrade base) said only "Nothing to do". */
    @Test
    void aRunWithNothingToDoSaysTheFileIsMissingAndLeavesNoFile(@TempDir Path dir) throws Exception {
        Path versions = TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        Path file = dir.resolve("typo.db");
        Retort retort = Retort.builder().scriptLocation(versions.getParent()).url("sqlite:///" + file).build();
        String err = Stderr.of(() -> assertThat(retort.downgrade("base").applied()).isEmpty());
        assertThat(err).containsOnlyOnce("The database file " + file.toAbsolutePath() + " does not exist");
        assertThat(file).doesNotExist();
        Retort another = Retort.builder().scriptLocation(versions.getParent()).url("sqlite:///" + file).build();
        assertThat(Stderr.of(() -> assertThat(another.upgrade("base").applied()).isEmpty())).contains("does not exist");
        assertThat(file).doesNotExist();
    }

    @Test
    void aMissingH2FileToo(@TempDir Path dir) throws Exception {
        Path versions = TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        Path base = dir.resolve("nofile");
        Retort retort = Retort.builder().scriptLocation(versions.getParent()).url("jdbc:h2:" + base).build();
        String err = Stderr.of(() -> assertThat(retort.current()).isEmpty());
        assertThat(err).contains("The database file " + base.toAbsolutePath() + ".mv.db does not exist");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("db");
    }

    /**
     * t72-1: an H2 URL naming one of H2's file systems ({@code nio:}, {@code split:}) was looked for as the relative
     * file {@code nio:/...}: the migrated database read as missing and empty (current() empty, its revision pending,
     * ensureUpToDate() failed), and a relative path after it followed the working directory, not the config's folder.
     */
    @Test
    void anH2FileNamedWithItsFileSystemReadsAsMigrated(@TempDir Path dir) throws Exception {
        Path versions = TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        for (String fileSystem : new String[]{"nio:", "split:"}) {
            Path base = dir.resolve(fileSystem.replace(":", "") + "/app");
            Retort retort = Retort.builder().scriptLocation(versions.getParent()).url("jdbc:h2:" + fileSystem + base).build();
            retort.upgrade("heads");
            String err = Stderr.of(() -> {
                assertThat(retort.current()).as(fileSystem).containsExactly("aaaa00000001");
                assertThat(retort.pending()).as(fileSystem).isEmpty();
                retort.ensureUpToDate();
            });
            assertThat(err).doesNotContain("does not exist");
        }
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"db\"\nurl = \"jdbc:h2:nio:./data/app\"\n");
        Retort relative = Retort.builder().config(dir.resolve("retort.toml")).build();
        relative.upgrade("heads");
        assertThat(dir.resolve("data/app.mv.db")).as("beside the config, not in the working directory").exists();
        assertThat(relative.current()).containsExactly("aaaa00000001");
    }

    /**
     * t62-1: the first upgrade of a new H2 file that fails in its second revision (the first committed there) warned
     * that the file did not exist and read as empty, in the middle of its failure report; the file is there.
     */
    @Test
    void aFailedFirstUpgradeOfANewFileDoesNotSayItIsMissing(@TempDir Path dir) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(versions.resolve("r1.sql"), "-- retort:revision a00000000001\n-- retort:upgrade\n"
                + "CREATE TABLE t1 (id INTEGER);\n");
        Files.writeString(versions.resolve("r2.sql"), "-- retort:revision a00000000002\n-- retort:revises a00000000001\n"
                + "-- retort:upgrade\nCREATE TABLE t2 (id INTEGER PRIMARY KEY);\nINSERT INTO t2 VALUES (1);\nINSERT INTO t2 VALUES (1);\n");
        Path base = dir.resolve("new");
        Retort retort = Retort.builder().scriptLocation(versions.getParent()).url("jdbc:h2:" + base).build();
        String err = Stderr.of(() -> org.assertj.core.api.Assertions.assertThatThrownBy(() -> retort.upgrade("heads"))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("a00000000002"));
        assertThat(err).doesNotContain("does not exist");
        assertThat(retort.current()).containsExactly("a00000000001");
    }

    /**
     * t67-3: the first upgrade of a new SQLite file that fails in its first revision is rolled back, and the file,
     * left empty, is removed again: the warning that the file does not exist and the URL's path should be checked came
     * in the middle of the failure report, sending the reader after a typo there was not. A run refused on a missing
     * file before it started (downgrade -1, a mistyped path) still says the file is missing.
     */
    @Test
    void aFailedFirstUpgradeOfANewSqliteFileDoesNotSendTheReaderToThePath(@TempDir Path dir) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(versions.resolve("r1.sql"), "-- retort:revision a00000000001\n-- retort:upgrade\n"
                + "CREATE TABLE t1 (id INTEGER PRIMARY KEY);\nINSERT INTO nosuchtable VALUES (1);\n");
        Path file = dir.resolve("data/app.db");
        Files.createDirectories(file.getParent());
        Retort retort = Retort.builder().scriptLocation(versions.getParent()).url("sqlite:///" + file).build();
        String err = Stderr.of(() -> org.assertj.core.api.Assertions.assertThatThrownBy(() -> retort.upgrade("heads"))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("a00000000001")
                .hasMessageContaining("nosuchtable"));
        assertThat(err).doesNotContain("does not exist");
        assertThat(file).as("rolled back, the empty file is removed again").doesNotExist();
        Retort refused = Retort.builder().scriptLocation(versions.getParent()).url("sqlite:///" + file).build();
        String refusedErr = Stderr.of(() -> org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.downgrade("-1"))
                .isInstanceOf(dev.retort.RetortException.class));
        assertThat(refusedErr).containsOnlyOnce("The database file " + file.toAbsolutePath() + " does not exist");
        assertThat(file).doesNotExist();
    }
}
