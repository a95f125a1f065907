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
                if (left <= 0) {
                    throw LockKeys.timeout(key, "PostgreSQL advisory lock " + number, timeout, holder(connection, number));
                }
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

    /**
     * The session holding the lock, for the timeout's message (t76-3): a run killed during a long statement leaves its
     * backend running that statement, holding the lock, until the statement ends. Fields of another user's session
     * that the connecting user may not see (pg_stat_activity) are left out; null when the lock is free again or the
     * look-up fails.
     */
    private static String holder(Connection connection, long number) {
        // a bigint advisory key is (classid, objid) = (high, low) 32 bits, objsubid 1, in the current database
        String sql = "SELECT l.pid, host(a.client_addr), a.application_name, a.state,"
                + " to_char(a.query_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'"
                + " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.classid::bigint = ? AND l.objid::bigint = ?"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, number >>> 32);
            ps.setLong(2, number & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                int pid = rs.getInt(1);
                java.util.List<String> about = new java.util.ArrayList<>();
                if (rs.getString(2) != null) about.add("client " + rs.getString(2));
                if (rs.getString(3) != null) about.add("application_name '" + rs.getString(3) + "'");
                if (rs.getString(4) != null) about.add(rs.getString(4));
                if (rs.getString(5) != null) about.add("its statement started " + rs.getString(5));
                return LockKeys.holder("the PostgreSQL session with pid " + pid, about.isEmpty() ? null : String.join(", ", about),
                        "session", "SELECT pg_terminate_backend(" + pid + ")");
            }
        } catch (SQLException e) {
            return null; // the timeout is the message; who holds the lock is a help
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
