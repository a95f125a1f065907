package dev.retort.dialect;

import dev.retort.schema.SqlType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * One database engine: its capabilities as data, identifier quoting and literals, and the parts
 * that differ per engine (rendering operations, reflection, locking). No code outside this package
 * asks which engine it is talking to; it asks the dialect.
 */
public interface Dialect {
    /** sqlite, postgresql, mariadb, h2 */
    String name();

    /** DDL statements take part in transactions (false on MariaDB/MySQL). */
    boolean transactionalDdl();

    /** What this engine can do, as data. */
    Set<Feature> features();

    default boolean supports(Feature feature) {
        return features().contains(feature);
    }

    /** The engine's name as users know it, for messages: SQLite, PostgreSQL, MariaDB/MySQL, H2. */
    default String displayName() {
        return name();
    }

    /**
     * The portable type in this engine's spelling, e.g. {@code VARCHAR(50)}; throws a
     * {@link dev.retort.RetortException} for a type the engine does not have.
     */
    String typeSql(SqlType type);

    /** The identifier, quoted when it needs to be (reserved word, mixed case, odd characters). */
    String quote(String identifier);

    /**
     * Why {@code name} cannot name a table, schema or constraint on this engine (longer than its names hold, a
     * character they cannot hold), or null where it can: the version and history tables' names are refused before
     * anything runs, rather than cut short or refused by the server in a misleading way.
     */
    default String nameProblem(String name) {
        return null;
    }

    /**
     * A column's collation as {@code COLLATE} takes it, from the name the model gives ({@code Column.collation}).
     */
    default String collation(String name) {
        return name;
    }

    /**
     * The collation of the version table's key, so that two ids differing only in case (distinct revisions
     * everywhere else) are two rows and {@code WHERE version_num = 'ab01'} does not match {@code AB01} (t21-7);
     * null where text compares exactly by default.
     */
    default String exactKeyCollation() {
        return null;
    }

    /** {@code schema.name}, each part quoted as needed; schema may be null or empty. */
    default String qualify(String schema, String name) {
        return schema == null || schema.isEmpty() ? quote(name) : quote(schema) + "." + quote(name);
    }

    /** A value as a SQL literal for offline scripts. */
    String literal(Object value);

    /** A statement with its parameters inlined as literals (offline mode). */
    String inline(SqlStatement statement);

    /**
     * Refuses a statement whose {@code ?} placeholders do not match its parameters, as {@link #inline} does
     * offline, so that an online run says so in the same words instead of the driver's own.
     */
    default void checkParameters(SqlStatement statement) {
    }

    /**
     * Readies a statement of a revision before its values are bound: where a driver would fix the parameters'
     * types after some executions of the same SQL, it is told not to, since each execution's values (a NULL,
     * a {@code Long} after {@code Integer}s) bind their own types, as each statement of the script has its own.
     */
    default void prepareForValues(java.sql.PreparedStatement statement) throws SQLException {
    }

    /** A renderer for one run; online it may read the live schema through the context's connection. */
    OperationRenderer renderer(RenderContext context);

    /** Reads the live schema into a model (autogenerate, drift check). */
    Reflector reflector();

    /** The run-wide lock that keeps concurrent migrators from applying a revision twice. */
    DatabaseLock lock();

    /**
     * Cancels whatever the connection is executing now, from another thread, whichever statement object
     * it came from (a Java revision's own JDBC on {@code op.connection()}); a no-op when it executes
     * nothing. Engines without such a call do nothing.
     */
    default void cancelRunning(Connection connection) throws SQLException {
    }

    /**
     * Whether the operation may run inside a transaction on this engine: false for PostgreSQL's
     * {@code CREATE/DROP INDEX CONCURRENTLY} ({@link dev.retort.ops.Operation#transactional()} false), true on
     * engines that build such an index normally. A runner checks this for every operation of a transactional
     * revision, online and offline, and refuses the revision (to be marked {@code transactional = false}).
     */
    default boolean allowsInTransaction(dev.retort.ops.Operation operation) {
        return operation.transactional() || !supports(Feature.CONCURRENT_INDEX);
    }

