package dev.retort.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** A database-wide mutual exclusion for migration runs. */
public interface DatabaseLock {
    /**
     * Waits at most {@code timeout} for the lock named {@code key}; the returned handle releases it.
     * Throws {@link dev.retort.RetortException} with a clear message on timeout.
     */
    default Held acquire(Connection connection, String key, Duration timeout) throws SQLException {
        return acquire(connection, key, timeout, LockWait.UNCANCELLABLE);
    }

    /**
     * As {@link #acquire(Connection, String, Duration)}, and gives up, throwing
     * {@link LockWait#cancelledWhileWaiting}, when {@code wait} is cancelled meanwhile.
     */
    Held acquire(Connection connection, String key, Duration timeout, LockWait wait) throws SQLException;

    /**
     * True when a commit on the connection releases the lock (SQLite's write lock is the transaction
     * itself); the runner then re-reads the version table after each commit before going on.
     */
    default boolean releasedByCommit() {
        return false;
    }

    /**
     * Keeps other runs out while this run works outside a transaction (a {@code transactional false}
     * revision), where a lock that commits release ({@link #releasedByCommit()}) is not held; the handle
     * is closed when the run ends. Nothing to do where the run's lock lasts across commits anyway.
     */
    default Held acquireOutsideTransactions(Connection connection, String key, Duration timeout, LockWait wait)
            throws SQLException {
        return () -> {
        };
    }

    /**
     * True where one lock key is the same lock from every schema of the database (PostgreSQL's advisory locks,
     * MariaDB's server-wide lock names): the run's key then names the schema its version table resolved to, also
     * without {@code version_table_schema}, so that one table is one lock however the configuration names it.
     * Elsewhere the lock is the schema's already: H2's lock table stands beside the version table, and a SQLite
     * file has one.
     */
    default boolean keyNamesSchema() {
        return false;
    }

    /**
     * This lock for a run whose version table is {@code table} in the schema {@code schema} (both as the run's SQL
     * writes them, quoted where needed): version_table_schema, else the schema the table resolved to at the start of
     * the run. A lock kept in a table (H2's) is kept in that schema, so that runs starting in other schemas (a URL's
     * {@code SCHEMA=}, a pool's) meet on one version table, and is named after the table as the database resolves it;
     * by default the same lock.
     */
    default DatabaseLock beside(String schema, String table) {
        return this;
    }

    interface Held extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
