package dev.retort.dialect.sqlite;

import dev.retort.IoErrors;
import dev.retort.RetortException;
import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.LockKeys;
import dev.retort.dialect.LockWait;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's lock on a SQLite file for the whole run: an operating-system lock on a file beside the database
 * ({@code app.db.retort-lock}, as SQLite keeps its journal beside it). SQLite's own write lock is the
 * transaction, so it is not held between a commit and the next BEGIN, nor at all while a {@code transactional
 * false} revision runs: without this lock a second run (an upgrade, or a downgrade or stamp that runs nothing
 * outside a transaction itself) got the write lock between two of that revision's statements and moved the
 * version table under it. The operating system drops the lock when the process dies, so a killed run never
 * blocks the next; in one JVM, where the system lock is the process's, a holder whose connection is closed
 * is taken over, as the server engines release a session's lock with the session. The file is left in place:
 * deleting a lock file races with the next run opening it. So that a file left by one user (root, a deploy user)
 * does not shut out another who may write the database, it gets the database file's permissions, and its owner
 * when the run may give it (root), as SQLite does for its journal.
 */
final class SqliteFileLock {
    /** A JVM holds an OS file lock once: the connection of this process's run that holds it, by lock file. */
    private static final ConcurrentHashMap<Path, Holder> HELD = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 20;

    /** A run of this JVM holding (or about to take) the lock; its channel is opened only once it is the holder. */
    private static final class Holder {
        final Connection connection;
        volatile FileChannel channel;

        Holder(Connection connection) {
            this.connection = connection;
        }

        void close() {
            FileChannel c = channel;
            if (c != null) closeQuietly(c);
        }
    }

    private SqliteFileLock() {
    }

    static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".retort-lock");
    }

    /**
     * A waiter of this JVM opens no channel of its own on the lock file until the JVM's holder has let go: on
     * Linux, closing any descriptor of a file drops every lock the process holds on it, so a waiter that gave up
     * (a timeout) and closed its channel released the holder's lock under it.
     */
    static DatabaseLock.Held acquire(Path database, Connection connection, String key, Duration timeout, LockWait wait) {
        Path file = lockFile(database.toAbsolutePath().normalize());
        long deadline = System.nanoTime() + timeout.toNanos();
        Holder me = new Holder(connection);
        boolean holder = false;
        try {
            for (Holder other; (other = HELD.putIfAbsent(file, me)) != null; ) {
                if (isClosed(other.connection)) {
                    // closed before the map entry goes: the next holder's lock must not overlap this JVM's own
                    other.close();
                    HELD.remove(file, other);
                    continue;
                }
                check(key, timeout, wait, deadline);
                Thread.sleep(POLL_MILLIS);
            }
            holder = true;
            me.channel = open(file, database);
            while (me.channel.tryLock() == null) { // another process's run
                check(key, timeout, wait, deadline);
                Thread.sleep(POLL_MILLIS);
            }
            return () -> {
                me.close(); // releases the lock
                HELD.remove(file, me);
            };
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            if (holder) {
                me.close(); // this JVM's only channel on the file: no other run's lock goes with it
                HELD.remove(file, me);
            }
            if (e instanceof RetortException re) throw re;
            if (e instanceof InterruptedException) throw LockWait.cancelledWhileWaiting(key);
            throw new RetortException(failure(file, e), e);
        }
    }

    private static FileChannel open(Path file, Path database) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        likeDatabase(file, database);
        return channel;
    }

    /**
     * Gives the lock file the database file's permissions and owner where this run may (its owner, or root):
     * on every run, not only at creation, so that a file an earlier run left is mended by the next one that can.
     * Best effort: where it cannot, the file stays as it is, which this run can write.
     */
    private static void likeDatabase(Path file, Path database) {
        PosixFileAttributes db;
        PosixFileAttributeView view;
        PosixFileAttributes lock;
        try {
            db = Files.readAttributes(database, PosixFileAttributes.class);
            view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            lock = view.readAttributes();
        } catch (IOException | UnsupportedOperationException e) {
            return; // no POSIX file attributes (Windows): the file keeps what it has
        }
        try {
            if (!lock.owner().equals(db.owner())) view.setOwner(db.owner());
        } catch (IOException e) {
            // only root may give a file away
        }
        try {
            if (!lock.group().equals(db.group())) view.setGroup(db.group());
        } catch (IOException e) {
            // not the owner, or not in that group
        }
        try {
            if (!lock.permissions().equals(db.permissions())) view.setPermissions(db.permissions());
        } catch (IOException e) {
            // not the owner
        }
    }

    /** The real cause: a lock file another user left and this one may not write is not a folder problem. */
    static String failure(Path file, Exception e) {
        String what = "Cannot create or lock " + file + ", the run's lock beside the database";
        if (!(e instanceof IOException io)) return what + ": " + e.getMessage();
        if (e instanceof AccessDeniedException && Files.exists(file)) {
            return what + ": permission denied, this user may not write it" + ownerAndMode(file)
                    + ". Give it the database file's owner or permissions (chown/chmod), or delete it while no run is going";
        }
        return what + " (its folder must be writable, as for SQLite's own journal): " + IoErrors.describe(io);
    }

    private static String ownerAndMode(Path file) {
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
            return " (owner " + a.owner().getName() + ", " + PosixFilePermissions.toString(a.permissions()) + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing releases the lock whatever it reports
        }
    }

    private static void check(String key, Duration timeout, LockWait wait, long deadline) {
        if (wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
        if (System.nanoTime() > deadline) {
            throw LockKeys.timeout(key, "SQLite run lock, a file lock on <database>.retort-lock", timeout);
        }
    }
}
