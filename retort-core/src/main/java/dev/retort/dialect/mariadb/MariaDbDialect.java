package dev.retort.dialect.mariadb;

import dev.retort.RetortException;
import dev.retort.dialect.AbstractDialect;
import dev.retort.dialect.Feature;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.UnsupportedTypeException;
import dev.retort.schema.SqlType;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MariaDB and MySQL. DDL is not transactional. Offline scripts assume the default {@code sql_mode}
 * (backslash escapes in strings on, i.e. without {@code NO_BACKSLASH_ESCAPES}) and a utf8mb4 client.
 */
public final class MariaDbDialect extends AbstractDialect {
    private static final Set<String> RESERVED = loadReservedWords("mariadb");
    private static final Set<Feature> FEATURES = Set.of(Feature.ALTER_COLUMN_TYPE, Feature.ALTER_COLUMN_NULLABILITY,
            Feature.ALTER_COLUMN_DEFAULT, Feature.RENAME_COLUMN, Feature.DROP_COLUMN, Feature.ALTER_CONSTRAINTS,
            Feature.CHECK_CONSTRAINTS, Feature.COMMENTS, Feature.SEQUENCES, Feature.INLINE_ENUM, Feature.SCHEMAS,
            Feature.COLUMN_ON_UPDATE);

    // the capacities Hibernate 6's MySQL/MariaDB dialect declares them by, so that its databases compare equal
    private static final int MAX_VARCHAR = 16_383;
    private static final int MAX_TEXT = 65_535;
    private static final int MAX_MEDIUMTEXT = 16_777_215;

    public MariaDbDialect() {
        super(MariaDbDialect.class, "mariadb", "MariaDB/MySQL", FEATURES, '`', RESERVED,
                MariaDbRenderer::new, MariaDbReflector::new, MariaDbLock::new);
    }

