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
 * holder's session id and the session's start time in autocommit. A claim by a session that no longer
 * exists (a crashed run) is taken over, so a dead run never blocks the next one. The start time is part of
 * the claim because H2 numbers sessions afresh each time a file database opens: a run killed while holding
 * the lock left a claim whose session id the next run's own session may carry.
 */
final class H2Lock implements DatabaseLock {
    private static final String TABLE_NAME = "retort_lock";
    private static final long LIVENESS_CHECK_NANOS = 250_000_000L;
    /**
     * The claiming session's start, read in the claim itself: with {@code AUTO_SERVER=TRUE} H2 reconnects a waiting
     * run by itself when the process serving the file ends, and a start read before the claim was the old session's,
     * so the claim looked dead at once and another run took it over (t49-1).
     */
    private static final String MY_START =
            "(SELECT SESSION_START FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID())";

    /** The version table's schema as SQL, or null for the session's of the lock's start. */
    private final String schema;
    /** The version table as SQL, or null: the row is then the key's. */
    private final String versionTable;

    H2Lock() {
        this(null, null);
    }

    private H2Lock(String schema, String versionTable) {
        this.schema = schema;
        this.versionTable = versionTable;
    }

    /**
     * In the version table's schema: the session's, where the run starts, was a table of its own for each starting
     * schema, and two runs on one {@code version_table_schema} both ran its revisions (t30-5).
     */
    @Override
    public DatabaseLock beside(String schema, String table) {
        return new H2Lock(schema, table);
    }

    @Override
    public Held acquire(Connection connection, String key, Duration timeout, LockWait wait) throws SQLException {
        String row = rowName(versionTable == null ? key : "retort:" + resolved(connection, versionTable));
        // named in a schema of now: a revision's SET SCHEMA must not lose it before the release
        String session = schema == null ? connection.getSchema() : null;
        String table = schema != null ? schema + "." + TABLE_NAME
                : session == null ? TABLE_NAME : "\"" + session.replace("\"", "\"\"") + "\"." + TABLE_NAME;
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table
                    + " (lock_name VARCHAR(255) PRIMARY KEY, session_id INTEGER, session_start TIMESTAMP(9) WITH TIME ZONE)");
            s.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS session_start TIMESTAMP(9) WITH TIME ZONE");
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table
                + " (lock_name, session_id) SELECT CAST(? AS VARCHAR(255)), NULL"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE lock_name = ?)")) {
            ps.setString(1, row);
            ps.setString(2, row);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw e; // another run inserted it first
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        long nextLivenessCheck = 0;
        try (PreparedStatement claim = connection.prepareStatement("UPDATE " + table
                + " SET session_id = SESSION_ID(), session_start = " + MY_START + " WHERE lock_name = ? AND session_id IS NULL")) {
            claim.setString(1, row);
            while (!claimed(claim)) {
                long now = System.nanoTime();
                if (now >= nextLivenessCheck) {
                    if (takeOverFromDeadHolder(connection, table, row)) break;
                    nextLivenessCheck = now + LIVENESS_CHECK_NANOS;
                }
                if (wait.cancelled()) throw LockWait.cancelledWhileWaiting(key);
                if (System.nanoTime() > deadline) {
                    String how = "H2 lock table " + TABLE_NAME + (row.equals(key) ? "" : ", row '" + row + "'");
                    throw LockKeys.timeout(key, how, timeout);
                }
                sleep(pause, key);
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
            try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table
                    + " SET session_id = NULL WHERE lock_name = ? AND session_id = SESSION_ID()")) {
                ps.setString(1, row);
                ps.executeUpdate();
            }
        };
    }

    /**
     * The version table's name, written {@code sql}, as H2 stores it, and reported as reflection does (an all upper
     * case name in lower case where H2 folds to upper case), so that the usual row stays {@code retort:retort_version}.
     * The row names no schema: its table is in the version table's schema already. It was the run's key, which names
     * version_table_schema as written when that is set, so a run with it and one without it on one version table
     * ({@code PUBLIC} or unset; {@code RETORT_VERSION} or {@code retort_version}, which H2 folds to one name) claimed
     * rows of their own and both applied the revision (t72-3).
     */
    private static String resolved(Connection connection, String sql) throws SQLException {
        IdentifierCase names = IdentifierCase.of(connection);
        String stored = sql.startsWith("\"") ? sql.substring(1, sql.length() - 1).replace("\"\"", "\"")
                : names.storedBare(sql);
        return names.reported(stored);
    }

    /**
     * The lock's row for {@code key}, which fits the column: a longer key (a version table with a name of 250
     * characters, t30-6) was cut short by the INSERT's CAST and then never matched by the claim.
     */
    private static String rowName(String key) {
        return LockKeys.fitted(key, 255);
    }

    /**
     * Takes the lock over when its holder's session is gone (a run that crashed). Asked of H2's
     * INFORMATION_SCHEMA.SESSIONS only now and then while waiting: H2 2.3 sometimes fails that query
     * with an internal NullPointerException while other sessions open and close, so a failure here
     * means "assume alive, ask again later", never an error of the run.
     */
    private static boolean takeOverFromDeadHolder(Connection connection, String table, String key) throws SQLException {
        Integer holder = null;
        Object holderStart = null;
        try (PreparedStatement ps = connection.prepareStatement("SELECT session_id, session_start FROM " + table + " WHERE lock_name = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    holder = (Integer) rs.getObject(1);
                    holderStart = rs.getObject(2);
                }
            }
        }
        if (holder == null) return false; // just released: the next claim gets it
        // a claim from before the start time was recorded (an older Retort) is judged by the session id alone
        try (PreparedStatement alive = connection.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                + " WHERE SESSION_ID = ? AND (CAST(? AS TIMESTAMP(9) WITH TIME ZONE) IS NULL OR SESSION_START = ?)")) {
            alive.setInt(1, holder);
            alive.setObject(2, holderStart);
            alive.setObject(3, holderStart);
            try (ResultSet rs = alive.executeQuery()) {
                if (rs.next() && rs.getInt(1) > 0) return false;
            }
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.GENERAL_ERROR_1) throw e;
            return false;
        }
        try (PreparedStatement takeOver = connection.prepareStatement("UPDATE " + table
                + " SET session_id = SESSION_ID(), session_start = " + MY_START + " WHERE lock_name = ? AND session_id = ?"
                + " AND session_start IS NOT DISTINCT FROM ?")) {
            takeOver.setString(1, key);
            takeOver.setInt(2, holder);
            takeOver.setObject(3, holderStart);
            return claimed(takeOver);
        }
    }

    /**
     * Runs a claim of the row; false when it found the row taken, or when H2 failed to say the session's start
     * (see {@link #takeOverFromDeadHolder} on its occasional failure): the next round tries again.
     */
    private static boolean claimed(PreparedStatement claim) throws SQLException {
        try {
            return claim.executeUpdate() == 1;
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.GENERAL_ERROR_1) throw e;
            return false;
        }
    }

    private static void sleep(long ms, String key) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LockWait.cancelledWhileWaiting(key); // in the words of the other engines' locks
        }
    }
}
