package dev.retort.dialect.postgresql;

import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.LockKeys;
import dev.retort.dialect.LockWait;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A session-level advisory lock ({@code pg_advisory_lock}), so it survives the commits of
 * transaction-per-migration runs and does not block {@code CREATE INDEX CONCURRENTLY} (unlike a
 * transaction-scoped lock). A run that finds it taken polls {@code pg_try_advisory_lock} in short
 * autocommit statements, until {@code lock_timeout}: one blocking {@code pg_advisory_lock} would hold its
 * statement's snapshot for the whole wait, and a {@code CREATE INDEX CONCURRENTLY} of the holder waits for
 * every older snapshot to end, so the two would wait for each other until PostgreSQL killed the index build
 * as a deadlock, leaving an INVALID index (t11-10). Polling is what Flyway does for the same reason.
 */
final class PostgresLock implements DatabaseLock {
    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 200;

    @Override
    public Held acquire(Connection connection, String key, Duration timeout, LockWait wait) throws SQLException {
        long number = LockKeys.number(key);
        // the usual case, nobody else migrating: one round trip
        if (tryLock(connection, number)) return release(connection, number);
        long deadline = System.nanoTime() + timeout.toNanos();
        // each poll its own transaction: no snapshot (and no virtual transaction) is kept between polls
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) connection.setAutoCommit(true);
        try {
            long pause = FIRST_PAUSE_MILLIS;
            while (true) {
                if (wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
                long left = deadline - System.nanoTime();
                if (left <= 0) throw LockKeys.timeout(key, "PostgreSQL advisory lock " + number, timeout);
                sleep(Math.max(1, Math.min(pause, left / 1_000_000)), key);
                pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
                if (wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
                if (tryLock(connection, number)) break;
            }
        } finally {
            if (!autoCommit) connection.setAutoCommit(false);
        }
        return release(connection, number);
    }

    /** Advisory locks are the database's: tenants' schemas in one database would share one. */
    @Override
    public boolean keyNamesSchema() {
        return true;
    }

    private static boolean tryLock(Connection connection, long number) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void sleep(long millis, String key) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LockWait.cancelledWhileWaiting(key);
        }
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
}