    /** Statement separator and batch terminator in offline scripts (";" everywhere so far). */
    default String statementTerminator() {
        return ";";
    }

    /**
     * For offline scripts, where the version and history tables cannot be qualified with a schema resolved at
     * the start (nothing is connected): statements that keep the session's schema (on PostgreSQL its user and role
     * too) as the script starts ({@code save}), and put it back around the version table's statements after a revision that changed it
     * ({@code use} before them, {@code back} after them, so that the revisions that follow see what the
     * revision set, as online; H2 needs two statements to keep the revision's schema and set the script's). Null where a
     * revision cannot move unqualified names (or it is not handled).
     *
     * @param use     given whether the statements run inside a transaction (then it changes nothing beyond it,
     *                so that a revision's {@code SET LOCAL} still ends with its transaction)
     * @param back    the same for putting the revision's own back
     * @param changes tells whether a statement may change the session's schema (or user)
     */
    record OfflineSchemaGuard(String save, java.util.function.Function<Boolean, java.util.List<String>> use,
                              java.util.function.Function<Boolean, java.util.List<String>> back,
                              java.util.function.Predicate<String> changes) {
    }

    default OfflineSchemaGuard offlineSchemaGuard() {
        return null;
    }

    /**
     * For an offline script from base, after its {@code CREATE TABLE IF NOT EXISTS} of the version table: statements
     * of which one fails when {@code versionTable} holds rows, so that the script, applied by mistake to a migrated
     * database, stops before its first revision (r8-6, t19-1) when its client stops at an error; where the engine can,
     * the failure says {@code message}. Empty for none.
     */
    default java.util.List<String> offlineBaseGuard(String versionTable, String message) {
        // a scalar subquery of two rows is an error on PostgreSQL, MariaDB/MySQL and H2
        return java.util.List.of("SELECT (SELECT 1 FROM " + versionTable + " UNION ALL SELECT 1) AS database_is_at_base");
    }

    /**
     * For an offline script from FROM ({@code upgrade FROM:TO --sql}, also downgrade and stamp), before anything else:
     * statements of which one fails, saying {@code message}, unless {@code versionTable} holds exactly the rows
     * {@code rows}, so that the script, applied to a database at another revision, stops before its first revision
     * when its client stops at an error: its revisions ran there, and its version-table UPDATE matched nothing, leaving
     * them applied but unrecorded (t56-4). The form of {@link #offlineBaseGuard}: one scalar subquery of two rows. Each
     * engine's own says {@code message} instead.
     */
    default java.util.List<String> offlineStartGuard(String versionTable, java.util.List<String> rows, String message) {
        return java.util.List.of("SELECT (SELECT 1 UNION ALL SELECT 1 FROM " + versionTable + " HAVING "
                + notExactly(rows) + ") AS database_is_at_start");
    }

    /**
     * A condition on an aggregate over the version table (no GROUP BY: one row) that holds unless the table's rows are
     * exactly {@code rows} (its primary key makes them distinct): for {@link #offlineStartGuard}.
     */
    default String notExactly(java.util.List<String> rows) {
        String in = rows.stream().map(this::literal).collect(java.util.stream.Collectors.joining(", "));
        return "COUNT(*) <> " + rows.size() + " OR COUNT(CASE WHEN version_num IN (" + in + ") THEN 1 END) <> " + rows.size();
    }

    /**
     * SQL for the current time in UTC, as the database's clock gives it, for the history table's {@code applied_at}
     * (a {@code TIMESTAMP} without zone): the same on every engine, online and in an offline script, whatever the
     * zone of the session or of the JVM running Retort (t27-2). SQLite's {@code CURRENT_TIMESTAMP} is UTC already.
     */
    default String utcTimestampExpression() {
        return "CURRENT_TIMESTAMP";
    }

    /**
     * SQL for the database user of the session, which an offline script records as {@code applied_by}: the
     * script is applied by whoever runs it, not by whoever wrote it. Null where the engine has none (SQLite).
     */
    default String sessionUserExpression() {
        return null;
    }

