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
        String previousStatementTimeout;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")) {
            rs.next();
            previous = rs.getString(1);
            previousStatementTimeout = rs.getString(2);
        }
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) connection.setAutoCommit(true);
        try {
            setConfig(connection, "lock_timeout", Math.max(1, timeout.toMillis()) + "ms");
            // the wait is bounded by lock_timeout alone: a statement_timeout set for the role or database
            // (common in production) would end it first, whatever lock_timeout says
            setConfig(connection, "statement_timeout", "0");
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
            setConfig(connection, "lock_timeout", previous);
            setConfig(connection, "statement_timeout", previousStatementTimeout);
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

    private static void setConfig(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.execute();
        }
    }
}
