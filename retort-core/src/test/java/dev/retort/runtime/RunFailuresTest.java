package dev.retort.runtime;

import dev.retort.RetortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * t63-4: every failure of the facade's upgrade, downgrade and stamp is the documented MigrationFailedException, which
 * the start-up example of docs/library-api.md catches: before its first revision too, with a null revision().
 */
class RunFailuresTest {
    @TempDir
    Path dir;

    private Retort retort(String file, String text) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(versions.resolve(file), text);
        return Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:sqlite:" + dir.resolve("app.db")).build();
    }

    /** The failure, checked to be a MigrationFailedException outside any revision whose cause says the same. */
    private static MigrationFailedException outsideAnyRevision(Throwable thrown) {
        assertThat(thrown).isInstanceOf(MigrationFailedException.class).hasCauseInstanceOf(RetortException.class);
        MigrationFailedException e = (MigrationFailedException) thrown;
        assertThat(e.revision()).isNull();
        assertThat(e.committed()).isEmpty();
        assertThat(e.getCause()).hasMessage(e.getMessage());
        return e;
    }

    @Test
    void aJavaRevisionThatDoesNotCompile() throws Exception {
        Retort r = retort("r1.java", """
                import dev.retort.migration.*;
                @Revision(id = "bbbb00000001", revises = {}, message = "lib")
                class R_lib extends Migration {
                    @Override public void upgrade(Operations op) {
                        undefinedCall();
                    }
                }
                """);
        MigrationFailedException e = outsideAnyRevision(catchThrowable(() -> r.upgrade("head")));
        assertThat(e).hasMessageStartingWith("Java revisions do not compile (1 error); nothing was run:")
                .hasMessageContaining("r1.java:5: cannot find symbol");
    }

    @Test
    void aBrokenRevisionFileAnUnknownTargetAndNoTarget() throws Exception {
        Retort broken = retort("a.sql", """
                CREATE TABLE too_early (id INTEGER);
                -- retort:upgrade
                CREATE TABLE t (id INTEGER);
                """);
        assertThat(outsideAnyRevision(catchThrowable(() -> broken.upgrade("head")))).hasMessageContaining("a.sql");
        assertThat(outsideAnyRevision(catchThrowable(() -> broken.stamp(List.of("head"), false, null))))
                .hasMessageContaining("a.sql");

        Retort r = retort("a.sql", """
                -- retort:revision a0000001
                -- retort:upgrade
                CREATE TABLE t (id INTEGER);
                -- retort:downgrade
                DROP TABLE t;
                """);
        // the cause's message is Retort's own, not masked again ("identified by 'x'" is shaped like a password)
        assertThat(outsideAnyRevision(catchThrowable(() -> r.upgrade("nosuchrev"))))
                .hasMessageStartingWith("Can't locate revision identified by 'nosuchrev'");
        assertThat(outsideAnyRevision(catchThrowable(() -> r.downgrade(null))))
                .hasMessageStartingWith("downgrade(null): the target revision is not given");
        assertThat(outsideAnyRevision(catchThrowable(() -> r.stamp(List.of(), false, null))))
                .hasMessageContaining("no target revision is given");
        r.upgrade("head");
        assertThat(r.current()).containsExactly("a0000001");
    }
}
