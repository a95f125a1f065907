package dev.retort.dialect.sqlite;

import dev.retort.RetortException;
import dev.retort.dialect.AbstractDialect;
import dev.retort.dialect.Feature;
import dev.retort.schema.SqlType;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * SQLite 3.35+. Features list what it does in place; the rest (column type, nullability, default,
 * constraints) the renderer carries out by move-and-copy.
 */
public final class SqliteDialect extends AbstractDialect {
    private static final Set<String> RESERVED = loadReservedWords("sqlite");
    private static final Set<Feature> FEATURES = Set.of(Feature.TRANSACTIONAL_DDL, Feature.RENAME_COLUMN,
            Feature.DROP_COLUMN, Feature.CHECK_CONSTRAINTS, Feature.PARTIAL_INDEX, Feature.EXPRESSION_INDEX,
            Feature.DROP_UNNAMED_CONSTRAINT, Feature.DEFERRABLE_FOREIGN_KEYS);

    public SqliteDialect() {
        super(SqliteDialect.class, "sqlite", "SQLite", FEATURES, '"', RESERVED,
                SqliteRenderer::new, SqliteReflector::new, SqliteLock::new);
    }

    /**
     * SQLite's scalar subqueries take their first row without complaint, it has no DO blocks, and RAISE works only in
     * triggers: the row count goes into a temporary table whose CHECK fails unless it is 0, and the constraint's name
     * is the message ({@code CHECK constraint failed: retort_version holds rows: ...}). A single transaction is no
     * guard by itself (t19-1): nothing else in the script need fail, and with transaction_per_migration there is none.
     */
    @Override
    public java.util.List<String> offlineBaseGuard(String versionTable, String message) {
        return java.util.List.of(
                "CREATE TEMP TABLE retort_base_guard (version_rows INTEGER CONSTRAINT \"" + message.replace("\"", "\"\"")
                        + "\" CHECK (version_rows = 0))",
                "INSERT INTO retort_base_guard (version_rows) SELECT COUNT(*) FROM " + versionTable,
                "DROP TABLE temp.retort_base_guard");
    }

    /** {@link #offlineBaseGuard}'s way: a temporary table's CHECK named with the message. */
    @Override
    public java.util.List<String> offlineStartGuard(String versionTable, java.util.List<String> rows, String message) {
        return java.util.List.of(
                "CREATE TEMP TABLE retort_start_guard (not_at_start INTEGER CONSTRAINT \"" + message.replace("\"", "\"\"")
                        + "\" CHECK (not_at_start = 0))",
                "INSERT INTO retort_start_guard (not_at_start) SELECT " + notExactly(rows) + " FROM " + versionTable,
                "DROP TABLE temp.retort_start_guard");
    }

    /**
     * Each connection's {@code foreign_keys} at the start of its run, for {@link #finish}: a revision's own {@code PRAGMA
     * foreign_keys = OFF} (common in SQLite migrations), or a move-and-copy that switched keys off and then failed
     * before switching them on, must not hand an application's pooled connection back without its keys.
     */
    private final java.util.Map<Connection, Boolean> foreignKeysAtStart =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * Each connection's SQL length limit at the start of its run, for {@link #finish}: the driver opens connections
     * with {@code SQLITE_LIMIT_SQL_LENGTH} at 1,000,000 bytes, where the sqlite3 shell has SQLite's default of
     * 1,000,000,000 (t81-8): a data revision's one multi-row INSERT of a megabyte ran from the --sql script and failed
     * online with SQLITE_TOOBIG.
     */
    private final java.util.Map<Connection, Integer> sqlLengthAtStart =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** SQLite's own default ({@code SQLITE_MAX_SQL_LENGTH}), which the sqlite3 shell runs a script with. */
    static final int SQL_LENGTH = 1_000_000_000;

    @Override
    public void prepare(Connection connection) throws SQLException {
        foreignKeysAtStart.put(connection, foreignKeys(connection));
        org.sqlite.core.DB db = database(connection);
        if (db != null) {
            int before = db.limit(org.sqlite.SQLiteLimits.SQLITE_LIMIT_SQL_LENGTH.getId(), SQL_LENGTH);
            if (before != SQL_LENGTH) sqlLengthAtStart.put(connection, before);
        }
    }

