package dev.retort.dialect.sqlite;

import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.LockWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** t30-1: a lock file one user left must not shut out another who may write the database. */
class SqliteFileLockTest {
    @TempDir
    Path dir;

    @Test
    void theLockFileGetsTheDatabaseFilesPermissionsWhateverTheUmask() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-rw-rw-"));
        lockAndRelease(db);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SqliteFileLock.lockFile(db))))
                .isEqualTo("rw-rw-rw-");
    }

    @Test
    void aLockFileLeftEarlierIsMendedByTheNextRunThatMay() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        Path lock = Files.createFile(SqliteFileLock.lockFile(db));
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-rw-r--"));
        lockAndRelease(db);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock))).isEqualTo("rw-rw-r--");
    }

    @Test
    void rootGivesTheLockFileToTheDatabasesOwner() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root may give a file away");
        Path db = Files.createFile(dir.resolve("app.db"));
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(db, nobody);
        lockAndRelease(db);
        assertThat(Files.getOwner(SqliteFileLock.lockFile(db))).isEqualTo(nobody);
    }

    @Test
    void aLockFileThisUserMayNotWriteIsNamedAsTheCauseNotTheFolder() throws Exception {
        Path lock = Files.createFile(SqliteFileLock.lockFile(dir.resolve("app.db")));
        String message = SqliteFileLock.failure(lock, new AccessDeniedException(lock.toString()));
        assertThat(message).contains(lock.toString()).contains("permission denied, this user may not write it")
                .contains("chown/chmod").doesNotContain("folder");
    }

    @Test
    void aFolderThatCannotTakeTheFileSaysWhy() {
        Path lock = SqliteFileLock.lockFile(dir.resolve("app.db"));
        String message = SqliteFileLock.failure(lock, new AccessDeniedException(lock.toString()));
        assertThat(message).contains("its folder must be writable").contains("permission denied");
    }

    private static void lockAndRelease(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            DatabaseLock.Held held = SqliteFileLock.acquire(db, c, "retort:retort_version", Duration.ofSeconds(5),
                    LockWait.UNCANCELLABLE);
            held.close();
        }
    }
}