    /**
     * The comment an offline script starts with: how to run it with the engine's client so that it stops at its
     * first error, as an online run does (a client that goes on would record a failed revision as applied).
     */
    default String offlineRunAdvice() {
        return "Run it with a client that stops at the first error: a failed revision would be recorded as applied.";
    }

    /**
     * {@link #offlineRunAdvice()} for a script made for the database in {@code databaseFile} (an embedded engine's
     * file; null when there is none or it is not known), for engines whose client is given that file.
     */
    default String offlineRunAdvice(java.nio.file.Path databaseFile) {
        return offlineRunAdvice();
    }

    /**
     * The statement an offline script starts with that declares its encoding (it is written in UTF-8), so that a
     * client with another locale or a database with another encoding reads it as written; null where the client
     * always reads UTF-8 (sqlite3, H2's RunScript).
     */
    default String offlineEncodingStatement() {
        return null;
    }

    /** Statements that begin a transaction in an offline script, e.g. "BEGIN;". */
    default String beginTransaction() {
        return "BEGIN";
    }

    /**
     * A query answering, without failing, whether the table {@code qualify(schema, name)} exists: one row,
     * one column, true (or non-zero) when it does. Null where reading a missing table harms nothing, so a
     * reader may just read it and take the error for "missing": here a failed statement aborts the
     * caller's transaction (PostgreSQL), is logged by the driver (MariaDB) or is written into a
     * {@code .trace.db} file next to the database (H2). One round trip either way.
     *
     * @param schema null or empty for the connection's own
     */
    default SqlStatement tableExistsQuery(String schema, String name) {
        return null;
    }

    /**
     * A query for the width of {@code qualify(schema, table)}'s {@code version_num} column: one row, its length in
     * characters (NULL, or no row, where it has none or the table is missing). Null where the engine does not hold a
     * column to its width (SQLite): any id fits there.
     */
    default SqlStatement versionColumnWidthQuery(String schema, String table) {
        return null;
    }

    /** The statement that widens the version column of {@code table} (as qualified) to {@code width} characters. */
    default String widenVersionColumn(String table, int width) {
        return "ALTER TABLE " + table + " ALTER COLUMN version_num SET DATA TYPE VARCHAR(" + width + ")";
    }

    /**
     * The query for the schema an unqualified {@code table} names now (where it is, or where it would be
     * created), first column of one row; null where names do not move (SQLite). A run qualifies its version and
     * history tables with it, so that a revision changing the session's schema ({@code SET search_path},
     * pg_dump's {@code set_config('search_path', '', false)}, {@code USE}, {@code SET SCHEMA}) does not lose them.
     */
    default SqlStatement currentSchemaQuery(String table) {
        return null;
    }

    /**
     * Bounds the session's waits for a table lock to {@code timeout} until the returned handle is closed, which puts
     * the session's own value back: the reads and writes of the version and history tables, which a session
     * holding a lock on them ({@code LOCK TABLE}, an open transaction's DDL or its changed rows) would otherwise make
     * wait without end and without a word. PostgreSQL also runs them as the run's own user and role meanwhile (a
     * revision's {@code SET ROLE owner} lasts for the run, and the owner has no rights on those tables).
     * Nothing where the engine bounds them already (H2's LOCK_TIMEOUT, SQLite's busy timeout).
     */
    default LockWaitBound boundLockWaits(Connection connection, java.time.Duration timeout) throws java.sql.SQLException {
        return LockWaitBound.NONE;
    }

    /**
     * Whether the error says the statement named a schema (a MariaDB database, an attached SQLite database) that does
     * not exist: a {@code version_table_schema} nobody created (t49-5).
     */
    default boolean isMissingSchema(java.sql.SQLException e) {
        return false;
    }

