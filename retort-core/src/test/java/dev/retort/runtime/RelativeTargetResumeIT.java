package dev.retort.runtime;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t56-10: a run to a relative target that fails half-way names the absolute target to resume with: the same relative
 * target again counts from where the run stopped, and would go further than the run was asked to.
 */
class RelativeTargetResumeIT {
    @TempDir
    Path dir;

    private void revision(Path versions, String id, String revises, String up, String down) throws Exception {
        Files.writeString(versions.resolve(id + ".sql"), "-- retort:revision " + id + "\n"
                + (revises == null ? "" : "-- retort:revises " + revises + "\n")
                + "-- retort:upgrade\n" + up + "\n-- retort:downgrade\n" + down + "\n");
    }

    @Test
    void aFailedRelativeDowngradeNamesWhereItWasGoing() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        revision(versions, "r1", null, "CREATE TABLE t1 (id INT);", "DROP TABLE t1;");
        revision(versions, "r2", "r1", "CREATE TABLE t2 (id INT);", "DROP TABLE t2;");
        revision(versions, "r3", "r2", "CREATE TABLE t3 (id INT);", "DROP TABLE t3;");
        revision(versions, "r4", "r3", "CREATE TABLE t4 (id INT);\nCREATE TABLE t4b (id INT);",
                "DROP TABLE t4b;\nDELETE FROM t4 WHERE no_such_column = 1;\nDROP TABLE t4;");
        revision(versions, "r5", "r4", "CREATE TABLE t5 (id INT);", "DROP TABLE t5;");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
            retort.upgrade("heads");
            // -3 from r5 goes to r2; it stops in r4's downgrade, and -3 again from r4 would go to r1
            assertThatThrownBy(() -> retort.downgrade("-3"))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("The version table says r4; undo these statements by hand (or have the revision"
                            + " skip them), then run downgrade(\"r2\") (where -3 led from the revisions the run started at; -3"
                            + " again would count from where it stopped, and go further) to resume: the run starts the revision"
                            + " again from its first statement.")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("run again"));
            assertThat(retort.current()).containsExactly("r4");
            // an absolute target reruns as it is
            assertThatThrownBy(() -> retort.downgrade("r2"))
                    .hasMessageContaining(" and run again");
        }
    }
}
