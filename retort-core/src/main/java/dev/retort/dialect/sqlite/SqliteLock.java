package dev.retort.dialect.sqlite;

import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.LockKeys;
import dev.retort.dialect.LockWait;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A run on a SQLite file holds {@link SqliteFileLock} from start to end, and SQLite's own write lock in its
 * transactions: they begin with {@code BEGIN IMMEDIATE}, which takes the database's RESERVED lock up front (so
 * that an application writing meanwhile waits, and two writers never both read, then both write), waiting up
 * to the timeout through SQLite's busy handler. A commit releases the write lock, not the file lock; the
 * runner still re-reads the version table after each commit (an application may have written it).
 */
final class SqliteLock implements DatabaseLock {
    /** The busy wait is given in slices of this, so that a cancelled run stops waiting within one. */
    private static final long SLICE_MILLIS = 200;

    @Override
    public Held acquire(Connection connection, String key, Duration timeout, LockWait wait) throws SQLException {
        long start = System.nanoTime();
        String file = mainFile(connection);
        Held run = file == null ? () -> { } // in memory: no other run can see this database
                : SqliteFileLock.acquire(java.nio.file.Path.of(file), connection, key, timeout, wait);
        Held write;
        try {
            write = acquireWriteLock(connection, key, timeout.minusNanos(System.nanoTime() - start), timeout, wait);
        } catch (SQLException | RuntimeException e) {
            run.close();
            throw e;
        }
        return () -> {
            try {
                write.close();
            } finally {
                run.close();
            }
        };
    }

    /** @param remaining what is left of {@code timeout} after the file lock's wait */
    private Held acquireWriteLock(Connection connection, String key, Duration remaining, Duration timeout, LockWait wait)
            throws SQLException {
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        SQLiteConfig.TransactionMode previousMode = sqlite.getConnectionConfig().getTransactionMode();
        int previousBusy = busyTimeoutInForce(connection);
        if (!connection.getAutoCommit()) connection.commit();
        connection.setAutoCommit(true);
        sqlite.getConnectionConfig().setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())); // SQLite's busy timeout is an int
        long deadline = System.nanoTime() + Math.max(1, remaining.toMillis()) * 1_000_000L;
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            sqlite.setBusyTimeout((int) Math.min(left, SLICE_MILLIS));
            try {
                connection.setAutoCommit(false); // BEGIN IMMEDIATE, waiting on the busy handler
                break;
            } catch (SQLException e) {
                // the driver marks the connection non-autocommit before BEGIN fails; put that back
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException noTransaction) {
                    // "cannot commit - no transaction is active": expected, the flag is reset all the same
                }
                boolean busy = SqliteErrors.isBusy(e);
                if (!busy || wait.cancelled() || System.nanoTime() >= deadline) {
                    restore(sqlite, previousMode, previousBusy);
                    if (!busy) throw e;
                    if (wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
                    throw LockKeys.timeout(key, "SQLite write lock", timeout);
                }
            }
        }
        // the run's commits wait for readers to finish (SQLite's EXCLUSIVE lock): as long as the lock itself
        sqlite.setBusyTimeout(timeoutMillis);
        return () -> {
            try {
                if (!connection.getAutoCommit()) {
                    // an interrupted statement (SQLITE_INTERRUPT) has rolled the transaction back already, and the
                    // driver, which still thinks one is open, fails on "no transaction is active": nothing is held
                    try {
                        connection.rollback();
                    } catch (SQLException e) {
                        if (!SqliteErrors.noTransaction(e)) throw e;
                    }
                    try {
                        connection.setAutoCommit(true);
                    } catch (SQLException e) {
                        if (!SqliteErrors.noTransaction(e)) throw e;
                    }
                }
            } finally {
                restore(sqlite, previousMode, previousBusy);
            }
        };
    }

    /** The main database's file, or null in memory. */
    private static String mainFile(Connection connection) throws SQLException {
        try (var s = connection.createStatement(); var rs = s.executeQuery("SELECT file FROM pragma_database_list WHERE name = 'main'")) {
            String file = rs.next() ? rs.getString(1) : null;
            return file == null || file.isEmpty() ? null : file;
        }
    }

    @Override
    public boolean releasedByCommit() {
        return true;
    }

    /**
     * The busy timeout the connection has: an application's {@code PRAGMA busy_timeout} (a pool's init SQL) sets it
     * behind the driver's back, whose {@code getBusyTimeout()} still says what its configuration gave (t41-1).
     */
    private static int busyTimeoutInForce(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
            return rs.next() ? rs.getInt(1) : connection.unwrap(SQLiteConnection.class).getBusyTimeout();
        }
    }

    private static void restore(SQLiteConnection sqlite, SQLiteConfig.TransactionMode mode, int busy) throws SQLException {
        sqlite.getConnectionConfig().setTransactionMode(mode);
        sqlite.setBusyTimeout(busy);
    }
}