    /**
     * What to do about a {@code version_table_schema} the database does not have, after "names a schema the database
     * does not have: ". The statement that makes it quotes the name as the run does ({@code "Audit".retort_version}):
     * written bare, {@code CREATE SCHEMA Audit} made {@code audit} (PostgreSQL) or {@code AUDIT} (H2), and the next run
     * failed the same way (t65-2).
     */
    default String missingSchemaAdvice(String schema) {
        return "create it first (CREATE SCHEMA " + quote(schema) + "), or correct version_table_schema";
    }

    /**
     * Why a cancel did not end the statement that failed with {@code e}, where the engine lets a statement wait for
     * another session's lock whatever the cancel (H2): a cancelled run's failure says so rather than that the cancel
     * stopped it. Null where the cancel ends such a wait, and for any other error.
     */
    default String lockWaitNotCancelled(java.sql.SQLException e) {
        return null;
    }

    /** Whether the error says a statement gave up waiting for a table lock held by another session. */
    default boolean isLockWaitTimeout(java.sql.SQLException e) {
        return false;
    }

    /** What {@link #boundLockWaits} changed; closing it puts the session's value back. */
    interface LockWaitBound extends AutoCloseable {
        LockWaitBound NONE = () -> { };

        @Override
        void close() throws java.sql.SQLException;
    }

    /** Sets connection-level state needed before running (e.g. SQLite's foreign keys pragma). */
    default void prepare(Connection connection) throws java.sql.SQLException {
    }

    /**
     * At the end of a run (also a failed one, after its rollback): undoes what {@link #prepare} changed in
     * the session that the connection's next user would notice (an application's DataSource takes it back).
     */
    default void finish(Connection connection) throws java.sql.SQLException {
    }

    /**
     * After a revision that ran outside the run's transaction (and left autocommit on): puts back session settings
     * the revision may have changed that decide what later revisions' statements do, as they were at the run's start
     * (SQLite's {@code foreign_keys}: a 12-step rebuild ending in {@code PRAGMA foreign_keys = ON} on a database
     * whose connection had them off made a later revision's DELETE cascade, t46-1). So every revision starts from
     * the session the run began with, and one run does what separate runs do.
     */
    default void afterOutsideTransaction(Connection connection) throws java.sql.SQLException {
    }

    /**
     * After every revision, in the run's transaction or outside it, before its version rows are written: puts back
     * session settings that take effect inside a transaction too and decide whether later revisions' statements are
     * checked (MariaDB's {@code foreign_key_checks}, {@code unique_checks}, {@code check_constraint_checks}, and the
     * {@code sql_mode}, which decides whether a bad value fails or is silently changed; PostgreSQL's
     * {@code session_replication_role}), as they were at the run's start: a revision's {@code SET foreign_key_checks = 0}
     * or {@code SET session_replication_role = replica} must not let a later revision's INSERT break a foreign
     * key (mdb-fkc, pg-srr). Where DDL is not transactional each revision is its own step anyway, so it starts from the
     * session the run began with, as it would in a run of its own.
     */
    default void afterRevision(Connection connection) throws java.sql.SQLException {
    }

    /**
     * The session settings {@link #afterOutsideTransaction} and {@link #afterRevision} put back. {@code changes} tells a
     * statement that may change one: online the run puts them back only after a revision that ran such a statement (or
     * its own JDBC), not with a round trip after every revision. The rest is the offline form: {@code atStart} gives the statements the script starts with when some revision has
     * one (their argument: those revisions, to say why), {@code putBack} the statement written after such a revision.
     * On SQLite a script cannot read a setting's value, so it requires the value it puts back: {@code atStart} stops
     * it before anything runs where the setting is not so. On MariaDB it keeps the values in user variables, on
     * PostgreSQL in settings of Retort's. Where DDL is transactional it is put back only after a revision outside a
     * transaction, unless {@code inTransactions} (PostgreSQL's {@code session_replication_role}, which a revision
     * changes in a transaction too: put back before the version rows, inside BEGIN/COMMIT).
     */
    record SessionSettingRestore(java.util.function.Predicate<String> changes,
                                java.util.function.Function<String, java.util.List<String>> atStart, String putBack,
                                boolean inTransactions) {
    }

    default SessionSettingRestore sessionSettingRestore() {
        return null;
    }

