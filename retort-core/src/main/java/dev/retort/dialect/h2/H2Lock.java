package dev.retort.dialect.h2;

import dev.retort.RetortException;
import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.LockKeys;
import dev.retort.dialect.LockWait;
import org.h2.api.ErrorCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    private static final long LIVENESS_CHECK_NANOS = 250_000_000L;

    @Override
    public Held acquire(Connection connection, String key, Duration timeout, LockWait wait) throws SQLException {
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
        long nextLivenessCheck = 0;
        try (PreparedStatement claim = connection.prepareStatement("UPDATE " + TABLE
                + " SET session_id = SESSION_ID() WHERE lock_name = ? AND session_id IS NULL")) {
            claim.setString(1, key);
            while (claim.executeUpdate() != 1) {
                long now = System.nanoTime();
                if (now >= nextLivenessCheck) {
                    if (takeOverFromDeadHolder(connection, key)) break;
                    nextLivenessCheck = now + LIVENESS_CHECK_NANOS;
                }
                if (wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
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

    /**
     * Takes the lock over when its holder's session is gone (a run that crashed). Asked of H2's
     * INFORMATION_SCHEMA.SESSIONS only now and then while waiting: H2 2.3 sometimes fails that query
     * with an internal NullPointerException while other sessions open and close, so a failure here
     * means "assume alive, ask again later", never an error of the run.
     */
    private static boolean takeOverFromDeadHolder(Connection connection, String key) throws SQLException {
        Integer holder = null;
        try (PreparedStatement ps = connection.prepareStatement("SELECT session_id FROM " + TABLE + " WHERE lock_name = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) holder = (Integer) rs.getObject(1);
            }
        }
        if (holder == null) return false; // just released: the next claim gets it
        try (PreparedStatement alive = connection.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = ?")) {
            alive.setInt(1, holder);
            try (ResultSet rs = alive.executeQuery()) {
                if (rs.next() && rs.getInt(1) > 0) return false;
            }
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.GENERAL_ERROR_1) throw e;
            return false;
        }
        try (PreparedStatement takeOver = connection.prepareStatement("UPDATE " + TABLE
                + " SET session_id = SESSION_ID() WHERE lock_name = ? AND session_id = ?")) {
            takeOver.setString(1, key);
            takeOver.setInt(2, holder);
            return takeOver.executeUpdate() == 1;
        }
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
