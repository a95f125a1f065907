package dev.retort.dialect.h2;

import dev.retort.RetortException;
import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.LockKeys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * H2 has no advisory locks and its DDL commits, so a row lock inside the run's transaction would not
 * last. Instead a lock table {@code retort_lock} holds one row per lock name, claimed by writing the
 * holder's session id in autocommit. A claim by a session that no longer exists (a crashed run) is
 * taken over, so a dead run never blocks the next one.
 */
final class H2Lock implements DatabaseLock {
    private static final String TABLE = "retort_lock";

    @Override
    public Held acquire(Connection connection, String key, Duration timeout) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (lock_name VARCHAR(255) PRIMARY KEY, session_id INTEGER)");
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + TABLE
                + " (lock_name, session_id) SELECT CAST(? AS VARCHAR(255)), NULL"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " WHERE lock_name = ?)")) {
            ps.setString(1, key);
            ps.setString(2, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw e; // another run inserted it first
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        try (PreparedStatement claim = connection.prepareStatement("UPDATE " + TABLE
                + " SET session_id = SESSION_ID() WHERE lock_name = ? AND (session_id IS NULL"
                + " OR session_id NOT IN (SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS))")) {
            claim.setString(1, key);
            while (claim.executeUpdate() != 1) {
                if (System.nanoTime() > deadline) {
                    throw new RetortException(LockKeys.timeoutMessage(key, "H2 lock table " + TABLE, timeout));
                }
                sleep(pause);
                pause = Math.min(50, pause * 2);
            }
        } finally {
            if (!autoCommit) connection.setAutoCommit(false);
        }
        return () -> {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            try (PreparedStatement ps = connection.prepareStatement("UPDATE " + TABLE
                    + " SET session_id = NULL WHERE lock_name = ? AND session_id = SESSION_ID()")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetortException("Interrupted while waiting for the migration lock");
        }
    }
}
