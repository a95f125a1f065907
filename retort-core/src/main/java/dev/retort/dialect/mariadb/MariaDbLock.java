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
    @Override
    public Held acquire(Connection connection, String key, Duration timeout, LockWait wait) throws SQLException {
        String name = lockName(connection.getCatalog(), key);
        double seconds = Math.max(0.001, timeout.toMillis() / 1000.0);
        // the wait is bounded by lock_timeout alone: a server-wide statement timeout (max_statement_time,
        // MySQL's max_execution_time) set for the application's user would cut it short
        boolean mariadb = connection.getMetaData().getDatabaseProductVersion().contains("MariaDB");
        String sql = mariadb ? "SET STATEMENT max_statement_time = 0 FOR SELECT GET_LOCK(?, ?)"
                : "SELECT /*+ MAX_EXECUTION_TIME(0) */ GET_LOCK(?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setDouble(2, seconds);
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
                if (got != 1) throw LockKeys.timeout(key, "MariaDB GET_LOCK '" + name + "'", timeout);
            } catch (SQLException e) {
                if (wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
                throw e;
            } finally {
                wait.exited(ps);
            }
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                ps.setString(1, name);
                ps.execute();
            }
        };
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
