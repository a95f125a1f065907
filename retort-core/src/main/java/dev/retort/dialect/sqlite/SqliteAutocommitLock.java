package dev.retort.dialect.sqlite;

import dev.retort.RetortException;
import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.LockKeys;
import dev.retort.dialect.LockWait;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The run's lock while it works outside a transaction on SQLite (a {@code transactional false} revision),
 * where SQLite's own write lock, which is the transaction, is not held: without it a second run that
 * waited for the write lock gets it between two of the revision's statements, reads a version table that
 * does not show the revision yet, and runs it again. An operating-system lock on a file beside the
 * database ({@code app.db.retort-lock}), held from the first such revision to the end of the run; the
 * operating system drops it when the process dies, so a killed run never blocks the next. The file is
 * left in place: deleting a lock file races with the next run opening it.
 */
final class SqliteAutocommitLock {
    /** One JVM holds an OS file lock once: its own threads queue here first. */
    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 20;

    private SqliteAutocommitLock() {
    }

    static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".retort-lock");
    }

    static DatabaseLock.Held acquire(Path database, String key, Duration timeout, LockWait wait) {
        Path file = lockFile(database.toAbsolutePath().normalize());
        Semaphore local = IN_PROCESS.computeIfAbsent(file, f -> new Semaphore(1));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!local.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) check(key, timeout, wait, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LockWait.cancelledWhileWaiting(key);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held;
            while ((held = channel.tryLock()) == null) {
                check(key, timeout, wait, deadline);
                Thread.sleep(POLL_MILLIS);
            }
            FileChannel open = channel;
            FileLock lock = held;
            return () -> {
                try {
                    lock.release();
                    open.close();
                } catch (IOException e) {
                    // closing the channel releases the lock in any case
                } finally {
                    local.release();
                }
            };
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            try {
                if (channel != null) channel.close();
            } catch (IOException ignored) {
                // nothing held
            }
            local.release();
            if (e instanceof RetortException re) throw re;
            if (e instanceof InterruptedException) throw LockWait.cancelledWhileWaiting(key);
            throw new RetortException("Cannot lock " + file + " for the run's revisions outside a transaction: " + e.getMessage(), e);
        }
    }

    private static void check(String key, Duration timeout, LockWait wait, long deadline) {
        if (wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
        if (System.nanoTime() > deadline) {
            throw LockKeys.timeout(key, "SQLite run lock (a revision outside a transaction)", timeout);
        }
    }
}