    /**
     * Takes {@code IGNORE_SPACE} out of the session's {@code sql_mode}, unless the server's own (global)
     * {@code sql_mode} has it. Connector/J always asks for it in its handshake (the CLIENT_IGNORE_SPACE
     * capability, which the server turns into that mode), and routines and triggers keep the {@code sql_mode}
     * they were created in: created online they would parse {@code name (} differently from those the
     * {@code mariadb} client creates from an offline script. The rest of the session's mode is left as the
     * driver and the URL made it.
     */
    @Override
    public void prepare(Connection connection) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            // what finish puts back, kept first (MariaDB assigns left to right): the session's sql_mode, which this
            // statement changes, the foreign-key and unique checks a revision may switch off (SET foreign_key_checks
            // = 0, as mariadb-dump's files do), the database a revision's USE changes; none of them may stay so on
            // an application's pooled connection
            s.execute("SET @retort_session_sql_mode = @@SESSION.sql_mode,"
                    + " @retort_session_fk = @@SESSION.foreign_key_checks, @retort_session_uc = @@SESSION.unique_checks,"
                    + " @retort_session_database = DATABASE(), /*M!100201 @retort_session_ccc = @@SESSION.check_constraint_checks, */"
                    + " SESSION sql_mode = IF(FIND_IN_SET('IGNORE_SPACE', @@GLOBAL.sql_mode) > 0, @@SESSION.sql_mode, "
                    + "TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',IGNORE_SPACE,', ',')))");
            // the mode each revision starts with (afterRevision): read after the SET, which reads all its values first
            s.execute("SET @retort_run_sql_mode = @@SESSION.sql_mode");
        }
    }

    /**
     * Puts back MariaDB's switch for CHECK constraints ({@code check_constraint_checks}, 10.2.1 on), first in a SET's
     * list: in a comment that MariaDB runs and MySQL, which has no such variable, skips; the {@code mariadb} client
     * keeps such comments. {@link #prepare} keeps its value the same way.
     */
    private static final String CHECK_CONSTRAINT_CHECKS_BACK = " /*M!100201 SESSION check_constraint_checks = @retort_session_ccc, */";

    /**
     * {@code lock_wait_timeout} (metadata locks: a {@code LOCK TABLES ... WRITE} or another session's open DDL on the
     * table) and {@code innodb_lock_wait_timeout} (row locks: another session's open transaction that changed the
     * version rows); whole seconds, at least 1; the session's own values set back after.
     */
    @Override
    public LockWaitBound boundLockWaits(Connection connection, java.time.Duration timeout) throws SQLException {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("SET @retort_session_lwt = @@SESSION.lock_wait_timeout, SESSION lock_wait_timeout = " + seconds
                    + ", @retort_session_ilwt = @@SESSION.innodb_lock_wait_timeout, SESSION innodb_lock_wait_timeout = " + seconds);
        }
        return () -> {
            try (java.sql.Statement s = connection.createStatement()) {
                s.execute("SET SESSION lock_wait_timeout = @retort_session_lwt,"
                        + " SESSION innodb_lock_wait_timeout = @retort_session_ilwt");
            }
        };
    }

    @Override
    public boolean isLockWaitTimeout(SQLException e) {
        return e.getErrorCode() == 1205;
    }

    /** The session's sql_mode, foreign-key, unique and CHECK constraint checks, and database as they were before the run. */
    @Override
    public void finish(Connection connection) throws SQLException {
        String before = changedSince(connection, "SELECT @retort_session_database, DATABASE()");
        if (before != null) connection.setCatalog(before);
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("SET" + CHECK_CONSTRAINT_CHECKS_BACK + " SESSION sql_mode = @retort_session_sql_mode, SESSION foreign_key_checks = @retort_session_fk,"
                    + " SESSION unique_checks = @retort_session_uc");
        }
    }

    /**
     * mdb-fkc: the checks and the sql_mode as the run began, after every revision. A revision's {@code SET
     * foreign_key_checks = 0} (mariadb-dump's files have it; a data load that runs before its parent rows) lasted for
     * the rest of the run, and a later revision's INSERT broke a foreign key where the same revision run alone fails;
     * {@code unique_checks = 0} and {@code check_constraint_checks = 0} let duplicates and CHECK violations in the same
     * way, a {@code sql_mode} without STRICT_TRANS_TABLES turns a value too long for its column into a cut one (and
     * ANSI_QUOTES or NO_BACKSLASH_ESCAPES read later revisions' strings otherwise). After every revision, not only one
     * outside the run's transaction: a SET takes effect in a transaction as well, and with DDL committing by itself
     * each revision is a step of its own, which should find the session as a run of its own would. Other settings a
     * revision SETs ({@code time_zone}, {@code NAMES}, its {@code USE}) stay for the rest of the run, as running.md says.
     * One statement, no read first: cheaper than comparing, and the values are kept since {@link #prepare}.
     */
    @Override
    public void afterRevision(Connection connection) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("SET" + CHECK_CONSTRAINT_CHECKS_BACK + " SESSION sql_mode = @retort_run_sql_mode,"
                    + " SESSION foreign_key_checks = @retort_session_fk, SESSION unique_checks = @retort_session_uc");
        }
    }

    /**
     * A statement that may change one of the settings {@link #afterRevision} puts back: one assigning it, in any
     * spelling ({@code SET FOREIGN_KEY_CHECKS=0}, {@code @@SESSION.sql_mode := ...}, {@code SET STATEMENT ... FOR});
     * not a read of it, nor a user variable named after it ({@code @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS}).
     * The name may be backquoted, as any identifier ({@code SET SESSION `foreign_key_checks` = 0},
     * {@code SET @@session.`unique_checks` = 0}): the closing backquote stands between it and the {@code =}.
     */
    private static final java.util.regex.Pattern SETS_A_CHECK = java.util.regex.Pattern.compile(
            "(?i)\\b(?:foreign_key_checks|unique_checks|check_constraint_checks|sql_mode)`?\\s*:?=(?!=)");

    /**
     * The script keeps the values it starts with in user variables and sets them back after a revision whose
     * statements set one of them (a SET, also in an executable comment; a {@code SET STATEMENT ... FOR}), as a run
     * does after every revision: a script where no revision sets them reads as before.
     */
    @Override
    public SessionSettingRestore sessionSettingRestore() {
        return new SessionSettingRestore(sql -> SETS_A_CHECK.matcher(sql).find(), revisions -> List.of(
                "SET @retort_foreign_key_checks = @@SESSION.foreign_key_checks, @retort_unique_checks = @@SESSION.unique_checks,"
                        + " /*M!100201 @retort_check_constraint_checks = @@SESSION.check_constraint_checks, */"
                        + " @retort_sql_mode = @@SESSION.sql_mode"),
                "SET SESSION foreign_key_checks = @retort_foreign_key_checks, SESSION unique_checks = @retort_unique_checks,"
                        + " /*M!100201 SESSION check_constraint_checks = @retort_check_constraint_checks, */"
                        + " SESSION sql_mode = @retort_sql_mode", false);
    }

    /**
     * One assignment {@link #finish} undoes (or a user variable, which changes nothing in the database): the checks
     * and the {@code sql_mode} (a revision's {@code SET sql_mode = 'ANSI_QUOTES'}, mariadb-dump's {@code SQL_MODE =
     * @OLD_SQL_MODE}).
     */
    private static final String UNDONE_ASSIGNMENT = "(?:@\\w+\\s*:?=\\s*@@(?:SESSION\\.)?\\w+"
            + "|(?:SESSION\\s+|@@SESSION\\.|@@)?`?(?:foreign_key_checks|unique_checks|check_constraint_checks|sql_mode)`?\\s*:?=\\s*"
            + "(?:'[^']*'|\"[^\"]*\"|@@?(?:SESSION\\.)?\\w+|\\w+))";
    /** A SET of those only, also in mariadb-dump's version comment ({@code /*!40014 SET ... *}{@code /}), or a USE. */
    private static final java.util.regex.Pattern UNDONE = setOnly(UNDONE_ASSIGNMENT, "|USE\\s+[`\\w$]+");

    @Override
    public boolean undoneWhenRunEnds(String sql) {
        return UNDONE.matcher(sql).matches();
    }

    /**
     * One assignment of a user variable or of a session system variable, to a plain value (a string, number, word,
     * other variable; no expression, which could run a function): {@code @x = 1}, {@code NOTE_VERBOSITY=0},
     * {@code SESSION time_zone = '+00:00'}, {@code NAMES utf8mb4}. Not {@code GLOBAL}/{@code PERSIST} ones, nor
     * {@code autocommit}, which commits.
     */
    private static final String SESSION_ASSIGNMENT = "(?:(?:NAMES|CHARACTER\\s+SET|CHARSET)\\s+(?:'[^']*'|\\w+)"
            + "(?:\\s+COLLATE\\s+(?:'[^']*'|\\w+))?"
            + "|(?:@\\w+|(?:SESSION\\s+|LOCAL\\s+|@@SESSION\\.|@@LOCAL\\.|@@)?(?!autocommit\\b|GLOBAL\\b|PERSIST\\b"
            + "|PERSIST_ONLY\\b|PASSWORD\\b|ROLE\\b|DEFAULT\\b|TRANSACTION\\b|STATEMENT\\b)[a-z_]\\w*)"
            + "\\s*:?=\\s*(?:'[^']*'|\"[^\"]*\"|-?\\d+(?:\\.\\d+)?|@@?(?:SESSION\\.|GLOBAL\\.)?\\w+|\\w+))";
    /** A SET of those only, also in an executable comment ({@code /*!40101 ... *}{@code /}, {@code /*M!100616 ... *}{@code /}). */
    private static final java.util.regex.Pattern SESSION_ONLY = setOnly(SESSION_ASSIGNMENT, "");

    /**
     * A statement that is a SET of {@code assignment}s only (or {@code orElse}, an alternative after a {@code |}),
     * also in mariadb-dump's executable comments.
     */
    private static java.util.regex.Pattern setOnly(String assignment, String orElse) {
        return java.util.regex.Pattern.compile("(?is)\\s*(?:/\\*M?!\\d*\\s*)?(?:SET\\s+" + assignment + "(?:\\s*,\\s*"
                + assignment + ")*" + orElse + ")\\s*(?:\\*/)?\\s*;?\\s*");
    }

    /**
     * Besides what the run puts back, user variables and the session's other variables (which stay on the connection,
     * as running.md says): a mariadb-dump file's {@code /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT
     * *}{@code /}, {@code /*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 *}{@code /} and a
     * revision's {@code SET @x = 1} alike: none changes the database (t43-4).
     */
    @Override
    public boolean sessionOnly(String sql) {
        return undoneWhenRunEnds(sql) || SESSION_ONLY.matcher(sql).matches();
    }

    /** See {@link ImplicitCommits}. */
    @Override
    public Boolean commitsImplicitly(String sql) {
        return ImplicitCommits.of(sql);
    }

    /** MariaDB's {@code @@in_transaction}; MySQL has no such variable, and then it is not known (null). */
    /** {@code SET autocommit = 1} commits as well, but the COMMIT also ends a START TRANSACTION's in autocommit. */
    @Override
    public List<String> endOwnTransaction(boolean autocommitOff) {
        return autocommitOff ? List.of("COMMIT", "SET autocommit = 1") : List.of("COMMIT");
    }

    @Override
    public Boolean holdsUncommittedWork(Connection connection) {
        try (java.sql.Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT @@in_transaction")) {
            return rs.next() ? rs.getInt(1) != 0 : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * The catalog, compared as the server compares table names (information_schema's case-insensitive
     * collation; a name matched only in another case is still read, and a failure then taken for "missing").
     * information_schema leaves out the tables the user has no right on, so it says "missing" for sure only to a user
     * who may read every table of the schema (SELECT on it or on all); for another the table is read, which fails
     * with "SELECT command denied" where it is hidden (and where it is missing: the server will not tell), rather
     * than the database being taken for unversioned (t30-3).
     */
    @Override
    public SqlStatement tableExistsQuery(String schema, String name) {
        boolean current = schema == null || schema.isEmpty();
        String in = current ? "DATABASE()" : "?";
        String sql = "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = " + in + ")"
                + " OR " + in + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM information_schema.user_privileges WHERE grantee = "
                + GRANTEE + " AND privilege_type = 'SELECT' UNION ALL SELECT 1 FROM information_schema.schema_privileges"
                + " WHERE grantee = " + GRANTEE + " AND table_schema = " + in + " AND privilege_type = 'SELECT')";
        return current ? SqlStatement.of(sql, name) : SqlStatement.of(sql, name, schema, schema, schema);
    }

    @Override
    public SqlStatement versionColumnWidthQuery(String schema, String table) {
        boolean current = schema == null || schema.isEmpty();
        return SqlStatement.of("SELECT character_maximum_length FROM information_schema.columns WHERE table_schema = "
                + (current ? "DATABASE()" : "?") + " AND table_name = ? AND column_name = 'version_num'",
                current ? new Object[] {table} : new Object[] {schema, table});
    }

    /** MODIFY restates the whole column: NOT NULL with it, the collation left to the table's (an explicit one may not suit its character set). */
    @Override
    public String widenVersionColumn(String table, int width) {
        return "ALTER TABLE " + table + " MODIFY version_num VARCHAR(" + width + ") NOT NULL";
    }

    /** CURRENT_USER() ({@code user@host}; the name may hold an @) as information_schema's grantee, {@code 'user'@'host'}. */
    private static final String GRANTEE = "CONCAT('''', LEFT(CURRENT_USER(), CHAR_LENGTH(CURRENT_USER())"
            + " - CHAR_LENGTH(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)) - 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')";

    /**
     * Names hold 64 characters of the Basic Multilingual Plane: a 4-byte character (an emoji) is refused on CREATE
     * ("Invalid utf8mb4 character string"), and compared with information_schema's utf8mb3 it failed even a read
     * with "Illegal mix of collations" (t30-8).
     */
    @Override
    public String nameProblem(String name) {
        int characters = name.codePointCount(0, name.length());
        if (characters > 64) return "it is " + characters + " characters long, and MariaDB/MySQL names hold 64";
        // "Incorrect table name" in the middle of a run, and a --sql script that fails when run (t34-6)
        if (name.endsWith(" ")) return "it ends with a space, which MariaDB/MySQL names cannot";
        return name.codePoints().filter(Character::isSupplementaryCodePoint).mapToObj(Character::toString).findFirst()
                .map(c -> "it holds " + c + " (U+" + Integer.toHexString(c.codePointAt(0)).toUpperCase(java.util.Locale.ROOT)
                        + "), a character outside the Basic Multilingual Plane, which MariaDB/MySQL names cannot hold")
                .orElse(null);
    }

    @Override
    public SqlStatement currentSchemaQuery(String table) {
        return SqlStatement.of("SELECT DATABASE()");
    }

    /** Connector/J's KILL QUERY for the connection's thread, sent over a connection of its own. */
    @Override
    public void cancelRunning(Connection connection) throws SQLException {
        connection.unwrap(org.mariadb.jdbc.Connection.class).cancelCurrentQuery();
    }

    /**
     * No plain statement of MariaDB/MySQL fails with a text of one's own: SIGNAL needs a compound statement, which MySQL
     * does not take outside a routine. But setting an ENUM variable to a value it does not have fails quoting the value
     * whole (its first 200 characters), on both: {@code Variable 'completion_type' can't be set to the value of
     * '<message>'}. So the message, with what the version table holds, goes into a user variable, and the session's
     * completion_type is set to it, or to its own value (no change) when the database is where the script starts. Was
     * a temporary table's duplicate key, whose error shows 64 characters (f3-4). sql_mode, a SET, would quote only
     * the text up to a comma.
     */
    @Override
    public java.util.List<String> offlineStartGuard(String versionTable, java.util.List<String> rows, String message) {
        return failingWith("SELECT IF(" + notExactly(rows) + ", " + withRows(message) + ", NULL) FROM "
                + versionTable);
    }

    /** {@link #offlineStartGuard}'s way, which the client prints as it is (was "Subquery returns more than 1 row"). */
    @Override
    public java.util.List<String> offlineBaseGuard(String versionTable, String message) {
        return failingWith("SELECT IF(COUNT(*) > 0, " + withRows(message) + ", NULL) FROM " + versionTable);
    }

    /**
     * {@code message} with the version table's rows at its end, as PostgreSQL's: "X: do Y (it holds r1)". The server
     * quotes only the first 200 characters, and rows before the advice cut it off (t64-2).
     */
    private String withRows(String message) {
        return "CONCAT(" + literal(message + " (it holds ") + ", " + held() + ", " + literal(")") + ")";
    }

    /** The version table's rows, for a guard's message. */
    private static String held() {
        return "COALESCE(GROUP_CONCAT(version_num ORDER BY version_num SEPARATOR ', '), 'no rows: base')";
    }

    /** Statements that fail, quoting the text {@code query} gives, unless it gives NULL. */
    private static java.util.List<String> failingWith(String query) {
        return java.util.List.of("SET @retort_guard = (" + query + ")",
                "SET SESSION completion_type = COALESCE(@retort_guard, @@SESSION.completion_type)",
                "SET @retort_guard = NULL");
    }

    @Override
    public String offlineRunAdvice() {
        return "Run with: mariadb --comments DB < this.sql (it stops at the first error; --comments keeps comments"
                + " in trigger and routine bodies, as an online run does).";
    }

    /** The server's default collations (utf8mb4_general_ci, ...) ignore case. */
    @Override
    public String exactKeyCollation() {
        return "utf8mb4_bin";
    }

    /** As mysqldump: the client connects as utf8mb3 or latin1 depending on its locale. */
    @Override
    public String offlineEncodingStatement() {
        return "SET NAMES utf8mb4";
    }

    /**
     * A TIMESTAMP column is converted from the session's time_zone when written and to the reader's when read: UTC,
     * converted from the server's default zone to the session's, reads back as UTC in a session with the default
     * zone (the {@code mariadb} client's, Retort's), also when the writing session had a zone of its own (a driver
     * option setting it to the JVM's, {@code sessionVariables}).
     */
    @Override
    public String utcTimestampExpression() {
        return "CONVERT_TZ(UTC_TIMESTAMP(), @@global.time_zone, @@session.time_zone)";
    }

    @Override
    public String sessionUserExpression() {
        return "CURRENT_USER()";
    }

    @Override
    public String typeSql(SqlType t) {
        return switch (t.kind()) {
            case INTEGER -> "INT";
            case NUMERIC -> t.precision() == null ? "DECIMAL(65, 30)"
                    : "DECIMAL(" + t.precision() + ", " + (t.scale() == null ? 0 : t.scale()) + ")";
            case REAL -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case STRING -> {
                if (t.length() == null) {
                    throw new UnsupportedTypeException(displayName(), "needs a length for VARCHAR: use string(n) or TEXT");
                }
                // a VARCHAR holds 65,535 bytes, 16,383 characters of utf8mb4: longer strings are TEXT types, as
                // Hibernate declares them (VARCHAR(100000) is refused: "Column length too big")
                if (t.length() > MAX_VARCHAR) {
                    yield t.length() <= MAX_TEXT ? "TEXT" : t.length() <= MAX_MEDIUMTEXT ? "MEDIUMTEXT" : "LONGTEXT";
                }
                yield "VARCHAR(" + t.length() + ")";
            }
            case TIME -> {
                if (t.withTimeZone()) throw noType(t, "time with time zone");
                yield "TIME" + microseconds(t);
            }
            // DATETIME keeps the wall-clock value; TIMESTAMP is stored as UTC, the nearest to "with time zone".
            case TIMESTAMP -> (t.withTimeZone() ? "TIMESTAMP" : "DATETIME") + microseconds(t);
            case BINARY -> t.length() == null ? "BLOB" : "VARBINARY(" + t.length() + ")";
            case UUID -> "CHAR(36)";
            case INTERVAL -> throw noType(t, "interval type");
            case ENUM -> "ENUM(" + t.enumValues().stream().map(this::stringLiteral).collect(Collectors.joining(", ")) + ")";
            default -> super.typeSql(t);
        };
    }

    /** Microseconds unless told otherwise, as PostgreSQL and H2 keep them (MariaDB's own default is whole seconds). */
    private static String microseconds(SqlType t) {
        return "(" + (t.precision() == null ? 6 : t.precision()) + ")";
    }

    /** Backslash is an escape character in MySQL strings (unless NO_BACKSLASH_ESCAPES). */
    @Override
    protected String stringLiteral(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> sb.append("''");
                case '\\' -> sb.append("\\\\");
                case '\0' -> sb.append("\\0");
                case '\u001a' -> sb.append("\\Z");
                // Line-based clients (mysql < script) drop a carriage return before a newline.
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /**
     * A string parameter of the script with no backslash escape, so that it reads the same with or without
     * NO_BACKSLASH_ESCAPES (t65-4): the characters {@link #stringLiteral} escapes with a backslash are
     * {@code CHAR(92 USING utf8mb4)} between the quoted runs, {@code CONCAT('a', CHAR(92 USING utf8mb4), 'b')}, and
     * quotes are doubled. A revision may turn the mode on ({@code SET sql_mode = CONCAT(@@sql_mode,
     * ',NO_BACKSLASH_ESCAPES')}) before its data: {@code 'a\\b'} then stored two backslashes, where the online run,
     * whose driver follows the mode, stored one. The literals of DDL ({@code COMMENT 'a\\b'}, ENUM values) must be
     * plain strings, and read the mode as the online run's do.
     */
    @Override
    protected String parameterLiteral(Object value) {
        if (!(value instanceof CharSequence) && !(value instanceof Character)) return literal(value);
        String s = value.toString();
        List<String> parts = new ArrayList<>();
        StringBuilder quoted = new StringBuilder();
        java.util.StringJoiner codes = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\0' || c == '\u001a' || c == '\r' || c == '\n') {
                if (!quoted.isEmpty()) parts.add(super.stringLiteral(quoted.toString()));
                quoted.setLength(0);
                if (codes == null) codes = new java.util.StringJoiner(", ", "CHAR(", " USING utf8mb4)");
                codes.add(Integer.toString(c));
            } else {
                if (codes != null) parts.add(codes.toString());
                codes = null;
                quoted.append(c);
            }
        }
        if (codes != null) parts.add(codes.toString());
        if (!quoted.isEmpty() || parts.isEmpty()) parts.add(super.stringLiteral(quoted.toString()));
        return parts.size() == 1 ? parts.get(0) : "CONCAT(" + String.join(", ", parts) + ")";
    }

    /** No time zone type for a time of day: refused, as the driver refuses to bind one online (t29-4). */
    @Override
    protected String timeTzLiteral(java.time.OffsetTime t) {
        throw new RetortException("Cannot render a java.time.OffsetTime as a " + displayName() + " literal: " + displayName()
                + " has no time of day with a time zone (nor does its JDBC driver bind one); pass a LocalTime");
    }

    /**
     * No time zone type, and a date-time literal is read in the session's {@code time_zone}: the instant is
     * written in UTC and converted to the session's zone by the server, so that a TIMESTAMP column stores
     * that instant whatever the session's zone (a DATETIME column gets the session's wall-clock time).
     */
    @Override
    protected String timestampTzLiteral(OffsetDateTime t) {
        return inSessionZone("TIMESTAMP " + stringLiteral(dateTimeText(utc(t))));
    }

    /**
     * The statement with each instant parameter ({@link OffsetDateTime}, {@link ZonedDateTime},
     * {@link Instant}, {@link java.util.Date}) bound as its UTC date-time inside {@link #inSessionZone}, the
     * expression its offline literal is. Connector/J would otherwise send the JVM's wall-clock time, which
     * the server reads in the session's zone: online and offline runs would store other instants than the
     * one given, shifted by the JVM's or the session's zone. A statement whose placeholders do not match
     * its parameters is returned as it is, for the parameter check to report.
     */
    SqlStatement instantsInSessionZone(SqlStatement statement) {
        List<Object> params = statement.params();
        if (params.stream().noneMatch(p -> instant(p) != null)) return statement;
        List<Integer> at = placeholders(statement.sql());
        if (at.size() != params.size()) return statement;
        String sql = statement.sql();
        StringBuilder out = new StringBuilder(sql.length() + 48 * params.size());
        List<Object> bound = new ArrayList<>(params.size());
        int from = 0;
        for (int i = 0; i < params.size(); i++) {
            Instant instant = instant(params.get(i));
            out.append(sql, from, at.get(i)).append(instant == null ? "?" : inSessionZone("?"));
            bound.add(instant == null ? params.get(i) : utc(instant.atOffset(ZoneOffset.UTC)));
            from = at.get(i) + 1;
        }
        return new SqlStatement(out.append(sql, from, sql.length()).toString(), bound);
    }

    /** A UTC date-time as the session's wall-clock time (CONVERT_TZ takes 'SYSTEM' and offsets; named zones need the server's zone tables, as SET time_zone does). */
    private static String inSessionZone(String utcDateTime) {
        return "CONVERT_TZ(" + utcDateTime + ", '+00:00', @@session.time_zone)";
    }

    private static LocalDateTime utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** The instant a parameter stands for, or null; java.sql's Date, Time and Timestamp are wall-clock values. */
    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime t) return t.toInstant();
        if (value instanceof ZonedDateTime t) return t.toInstant();
        if (value instanceof Instant i) return i;
        if (value instanceof java.util.Date d && !(d instanceof java.sql.Timestamp) && !(d instanceof java.sql.Date)
                && !(d instanceof java.sql.Time)) {
            return d.toInstant();
        }
        return null;
    }

    @Override
    public boolean isMissingSchema(java.sql.SQLException e) {
        return e.getErrorCode() == 1049; // ER_BAD_DB_ERROR, "Unknown database"
    }

    /** A schema is a database here, as the server's "Unknown database" says. */
    @Override
    public String missingSchemaAdvice(String schema) {
        return "create it first (CREATE DATABASE " + quote(schema) + "), or correct version_table_schema";
    }
}
