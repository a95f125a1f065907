package dev.retort.dialect.h2;

import dev.retort.dialect.AbstractDialect;
import dev.retort.dialect.Feature;
import dev.retort.dialect.SqlStatement;
import dev.retort.schema.SqlType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * H2 2.x. Unquoted names fold to upper case, as in H2 itself. DDL is not transactional: H2 commits
 * the open transaction before each DDL statement (verified on 2.3).
 */
public final class H2Dialect extends AbstractDialect {
    private static final Set<String> RESERVED = loadReservedWords("h2");
    private static final Set<Feature> FEATURES = Set.of(Feature.ALTER_COLUMN_TYPE, Feature.ALTER_COLUMN_NULLABILITY,
            Feature.ALTER_COLUMN_DEFAULT, Feature.RENAME_COLUMN, Feature.DROP_COLUMN, Feature.ALTER_CONSTRAINTS,
            Feature.CHECK_CONSTRAINTS, Feature.COMMENTS, Feature.SEQUENCES, Feature.INLINE_ENUM, Feature.SCHEMAS,
            Feature.COLUMN_ON_UPDATE,
            Feature.INDEX_NULLS_ORDER);

    public H2Dialect() {
        super(H2Dialect.class, "h2", "H2", FEATURES, '"', RESERVED,
                H2Renderer::new, H2Reflector::new, H2Lock::new);
    }

    @Override
    public String nameProblem(String name) {
        int characters = name.codePointCount(0, name.length());
        return characters <= 256 ? null : "it is " + characters + " characters long, and H2 names hold 256";
    }

    /** t54-7: see {@link Dialect#offlineKnowsEarlierRevisions()}. */
    @Override
    public boolean offlineKnowsEarlierRevisions() {
        return true;
    }

    @Override
    public dev.retort.dialect.SqlStatement currentSchemaQuery(String table) {
        return dev.retort.dialect.SqlStatement.of("SELECT CURRENT_SCHEMA");
    }

