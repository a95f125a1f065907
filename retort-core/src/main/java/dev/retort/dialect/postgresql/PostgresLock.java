package dev.retort.dialect.postgresql;

import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.LockKeys;
import dev.retort.dialect.LockWait;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A session-level advisory lock ({@code pg_advisory_lock}), so it survives the commits of
 * transaction-per-migration runs and does not block {@code CREATE INDEX CONCURRENTLY} (unlike a
 * transaction-scoped lock). The wait is bounded with {@code lock_timeout}, restored afterwards.
 */
final class PostgresLock implements DatabaseLock {
    @Override
    public Held acquire(Connection connection, String key, Duration timeout, LockWait wait) throws SQLException {
        long number = LockKeys.number(key);
        // the usual case, nobody else migrating: one round trip instead of setting up a bounded wait
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) return release(connection, number);
            }
        }
        String previous;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW lock_timeout")) {
            rs.next();
            previous = rs.getString(1);
        }
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) connection.setAutoCommit(true);
        try {
            setLockTimeout(connection, Math.max(1, timeout.toMillis()) + "ms");
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, number);
                wait.blocking(ps, key);
                try {
                    ps.execute();
                } finally {
                    wait.exited(ps);
                }
            } catch (SQLException e) {
                if (wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
                if ("55P03".equals(e.getSQLState())) { // lock_not_available
                    throw LockKeys.timeout(key, "PostgreSQL advisory lock " + number, timeout);
                }
                throw e;
            }
        } finally {
            setLockTimeout(connection, previous);
            if (!autoCommit) connection.setAutoCommit(false);
        }
        return release(connection, number);
    }

    private static Held release(Connection connection, long number) {
        return () -> {
            boolean ac = connection.getAutoCommit();
            if (!ac) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, number);
                ps.execute();
            }
        };
    }

    private static void setLockTimeout(Connection connection, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
            ps.setString(1, value);
            ps.execute();
        }
    }
}
