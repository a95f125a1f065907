package dev.retort.dialect.mariadb;

import dev.retort.RetortException;
import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.LockKeys;
import dev.retort.dialect.LockWait;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * {@code GET_LOCK(name, seconds)}: a named lock of the session, kept across commits. Lock names are
 * server-wide, so the name says which database's version table it guards: the run's key names the database the
 * version table resolved to ({@link #keyNamesSchema}), whether {@code version_table_schema} names it or the
 * connection's database is it, so that both spellings of one table take one lock (t26-1).
 */
final class MariaDbLock implements DatabaseLock {
    /**
     * The longest single GET_LOCK wait: the driver's read of its answer ignores Thread.interrupt(), so the wait is
     * cut into slices and the caller's interrupt is looked at between them (PostgreSQL's, SQLite's and H2's locks
     * poll, and stop at once). GET_LOCK returns as soon as the lock is free, so a slice adds no delay.
     */
    private static final long SLICE_MILLIS = 100;

    @Override
    public Held acquire(Connection connection, String key, Duration timeout, LockWait wait) throws SQLException {
        String name = lockName(connection.getCatalog(), key);
        // the wait is bounded by lock_timeout alone: a server-wide statement timeout (max_statement_time,
        // MySQL's max_execution_time) set for the application's user would cut it short
        boolean mariadb = connection.getMetaData().getDatabaseProductVersion().contains("MariaDB");
        String sql = mariadb ? "SET STATEMENT max_statement_time = 0 FOR SELECT GET_LOCK(?, ?)"
                : "SELECT /*+ MAX_EXECUTION_TIME(0) */ GET_LOCK(?, ?)";
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, name);
            while (true) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                ps.setDouble(2, Math.max(0.001, Math.min(SLICE_MILLIS, leftMillis) / 1000.0));
                if (getLock(ps, name, key, wait)) break;
                // an interrupted caller (ExecutorService.shutdownNow(), a framework closing) stops waiting, as
                // a cancel does; the interrupt stays set for the caller to see
                if (Thread.currentThread().isInterrupted()) throw LockWait.cancelledWhileWaiting(key);
                if (deadline - System.nanoTime() <= 0) {
                    throw LockKeys.timeout(key, "MariaDB GET_LOCK '" + name + "'", timeout, holder(connection, name));
                }
            }
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                ps.setString(1, name);
                ps.execute();
            }
        };
    }

    /** One GET_LOCK slice: whether the lock was acquired (false: the slice ran out with the lock still taken). */
    private static boolean getLock(PreparedStatement ps, String name, String key, LockWait wait) throws SQLException {
        wait.blocking(ps, key);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            int got = rs.getInt(1);
            boolean acquired = got == 1 && !rs.wasNull();
            // KILL QUERY makes GET_LOCK give NULL; a lock acquired at that moment is kept and released as usual
            if (!acquired && wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
            if (rs.wasNull()) {
                throw new RetortException("GET_LOCK('" + name + "') was interrupted on the server (a KILL, or a"
                        + " statement timeout of the server's) before the migration lock was free");
            }
            return acquired;
        } catch (SQLException e) {
            if (wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
            throw e;
        } finally {
            wait.exited(ps);
        }
    }

    /**
     * The connection holding the lock, for the timeout's message (t76-3): the server finishes a killed run's statement
     * before it notices the client is gone, and its connection keeps the lock until then. The process list shows only
     * the user's own connections without the PROCESS privilege; null when the lock is free again or the look-up fails.
     */
    private static String holder(Connection connection, String name) {
        String sql = "SELECT l.id, p.HOST, p.COMMAND, p.TIME FROM (SELECT IS_USED_LOCK(?) AS id) l"
                + " LEFT JOIN information_schema.PROCESSLIST p ON p.ID = l.id";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) return null;
                long id = rs.getLong(1);
                return LockKeys.holder("the connection with id " + id, rs.getString(2) == null ? null
                        : "client " + rs.getString(2) + ", " + rs.getString(3) + " for " + rs.getLong(4) + " s", "connection", "KILL " + id);
            }
        } catch (SQLException e) {
            return null; // the timeout is the message; who holds the lock is a help
        }
    }

    /** Lock names are the server's: a key without the database would be one lock for every database's table. */
    @Override
    public boolean keyNamesSchema() {
        return true;
    }

    /**
     * The lock's name for {@code key} ({@code RuntimeSettings.lockName}: {@code retort:[database.]table}). A version
     * table named with its database is the same table from every connection, whichever database the connection
     * uses, so its lock must be the same too; prefixing the connection's database let two runs write one shared
     * version table at once.
     */
    static String lockName(String database, String key) {
        boolean qualified = key.indexOf('.') >= 0;
        String name = (qualified || database == null ? "" : database + ":") + key;
        return LockKeys.fitted(name, 64); // MariaDB and MySQL allow 64 characters
    }
}