    /**
     * Asked of INFORMATION_SCHEMA: H2 writes every failed statement, stack trace and all, into a
     * {@code <db>.trace.db} file next to a file database, so reading a missing version table on a new database
     * would leave that file in the user's project. A bare name is matched as written and upper-cased (H2
     * folds it to upper case, or to lower case in the PostgreSQL and MySQL modes); a quoted one exactly.
     */
    @Override
    public SqlStatement tableExistsQuery(String schema, String name) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE " + matches("TABLE_NAME", name, params)
                + " AND " + (schema == null || schema.isEmpty() ? "TABLE_SCHEMA = CURRENT_SCHEMA"
                : matches("TABLE_SCHEMA", schema, params));
        return new SqlStatement(sql, params);
    }

    @Override
    public SqlStatement versionColumnWidthQuery(String schema, String table) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE " + matches("TABLE_NAME", table, params)
                + " AND " + (schema == null || schema.isEmpty() ? "TABLE_SCHEMA = CURRENT_SCHEMA" : matches("TABLE_SCHEMA", schema, params))
                + " AND UPPER(COLUMN_NAME) = 'VERSION_NUM'";
        return new SqlStatement(sql, params);
    }

    /** {@code column} compared with a name as {@link #quote} writes it: a bare one in either folding. */
    private String matches(String column, String name, List<Object> params) {
        params.add(name);
        if (!isPlain(name)) return column + " = ?";
        params.add(name);
        return column + " IN (?, UPPER(?))";
    }

    /** The session's cancel: the command it is executing stops at its next check. */
    @Override
    public void cancelRunning(Connection connection) throws SQLException {
        connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession().cancel();
    }

    /**
     * t72-2: H2 (2.3) waits for a row or table lock without looking at the session's cancel, and the JDBC connection's
     * close waits for the statement; only an interrupt of the waiting thread ends it, which Retort does not send, as
     * one that came as the wait ended could close the database's file for all its sessions.
     */
    @Override
    public String lockWaitNotCancelled(java.sql.SQLException e) {
        return e.getErrorCode() != org.h2.api.ErrorCode.LOCK_TIMEOUT_1 ? null
                : "H2 does not end a wait for another session's lock on a cancel: the statement waited until H2's"
                + " LOCK_TIMEOUT ran out, which stopped it here";
    }

    /** The session's schema is kept for {@link #finish}: a revision's SET SCHEMA must not stay on an application's connection. */
    @Override
    public void prepare(Connection connection) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("SET @retort_session_schema = CURRENT_SCHEMA");
        }
    }

    @Override
    public void finish(Connection connection) throws SQLException {
        String before = changedSince(connection, "SELECT @retort_session_schema, CURRENT_SCHEMA");
        if (before != null) connection.setSchema(before);
    }

    /** H2's {@code SET REFERENTIAL_INTEGRITY}, of the whole database (not {@code ALTER TABLE ... SET REFERENTIAL_INTEGRITY}). */
    private static final java.util.regex.Pattern SETS_REFERENTIAL_INTEGRITY =
            java.util.regex.Pattern.compile("(?is)SET\\s+REFERENTIAL_INTEGRITY\\b.*");
    /** Only that SET, to FALSE or TRUE: what a failed revision leaves that the run puts back. */
    private static final java.util.regex.Pattern REFERENTIAL_INTEGRITY_ONLY =
            java.util.regex.Pattern.compile("(?is)SET\\s+REFERENTIAL_INTEGRITY\\s*=?\\s*(?:FALSE|TRUE|OFF|ON|0|1)\\s*;?\\s*");
    private static final DatabaseSettingRestore REFERENTIAL_INTEGRITY = new DatabaseSettingRestore(
            sql -> SETS_REFERENTIAL_INTEGRITY.matcher(dev.retort.dialect.StatementText.afterComments(sql)).matches(),
            "SET REFERENTIAL_INTEGRITY TRUE");

    /**
     * h2-refint: {@code SET REFERENTIAL_INTEGRITY FALSE} (a data load's, as in many H2 scripts) switches the foreign
     * keys off for the whole database, every session of it, until the database closes; it commits by itself, no
     * rollback undoes it, and H2 does not say its value (INFORMATION_SCHEMA.SETTINGS leaves it out). Nothing put it
     * back, so an application sharing the database (one JVM, AUTO_SERVER, a server) kept inserting orphans after the
     * run. The run puts it back (TRUE, H2's default) after the revision that set it, as the other engines' sessions
     * end with theirs.
     */
    @Override
    public DatabaseSettingRestore databaseSettingRestore() {
        return REFERENTIAL_INTEGRITY;
    }

    /** A statement that may change the session's schema: {@code SET SCHEMA}, or {@code USE}, its other name. */
    private static final java.util.regex.Pattern SETS_SCHEMA = java.util.regex.Pattern.compile("(?is)(?:SET\\s+SCHEMA|USE)\\b.*");

    /**
     * t81-9: after a revision's {@code SET SCHEMA other} the script's unqualified version-table statements ran in that
     * schema ("Table RETORT_VERSION not found"); they run in the schema the script started in, kept in a variable, and
     * the revision's comes back after them, as online (where the run names the schema it started in).
     */
    private static final OfflineSchemaGuard SCHEMA_GUARD = new OfflineSchemaGuard(
            "SET @retort_script_schema = SCHEMA()",
            inTransaction -> List.of("SET @retort_revision_schema = SCHEMA()", "SET SCHEMA @retort_script_schema"),
            inTransaction -> List.of("SET SCHEMA @retort_revision_schema"),
            sql -> SETS_SCHEMA.matcher(dev.retort.dialect.StatementText.afterComments(sql)).matches());

    @Override
    public OfflineSchemaGuard offlineSchemaGuard() {
        return SCHEMA_GUARD;
    }

    @Override
    public SessionSettingRestore sessionSettingRestore() {
        return new SessionSettingRestore(REFERENTIAL_INTEGRITY.changes(), revisions -> List.of(),
                REFERENTIAL_INTEGRITY.putBack(), false);
    }

    @Override
    public boolean undoneWhenRunEnds(String sql) {
        return REFERENTIAL_INTEGRITY_ONLY.matcher(dev.retort.dialect.StatementText.afterComments(sql)).matches();
    }

    /** A name as H2 reads it: bare, or quoted with its quotes doubled inside. */
    private static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[\\w$]+)";

    /**
     * H2 (2.3) commits for DDL, but not for a TRANSACTIONAL temporary table's CREATE, for CREATE/ALTER SEQUENCE nor
     * for ALTER TABLE ... SET REFERENTIAL_INTEGRITY (t27-1); also for ANALYZE, COMMENT, SCRIPT, RUNSCRIPT, COMMIT, SET
     * AUTOCOMMIT TRUE and the SETs of database settings (SET MODE, SET REFERENTIAL_INTEGRITY, ...), not for those of
     * the session's, nor for BACKUP or CHECKPOINT. A CALL of a Java function commits if the function does, and a SET
     * not named here is not known (null): the database is asked.
     */
    private static final java.util.regex.Pattern NOT_COMMITTING = java.util.regex.Pattern.compile(
            "(?is)CREATE\\s+(?:(?:CACHED|MEMORY)\\s+)?(?:(?:LOCAL|GLOBAL)\\s+)?TEMPORARY\\s+TABLE\\b.*\\bTRANSACTIONAL\\b.*"
                    + "|(?:CREATE|ALTER)\\s+SEQUENCE\\b.*"
                    + "|ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + NAME + "(?:\\s*\\.\\s*" + NAME + ")*\\s*SET\\s+REFERENTIAL_INTEGRITY\\b.*"
                    + "|SET\\s+(?:@|(?:SCHEMA|SCHEMA_SEARCH_PATH|LOCK_TIMEOUT|QUERY_TIMEOUT"
                    + "|NON_KEYWORDS|WRITE_DELAY|TRACE_LEVEL_\\w+)\\b|TIME\\s+ZONE\\b|AUTOCOMMIT\\s*=?\\s*(?:FALSE|OFF|0)\\b).*");
    private static final java.util.regex.Pattern COMMITTING = java.util.regex.Pattern.compile(
            "(?i)(?:ANALYZE|COMMENT|SCRIPT|RUNSCRIPT|COMMIT|SET\\s+AUTOCOMMIT)\\b");
    private static final java.util.regex.Pattern NOT_KNOWN = java.util.regex.Pattern.compile("(?i)(?:CALL|EXECUTE|SET)\\b");
    /** {@code //} line comments, which H2 has besides {@code --} and block comments. */
    private static final java.util.regex.Pattern SLASH_COMMENTS = java.util.regex.Pattern.compile("(?:\\s*//[^\\n]*(?:\\n|$))+");

    @Override
    public Boolean commitsImplicitly(String sql) {
        String s = dev.retort.dialect.StatementText.afterComments(sql);
        java.util.regex.Matcher slash = SLASH_COMMENTS.matcher(s);
        if (slash.lookingAt()) return commitsImplicitly(s.substring(slash.end()));
        if (NOT_COMMITTING.matcher(s).matches()) return false;
        if (dev.retort.dialect.StatementText.DDL.matcher(s).lookingAt() || COMMITTING.matcher(s).lookingAt()) return true;
        return NOT_KNOWN.matcher(s).lookingAt() ? null : false;
    }

    /** A BEGIN's transaction ends with its COMMIT (autocommit comes back with it); SET AUTOCOMMIT FALSE's does not. */
    @Override
    public List<String> endOwnTransaction(boolean autocommitOff) {
        return autocommitOff ? List.of("COMMIT", "SET AUTOCOMMIT TRUE") : List.of("COMMIT");
    }

    @Override
    public Boolean holdsUncommittedWork(Connection connection) {
        try (java.sql.Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                "SELECT CONTAINS_UNCOMMITTED FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()")) {
            return rs.next() ? rs.getBoolean(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * The message as a string that fails to convert to a number when the rows are not the script's start: RunScript prints
     * {@code Data conversion error converting "<message>"}. Not a constant (H2 folds constants when it prepares).
     */
    @Override
    public java.util.List<String> offlineStartGuard(String versionTable, java.util.List<String> rows, String message) {
        return java.util.List.of("SELECT CAST(CASE WHEN (SELECT " + notExactly(rows) + " FROM " + versionTable + ") THEN "
                + literal(message) + " ELSE '0' END AS INT) AS database_is_at_start");
    }

    @Override
    public String offlineRunAdvice() {
        return "Run with: java -cp h2.jar org.h2.tools.RunScript -url URL -script this.sql (it stops at the first"
                + " error and reads UTF-8).";
    }

    /**
     * The time since the epoch added to the epoch: a cast of CURRENT_TIMESTAMP (with its zone) to TIMESTAMP, or
     * LOCALTIMESTAMP, would give the session's local time, which is the zone of the JVM that connected.
     */
    @Override
    public String utcTimestampExpression() {
        return "(TIMESTAMP '1970-01-01 00:00:00' + (CURRENT_TIMESTAMP - TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'))";
    }

    @Override
    public String sessionUserExpression() {
        return "CURRENT_USER";
    }

    /** How {@code numeric()} is declared on H2 (t38-3), and what reflection reads back as {@code numeric()}. */
    public static final String UNCONSTRAINED_NUMERIC = "NUMERIC(100000, 30)";

    @Override
    public String typeSql(SqlType t) {
        return switch (t.kind()) {
            case TEXT -> "CLOB";
            // H2's own name, which every compatibility mode reads: MODE=PostgreSQL knows no BLOB (t49-3)
            case BLOB -> "BINARY LARGE OBJECT";
            case STRING -> t.length() == null ? "CHARACTER VARYING" : "VARCHAR(" + t.length() + ")";
            case INTERVAL -> "INTERVAL DAY TO SECOND";
            // H2 2.x reads a bare NUMERIC as NUMERIC(100000, 0), which rounds every fraction away: the widest
            // precision with MariaDB's 30 decimal places keeps what numeric() means, an unconstrained decimal
            case NUMERIC -> t.precision() == null ? UNCONSTRAINED_NUMERIC : super.typeSql(t);
            // H2's TIME keeps whole seconds unless told (its TIMESTAMP keeps 6 digits): microseconds, as elsewhere
            case TIME -> "TIME(" + (t.precision() == null ? 6 : t.precision()) + ")" + (t.withTimeZone() ? " WITH TIME ZONE" : "");
            case ENUM -> "ENUM(" + t.enumValues().stream().map(this::stringLiteral).collect(Collectors.joining(", ")) + ")";
            default -> super.typeSql(t);
        };
    }

    /** H2 has no literal for NaN or the infinities, but casts their names (checked on 2.3): REAL for a Float. */
    @Override
    protected String floatLiteral(double d, Object original) {
        if (!Double.isNaN(d) && !Double.isInfinite(d)) return super.floatLiteral(d, original);
        String name = Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        return "CAST('" + name + "' AS " + (original instanceof Float ? "REAL" : "DOUBLE PRECISION") + ")";
    }

    @Override
    public boolean isMissingSchema(java.sql.SQLException e) {
        return e.getErrorCode() == org.h2.api.ErrorCode.SCHEMA_NOT_FOUND_1;
    }
}
