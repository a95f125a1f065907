package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.LockTimeoutException;
import dev.retort.dialect.LockWait;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.graph.Direction;
import dev.retort.graph.Plan;
import dev.retort.graph.Step;
import dev.retort.migration.DefaultOperations;
import dev.retort.migration.Migration;
import dev.retort.migration.MigrationContext;
import dev.retort.script.RevisionScript;
import dev.retort.secrets.MaskedCauses;
import dev.retort.secrets.SqlSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs plans on a live connection: takes the lock, re-reads the version table, runs each step's
 * operations, keeps the version and history tables in step, and manages transactions:
 * <ul>
 *   <li>transactional DDL (PostgreSQL, SQLite): one transaction for the run, or one per revision with
 *       {@code transaction_per_migration};</li>
 *   <li>no transactional DDL (MariaDB/MySQL): one unit per revision, the version table updated right after it;</li>
 *   <li>revisions marked {@code transactional false} run in autocommit, between the transactions.</li>
 * </ul>
 * The caller owns the connection. A run needs transactions of its own (and, on some engines, its lock
 * is one), so it starts by committing whatever the connection holds; when it ends, success or failure,
 * the connection's autocommit mode is put back as the caller had it.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger("dev.retort.runtime.migration");
    private static final java.util.regex.Pattern CONCURRENT_INDEX =
            java.util.regex.Pattern.compile("(?i)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\b");
    private static final int PROGRESS_FROM = 20;

    private final Connection connection;
    private final Dialect dialect;
    /** What tells a statement that may change a setting the dialect puts back after a revision (null: none told). */
    private final Dialect.SessionSettingRestore sessionSettings;
    private final RuntimeSettings settings;
    private final RevisionSource source;
    // qualified for the length of a run with the schema the names resolve to then (see pinTables)
    private VersionTable versions;
    private HistoryTable history;
    /** The run's lock and its name, after the version table as pinned (see useTablesIn). */
    private DatabaseLock lock;
    private String lockKey;
    private final RunCancellation cancellation;
    /** For a run to a relative target, where it was going (see {@link #runAgain}); null for an absolute target. */
    private Resume resume;
    /** Whether the run got as far as its steps (or a stamp's rows): before that it changed nothing but the lock. */
    private boolean executing;
    /** The history table's applied_by: the operating-system user running Retort. */
    private final String appliedBy = OsUser.name();

    /** Makes the plan from the version table's rows; called again when the rows changed while waiting. */
    @FunctionalInterface
    public interface Planner {
        Plan plan(Set<String> current);

        /**
         * The target as given when it counts from the database's rows ({@code -3}, {@code +2}), else null: a failed
         * run's message then names where it was going, since the same target again would count from where it stopped.
         */
        default String relativeTarget() {
            return null;
        }

        /** {@code planner}, saying that its target {@code target} is relative. */
        static Planner relative(String target, Planner planner) {
            return new Planner() {
                @Override
                public Plan plan(Set<String> current) {
                    return planner.plan(current);
                }

                @Override
                public String relativeTarget() {
                    return target;
                }
            };
        }
    }

    public Migrator(Connection connection, Dialect dialect, RuntimeSettings settings, RevisionSource source) {
        this(connection, dialect, settings, source, new RunCancellation());
    }

    /** @param cancellation how another thread stops this run ({@link Retort#cancel}) */
    Migrator(Connection connection, Dialect dialect, RuntimeSettings settings, RevisionSource source,
             RunCancellation cancellation) {
        settings.checkNames(dialect);
        this.cancellation = cancellation;
        this.connection = connection;
        this.dialect = dialect;
        this.sessionSettings = dialect.sessionSettingRestore();
        this.settings = settings.displayUrl().isEmpty() ? settings.withDisplayUrl(describe(connection)) : settings;
        this.source = source;
        useTablesIn(settings.versionTableSchema());
    }

    /**
     * True until the run reaches its first change (a version table, a step): a run that failed before then may be
     * started again from the start, on a new connection.
     */
    boolean changedNothing() {
        return !executing;
    }

    public VersionTable versionTable() {
        return versions;
    }

    public HistoryTable historyTable() {
        return history;
    }

    /**
     * The version table's rows (sorted); empty when the database is unversioned. Creates nothing. On SQLite a
     * run committing a large transaction holds the file's EXCLUSIVE lock and blocks even readers: the read is
     * tried again until {@code lock_timeout}, as the lock itself waits (the driver gives up after 3 s).
     */
    public Set<String> heads() {
        return readOutsideRun(Read.VERSIONS, this::versionRows);
    }

    /**
     * {@link #heads()} for a run, before it changes anything: a cancel (Ctrl-C) while the read waits for a lock on the
     * table cancels it on the server, and the run fails saying it was reading the version table, having changed
     * nothing (t39-1).
     */
    private Set<String> runHeads() {
        if (cancellation.cancelled()) throw cancelledWhileReading(Read.VERSIONS, false, null);
        try {
            return boundedRead(Read.VERSIONS, cancellation, false, this::versionRows);
        } catch (RunCancellation.Stopped stopped) {
            throw cancelledWhileReading(Read.VERSIONS, false, stopped); // cancelled as the read was about to start
        }
    }

    private Set<String> versionRows(Connection connection, LockWait wait) throws SQLException {
        return new TreeSet<>(versions.heads(connection, wait));
    }

    /**
     * The version table's name with the schema it resolves to, as a run names it (t62-5: a read timed out naming it
     * unqualified, the run qualified, for one and the same table): asked only for a message, so that reads cost no
     * round trip more; unqualified when the session cannot say.
     */
    private String pinnedName() {
        String schema = pinnedSchema();
        return schema == null ? versions.qualifiedName()
                : new VersionTable(dialect, schema, settings.versionTable(), settings.advice()).qualifiedName();
    }

    /** {@link #pinnedName()} of the history table, which a run names in the version table's schema as well. */
    private String pinnedHistoryName() {
        String schema = pinnedSchema();
        return schema == null ? history.qualifiedName() : new HistoryTable(dialect, schema, settings.historyTable()).qualifiedName();
    }

    /** The schema the version table resolves to, for {@link #pinnedName()}; null when configured or when the session cannot say. */
    private String pinnedSchema() {
        String configured = settings.versionTableSchema();
        SqlStatement query = dialect.currentSchemaQuery(settings.versionTable());
        if (configured != null && !configured.isBlank() || query == null) return null;
        try (java.sql.PreparedStatement ps = connection.prepareStatement(query.sql())) {
            Jdbc.bind(ps, query.params());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                String schema = rs.next() ? rs.getString(1) : null;
                if (schema != null && !schema.isBlank()) return schema;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Cannot read the version table's schema: {}", e.getMessage());
        }
        return null;
    }

    /**
     * Without a configured {@code version_table_schema}, the version and history tables are named with the
     * schema they resolve to at the start of the run: a revision may change the session's schema (pg_dump files
     * begin with {@code set_config('search_path', '', false)}; {@code USE other}; {@code SET SCHEMA}), after
     * which the unqualified names would miss the tables (or name others).
     */
    private void pinTables() throws SQLException {
        String configured = settings.versionTableSchema();
        if (configured != null && !configured.isBlank()) return;
        SqlStatement query = dialect.currentSchemaQuery(settings.versionTable());
        if (query == null) return;
        String schema;
        try (java.sql.PreparedStatement ps = connection.prepareStatement(query.sql())) {
            Jdbc.bind(ps, query.params());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                schema = rs.next() ? rs.getString(1) : null;
            }
        }
        if (schema == null || schema.isBlank()) return;
        useTablesIn(schema);
    }

    /**
     * The version and history tables named in {@code schema} (null or empty: unqualified), and the lock after them:
     * a database-wide lock names the schema the version table resolved to, so that runs on other schemas' version
     * tables (a schema per tenant) do not wait for each other (t30-2), and a lock kept in a table is kept beside the
     * version table, so that runs starting in other schemas meet on one {@code version_table_schema} (t30-5).
     */
    private void useTablesIn(String schema) {
        versions = new VersionTable(dialect, schema, settings.versionTable(), settings.advice());
        history = new HistoryTable(dialect, schema, settings.historyTable());
        lock = schema == null || schema.isEmpty() ? dialect.lock()
                : dialect.lock().beside(dialect.quote(schema), dialect.quote(settings.versionTable()));
        lockKey = lock.keyNamesSchema() ? settings.lockName(schema) : settings.lockName();
    }

    /** {@link HistoryTable#recorded}: what the history says was applied or stamped; null where it cannot say. */
    public HistoryTable.Recorded recordedInHistory() {
        return readOutsideRun(Read.HISTORY, history::recorded);
    }

    /** The history table's checksum of each revision's latest upgrade. Creates nothing. */
    public Map<String, String> recordedChecksums() {
        return readOutsideRun(Read.HISTORY, history::lastUpgradeChecksums);
    }

    /** A read of the version or history table, its statement registered with {@code wait} while it executes. */
    @FunctionalInterface
    private interface TableRead<T> {
        T read(Connection connection, LockWait wait) throws SQLException;
    }

    /** Which of the two tables a {@link #boundedRead} reads, for its messages. */
    private enum Read { VERSIONS, HISTORY }

    /** {@link #boundedRead} outside a run (heads(), check, the warnings after an upgrade): changes nothing. */
    private <T> T readOutsideRun(Read table, TableRead<T> read) {
        LockWait wait = cancellation.forRead();
        try {
            return boundedRead(table, wait, false, read);
        } catch (RunCancellation.Stopped stopped) {
            throw cancelledWhileReading(table, false, stopped); // cancelled as the read was about to start
        }
    }

    /**
     * A read of the version or the history table: it waits for a session holding a lock on the table (LOCK TABLE, a
     * VACUUM FULL, an open transaction's ALTER) at most lock_timeout, and can be cancelled there (t15-13, t39-1,
     * t67-1, t67-2): a run's read waited without a word for as long as the other session lived, holding the migration
     * lock, and a Ctrl-C left it waiting on the server. On SQLite, busy (a writer holds the file) is tried again until
     * lock_timeout.
     *
     * @param inRun whether a run reads it, under the migration lock: its failure then says what the run leaves, and
     *              a cancel before the read began stops the run as before any statement ({@link RunCancellation.Stopped})
     */
    private <T> T boundedRead(Read table, LockWait wait, boolean inRun, TableRead<T> read) {
        long deadline = System.nanoTime() + settings.lockTimeout().toNanos();
        while (true) {
            try (Dialect.LockWaitBound bound = dialect.boundLockWaits(connection, settings.lockTimeout())) {
                return read.read(connection, wait);
            } catch (SQLException e) {
                if (wait.cancelled()) throw cancelledWhileReading(table, inRun, e);
                if (dialect.isLockWaitTimeout(e)) {
                    // named as the session resolves it, for the reader to look for the session holding the lock
                    String pinned = table == Read.VERSIONS ? pinnedName() : pinnedHistoryName();
                    throw new RetortException("Timed out after " + settings.lockTimeout().toSeconds() + " s (lock_timeout)"
                            + " waiting to read the " + describe(table) + " " + (inRun ? tableName(table) : pinned + " on "
                            + settings.displayUrl()) + ": another session holds a lock on it (LOCK TABLE, or an open"
                            + " transaction that changed it). End that session, or raise " + settings.advice().lockTimeout()
                            + "." + (inRun ? "" : " Nothing was changed."), e);
                }
                if (!dialect.isBusy(e) || System.nanoTime() >= deadline || wait.cancelled()) {
                    throw new RetortException("Cannot read the " + describe(table) + " " + tableName(table) + " on "
                            + settings.displayUrl() + ": " + SqlErrors.describe(e) + (dialect.isBusy(e) ? " (another"
                            + " session held the database for all of lock_timeout, " + settings.lockTimeout().toSeconds()
                            + " s)" : ""), e);
                }
                LOG.debug("The database is busy; reading the {} again", describe(table));
            }
        }
    }

    private static String describe(Read table) {
        return table == Read.VERSIONS ? "version table" : "history table";
    }

    private String tableName(Read table) {
        return table == Read.VERSIONS ? versions.qualifiedName() : history.qualifiedName();
    }

    /** Cancelled (Ctrl-C, cancel()) while {@link #boundedRead} waited: inside a run, its failure says what it leaves. */
    private RetortException cancelledWhileReading(Read table, boolean inRun, Exception cause) {
        String what = "Cancelled while reading the " + describe(table) + " " + tableName(table);
        // the run's failure names the database and says what the run leaves
        if (inRun) return new CancelledRead(what, cause);
        return new RetortException(what + " on " + settings.displayUrl() + "; nothing was changed", cause);
    }

    /** A run's read cancelled ({@link #cancelledWhileReading}): its message says the run was cancelled already. */
    private static final class CancelledRead extends RetortException {
        CancelledRead(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Plans, locks, plans again from what the table says now, and runs.
     *
     * @param purge for stamp: delete every row first, then plan from an empty table
     * @param tag   recorded in the history table (may be null)
     */
    public RunResult run(Planner planner, boolean purge, String tag) {
        cancellation.checkBeforeStart(settings.advice());
        if (tag != null && tag.length() > HistoryTable.TEXT_LENGTH) {
            // refused before anything runs: on MariaDB/H2 the revision would be applied and then go unrecorded
            throw new RetortException("The tag is " + tag.length() + " characters long; the history table holds "
                    + HistoryTable.TEXT_LENGTH + ". Nothing was run.");
        }
        boolean callersAutoCommit;
        try {
            dialect.prepare(connection);
            callersAutoCommit = connection.getAutoCommit();
            if (!callersAutoCommit) {
                connection.commit();
                connection.setAutoCommit(true);
            }
            pinTables();
        } catch (SQLException e) {
            throw new RetortException("Cannot prepare the connection to " + settings.displayUrl() + ": "
                    + SqlErrors.describe(e), e);
        }
        try {
            return runInAutocommit(planner, purge, tag);
        } finally {
            useTablesIn(settings.versionTableSchema());
            try {
                dialect.finish(connection);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Restoring the session of {} after the run failed: {}", settings.displayUrl(), e.getMessage());
            }
            // an application's connection (a transaction-bound proxy, a pool that does not reset it) goes
            // back as it came: its next transaction must not find itself committing statement by statement
            if (!callersAutoCommit) restoreManualCommit();
        }
    }

    private void restoreManualCommit() {
        try {
            if (connection.getAutoCommit()) connection.setAutoCommit(false);
        } catch (SQLException e) {
            LOG.debug("Could not switch autocommit back off on the connection to {}: {}", settings.displayUrl(),
                    SqlErrors.describe(e));
        }
    }

    private RunResult runInAutocommit(Planner planner, boolean purge, String tag) {
        Set<String> heads = runHeads();
        Plan plan = planner.plan(purge ? Set.of() : heads);
        Map<String, Migration> loaded = prepare(plan);
        if (plan.isEmpty() && nothingToPurge(purge, heads)) return new RunResult(List.of(), heads, heads);

        DatabaseLock.Held held;
        try {
            held = lock.acquire(connection, lockKey, settings.lockTimeout(), cancellation);
        } catch (LockTimeoutException e) {
            throw waitLonger(e);
        } catch (SQLException e) {
            if (missingSchema(e)) {
                // H2's lock is a table beside the version table, made first (t49-5: framed as a lock problem, the
                // reader looked for a concurrent run)
                throw new RetortException("Cannot create the migration lock's table beside the version table "
                        + versions.qualifiedName() + " on " + settings.displayUrl() + ": " + SqlErrors.describe(e)
                        + missingSchemaAdvice(), e);
            }
            throw new RetortException("Cannot take the migration lock '" + lockKey + "' on "
                    + settings.displayUrl() + ": " + SqlErrors.describe(e), e);
        }
        cancellation.startedWork();
        try {
            // cancelled while the lock was being granted: the run has not started, as for a cancel during the wait
            if (cancellation.cancelled()) throw dev.retort.dialect.LockWait.cancelledWhileWaiting(lockKey);
            Set<String> now = runHeads();
            if (!now.equals(heads)) {
                LOG.debug("The version table changed while waiting for the lock: {} -> {}", heads, now);
                heads = now;
                plan = planner.plan(purge ? Set.of() : heads);
                loaded = prepare(plan);
            }
            if (plan.isEmpty() && nothingToPurge(purge, heads)) {
                LOG.debug("Nothing to do: another run already brought the database to {}", heads);
                return new RunResult(List.of(), heads, heads);
            }
            refuseIdsTooLong(plan, " Nothing was run.");
            return execute(plan, loaded, heads, purge, tag, lock, planner);
        } finally {
            try {
                if (!connection.getAutoCommit()) {
                    dialect.rollbackToAutocommit(connection); // nothing left after a commit; undoes a failed run's remains
                }
            } catch (SQLException e) {
                LOG.debug("Rollback after the run failed: {}", e.getMessage());
            }
            try {
                release(held);
            } finally {
                cancellation.endedWork();
            }
        }
    }

    /**
     * A purge of a version table that holds no rows (or does not exist) changes nothing: like a stamp to where the
     * database is, it creates no table and writes no history row, as "Nothing to do" says (t27-5).
     */
    private static boolean nothingToPurge(boolean purge, Set<String> heads) {
        return !purge || heads.isEmpty();
    }

    /**
     * Creates the version and history tables where missing; returns the history's last sequence number. A
     * failure names the table (a user without CREATE rights saw only "permission denied for schema public").
     */
    private long ensureTables() {
        String table = versions.qualifiedName();
        try {
            if (versions.ensure(connection)) createdVersionTable = true;
            table = history.qualifiedName();
            if (history.ensure(connection)) createdHistoryTable = true;
        } catch (SQLException e) {
            throw new RetortException("Cannot create the table " + table + ": " + SqlErrors.describe(e)
                    + (missingSchema(e) ? missingSchemaAdvice() : ""), e);
        }
        return boundedRead(Read.HISTORY, cancellation, true, history::lastSeq);
    }

    /**
     * h2-refint: a database-wide setting a revision's statement changed ({@link Dialect#databaseSettingRestore}: H2's
     * {@code SET REFERENTIAL_INTEGRITY FALSE}) is put back, after the unit's commit or after a failed run's rollback.
     * No rollback undoes it and it holds for every session until the database closes: left so, the application
     * that shares the database broke its foreign keys without a word. A failure to put it back is a warning: the
     * run's own outcome stands.
     */
    private void putBackDatabaseSetting(JdbcSink sink) {
        Dialect.DatabaseSettingRestore restore = dialect.databaseSettingRestore();
        if (restore == null || !sink.databaseSettingChanged(true)) return;
        try {
            Jdbc.execute(connection, new SqlStatement(restore.putBack(), List.of()));
            LOG.debug("Put back after a revision that changed it: {}", restore.putBack());
        } catch (SQLException e) {
            LOG.warn("A revision changed a setting of the whole database, and putting it back ({}) failed: {}."
                    + " Run it yourself.", restore.putBack(), SqlErrors.describe(e));
        }
    }

    /** Whether {@code e} says the configured version_table_schema does not exist. */
    private boolean missingSchema(SQLException e) {
        String schema = settings.versionTableSchema();
        return schema != null && !schema.isBlank() && dialect.isMissingSchema(e);
    }

    /** What to do about a version_table_schema the database does not have, in the words of the engine. */
    private String missingSchemaAdvice() {
        String schema = settings.versionTableSchema();
        return ". version_table_schema '" + schema + "' names a schema the database does not have: "
                + dialect.missingSchemaAdvice(schema);
    }

    /**
     * Releases the lock. A connection the server has closed (a terminated backend, a killed session) held
     * nothing any more: the server released the lock with the session, so that is no warning.
     */
    private void release(DatabaseLock.Held held) {
        try {
            held.close();
        } catch (SQLException e) {
            boolean gone;
            try {
                gone = connection.isClosed() || !connection.isValid(2);
            } catch (SQLException check) {
                gone = true;
            }
            if (gone) {
                LOG.debug("The connection is gone, and the migration lock '{}' with it: {}", lockKey, e.getMessage());
            } else {
                LOG.warn("Could not release the migration lock '{}': {}", lockKey, e.getMessage());
            }
        }
    }

    /** The lock's timeout, telling the caller how it sets a longer one. */
    private RetortException waitLonger(LockTimeoutException e) {
        return new RetortException(e.getMessage() + ", or raise " + settings.advice().lockTimeout(), e);
    }

    /**
     * Throws {@link RevisionPreloader.Unreadable} for the first revision of the plan whose text Retort refuses on
     * reading, waiting for the preloader to have read them all (t62-7: they were refused when the run reached them,
     * after the revisions before had been committed).
     */
    private static void refuseUnreadable(RevisionPreloader preloader) {
        RevisionPreloader.Unreadable unreadable;
        try {
            unreadable = preloader.refused();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancellation.Stopped();
        }
        if (unreadable != null) throw unreadable;
    }

    /**
     * The failure of a run stopped by {@link #refuseUnreadable}, before anything it ran was committed.
     *
     * @param sentNothing whether no revision had run yet (else they ran in the transaction just rolled back)
     */
    private MigrationFailedException unreadable(Step step, RevisionPreloader.Unreadable e, boolean rolledBack, boolean sentNothing,
                                                Set<String> before) {
        String id = step.revision().id();
        String at = before.isEmpty() ? "unversioned (base)" : String.join(", ", new TreeSet<>(before));
        StringBuilder m = new StringBuilder("Revision ").append(id).append(PlanRevisions.where(source, id))
                .append(step.direction() == Direction.DOWNGRADE ? " failed in downgrade: " : " failed: ")
                .append(e.getMessage()).append("\nRetort refuses this text on reading, and reads every revision of a run before ");
        if (sentNothing) {
            m.append("the run sends anything: nothing was run.");
        } else if (rolledBack) {
            m.append("it commits anything: rolled back, the database is as it was before this run.");
        } else {
            m.append("it commits anything, but the rollback failed: the database is at ").append(at).append(" or later.");
        }
        m.append(" Fix the revision and ").append(runAgain()).append(".");
        return new MigrationFailedException(id, m.toString(), e.getCause(), List.of());
    }

    /** The dialect's connection-wide cancel, for {@link RunCancellation}: failures are the run's to see, not the canceller's. */
    private void cancelRunning() {
        try {
            dialect.cancelRunning(connection);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Cancelling the connection's statement failed: {}", e.getMessage());
        }
    }

    /** {@link VersionTable#checkFits} for the version rows {@code plan} writes; {@code after} ends the message. */
    private void refuseIdsTooLong(Plan plan, String after) {
        List<String> written = new ArrayList<>();
        for (Step step : plan.steps()) written.addAll(step.to());
        try {
            versions.checkFits(connection, written, after);
        } catch (SQLException e) {
            throw new RetortException("Cannot read the width of the version table " + versions.qualifiedName()
                    + "'s column version_num on " + settings.displayUrl() + ": " + SqlErrors.describe(e), e);
        }
    }

    /** Compiles what the plan needs and refuses an irreversible downgrade, before anything runs. */
    private Map<String, Migration> prepare(Plan plan) {
        Map<String, Migration> loaded = PlanRevisions.prepare(source, plan, "nothing was run");
        // a cancel (Ctrl-C) while the Java revisions compiled: say so here, before the lock, whose wait the run would
        // otherwise claim to have been cancelled in though none had begun (t46-4)
        if (cancellation.cancelled()) {
            throw new RetortException("Cancelled while compiling the run's Java revisions; nothing was changed");
        }
        return loaded;
    }

    /** @param loaded revisions {@link #prepare} already loaded, by id (used instead of reading them again) */
    private RunResult execute(Plan plan, Map<String, Migration> loaded, Set<String> before, boolean purge, String tag, DatabaseLock lock,
                              Planner planner) {
        executing = true;
        resumeAt(planner, plan);
        ranBeforeFailure = null;
        createdVersionTable = false;
        createdHistoryTable = false;
        failedFirstOnUnversioned = false;
        undoneBeforeFailure = 0;
        rolledBackWithFailed = List.of();
        failedStatements = FailedStatements.UNKNOWN;
        boolean lockReleasedByCommit = lock.releasedByCommit();
        DatabaseLock.Held outsideTransactions = null;
        List<AppliedStep> applied = new ArrayList<>();
        Set<String> expected = new LinkedHashSet<>(before);
        Set<String> committed = new LinkedHashSet<>(before);
        int committedSteps = 0; // applied.subList(0, committedSteps) stays applied whatever fails next
        boolean perRevision = settings.transactionPerMigration() || !dialect.transactionalDdl();
        boolean needVerify = false;
        boolean tablesReady = false;
        boolean anyCommit = false;
        long seq = 0;
        List<Step> steps = plan.steps();
        int total = steps.size();
        int progressEvery = Math.max(1, total / 10);
        Step current = null;
        // the last step of a unit whose version rows are being written and committed, and how far that got
        Step finishing = null;
        boolean recorded = false;
        OperationRenderer renderer = dialect.renderer(RenderContext.online(connection));
        JdbcSink sink = new JdbcSink(connection, dialect, renderer, cancellation, this::cancelRunning);
        List<HistoryTable.Row> deferred = new ArrayList<>();
        List<String> unitStart = null;
        MigrationContext context = MigrationContext.of(dialect.name(), false, settings.x());
        RevisionPreloader preloader = RevisionPreloader.start(source, steps, dialect.name(), loaded);
        // the first step after a purge starts from the rows purged, not from nothing: in its history row and the
        // steps reported (JSON), as a dry run shows it (t27-8); its log line follows "Purged the version table" and
        // reads from the emptied table (t50-3)
        List<String> purgedFrom = null;
        try {
            if (purge) {
                if (dialect.transactionalDdl()) connection.setAutoCommit(false);
                seq = ensureTables();
                tablesReady = true;
                Jdbc.execute(connection, versions.purgeStatement());
                if (!before.isEmpty()) {
                    LOG.info("Purged the version table {} (it held {})", versions.qualifiedName(),
                            String.join(", ", new TreeSet<>(before)));
                }
                expected.clear();
                if (steps.isEmpty()) {
                    // the audit trail still says where the rows went: from what was purged to nothing
                    seq = insertHistory(List.of(new HistoryTable.Row(++seq, new HistoryTable.Entry(null,
                            Direction.STAMP.word(), String.join(", ", new TreeSet<>(before)), "", appliedBy, null, tag), 0)));
                    if (!connection.getAutoCommit()) connection.commit();
                    return new RunResult(applied, before, expected);
                }
                purgedFrom = List.copyOf(new TreeSet<>(before));
            }
            int i = 0;
            while (i < steps.size()) {
                Step step = steps.get(i);
                boolean tx = transactional(step);
                boolean endOfUnit = !tx || perRevision || i + 1 == steps.size() || !transactional(steps.get(i + 1));
                // what can stay from this step on (its statements, where DDL commits by itself or the step runs in
                // autocommit; the COMMIT that ends its unit) waits for every revision of the plan to have been read: one
                // Retort refuses on reading fails the run first (t62-7)
                if (endOfUnit || !dialect.transactionalDdl()) refuseUnreadable(preloader);
                if (tx && connection.getAutoCommit()) {
                    connection.setAutoCommit(false);
                    // a lock that is the transaction was not held outside it: another run may have moved on
                    needVerify = lockReleasedByCommit;
                } else if (!tx && !connection.getAutoCommit()) {
                    connection.commit();
                    committed = new LinkedHashSet<>(expected);
                    committedSteps = applied.size();
                    anyCommit = true;
                    needVerify = lockReleasedByCommit;
                    connection.setAutoCommit(true);
                }
                if (!tx && lockReleasedByCommit && outsideTransactions == null) {
                    try {
                        outsideTransactions = lock.acquireOutsideTransactions(connection, lockKey,
                                settings.lockTimeout(), cancellation);
                    } catch (LockTimeoutException e) {
                        throw waitLonger(e);
                    }
                    needVerify = true; // another run may have got this far while we waited
                }
                if (needVerify) {
                    needVerify = false;
                    Set<String> now = boundedRead(Read.VERSIONS, cancellation, true, this::versionRows);
                    // another run may have written history rows meanwhile, even leaving the version rows as they
                    // were (a stamp --purge back to the same revisions): the next number is read here, for both cases
                    if (tablesReady) seq = Math.max(seq, boundedRead(Read.HISTORY, cancellation, true, history::lastSeq));
                    if (!now.equals(expected)) {
                        LOG.info("Another run changed the version table meanwhile; planning again from {}", now);
                        // nothing of this run's applied yet: the run starts from what the other one left
                        if (applied.isEmpty() && !purge) before = now;
                        expected = new LinkedHashSet<>(now);
                        committed = new LinkedHashSet<>(now);
                        Plan again = planner.plan(now);
                        resumeAt(planner, again);
                        loaded = prepare(again);
                        refuseIdsTooLong(again, "");
                        steps = again.steps();
                        preloader.close();
                        preloader = RevisionPreloader.start(source, steps, dialect.name(), loaded);
                        total = applied.size() + steps.size();
                        deferred.clear();
                        unitStart = null;
                        i = 0;
                        continue;
                    }
                }
                if (!tablesReady) {
                    seq = ensureTables();
                    tablesReady = true;
                }
                current = step;
                // before the stop below: a run stopped before this step's first statement ran none of it, and its
                // failure listed the previous step's statements as this one's, staying applied (t58-1)
                sink.stepInRunTransaction(!connection.getAutoCommit());
                cancellation.check();
                versions.check(expected, step.from(), step.to());
                if (!tx || unitStart == null) unitStart = List.copyOf(expected);
                Migration migration = step.direction() == Direction.STAMP || step.revision() == null ? null
                        : preloader.migration(i, step.revision().id());
                Step shown = purgedFrom == null ? step : new Step(step.revision(), step.direction(), purgedFrom, step.to());
                Ran ran = runStep(step, shown, migration, ++seq, tag, sink, context, tx ? deferred : null);
                seq = ran.seq();
                purgedFrom = null;
                // one by one: Set.removeAll(List) asks the list, row by row, when the set is the larger (r10-7)
                for (String row : step.from()) expected.remove(row);
                expected.addAll(step.to());
                applied.add(new AppliedStep(shown, ran.ms()));
                if (total >= PROGRESS_FROM && (applied.size() % progressEvery == 0) && applied.size() < total) {
                    LOG.info("({}/{}) revisions done", applied.size(), total);
                }
                current = null;
                i++;
                if (endOfUnit && !connection.getAutoCommit()) {
                    finishing = step;
                    recorded = false;
                    seq = Math.max(seq, writeDeferred(unitStart, expected, deferred));
                    recorded = true;
                    unitStart = null;
                    // a stop asked for while the rows were written (waiting for a lock on them) rolls back, as it says
                    // (r10-2): the write's statement is not the one a stop cancels. Where DDL commits by itself
                    // (MariaDB, H2), what the revision did stays whatever happens: its rows are committed with it and
                    // the run stops before the next step, not leaving it applied but unrecorded (t58-1)
                    if (dialect.transactionalDdl()) cancellation.check();
                    connection.commit();
                    finishing = null;
                    committed = new LinkedHashSet<>(expected);
                    committedSteps = applied.size();
                    anyCommit = true;
                    needVerify = lockReleasedByCommit;
                } else if (!tx) {
                    unitStart = null;
                    committed = new LinkedHashSet<>(expected);
                    committedSteps = applied.size();
                    anyCommit = true;
                }
                // h2-refint: after the commit (the setting's SET commits by itself, and must not commit the unit's
                // work before its version rows)
                if (connection.getAutoCommit() || endOfUnit) putBackDatabaseSetting(sink);
            }
            return new RunResult(applied, before, expected);
        } catch (RevisionPreloader.Unreadable e) {
            sink.close();
            throw unreadable(steps.get(e.index()), e, rollback(), applied.isEmpty(), before);
        } catch (Throwable e) {
            // an Error too (an assert, a static initializer, a stack overflow in the revision's code), and a checked
            // exception the revision's code throws undeclared (Lombok's @SneakyThrows, a rethrow helper, Kotlin;
            // t29-5): the revision is named and the run rolled back, instead of the JVM's trace.
            // The failed statement first: SQLite rolls back nothing while an interrupted statement is still
            // open (the rollback fails as interrupted too), and the message said the run was not rolled back
            sink.close();
            // asked before the rollback, which would end the transaction either way; also of a step whose version rows
            // failed: where DDL commits by itself, the rollback takes only what it ran after its last DDL (t26-3)
            Step failed = current != null ? current : finishing;
            failedStatements = FailedStatements.of(dialect, connection, failed != null && !dialect.transactionalDdl()
                    && !outsideTransaction(failed), e, sink.ranInStep());
            if (current != null && outsideTransaction(current)) failedStatements = rollBackOwnTransaction(sink, failedStatements);
            boolean rolledBack = rollback();
            putBackDatabaseSetting(sink);
            if (current == null && finishing != null) {
                ranBeforeFailure = sink.ranInStep(); // the finishing step's, all of them: the sink has run no other since
                List<String> unit = revisionIds(applied.subList(committedSteps, applied.size()));
                if (unit.size() > 1) {
                    // the transaction of several revisions failed writing their rows, batched at its end (a version
                    // table changed by one of them, a column too short for all), or at its COMMIT (a deferred
                    // constraint): not the last one's doing more than the others' (t27-4)
                    // stopped by a cancel before the COMMIT: nothing failed there (t58-1)
                    String cause = e instanceof SQLException se ? SqlErrors.describe(se) : e.getMessage();
                    String what = e instanceof RunCancellation.Stopped stopped
                            ? " ran, but was not committed: " + stopped.text(settings.advice(), "its COMMIT")
                            : recorded ? " failed at COMMIT: " + cause
                            : " ran, but writing their version and history rows before its COMMIT failed: " + cause;
                    throw failure(null, Phase.COMMIT, new RetortException("the transaction of revisions "
                            + String.join(", ", unit) + what, e),
                            rolledBack, anyCommit, committed, List.copyOf(applied.subList(0, committedSteps)));
                }
                throw failure(finishing, recorded ? Phase.COMMIT : Phase.RECORD, e, rolledBack, anyCommit, committed,
                        List.copyOf(applied.subList(0, committedSteps)));
            }
            ranBeforeFailure = sink.ranInStep();
            undoneBeforeFailure = sink.undoneInStep();
            rolledBackWithFailed = revisionIds(applied.subList(committedSteps, applied.size()));
            // the run's first revision on a database without version rows (t56-6)
            failedFirstOnUnversioned = applied.isEmpty() && before.isEmpty() && current != null;
            if (failedFirstOnUnversioned) dropEmptyTablesCreated();
            throw failure(current, Phase.RUN, e, rolledBack, anyCommit, committed, List.copyOf(applied.subList(0, committedSteps)));
        } finally {
            preloader.close();
            sink.close();
            if (outsideTransactions != null) release(outsideTransactions);
        }
    }

    /**
     * Runs one step. Inside a transaction the version-table and history writes are collected in
     * {@code deferred} and written once, just before the commit (the net row change, then the history
     * rows as multi-row INSERTs): invisible to others until the commit either way, and a few statements
     * per transaction instead of two per revision. In autocommit they are written at once.
     *
     * @param shown the step as its history row tells it (after a purge: from the rows purged)
     * @return how long it took, and the history number its row has (outside a transaction, possibly later
     *         than {@code seq}: see {@link #writeOutsideTransaction})
     */
    private Ran runStep(Step step, Step shown, Migration migration, long seq, String tag, JdbcSink sink,
                         MigrationContext context, List<HistoryTable.Row> deferred) throws Exception {
        long t0 = System.nanoTime();
        String id = step.revision() == null ? null : step.revision().id();
        if (LOG.isDebugEnabled()) LOG.debug("Starting {}", StepLine.describe(step, false));
        running = migration;
        if (migration != null) {
            DefaultOperations op = new DefaultOperations(sink, context);
            try {
                // cancel() interrupts the code where it sleeps or waits, as the command line's Ctrl-C does (t58-1)
                cancellation.revisionCodeStarted();
                try {
                    if (step.direction() == Direction.UPGRADE) {
                        migration.upgrade(op);
                    } else {
                        migration.downgrade(op);
                    }
                } finally {
                    cancellation.revisionCodeEnded();
                }
                sink.flush();
            } finally {
                sink.stepDone();
            }
        }
        running = null;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // mdb-fkc, pg-srr: before its rows are written, in the transaction or not, the session's checks as the run
        // began, where the revision may have changed them (its statements say so, or it ran its own JDBC)
        if (migration != null && (sessionSettings == null || sink.stepMayHaveChanged(sessionSettings.changes()))) {
            dialect.afterRevision(connection);
        }
        RevisionScript script = script(id);
        HistoryTable.Entry entry = new HistoryTable.Entry(id, step.direction().word(), String.join(", ", shown.from()),
                String.join(", ", step.to()), appliedBy, script == null ? null : script.checksum(), tag);
        long number = seq;
        if (deferred == null) {
            restoreAutocommit(step, sink);
            // t46-1: the next revision finds the session as the run began (SQLite's foreign_keys)
            if (migration != null) dialect.afterOutsideTransaction(connection);
            number = writeOutsideTransaction(step, entry, seq, ms);
        } else {
            deferred.add(new HistoryTable.Row(seq, entry, ms));
        }
        // the step as run: told as a change of the purged rows, a stamp read "bbbb0001 -> " for the stamp of
        // aaaa0001, the revision it records named nowhere (t50-3)
        if (LOG.isInfoEnabled()) LOG.info("{} ({} ms)", StepLine.running(step), ms);
        return new Ran(ms, number);
    }

    /**
     * A revision outside a transaction runs in autocommit, but its code may turn autocommit off to commit in
     * chunks (the reason to mark a backfill {@code transactional = false}) and not turn it back on. Its last
     * chunk is committed, as autocommit would have, and autocommit restored: the version row is then written
     * in a transaction of its own, once, as after any such revision, instead of joining the revision's leftover
     * transaction and being written a second time at the end of the step (t11-6).
     */
    private void restoreAutocommit(Step step, JdbcSink sink) throws SQLException {
        String id = step.revision() == null ? "" : step.revision().id();
        if (connection.getAutoCommit()) {
            // t81-2, t81-5: a transaction it began in autocommit (START TRANSACTION, SQLite's BEGIN; a SET autocommit = 0
            // where the driver does not follow it), which the driver does not see: SQLite refused the version row's
            // transaction inside it, and the --sql script ended in it
            OwnTransaction own = ownTransaction(sink);
            if (own == null || !own.open()) return;
            LOG.debug("Revision {} left a transaction of its own open ({}): committing it", id, own.since());
            for (String sql : dialect.endOwnTransaction(own.autocommitOff())) {
                Jdbc.execute(connection, new SqlStatement(sql, List.of()));
            }
            return;
        }
        LOG.debug("Revision {} left autocommit off: committing what it left open and switching autocommit back on", id);
        connection.commit();
        connection.setAutoCommit(true);
    }

    /** The transaction the step's statements left open, read from their text; null when it also ran its own JDBC. */
    private OwnTransaction ownTransaction(JdbcSink sink) {
        List<SqlStatement> ran = sink.ranInStep();
        if (ran == null) return null;
        OwnTransaction own = new OwnTransaction(dev.retort.script.SqlSplitter.forDialect(dialect.name()));
        for (SqlStatement st : ran) own.ran(st.sql());
        return own;
    }

    /**
     * A revision outside a transaction failed inside one it had opened itself (a BEGIN without its COMMIT yet): that
     * transaction is rolled back here, as closing the connection would, and what ran in it is not listed as staying
     * applied (t81-2: SQLite's message listed it, and it was gone). Where autocommit is off the run's rollback ends it.
     */
    private FailedStatements rollBackOwnTransaction(JdbcSink sink, FailedStatements failed) {
        OwnTransaction own = ownTransaction(sink);
        if (own == null || !own.open()) return failed;
        try {
            if (connection.getAutoCommit()) Jdbc.execute(connection, new SqlStatement("ROLLBACK", List.of()));
        } catch (SQLException e) {
            // ended already (SQLite ends it on some errors): nothing of it stays either way
            LOG.debug("Rolling back the failed revision's own transaction: {}", e.getMessage());
        }
        return failed.rolledBackFrom(own.openedAt(), own.since());
    }

    private record Ran(long ms, long seq) {
    }

    /**
     * A step that ran outside a transaction: its version row and history row go in together, in a
     * transaction of their own, and the history number is read afresh there. On SQLite the run's lock
     * (the transaction) is not held meanwhile: another run could read the new version row before the
     * history row existed, write its own history row, and take this one's number.
     */
    private long writeOutsideTransaction(Step step, HistoryTable.Entry entry, long seq, long ms) throws SQLException {
        boolean wrap = connection.getAutoCommit();
        if (wrap) connection.setAutoCommit(false);
        boolean written = false;
        try (Dialect.LockWaitBound bound = dialect.boundLockWaits(connection, settings.lockTimeout())) {
            versions.apply(connection, step.from(), step.to());
            long number = insertHistory(List.of(new HistoryTable.Row(Math.max(seq, history.lastSeq(connection) + 1), entry, ms)));
            // no stop here: the revision ran outside a transaction and its work is committed; its rows go with it, and
            // the run stops before the next step, rather than leaving it applied but unrecorded (t58-1)
            if (wrap) connection.commit();
            written = true;
            return number;
        } finally {
            if (wrap) {
                if (!written) rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /** Writes a unit's version rows and history rows; returns the last history number used (0: none). */
    private long writeDeferred(List<String> unitStart, Set<String> rows, List<HistoryTable.Row> deferred) throws SQLException {
        if (unitStart == null) return 0;
        // bounded by lock_timeout as the version table's reads are: another session holding its rows (an open
        // transaction that touched them) must not keep the run waiting without end (r10-2)
        try (Dialect.LockWaitBound bound = dialect.boundLockWaits(connection, settings.lockTimeout())) {
            versions.apply(connection, unitStart, List.copyOf(rows));
            long last = deferred.isEmpty() ? 0 : insertHistory(deferred);
            deferred.clear();
            return last;
        }
    }

    private static final int HISTORY_ATTEMPTS = 50;

    /**
     * Inserts history rows; returns the number of the last. The run's lock covers its version table only, and
     * projects with version tables of their own may share one history table (t15-11): when another run took a
     * number meanwhile, the rows are numbered again after the highest there and written again (a savepoint
     * keeps the failed INSERT from aborting the transaction). The candidate grows each time, so this ends
     * even where the transaction's snapshot keeps showing the old highest number (InnoDB's REPEATABLE READ).
     */
    private long insertHistory(List<HistoryTable.Row> rows) throws SQLException {
        List<HistoryTable.Row> numbered = rows;
        for (int attempt = 1; ; attempt++) {
            java.sql.Savepoint before = connection.getAutoCommit() ? null : connection.setSavepoint();
            try {
                for (SqlStatement insert : history.insert(numbered)) Jdbc.execute(connection, insert);
                if (before != null) releaseQuietly(before);
                return numbered.get(numbered.size() - 1).seq();
            } catch (SQLException e) {
                if (!SqlErrors.isDuplicateKey(e) || attempt == HISTORY_ATTEMPTS) throw e;
                if (before != null) connection.rollback(before);
                long next = Math.max(numbered.get(0).seq() + attempt, history.lastSeq(connection) + 1);
                List<HistoryTable.Row> again = new ArrayList<>(numbered.size());
                for (HistoryTable.Row row : numbered) again.add(new HistoryTable.Row(next++, row.entry(), row.durationMs()));
                numbered = again;
                LOG.debug("History number taken by another run; writing the rows again from {}", numbered.get(0).seq());
            }
        }
    }

    private void releaseQuietly(java.sql.Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            LOG.debug("Releasing a savepoint: {}", e.getMessage()); // it goes with the transaction anyway
        }
    }

    private boolean transactional(Step step) {
        return PlanRevisions.transactional(source, step);
    }

    private RevisionScript script(String id) {
        return PlanRevisions.script(source, id);
    }

    private boolean rollback() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                return true;
            }
        } catch (SQLException e) {
            // SQLite rolls the transaction back itself when a statement is interrupted or fails that way
            if (dialect.transactionAlreadyEnded(e)) return true;
            LOG.debug("Rollback failed: {}", e.getMessage());
        }
        return false;
    }

    /** This run created the version table, the history table: neither was there before it (t56-6). */
    private boolean createdVersionTable;
    private boolean createdHistoryTable;
    /** The failed step was the run's first, on a database whose version table held no rows (or was missing). */
    private boolean failedFirstOnUnversioned;

    /**
     * t56-6: the run's first revision failed before any of its statements ran (or stayed: a transaction's are rolled
     * back), and the version and history tables this run created are left where DDL commits by itself (MariaDB, H2, a
     * transactional-false revision) and hold no rows: they are dropped again, and the database is as it was. Left, the
     * next run took their being there for a sign of an earlier, interrupted run. Failures are logged: the run's own
     * failure is what the caller must see.
     */
    private void dropEmptyTablesCreated() {
        if (!createdVersionTable || ranBeforeFailure == null || !ranBeforeFailure.isEmpty() || undoneBeforeFailure != 0) return;
        try {
            boolean versionsLeft = Jdbc.tableExists(connection, dialect.tableExistsQuery(settings.versionTableSchema(),
                    settings.versionTable()), versions.qualifiedName());
            if (!versionsLeft || !versions.heads(connection).isEmpty()) return;
            List<String> drops = new ArrayList<>();
            drops.add("DROP TABLE " + versions.qualifiedName());
            // shared by projects with version tables of their own (t15-11): only when this run made it and it is empty
            if (createdHistoryTable && history.lastSeq(connection) == 0) drops.add("DROP TABLE " + history.qualifiedName());
            for (String drop : drops) Jdbc.execute(connection, new SqlStatement(drop, List.of()));
            if (!connection.getAutoCommit()) connection.commit();
            LOG.debug("Dropped the empty tables this failed run had created: {}", drops);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not drop the empty tables this failed run had created: {}", e.getMessage());
        }
    }

    /** Another tool's history table, by name as the tool creates it, and whose it is ("Flyway's"). */
    private record OtherTool(String table, String whose) {
    }

    /** Other tools' history tables, for {@link #neverStamped}. */
    private static final List<OtherTool> OTHER_TOOLS = List.of(
            new OtherTool("flyway_schema_history", "Flyway's"), new OtherTool("DATABASECHANGELOG", "Liquibase's"),
            new OtherTool("databasechangelog", "Liquibase's"), new OtherTool("alembic_version", "Alembic's"),
            new OtherTool("schema_migrations", "Rails' or golang-migrate's"));

    /**
     * t56-6: the run's first revision, on a database without version rows, failed at its first statement because what
     * it creates is there already: the database was made by another tool (or by hand) and never stamped, which the
     * message says, naming another tool's history table when it finds one; it blamed an earlier, interrupted run. Null
     * when this is not the case.
     */
    private String neverStamped(Step step, Throwable e) {
        if (!failedFirstOnUnversioned || step == null || step.direction() != Direction.UPGRADE || step.revision() == null
                || !(e instanceof StatementFailedException sf) || !SqlErrors.isAlreadyExists(sf.sqlException())
                || ranBeforeFailure == null || !ranBeforeFailure.isEmpty() || undoneBeforeFailure != 0) {
            return null;
        }
        List<String> found = new ArrayList<>();
        Set<String> toolsFound = new java.util.HashSet<>();
        for (OtherTool tool : OTHER_TOOLS) {
            // one name per tool (Liquibase's two spellings name one table where names ignore case)
            if (tool.table().equalsIgnoreCase(settings.versionTable()) || toolsFound.contains(tool.whose())) continue;
            try {
                String schema = settings.versionTableSchema();
                String qualified = (schema.isEmpty() ? "" : dialect.quote(schema) + ".") + dialect.quote(tool.table());
                if (Jdbc.tableExists(connection, dialect.tableExistsQuery(schema, tool.table()), qualified)) {
                    found.add(tool.table() + ", " + tool.whose() + " history table");
                    toolsFound.add(tool.whose());
                }
            } catch (SQLException | RuntimeException ignored) {
                // a hint less
            }
        }
        String also = found.isEmpty() ? "" : ", as " + (found.size() == 1 ? "is " : "are ") + String.join(" and ", found);
        String stamp = stampAfter(step, Set.of());
        String adopt = "record the revision its schema is at with " + stamp + " (or the later revision it matches) instead of"
                + " running it: see docs/running.md, Adopting Retort on an existing database";
        if (createdVersionTable) {
            return "The database has no version table " + versions.qualifiedName() + " (Retort has not run on it, and it was"
                    + " never stamped), but what the first revision's first statement creates is there already" + also
                    + ". If the database was made by another tool or by hand, " + adopt + ".";
        }
        String empty = "The version table " + versions.qualifiedName() + " holds no rows (unversioned), but what the first"
                + " revision's first statement creates is there already" + also;
        if (dialect.transactionalDdl() && !outsideTransaction(step)) {
            // an interrupted run's statements were rolled back: only the database's own past explains it
            return empty + ": the database was probably never stamped. If it was made by another tool or by hand, " + adopt + ".";
        }
        // a run killed inside this revision left its statements and the (empty) tables: as likely
        return empty + ". Either the database was never stamped: if it was made by another tool or by hand, " + adopt
                + "; or an earlier run was interrupted inside this revision, whose statements then stay applied ("
                + (outsideTransaction(step) ? "it runs outside a transaction" : dialect.displayName() + " cannot roll back"
                + " schema changes") + "): check the database, then repair it by hand and run again, or, if the revision is"
                + " all there, record it with " + stamp + ".";
    }

    /** The revisions of {@code steps}, in order (a stamp of base has none). */
    private static List<String> revisionIds(List<AppliedStep> steps) {
        return steps.stream().filter(a -> a.step().revision() != null).map(a -> a.step().revision().id()).toList();
    }

    /** The migration of the step running (after a failure: of the failed step), for the failed statement's line. */
    private Migration running;

    /** The statements of the failed step that ran before its failure (null: unknown), for its message. */
    private List<dev.retort.dialect.SqlStatement> ranBeforeFailure;
    /** The failed step's statements that ran, and which of them stay applied. */
    private FailedStatements failedStatements = FailedStatements.UNKNOWN;
    /** How many of the failed step's statements ran and were rolled back to their savepoint (a SQLite copy's). */
    private int undoneBeforeFailure;
    /** The revisions that ran in the failed step's transaction before it, rolled back with it (t62-6). */
    private List<String> rolledBackWithFailed = List.of();

    private boolean outsideTransaction(Step step) {
        return step.revision() != null && step.direction() != Direction.STAMP && !transactional(step);
    }

    /** Where in a step a run failed: its own statements, writing its version rows, or committing its unit. */
    private enum Phase { RUN, RECORD, COMMIT }

    private RetortException failure(Step step, Phase phase, Throwable e, boolean rolledBack, boolean anyCommit,
                                    Set<String> committed, List<AppliedStep> committedSteps) {
        String id = step == null || step.revision() == null ? null : step.revision().id();
        StringBuilder m = new StringBuilder();
        boolean invalidIndexLeft = false; // the failed statement itself left something: an INVALID index
        String caseFolded = null; // the column an ADD COLUMN met under another case (t69-4)
        if (step != null && step.direction() == Direction.STAMP) {
            m.append("Stamp to ").append(String.join(", ", step.to())).append(" failed");
            if (phase == Phase.COMMIT) m.append(" at COMMIT");
        } else if (id != null) {
            String downgrade = step.direction() == Direction.DOWNGRADE ? " in downgrade" : "";
            m.append("Revision ").append(id).append(PlanRevisions.where(source, id)).append(switch (phase) {
                // its code had run to its end when the cancel came: nothing failed at COMMIT (t58-1)
                case COMMIT -> e instanceof RunCancellation.Stopped ? " ran" + downgrade + ", but was not committed" : " failed at COMMIT" + downgrade;
                case RUN -> " failed" + downgrade;
                case RECORD -> " ran" + downgrade + ", but writing the version and history tables after it failed";
            });
        } else {
            m.append("Migration run on ").append(settings.displayUrl()).append(" failed");
        }
        if (e instanceof StatementFailedException sf) {
            int fileLine = phase == Phase.RUN && running instanceof dev.retort.script.SqlMigration sql ? sql.runningLine() : 0;
            m.append(" at statement").append(fileLine > 0 ? " on line " + fileLine : "").append(":\n").append(SqlSecrets.mask(firstLines(sf.statement().sql())))
                    .append("\nDatabase error: ").append(SqlSecrets.maskError(SqlErrors.describe(sf.sqlException()), sf.statement().sql()));
            int line = SqlErrors.line(sf.sqlException(), sf.statement().sql());
            if (line > 0) m.append(" (line ").append(line).append(" of the statement)");
            if (sf.hint() != null) m.append("\n").append(sf.hint());
            m.append(revisionFrame(phase, id, e)); // the op.execute / op.bulkInsert call of a Java revision
            if ("mariadb".equals(dialect.name()) && sf.sqlException().getErrorCode() == CaseFoldedColumns.DUPLICATE_COLUMN) {
                caseFolded = CaseFoldedColumns.collidedWith(connection, sf.statement().sql());
                if (caseFolded != null) {
                    m.append("\nThe table has the column '").append(caseFolded).append("', and column names ignore case on ")
                            .append(dialect.displayName()).append(": the statement's column is that one, not a new one. To")
                            .append(" change only its name's case, rename it (op.renameColumn, with op.alterColumn for a new")
                            .append(" type) instead of adding a column and dropping the old one.");
                }
            }
            if (sf.values() != null) m.append("\n").append(sf.values());
            if (CONCURRENT_INDEX.matcher(sf.statement().sql()).find() && "postgresql".equals(dialect.name())
                    && !SqlErrors.needsNoTransaction(sf.sqlException())) { // refused in a transaction: nothing was made
                // the catalog says whether the build left an INVALID index: one failing with "already exists" made
                // nothing, and the index of that name may be a valid one the application relies on (t15-6)
                Boolean invalid = InvalidIndexes.leftBy(connection, sf.statement().sql());
                if (invalid == null) {
                    m.append("\nA CREATE INDEX CONCURRENTLY that fails or is cancelled after its build started leaves an"
                            + " INVALID index behind: check with \\d in psql, and DROP INDEX it before running again only if"
                            + " it is marked INVALID.");
                } else if (invalid) {
                    invalidIndexLeft = true;
                    m.append("\nA CREATE INDEX CONCURRENTLY that fails or is cancelled leaves an INVALID index behind"
                            + " (see \\d in psql): DROP INDEX it before running again.");
                }
            }
            if (step != null && step.revision() != null && transactional(step) && SqlErrors.needsNoTransaction(sf.sqlException())) {
                m.append("\nThis statement cannot run inside a transaction: mark the revision '-- retort:transactional false'")
                        .append(" (a Java revision: @Revision(transactional = false)) to run it outside one.");
            }
        } else if (e instanceof SQLException se) {
            m.append(": ").append(SqlErrors.describe(se)).append(revisionFrame(phase, id, e));
        } else if (e instanceof RunCancellation.Stopped stopped) {
            String text = phase == Phase.COMMIT ? stopped.text(settings.advice(), "its COMMIT") : stopped.text(settings.advice());
            m.append(": ").append(text).append(revisionFrame(phase, id, e));
        } else if (e instanceof RetortException re) {
            // refused on the way to the database (a SQLite PRAGMA foreign_keys = OFF that would be ignored): the
            // statement of the SQL revision that was about to run is the one to look at
            int fileLine = phase == Phase.RUN && !(e instanceof RunCancellation.Stopped)
                    && running instanceof dev.retort.script.SqlMigration sql ? sql.runningLine() : 0;
            if (fileLine > 0) m.append(" at statement on line ").append(fileLine);
            m.append(": ").append(re.getMessage()).append(revisionFrame(phase, id, e));
        } else if (e instanceof OutOfMemoryError) {
            m.append(": ").append(e).append("; ").append(dev.retort.OutOfMemory.advice()).append(revisionFrame(phase, id, e));
        } else {
            m.append(": ").append(e);
            Throwable root = SqlErrors.rootCause(e);
            if (root != e && (root.getMessage() == null || !String.valueOf(e.getMessage()).contains(root.getMessage()))) {
                // what the migration's own exception wraps is usually the useful part (a data fix's SQLException),
                // unless the wrapper's message already says it (new IllegalStateException(sqlException) does)
                m.append(" (caused by ").append(root instanceof SQLException se ? "SQLException: " + SqlErrors.describe(se)
                        : root.getClass().getSimpleName() + ": " + root.getMessage()).append(")");
            }
            m.append(revisionFrame(phase, id, e));
        }
        // a cancel makes the statement executing fail ("Query execution was interrupted"): say who stopped the run,
        // and do not send the reader to fix a revision that is not broken (t22-4)
        boolean cancelled = cancellation.cancelled();
        if (cancelled && !(e instanceof RunCancellation.Stopped) && !(e.getCause() instanceof RunCancellation.Stopped)
                && !(e instanceof CancelledRead)) {
            // t72-2: not where the cancel did not reach the statement (H2's wait for a lock ends at its own timeout)
            String notCancelled = lockWaitNotCancelled(e);
            m.append("\nThe run was cancelled (").append(settings.advice().commandLine() ? "interrupted" : "cancel() was called")
                    .append(notCancelled == null ? "), which stopped it here." : ") while this statement waited for a lock; "
                            + notCancelled + ".");
        }
        String at = committed.isEmpty() ? "unversioned (base)" : String.join(", ", new TreeSet<>(committed));
        // a stamp runs no revision: nothing of it stays applied but what its transaction committed (t21-7)
        boolean stamp = step != null && step.direction() == Direction.STAMP;
        String widen = versionColumnTooNarrow(step, phase, e);
        if (widen != null) m.append("\n").append(widen);
        String neverStamped = phase == Phase.RUN && caseFolded == null ? neverStamped(step, e) : null;
        if (!dialect.transactionalDdl() && step != null && !stamp && phase != Phase.RUN) {
            m.append(unrecorded(step, at, widen != null));
        } else if (step != null && !stamp && (!dialect.transactionalDdl() || outsideTransaction(step))) {
            boolean outside = outsideTransaction(step);
            List<dev.retort.dialect.SqlStatement> stays = failedStatements.stays(outside);
            List<dev.retort.dialect.SqlStatement> perhaps = failedStatements.perhaps(outside);
            if (stays != null && stays.isEmpty() && invalidIndexLeft) {
                // not "nothing stays": the index the failed statement left does, as the line above says
                m.append("\nOf this revision only that INVALID index stays: ").append(ranBeforeFailure.isEmpty()
                                ? "the failed CREATE INDEX was its first statement" : "what ran before it was rolled back")
                        .append(". The version table says ").append(at).append("; drop the index, then ").append(runAgain()).append(".");
            } else if (neverStamped != null && stays != null && stays.isEmpty()) {
                // not an earlier run's doing: there was none (t56-6)
                m.append("\nNothing of this revision stays applied: it failed at its first statement. ").append(neverStamped);
            } else if (stays != null && stays.isEmpty() && ranBeforeFailure.isEmpty() && caseFolded == null
                    && e instanceof StatementFailedException sf && (SqlErrors.isAlreadyExists(sf.sqlException()) || SqlErrors.isAlreadyGone(sf.sqlException(), sf.statement().sql()))) {
                // this run cannot know what an interrupted one did (kill -9, a lost connection): where the revision's
                // statements are not rolled back, they stay, and its first one then finds its object there (t15-12),
                // or, what it drops, gone (t26-4); not a column met under another case, which no run of it made (t69-4)
                boolean down = step.direction() == Direction.DOWNGRADE;
                m.append("\nNothing this run sent of the revision stays applied, but what its first statement ")
                        .append(SqlErrors.isAlreadyExists(sf.sqlException()) ? "creates is there already" : "removes is gone already")
                        .append(": an earlier run may have been interrupted inside this revision").append(down ? "'s downgrade" : "")
                        .append(", whose statements then stay applied (").append(outside ? "it runs outside a transaction"
                                : dialect.displayName() + " cannot roll back schema changes")
                        .append("). The version table says ").append(at).append("; check the database, then repair it by hand")
                        .append(" and ").append(runAgain()).append(", or, if ").append(down ? "the downgrade is all done, record that" : "the revision is all there, record it")
                        .append(" with ").append(stampAfter(step, committed)).append(".");
            } else if (stays != null && stays.isEmpty() && perhaps.isEmpty()) {
                m.append("\nNothing of this revision stays applied: ").append(ranBeforeFailure.isEmpty() && undoneBeforeFailure == 0
                                ? "it failed at its first statement" : ranBeforeFailure.isEmpty()
                                ? "what ran before the failure was rolled back to its savepoint" : outside && failedStatements.sessionSetsRan()
                                ? "what ran before the failure only SET " + failedStatements.sessionSetsLeftOut("")
                                : "what ran before the failure was rolled back")
                        .append(". The version table says ").append(at)
                        .append(cancelled ? "; " + runAgain() + " to resume." : "; fix the revision and " + runAgain() + ".");
            } else {
                m.append("\n").append(outside ? "This revision runs outside a transaction (transactional false)"
                        : dialect.displayName() + " cannot roll back schema changes");
                if (stays == null) {
                    m.append(": its statements that ran before the failure stay applied. ");
                } else {
                    failedStatements.listStaying(m, stays, perhaps, outside ? failedStatements.ownRolledBack()
                            : "what ran after the last of them was rolled back");
                    if (failedStatements.sessionSetsRan()) {
                        m.append("(not listed: the ").append(failedStatements.sessionSetsLeftOut(" it SET")).append(")\n");
                    }
                    if (undoneBeforeFailure > 0) {
                        m.append("(not listed: ").append(undoneBeforeFailure)
                                .append(" statements of an all-or-nothing unit, which the failure rolled back to its savepoint)\n");
                    }
                }
                String interrupted = interruptedAfterFirst(step, phase, e, caseFolded);
                if (refused(e)) {
                    m.append("The version table says ").append(at).append(refusedAfterStatements());
                } else if (interrupted != null) {
                    m.append(interrupted).append(" The version table says ").append(at).append("; check the database and its")
                            .append(" data, undo by hand what should not have run twice, then, if ")
                            .append(step.direction() == Direction.DOWNGRADE ? "the downgrade is all done, record that" : "the revision is all there, record it")
                            .append(" with ").append(stampAfter(step, committed)).append(" (running again starts the revision")
                            .append(" from its first statement, and meets the same). If no run was interrupted, the")
                            .append(" revision itself does it twice: undo what of it ran, fix it and run again.");
                } else if (stays != null && !stays.isEmpty()) {
                    // a rerun starts the revision from its first statement, which would meet what these left: not "if
                    // needed", also after a cancel (t62-4)
                    m.append("The version table says ").append(at).append("; undo ").append(perhaps.isEmpty() ? "these statements"
                                    : "these statements (and those that may stay, if they did)")
                            .append(" by hand (or have the revision skip them), then ").append(runAgain())
                            .append(" to resume: the run starts the revision again from its first statement.");
                } else {
                    m.append("The version table says ").append(at).append("; repair the database by hand if needed and ").append(runAgain()).append(" to resume.");
                }
            }
        } else if (rolledBack && !anyCommit) {
            if (neverStamped != null) m.append("\n").append(neverStamped);
            m.append("\nRolled back: the database is as it was before this run.");
        } else if (rolledBack) {
            // with the revisions that shared its transaction (one, or several between two outside one): those
            // committed earlier stay; those that ran in it are named, their "Running upgrade" lines above notwithstanding
            // (t62-6)
            List<String> with = phase == Phase.RUN ? rolledBackWithFailed : List.of();
            m.append(with.isEmpty() ? "\nThis revision's transaction was rolled back"
                            : "\nThe transaction holding " + String.join(", ", with) + " and this revision was rolled back")
                    .append("; what was committed before it stays. The database is at ").append(at).append(".");
        } else {
            m.append("\nThe database is at ").append(at).append(".");
        }
        if (e instanceof MigrationFailedException mf && mf.revision() != null) id = mf.revision();
        // the database's own exception as the cause, for applications that read its SQLState
        // (its message masked as the report's "Database error" is: MariaDB quotes the statement, cut anywhere)
        Throwable cause = e instanceof StatementFailedException sf
                ? MaskedCauses.of(sf.sqlException(), text -> SqlSecrets.maskError(text, sf.statement().sql())) : e;
        return new MigrationFailedException(id, m.toString(), cause, committedSteps);
    }

    /**
     * t76-2: a later statement of a revision whose statements stay (DDL that commits, transactional false) finds what
     * it creates there already, or what it removes gone: as at its first statement (t15-12), an earlier run may have
     * been interrupted inside the revision past this statement, and this run then ran the statements before it a second
     * time; "undo them and run again" met the same failure each time. Null where that cannot be: this run made the
     * version table (no earlier run reached a revision), or the error is not of that kind.
     */
    private String interruptedAfterFirst(Step step, Phase phase, Throwable e, String caseFolded) {
        if (phase != Phase.RUN || caseFolded != null || createdVersionTable || ranBeforeFailure == null
                || ranBeforeFailure.isEmpty() || !(e instanceof StatementFailedException sf)) {
            return null;
        }
        boolean exists = SqlErrors.isAlreadyExists(sf.sqlException());
        if (!exists && !SqlErrors.isAlreadyGone(sf.sqlException(), sf.statement().sql())) return null;
        return "But what the failed statement " + (exists ? "creates is there already" : "removes is gone already")
                + ": an earlier run may have been interrupted inside this revision"
                + (step.direction() == Direction.DOWNGRADE ? "'s downgrade" : "") + " after this statement, and then"
                + " this run ran the statements before it a second time.";
    }

    /** {@link Dialect#lockWaitNotCancelled} of the first SQLException among {@code e} and its causes. */
    private String lockWaitNotCancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException se) return dialect.lockWaitNotCancelled(se);
        }
        return null;
    }

    /** Whether {@code e} is an operation its renderer refused (before its SQL was sent), or wraps one. */
    private static boolean refused(Throwable e) {
        Throwable t = e;
        for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
            if (t instanceof dev.retort.dialect.OperationRefusedException) return true;
        }
        return false;
    }

    /**
     * After the statements of a revision that stay applied because an operation of it was refused (t52-2): a Java
     * revision's operations run as its code calls them, so the refusal comes when the code reaches the operation, and
     * on an engine whose DDL commits what ran before it stays, though the refusal depends only on the engine and the
     * operation. Running again starts the fixed revision from its first statement, which then finds those in place.
     */
    private String refusedAfterStatements() {
        if (resume != null) {
            return ". Nothing of the refused operation was sent, but the revision's statements before it ran: undo them by"
                    + " hand (or have the fixed revision skip them), then " + runAgain() + ", which starts the revision from"
                    + " its first statement.";
        }
        String offline = settings.advice().commandLine() ? "'retort upgrade --sql'" : "sql(...)";
        return ". Nothing of the refused operation was sent, but the revision's statements before it ran: undo them by"
                + " hand (or have the fixed revision skip them) before running again, which starts the revision from its"
                + " first statement. " + offline + " for " + dialect.displayName() + " refuses such"
                + " operations of every revision of a run without a database: run it first when revisions were written"
                + " for another engine.";
    }

    /**
     * Where a run to a relative target ({@code downgrade -3}) was going, as an absolute target: the last step's version
     * rows ({@code base} for none). The same relative target after a failure would count from where the run stopped,
     * and go further than asked (t56-10).
     */
    private void resumeAt(Planner planner, Plan plan) {
        resume = null;
        String relativeTarget = planner.relativeTarget();
        if (relativeTarget == null || plan.isEmpty() || plan.direction() == Direction.STAMP) return;
        List<String> rows = plan.steps().get(plan.steps().size() - 1).to();
        String command = plan.direction() == Direction.DOWNGRADE ? "downgrade" : "upgrade";
        resume = new Resume(relativeTarget, rows.size() <= 1 ? settings.advice().run(command, rows.isEmpty() ? "base" : rows.get(0))
                : rows.stream().map(r -> settings.advice().run(command, r)).collect(java.util.stream.Collectors.joining(" and ")));
    }

    /**
     * A relative target as given ({@code -3}) and the command that goes where its plan was going from the revisions
     * the run started at ({@code retort downgrade 1a2b3c4d5e6f}).
     */
    private record Resume(String relativeTarget, String command) {
    }

    /**
     * "run again" after a failure, or for a relative target the command that goes where the run was going, with
     * why: the target given again would count from where this run stopped.
     */
    private String runAgain() {
        if (resume == null) return "run again";
        return "run " + resume.command() + " (where " + resume.relativeTarget() + " led from the revisions the run started at; "
                + resume.relativeTarget() + " again would count from where it stopped, and go further)";
    }

    /** Where in the failed revision's own code {@code e} came from (see {@link RevisionFrames}); empty outside its code. */
    private String revisionFrame(Phase phase, String id, Throwable e) {
        return phase == Phase.RUN && id != null ? RevisionFrames.of(e, running, script(id)) : "";
    }

    /**
     * Where writing the version rows failed on a value too long for its column (SQLState 22001), why and the statement
     * that widens it; null otherwise. {@link #refuseIdsTooLong} stops such a run before it starts; this is for a column
     * narrowed meanwhile, or one whose width the catalog did not tell.
     */
    private String versionColumnTooNarrow(Step step, Phase phase, Throwable e) {
        if (step == null || step.to().isEmpty() || phase == Phase.RUN && step.direction() != Direction.STAMP) return null;
        Throwable cause = e instanceof StatementFailedException sf ? sf.sqlException() : e;
        while (cause != null && !(cause instanceof SQLException)) cause = cause.getCause() == cause ? null : cause.getCause();
        if (!(cause instanceof SQLException sql) || !"22001".equals(sql.getSQLState())) return null;
        String longest = step.to().stream().max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
        return "The version table " + versions.qualifiedName() + "'s column version_num may hold fewer characters than"
                + " revision id " + longest + " (" + longest.codePointCount(0, longest.length()) + "): widen it with "
                + versions.widen() + ".";
    }

    /**
     * Where DDL commits by itself, a revision ran but its version rows were not written (or not committed): the
     * rollback took what it ran after its last statement that commits, the rest stays (t26-3). Recording it with
     * stamp is advised only when all of it stays: a stamped data change that was rolled back is lost for good.
     */
    private String unrecorded(Step step, String at, boolean widenFirst) {
        String engine = dialect.displayName() + " cannot roll back schema changes";
        // a stamp writes the same row: it fails the same way until the column is widened (t37-1)
        String stamp = settings.advice().stamp(step.to(), false) + (widenFirst ? " once the column is widened" : "");
        List<dev.retort.dialect.SqlStatement> stays = failedStatements.stays(false);
        if (stays == null) {
            return "\n" + engine + ": what the revision ran up to its last schema change stays applied, what it ran after"
                    + " that was rolled back with its version rows. The version table still says " + at + "; check the"
                    + " database, then repair it by hand and " + runAgain() + ", or, if the revision is all there, record it with "
                    + stamp + ".";
        }
        List<dev.retort.dialect.SqlStatement> perhaps = failedStatements.perhaps(false);
        if (perhaps.isEmpty() && failedStatements.rolledBackNothingToRepair()) {
            return "\n" + engine + ": what the revision did stays applied, but the version table still says " + at
                    + "; check the database, then record the revision with " + stamp + " (or repair it by hand) and " + runAgain() + ".";
        }
        if (stays.isEmpty() && perhaps.isEmpty()) {
            return "\nNothing of this revision stays applied: what it ran was rolled back with its version rows. The version"
                    + " table says " + at + "; " + runAgain() + " to apply it (once the cause above is dealt with).";
        }
        StringBuilder m = new StringBuilder("\n").append(engine);
        failedStatements.listStaying(m, stays, perhaps, "what ran after the last of them was rolled back with the version rows");
        return m.append("The version table says ").append(at).append("; a rerun starts the revision from its first")
                .append(" statement: undo these by hand, then ").append(runAgain()).append(".").toString();
    }

    /**
     * How to record {@code step} as done: stamp its target; a downgrade to nothing stamps the rows left beside it
     * ({@code --purge}), or base when none is.
     */
    private String stampAfter(Step step, Set<String> committed) {
        if (!step.to().isEmpty()) return settings.advice().stamp(step.to(), false);
        List<String> others = committed.stream().filter(r -> !step.from().contains(r)).sorted().toList();
        return others.isEmpty() ? settings.advice().stamp(List.of("base"), false) : settings.advice().stamp(others, true);
    }

    static String firstLines(String sql) {
        String[] lines = sql.strip().split("\\R");
        StringBuilder out = new StringBuilder();
        int n = Math.min(lines.length, 5);
        for (int i = 0; i < n; i++) {
            String line = lines[i].length() > 200 ? lines[i].substring(0, 200) + " ..." : lines[i];
            out.append("    ").append(line);
            if (i < n - 1) out.append("\n");
        }
        if (lines.length > n) out.append("\n    ... (").append(lines.length - n).append(" more lines)");
        return out.toString();
    }

    /** For messages when the caller gave no URL: the connection's own, password masked. */
    private static String describe(Connection connection) {
        try {
            String url = connection.getMetaData().getURL();
            if (url != null && !url.isBlank()) return dev.retort.config.DatabaseUrls.mask(url);
        } catch (SQLException | RuntimeException e) {
            // fall through: a message without the URL is better than none
        }
        return "the database";
    }

}