    /**
     * Whether a {@code FROM:TO} script first renders the revisions up to FROM, writing nothing, so that its renderer
     * knows the tables, keys and indexes they made as a script from base does (H2, t54-7: a dropIndex of an index
     * that a foreign key uses must drop and re-add the key around it, and only the earlier revisions name the key).
     */
    default boolean offlineKnowsEarlierRevisions() {
        return false;
    }

    /**
     * A setting of the whole database that a revision's statement may change for every session, that no rollback
     * undoes and that cannot be read back (H2's {@code SET REFERENTIAL_INTEGRITY FALSE}, h2-refint): {@code changes}
     * tells such a statement, {@code putBack} sets the setting's usual value. Online the run puts it back after the
     * commit of the revision that ran one (after its version rows), or after the rollback of a failed one; offline
     * the script does after that revision ({@link #sessionSettingRestore}). Null where there is none.
     */
    record DatabaseSettingRestore(java.util.function.Predicate<String> changes, String putBack) {
    }

    default DatabaseSettingRestore databaseSettingRestore() {
        return null;
    }

    /**
     * Whether {@code sql} only changes a session setting that {@link #finish} puts back (PostgreSQL's {@code SET ROLE},
     * MariaDB's {@code SET foreign_key_checks = 0}): a failed revision's message does not list it among what stays
     * applied and needs repair by hand.
     */
    default boolean undoneWhenRunEnds(String sql) {
        return false;
    }

    /**
     * Whether {@code sql} changes nothing in the database, only the session: a setting the run puts back ({@link
     * #undoneWhenRunEnds}), or one that stays on the connection, or a user variable (MariaDB's {@code SET @x = 1},
     * mariadb-dump's {@code /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT *}{@code /}). A failed
     * revision's message does not list it among the statements that stay applied and need repair by hand.
     */
    default boolean sessionOnly(String sql) {
        return undoneWhenRunEnds(sql);
    }

    /**
     * Where DDL is not transactional: whether running {@code sql} commits the open transaction (TRUE), does not
     * (FALSE), or cannot be told from its text (null: a {@code CALL}, whose procedure commits if it runs DDL; the
     * database is then asked, {@link #holdsUncommittedWork}). Asked only of a failed revision's statements, for
     * what of it stays applied. The default: DDL and {@code GRANT}/{@code REVOKE} commit.
     */
    default Boolean commitsImplicitly(String sql) {
        return StatementText.DDL.matcher(StatementText.afterComments(sql)).lookingAt();
    }

    /** Whether the error says another connection holds a lock the statement waited for in vain (SQLite's busy file). */
    default boolean isBusy(java.sql.SQLException e) {
        return false;
    }

    /**
     * Whether the connection's transaction holds uncommitted work, asked after a statement failed; null when the
     * database cannot say. Where DDL commits by itself, a failed DDL statement that got as far as running committed
     * what ran before it (MariaDB and H2 commit first, then fail); one refused by the parser did not.
     */
    default Boolean holdsUncommittedWork(java.sql.Connection connection) {
        return null;
    }

    /**
     * The statements that end a transaction a revision outside the run's transactions opened itself and left open
     * (a BEGIN without its COMMIT; where {@code autocommitOff}, also a {@code SET autocommit = 0}), switching autocommit
     * back on: run before its version row online, and written there in the --sql script, whose client would otherwise
     * end its session inside that transaction and roll back the revision's work with the version rows (t81-2, t81-5).
     */
    default java.util.List<String> endOwnTransaction(boolean autocommitOff) {
        return java.util.List.of("COMMIT");
    }

    /**
     * Ends a run's transaction (after a failure: what is left of it) and puts the connection back in autocommit,
     * with no transaction open.
     */
    default void rollbackToAutocommit(java.sql.Connection connection) throws java.sql.SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }

    /** Whether a rollback failed because the engine had already ended the transaction itself (SQLite's interrupt). */
    default boolean transactionAlreadyEnded(java.sql.SQLException e) {
        return false;
    }
}