    /** The driver's handle of {@code connection}, or null where it is not sqlite-jdbc's (a test double). */
    private static org.sqlite.core.DB database(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(org.sqlite.SQLiteConnection.class)) return null;
        return connection.unwrap(org.sqlite.SQLiteConnection.class).getDatabase();
    }

    /** {@code foreign_keys} as it was at the start of the run (SQLite ignores the pragma in a transaction: run after it ends). */
    @Override
    public void finish(Connection connection) throws SQLException {
        Integer sqlLength = sqlLengthAtStart.remove(connection);
        org.sqlite.core.DB db = sqlLength == null ? null : database(connection);
        if (db != null) db.limit(org.sqlite.SQLiteLimits.SQLITE_LIMIT_SQL_LENGTH.getId(), sqlLength);
        Boolean before = foreignKeysAtStart.remove(connection);
        if (before == null || before == foreignKeys(connection)) return;
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("PRAGMA foreign_keys = " + (before ? "ON" : "OFF"));
        }
    }

    /**
     * t46-1: {@code foreign_keys} as the run found it, after a revision outside its transaction (where the pragma takes
     * effect): a 12-step rebuild's closing {@code PRAGMA foreign_keys = ON}, or the one an autogenerated revision wrote
     * before, left keys on for the rest of the run where the connection had them off, and a later revision's DELETE
     * cascaded where the same revision run alone would not.
     */
    @Override
    public void afterOutsideTransaction(Connection connection) throws SQLException {
        Boolean before = foreignKeysAtStart.get(connection);
        if (before == null || before == foreignKeys(connection)) return;
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("PRAGMA foreign_keys = " + (before ? "ON" : "OFF"));
        }
    }

    /**
     * A script puts {@code foreign_keys} back OFF after a revision outside its transaction that set it: OFF is what
     * it runs with (SQLite's default and its shell's; a move-and-copy of a referenced table already stops the script
     * otherwise), and the guard at its start makes sure of it, since a script cannot put back a value it cannot read.
     */
    @Override
    public SessionSettingRestore sessionSettingRestore() {
        return new SessionSettingRestore(sql -> foreignKeysSetting(sql) != null, revisions -> {
            String why = revisions + " set" + (revisions.startsWith("Revisions") ? "" : "s") + " PRAGMA foreign_keys"
                    + " outside a transaction, and this script then puts it back OFF, as a run puts back what it found:"
                    + " run it with PRAGMA foreign_keys = OFF (the default of SQLite and of its shell)";
            return List.of(
                "CREATE TEMP TABLE _retort_fk_start (x)",
                "CREATE TEMP TRIGGER _retort_fk_start BEFORE INSERT ON _retort_fk_start"
                        + " WHEN (SELECT foreign_keys FROM pragma_foreign_keys) BEGIN SELECT RAISE(ABORT, '"
                        + why.replace("'", "''") + "'); END",
                "INSERT INTO _retort_fk_start VALUES (1)",
                "DROP TABLE _retort_fk_start");
        }, "PRAGMA foreign_keys = OFF", false);
    }

    private static boolean foreignKeys(Connection connection) throws SQLException {
        try (java.sql.Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
            return rs.next() && rs.getInt(1) != 0;
        }
    }

    /**
     * Whether {@code sql} is a {@code PRAGMA foreign_keys = OFF}, which SQLite ignores inside a transaction: read as
     * SQLite's parser reads it (t45-2), so that no spelling SQLite takes for it slips past the guard.
     */
    static boolean switchesForeignKeysOff(String sql) {
        return foreignKeysSetting(sql) == Boolean.FALSE;
    }

    /**
     * The value a {@code PRAGMA foreign_keys = V} (or {@code PRAGMA foreign_keys(V)}) sets, read as SQLite's parser
     * reads it; null for any other statement, the query {@code PRAGMA foreign_keys} among them. The name may be
     * quoted ({@code "foreign_keys"}, {@code [foreign_keys]}, {@code `foreign_keys`}, {@code 'foreign_keys'}) and
     * schema-qualified ({@code main.foreign_keys}), with comments between the tokens; the value is as
     * {@link #sqliteBoolean} reads it. One statement, with or without its ';'.
     */
    static Boolean foreignKeysSetting(String sql) {
        // the cheap test first: every statement a SQLite run sends passes here (a large INSERT is not tokenized)
        int at = 0;
        while (true) {
            while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) at++;
            if (sql.startsWith("--", at)) {
                int eol = sql.indexOf('\n', at);
                at = eol < 0 ? sql.length() : eol + 1;
            } else if (sql.startsWith("/*", at)) {
                int end = sql.indexOf("*/", at + 2);
                at = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        if (!sql.regionMatches(true, at, "PRAGMA", 0, 6)) return null;
        List<SqliteTokenizer.Token> t = SqliteTokenizer.tokenize(sql);
        int end = t.size();
        while (end > 0 && t.get(end - 1).isPunct(';')) end--;
        // PRAGMA nm [. nm] (= | '(') value [')']
        if (end < 4 || !t.get(0).isWord("PRAGMA") || !t.get(1).isName()) return null;
        int i = 2;
        String name = t.get(1).identifier();
        if (t.get(i).isPunct('.')) {
            if (end < 6 || !t.get(i + 1).isName()) return null;
            name = t.get(i + 1).identifier();
            i += 2;
        }
        if (!name.equalsIgnoreCase("foreign_keys")) return null;
        boolean parenthesised = t.get(i).isPunct('(');
        if (!parenthesised && !t.get(i).isPunct('=')) return null;
        i++;
        if (parenthesised) {
            if (!t.get(end - 1).isPunct(')')) return null;
            end--;
        }
        // the value: a name or string, a number, or a signed number (SQLite's nmnum, plus_num, minus_num)
        String sign = "";
        if (i < end && (t.get(i).isPunct('+') || t.get(i).isPunct('-'))) {
            sign = t.get(i).text();
            i++;
            if (i >= end || t.get(i).kind() != SqliteTokenizer.Kind.NUMBER) return null;
        }
        if (i != end - 1) return null;
        SqliteTokenizer.Token v = t.get(i);
        if (!v.isName() && v.kind() != SqliteTokenizer.Kind.NUMBER) return null;
        // SQLite keeps a minus sign with the number ("-0", which reads as false) and drops a plus sign
        return sqliteBoolean((sign.equals("-") ? "-" : "") + v.identifier());
    }

    /**
     * A pragma's boolean value as SQLite reads it (sqlite3GetBoolean, getSafetyLevel in pragma.c): text that starts
     * with a digit is its integer (sqlite3Atoi: leading digits or 0x hex; 0 when it does not fit in 32 bits) cut to
     * its low byte, so 256 is false; otherwise {@code on}, {@code yes} and {@code true} in any case are true, and
     * anything else is false: {@code off}, {@code no}, {@code -1}, {@code -0}, {@code full}, an empty string, ' 1'.
     */
    static boolean sqliteBoolean(String value) {
        if (!value.isEmpty() && value.charAt(0) >= '0' && value.charAt(0) <= '9') return (sqliteAtoi(value) & 0xFF) != 0;
        return value.equalsIgnoreCase("on") || value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("true");
    }

    /** sqlite3Atoi for text starting with a digit: sqlite3GetInt32's value, 0 where it fails. */
    private static int sqliteAtoi(String z) {
        int n = z.length();
        if (n > 2 && z.charAt(0) == '0' && (z.charAt(1) == 'x' || z.charAt(1) == 'X')
                && Character.digit(z.charAt(2), 16) >= 0) {
            int i = 2;
            while (i < n && z.charAt(i) == '0') i++;
            long u = 0;
            int k = 0;
            for (; k < 8 && i + k < n && Character.digit(z.charAt(i + k), 16) >= 0; k++) {
                u = u * 16 + Character.digit(z.charAt(i + k), 16);
            }
            boolean more = i + k < n && Character.digit(z.charAt(i + k), 16) >= 0;
            return (u & 0x80000000L) == 0 && !more ? (int) u : 0;
        }
        int i = 0;
        while (i < n && z.charAt(i) == '0') i++;
        long v = 0;
        int k = 0;
        for (; k < 11 && i + k < n && z.charAt(i + k) >= '0' && z.charAt(i + k) <= '9'; k++) {
            v = v * 10 + (z.charAt(i + k) - '0');
        }
        return k > 10 || v > Integer.MAX_VALUE ? 0 : (int) v;
    }

    /** {@code PRAGMA foreign_keys = ...}, which {@link #finish} puts back: not listed as staying after a failure. */
    @Override
    public boolean undoneWhenRunEnds(String sql) {
        return foreignKeysSetting(sql) != null;
    }

    @Override
    public String offlineRunAdvice() {
        return offlineRunAdvice(null);
    }

    /**
     * Names the configured file (t55-8): the fixed {@code app.db} it named before, pasted as it was, made a new empty
     * file in the working directory and migrated that, the configured database left as it was. Without a file
     * (no URL, an in-memory one) a placeholder no one takes for a real name.
     */
    @Override
    public String offlineRunAdvice(java.nio.file.Path databaseFile) {
        return "Run with: sqlite3 -bail " + (databaseFile == null ? "DATABASE_FILE" : shellWord(databaseFile.toString()))
                + " < this.sql (without -bail sqlite3 goes on after an error, and COMMIT"
                + " commits the rest: a failed revision is recorded as applied).";
    }

    /** {@code word} as a POSIX shell reads it back: single-quoted unless it holds only safe characters. */
    private static String shellWord(String word) {
        if (word.matches("[A-Za-z0-9_./:+@%=,-]+")) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public boolean isBusy(SQLException e) {
        return SqliteErrors.isBusy(e);
    }

    @Override
    public boolean transactionAlreadyEnded(SQLException e) {
        return SqliteErrors.noTransaction(e);
    }

    /**
     * The driver's rollback() begins the next transaction at once, in the run's mode, BEGIN IMMEDIATE; switching to
     * autocommit then COMMITs that empty transaction. After a COMMIT that failed with SQLITE_BUSY (a reader holding
     * SHARED), that empty COMMIT waits for the reader too, the whole busy timeout (lock_timeout) a second time, and
     * then fails, leaving the transaction open. The next transaction is begun DEFERRED instead, which takes no lock,
     * and its COMMIT returns at once.
     */
    @Override
    public void rollbackToAutocommit(Connection connection) throws SQLException {
        org.sqlite.SQLiteConnectionConfig config = connection.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig();
        org.sqlite.SQLiteConfig.TransactionMode mode = config.getTransactionMode();
        config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.DEFERRED);
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } finally {
            config.setTransactionMode(mode);
        }
    }

    /** {@code sqlite3_interrupt}: stops the statement running on the connection. */
    @Override
    public void cancelRunning(Connection connection) throws SQLException {
        connection.unwrap(org.sqlite.SQLiteConnection.class).getDatabase().interrupt();
    }

    /** Names chosen for their SQLite type affinity (see sqlite.org/datatype3.html). */
    @Override
    public String typeSql(SqlType t) {
        return switch (t.kind()) {
            case DOUBLE -> "DOUBLE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case BINARY -> "BLOB";
            case UUID -> "CHAR(36)";
            case ENUM -> "VARCHAR(" + t.enumValues().stream().mapToInt(String::length).max().orElse(1) + ")";
            case INTERVAL -> throw noType(t, "interval type");
            default -> super.typeSql(t);
        };
    }

    /** SQLite stores booleans as 0/1. */
    @Override
    protected String booleanLiteral(boolean b) {
        return b ? "1" : "0";
    }

    /** Dates and times are ISO-8601 text in SQLite (what its date functions read). */
    @Override
    public String literal(Object value) {
        if (value instanceof LocalDate d) return stringLiteral(d.toString());
        if (value instanceof LocalTime t) return stringLiteral(timeText(t));
        if (value instanceof LocalDateTime t) return stringLiteral(dateTimeText(t));
        return super.literal(value);
    }

    /**
     * A {@code BigDecimal} or {@code BigInteger} value of {@code op.execute} or {@code op.bulkInsert} as quoted text,
     * the text bound online ({@link #bindValue}): a bare numeric literal is read as a double before a TEXT column
     * stores it, which kept 15 of its digits (t74-3). A NUMERIC, INTEGER or REAL column converts the text as it
     * converts the bound value.
     */
    @Override
    protected String parameterLiteral(Object value) {
        if (value instanceof java.math.BigDecimal d) return stringLiteral(d.toPlainString());
        if (value instanceof java.math.BigInteger i) return stringLiteral(i.toString());
        return super.parameterLiteral(value);
    }

    @Override
    protected String timestampTzLiteral(OffsetDateTime t) {
        return stringLiteral(offsetDateTimeText(t));
    }

    private static String offsetDateTimeText(OffsetDateTime t) {
        return dateTimeText(t.toLocalDateTime()) + offsetText(t.getOffset());
    }

    /** Text, as the other date-times are (t29-4: the standard literal is a syntax error here). */
    @Override
    protected String timeTzLiteral(java.time.OffsetTime t) {
        return stringLiteral(offsetTimeText(t));
    }

    private static String offsetTimeText(java.time.OffsetTime t) {
        return timeText(t.toLocalTime()) + offsetText(t.getOffset());
    }

    private static String offsetText(java.time.ZoneOffset offset) {
        return offset.getId().replace("Z", "+00:00");
    }

    /**
     * SQLite has no infinity keyword, but reads a decimal beyond a double's range as an infinity: {@code 1e999} is
     * what it stores for a bound {@code Double.POSITIVE_INFINITY}, and what {@code sqlite3 .dump} writes for it
     * (t19-3). NaN stays refused: SQLite stores no NaN (a bound one becomes NULL).
     */
    @Override
    protected String floatLiteral(double d, Object original) {
        if (Double.isInfinite(d)) return d > 0 ? "1e999" : "-1e999";
        return super.floatLiteral(d, original);
    }

    /**
     * A carriage return is written as {@code char(13)}: the sqlite3 shell drops a CR that ends a line of
     * its input (it reads CRLF files), which would silently change the value when a script is run there.
     * A NUL is written as {@code char(0)}: the shell ends its input line there, and the script would not parse.
     */
    @Override
    protected String stringLiteral(String s) {
        if (s.indexOf('\r') < 0 && s.indexOf('\0') < 0) return super.stringLiteral(s);
        StringBuilder sb = new StringBuilder("(");
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\r' && c != '\0') continue;
            sb.append(super.stringLiteral(s.substring(from, i))).append(" || char(").append((int) c).append(") || ");
            from = i + 1;
        }
        return sb.append(super.stringLiteral(s.substring(from))).append(')').toString();
    }

    /**
     * The value bound online in place of {@code value}, so that online runs store what the offline literal
     * stores: date-times as ISO-8601 text with a space (what SQLite's date functions write; the JDBC driver
     * would write a 'T', or milliseconds for java.sql types), UUIDs and enums as text, a {@code Float} as the
     * double of its shortest decimal (0.1 for {@code 0.1f}, as the literal {@code 0.1}; SQLite's REAL is a double,
     * which the float's exact binary value would make 0.10000000149011612). A value the offline script refuses
     * (an {@code Optional}, a {@code List}) is refused here too, before anything is sent: the driver would store
     * its {@code toString()}, text no other engine nor script would (t29-8).
     */
    public Object bindValue(Object value) {
        if (value == null || value instanceof Boolean || value instanceof byte[] || value instanceof String) return value;
        if (value instanceof Float f && Float.isFinite(f)) return Double.parseDouble(f.toString());
        if (value instanceof java.sql.Timestamp ts) return bindValue(ts.toLocalDateTime());
        if (value instanceof java.sql.Date d) return bindValue(d.toLocalDate());
        if (value instanceof java.sql.Time t) return bindValue(t.toLocalTime());
        if (value instanceof java.util.Date d) return bindValue(d.toInstant());
        if (value instanceof LocalDate d) return d.toString();
        if (value instanceof LocalTime t) return timeText(t);
        if (value instanceof LocalDateTime t) return dateTimeText(t);
        if (value instanceof OffsetDateTime t) return offsetDateTimeText(t);
        if (value instanceof java.time.ZonedDateTime t) return offsetDateTimeText(t.toOffsetDateTime());
        if (value instanceof java.time.Instant i) return offsetDateTimeText(i.atOffset(java.time.ZoneOffset.UTC));
        if (value instanceof java.time.OffsetTime t) return offsetTimeText(t); // the driver's toString drops :00 seconds
        if (value instanceof java.util.UUID u) return u.toString();
        if (value instanceof Enum<?> e) return e.name();
        // as the text of their literal: the driver would bind 1E+3 where another engine stores 1000 (t74-3)
        if (value instanceof java.math.BigDecimal d) return d.toPlainString();
        if (value instanceof java.math.BigInteger i) return i.toString();
        if (value instanceof Number) return value;
        if (value instanceof CharSequence || value instanceof Character) return value.toString();
        throw new RetortException("Cannot bind a " + value.getClass().getTypeName() + " as a " + displayName() + " value; "
                + SUPPORTED_VALUES);
    }

    @Override
    public boolean isMissingSchema(java.sql.SQLException e) {
        return String.valueOf(e.getMessage()).contains("(unknown database ");
    }

    /**
     * SQLite has no CREATE SCHEMA: a schema is a database file attached to a connection, and only for that
     * connection, so none the user attaches is there for the run's own.
     */
    @Override
    public String missingSchemaAdvice(String schema) {
        return "SQLite has no CREATE SCHEMA (a schema there is a file attached to one connection with ATTACH DATABASE,"
                + " and Retort's connection attaches none): leave version_table_schema empty, which puts the tables in"
                + " the database file itself";
    }
}
