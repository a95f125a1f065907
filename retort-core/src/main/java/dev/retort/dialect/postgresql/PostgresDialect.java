package dev.retort.dialect.postgresql;

import dev.retort.RetortException;
import dev.retort.dialect.AbstractDialect;
import dev.retort.dialect.Feature;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.UnsupportedTypeException;
import dev.retort.schema.SqlType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

public final class PostgresDialect extends AbstractDialect {
    private static final Set<String> RESERVED = loadReservedWords("postgresql");
    private static final Set<Feature> FEATURES = Set.copyOf(EnumSet.complementOf(EnumSet.of(Feature.INLINE_ENUM, Feature.DROP_UNNAMED_CONSTRAINT,
            Feature.COLUMN_ON_UPDATE)));

    public PostgresDialect() {
        super(PostgresDialect.class, "postgresql", "PostgreSQL", FEATURES, '"', RESERVED,
                PostgresRenderer::new, PostgresReflector::new, PostgresLock::new);
    }

    /**
     * pgjdbc server-prepares a SQL text from its 5th execution on (prepareThreshold) with the parameter types of
     * then, and refuses another type later ("Can't change resolved type for param"), killing the connection: a
     * NULL in bulkInsert's 6th chunk, a Timestamp after five LocalDateTimes (t38-1). Parsed once per execution
     * instead, each binds its own types.
     */
    @Override
    public void prepareForValues(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(org.postgresql.PGStatement.class)) {
            statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
        }
    }

    /**
     * A collation name is one identifier, quoted as needed: {@code "C"}, {@code "C.utf8"}, {@code "en_US.utf8"} (libc's
     * names have a dot, so a dot cannot mean a schema). A collation of another schema is written as SQL writes a
     * qualified name, its first part quoted: {@code "other"."oc"} or {@code "other".oc}, as reflection gives it.
     */
    @Override
    public String collation(String name) {
        return String.join(".", collationParts(name).stream().map(this::quote).toList());
    }

    /**
     * The parts of a collation name: one, or schema and name where the text starts with a quoted identifier
     * followed by a dot (SQL's qualified-name spelling; an unquoted part folds to lower case, as SQL folds it).
     */
    public static List<String> collationParts(String name) {
        if (!name.startsWith("\"")) return List.of(name);
        List<String> parts = new java.util.ArrayList<>();
        int i = 0;
        while (i < name.length()) {
            StringBuilder part = new StringBuilder();
            if (name.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= name.length()) return List.of(name);
                    char ch = name.charAt(i++);
                    if (ch == '"') {
                        if (i < name.length() && name.charAt(i) == '"') {
                            part.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        part.append(ch);
                    }
                }
            } else {
                int end = name.indexOf('.', i);
                if (end < 0) end = name.length();
                String bare = name.substring(i, end);
                if (!bare.matches("[A-Za-z_][A-Za-z0-9_$]*")) return List.of(name);
                part.append(bare.toLowerCase(java.util.Locale.ROOT));
                i = end;
            }
            parts.add(part.toString());
            if (i == name.length()) break;
            if (name.charAt(i) != '.' || i + 1 == name.length()) return List.of(name);
            i++;
        }
        if (parts.size() > 2) return List.of(name);
        // pg_catalog's collations are found without it
        return parts.size() == 2 && parts.get(0).equals("pg_catalog") ? List.of(parts.get(1)) : List.copyOf(parts);
    }

    /** PostgreSQL cuts a longer name short (to NAMEDATALEN - 1 bytes), silently, or into another object's name. */
    @Override
    public String nameProblem(String name) {
        int bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return bytes <= 63 ? null : "it is " + bytes + " bytes long, and PostgreSQL names hold 63";
    }

    /**
     * The session's TimeZone as the server's settings make it, as psql's session has it: pgjdbc sends the
     * JVM's zone at connect, which outranks them, so that a LocalDateTime into a timestamptz column, an
     * OffsetDateTime into a timestamp column or {@code now()::date} would be converted in the zone of the
     * machine that runs Retort online, and in the server's in the offline script. {@link #finish} puts
     * pgjdbc's zone back, and the session's search_path, which a revision may have changed (pg_dump's
     * {@code set_config('search_path', '', false)}) on what may be an application's pooled connection.
     */
    @Override
    public void prepare(Connection connection) throws SQLException {
        String zone = configuredTimeZone(connection);
        boolean setZone = zone != null && !zone.isBlank();
        // the session's own values are kept in settings of Retort's, for finish: an application's pool may have set
        // a zone (connectionInitSql), which RESET would replace by the JVM's that pgjdbc sent at connect
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.set_config('retort.session_search_path',"
                + " current_setting('search_path'), false)" + KEEP_SESSION_SETTINGS
                + (setZone ? ", pg_catalog.set_config('retort.session_timezone',"
                + " current_setting('TimeZone'), false), pg_catalog.set_config('TimeZone', ?, false)" : ""))) {
            if (setZone) ps.setString(1, zone);
            ps.execute();
        }
    }

    /**
     * {@code lock_timeout} for the session (0 would mean no bound), the session's own value set back after; and the
     * run's own session user and role, a revision's put back after: its {@code SET ROLE owner} lasts for the rest of
     * the run, but the owner has no rights on the version and history tables (t30-7). In the same statements: no
     * round trip more.
     */
    @Override
    public LockWaitBound boundLockWaits(Connection connection, java.time.Duration timeout) throws SQLException {
        String before;
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting('lock_timeout'),"
                + " pg_catalog.set_config('lock_timeout', ?, false)" + RUN_USER)) {
            ps.setString(1, Math.max(1, timeout.toMillis()) + "ms");
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                before = rs.getString(1);
            }
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.set_config('lock_timeout', ?, false)"
                    + REVISION_USER)) {
                ps.setString(1, before);
                ps.execute();
            }
        };
    }

    /** The session user, then the role: switching the session user resets the role. */
    private static final List<String> USER_SETTINGS = List.of("session_authorization", "role");

    /**
     * Select-list items that keep the session's user and role now in {@code retort.revision_*}, then switch to those
     * kept in {@code retort.<kept>_*} where they differ (and were kept: none for a session {@link #prepare} did not
     * see), each set {@code local} to the transaction or not.
     */
    private static String switchUser(String kept, String local) {
        StringBuilder sql = new StringBuilder();
        for (String n : USER_SETTINGS) {
            sql.append(", pg_catalog.set_config('retort.revision_").append(n).append("', current_setting('").append(n)
                    .append("'), ").append(local).append(")");
        }
        sql.append(switchBack(kept, local));
        return sql.toString();
    }

    /** Select-list items that switch the session's user and role to those kept in {@code retort.<kept>_*}, where they differ. */
    private static String switchBack(String kept, String local) {
        StringBuilder sql = new StringBuilder();
        for (String n : USER_SETTINGS) {
            String value = "current_setting('retort." + kept + "_" + n + "', true)";
            sql.append(", CASE WHEN ").append(value).append(" <> '' AND current_setting('").append(n).append("') <> ")
                    .append(value).append(" THEN pg_catalog.set_config('").append(n).append("', ").append(value)
                    .append(", ").append(local).append(") END");
        }
        return sql.toString();
    }

    private static final String RUN_USER = switchUser("session", "false");
    private static final String REVISION_USER = switchBack("revision", "false");

    @Override
    public boolean isLockWaitTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState());
    }

    /**
     * Settings a revision may change with a plain {@code SET} (so that it outlives the run on an application's pooled
     * connection), kept by {@link #prepare} and put back by {@link #finish} when changed: the role ({@code SET ROLE
     * owner}, to create objects as their owner: the pool's later borrowers would run as that role), and
     * {@code session_replication_role} ({@code replica} skips triggers and foreign keys) and
     * {@code statement_timeout}; and the session's user ({@code SET SESSION AUTHORIZATION owner}, which
     * {@code pg_dump --use-set-session-authorization} writes in place of {@code ALTER ... OWNER TO}: the pool would
     * then run as that user, which may not even switch back). Only a changed value is set:
     * {@code session_replication_role} needs rights the application's role may lack, and its own value is no
     * change; a changed session user means the login user was allowed to switch, so it can switch back. The session
     * user first, then the role (switching the session user resets it), as the other values were set under them;
     * the expressions of one SELECT are evaluated in order.
     */
    private static final List<String> KEPT = List.of("session_authorization", "role", "session_replication_role",
            "statement_timeout");
    private static final String KEEP_SESSION_SETTINGS = KEPT.stream()
            .map(n -> ", pg_catalog.set_config('retort.session_" + n + "', current_setting('" + n + "'), false)")
            .collect(java.util.stream.Collectors.joining());
    private static final String RESTORE_SESSION_SETTINGS = KEPT.stream()
            .map(n -> ", CASE WHEN current_setting('retort.session_" + n + "', true) <> ''"
                    + " AND current_setting('" + n + "') <> current_setting('retort.session_" + n + "')"
                    + " THEN pg_catalog.set_config('" + n + "', current_setting('retort.session_" + n + "'), false) END")
            .collect(java.util.stream.Collectors.joining());

    /** A plain SET / RESET / set_config(..., false) of one of the settings {@link #finish} puts back. */
    private static final java.util.regex.Pattern UNDONE = java.util.regex.Pattern.compile(
            "(?is)\\s*(?:(?:SET\\s+(?:SESSION\\s+)?|RESET\\s+)(?:ROLE|SESSION\\s+AUTHORIZATION|session_replication_role"
                    + "|statement_timeout|search_path)\\b[^;]*"
                    + "|SELECT\\s+(?:pg_catalog\\s*\\.\\s*)?set_config\\s*\\(\\s*'(?:role|session_replication_role"
                    + "|statement_timeout|search_path)'\\s*,\\s*'[^']*'\\s*,\\s*false\\s*\\))\\s*;?\\s*");

    @Override
    public boolean undoneWhenRunEnds(String sql) {
        return UNDONE.matcher(sql).matches();
    }

    /**
     * Back to the zone, search_path, session user, role, session_replication_role and statement_timeout the session had before
     * the run, also after a revision's own SET: one statement, as before.
     */
    @Override
    public void finish(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT" + RESTORE_SESSION_SETTINGS.substring(1) + ", CASE WHEN current_setting('retort.session_timezone', true) <> ''"
                    + " THEN pg_catalog.set_config('TimeZone', current_setting('retort.session_timezone'), false) END,"
                    + " CASE WHEN current_setting('retort.session_search_path', true) IS NOT NULL"
                    + " THEN pg_catalog.set_config('search_path', current_setting('retort.session_search_path'), false) END");
        }
    }

    /**
     * pg-srr: a SELECT that sets {@code session_replication_role} back to the value kept in {@code retort.<kept>_*}
     * where it differs (the WHERE is a one-time filter, read before any of the list is evaluated: nothing is set
     * otherwise). The value needs superuser (or {@code GRANT SET}), which a revision that switched to its owner with
     * {@code SET ROLE} or {@code SET SESSION AUTHORIZATION} may lack, and that switch lasts for the run: so the list,
     * evaluated in order as {@link #finish}'s is, sets the value as the revision's user where that is a superuser (a
     * revision's {@code SET ROLE admin}, the run's user a member without the right itself); then switches to the user
     * and role kept with it, sets the value there if it still differs, and switches back to the revision's. The
     * switches are local to the transaction, so that a revision's {@code SET LOCAL ROLE} still ends with it (outside
     * a transaction they end with the statement, when they are no longer needed). In a transaction the value itself
     * is set as a plain SET is: a rollback undoes it with the rest.
     */
    private static String replicationRoleBack(String kept) {
        String value = "current_setting('retort." + kept + "_session_replication_role', true)";
        String set = "pg_catalog.set_config('session_replication_role', " + value + ", false)";
        return "SELECT CASE WHEN (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN " + set + " END"
                + switchUser(kept, "true")
                + ", CASE WHEN current_setting('session_replication_role') <> " + value + " THEN " + set + " END"
                + switchBack("revision", "true")
                + " WHERE " + value + " <> '' AND current_setting('session_replication_role') <> " + value;
    }

    private static final String REPLICATION_ROLE_BACK = replicationRoleBack("session");

    /**
     * pg-srr: {@code session_replication_role} as the run began, after every revision, before its version rows are
     * written: a revision's {@code SET session_replication_role = replica} (to load rows without triggers and
     * foreign-key checks) lasted for the rest of the run, so a later revision's INSERT of an orphan row went in where
     * the same revision run alone is stopped. In the run's transaction too: the setting takes effect there, and a
     * revision's {@code SET LOCAL} would last until the run's COMMIT. One statement per revision; it sets nothing
     * where the value is the run's. Other settings ({@code statement_timeout}, the role, the search_path) still last
     * for the rest of the run, as running.md says.
     */
    @Override
    public void afterRevision(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(REPLICATION_ROLE_BACK);
        } catch (SQLException e) {
            // not one of the revision's statements: say what failed (a run's user that may not set it)
            throw new SQLException("putting session_replication_role back after it, as the run's user and role: "
                    + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    /**
     * A statement that may assign {@code session_replication_role}: a SET (also LOCAL, {@code TO}), a RESET (also
     * {@code RESET ALL}), a set_config; not a read of it ({@code SHOW}, current_setting).
     */
    private static final java.util.regex.Pattern SETS_REPLICATION_ROLE = java.util.regex.Pattern.compile(
            "(?i)\\bsession_replication_role\\b\\s*(?:=|TO\\b)|set_config\\s*\\(\\s*'session_replication_role'"
                    + "|\\bRESET\\s+(?:session_replication_role|ALL)\\b");

    /**
     * pg-srr, offline: a script with a revision assigning {@code session_replication_role} keeps the value it starts
     * with (and its user and role, to set it back as) in {@code retort.script_*}, and sets it back after that
     * revision, in its transaction too, as a run does after every revision. Scripts without one read as before.
     */
    private static final SessionSettingRestore REPLICATION_ROLE_RESTORE = new SessionSettingRestore(
            sql -> SETS_REPLICATION_ROLE.matcher(sql).find(),
            revisions -> List.of("SELECT " + java.util.stream.Stream.concat(java.util.stream.Stream.of("session_replication_role"),
                    USER_SETTINGS.stream()).map(n -> "pg_catalog.set_config('retort.script_" + n + "', current_setting('" + n
                    + "'), false)").collect(java.util.stream.Collectors.joining(", "))),
            replicationRoleBack("script"), true);

    @Override
    public SessionSettingRestore sessionSettingRestore() {
        return REPLICATION_ROLE_RESTORE;
    }

    /**
     * The TimeZone a session gets without a client's: the {@code ALTER ROLE/DATABASE ... SET TimeZone}
     * that applies (pg_db_role_setting, in the server's order of precedence), else the configuration
     * file's (pg_file_settings, which only superusers may read), else {@code log_timezone}, which initdb
     * writes with the same value and which no client can set.
     */
    private static String configuredTimeZone(Connection connection) throws SQLException {
        String zone;
        boolean canReadFile;
        String logZone;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (SELECT substr(c, strpos(c, '=') + 1)
                          FROM pg_catalog.pg_db_role_setting r, unnest(r.setconfig) c
                         WHERE r.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()))
                           AND r.setrole IN (0, (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = session_user))
                           AND lower(split_part(c, '=', 1)) = 'timezone'
                         ORDER BY (r.setdatabase <> 0)::int + 2 * (r.setrole <> 0)::int DESC LIMIT 1),
                       has_table_privilege('pg_catalog.pg_file_settings', 'SELECT'),
                       current_setting('log_timezone')""")) {
            rs.next();
            zone = rs.getString(1);
            canReadFile = rs.getBoolean(2);
            logZone = rs.getString(3);
        }
        if (zone == null && canReadFile) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT setting FROM pg_catalog.pg_file_settings WHERE lower(name) = 'timezone' AND applied "
                            + "ORDER BY seqno DESC LIMIT 1")) {
                if (rs.next()) zone = rs.getString(1);
            }
        }
        return zone != null ? zone : logZone;
    }

    /** A statement that may change the search_path, the role or the session user (more is harmless: a guard more). */
    private static final java.util.regex.Pattern CHANGES_PATH_OR_USER = java.util.regex.Pattern.compile(
            "(?i)search_path|\\brole\\b|session[\\s_]+authorization");

    /**
     * pg_dump files begin with {@code set_config('search_path', '', false)}: the version table's UPDATE would miss. And
     * after a revision's {@code SET ROLE owner} or {@code SET SESSION AUTHORIZATION owner} it would run as the owner,
     * who has no rights on the version table: it runs as the user and role the script started with, as online (t30-7).
     */
    private static final OfflineSchemaGuard SEARCH_PATH_GUARD = new OfflineSchemaGuard(
            "SELECT pg_catalog.set_config('retort.script_search_path', current_setting('search_path'), false)"
                    + USER_SETTINGS.stream().map(n -> ", pg_catalog.set_config('retort.script_" + n + "', current_setting('"
                    + n + "'), false)").collect(java.util.stream.Collectors.joining()),
            // inside a transaction both are local: at COMMIT the path is what the revision left for the session (a
            // SET LOCAL of its own ends there, as online); outside one every statement is its own transaction
            local -> java.util.List.of("SELECT pg_catalog.set_config('retort.revision_search_path', current_setting('search_path'), "
                    + local + ")" + switchUser("script", String.valueOf(local))
                    + ", pg_catalog.set_config('search_path', current_setting('retort.script_search_path'), " + local + ")"),
            local -> java.util.List.of("SELECT pg_catalog.set_config('search_path', current_setting('retort.revision_search_path'), "
                    + local + ")" + switchBack("revision", String.valueOf(local))),
            sql -> sql.regionMatches(true, 0, "SET SCHEMA", 0, 10) || CHANGES_PATH_OR_USER.matcher(sql).find());

    @Override
    public OfflineSchemaGuard offlineSchemaGuard() {
        return SEARCH_PATH_GUARD;
    }

    /** A DO block: its message says what is wrong, and psql prints no result table. */
    @Override
    public java.util.List<String> offlineBaseGuard(String versionTable, String message) {
        return java.util.List.of("DO $retort$ BEGIN IF EXISTS (SELECT 1 FROM " + versionTable + ") THEN RAISE EXCEPTION '%', "
                + literal(message) + "; END IF; END $retort$");
    }

    /** A DO block, as {@link #offlineBaseGuard}'s: its message also says what the version table holds. */
    @Override
    public java.util.List<String> offlineStartGuard(String versionTable, java.util.List<String> rows, String message) {
        return java.util.List.of("DO $retort$ BEGIN IF (SELECT " + notExactly(rows) + " FROM " + versionTable + ") THEN"
                + " RAISE EXCEPTION '% (it holds %)', " + literal(message) + ", (SELECT COALESCE(string_agg(version_num, ', '"
                + " ORDER BY version_num), 'no rows: base') FROM " + versionTable + "); END IF; END $retort$");
    }

    @Override
    public SqlStatement currentSchemaQuery(String table) {
        return SqlStatement.of("SELECT COALESCE((SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)), current_schema())", quote(table));
    }

    /** A varchar's or char's atttypmod is its width plus 4; -1 (text, varchar without a width) holds any id. */
    @Override
    public SqlStatement versionColumnWidthQuery(String schema, String table) {
        return SqlStatement.of("SELECT CASE WHEN a.atttypmod > 4 THEN a.atttypmod - 4 END FROM pg_catalog.pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname = 'version_num' AND NOT a.attisdropped", qualify(schema, table));
    }

    /** to_regclass resolves the name as the read would (search_path, quoting), and answers NULL for none. */
    @Override
    public SqlStatement tableExistsQuery(String schema, String name) {
        return SqlStatement.of("SELECT to_regclass(?) IS NOT NULL", qualify(schema, name));
    }

    /** pgjdbc's cancel request for the connection's backend. */
    @Override
    public void cancelRunning(Connection connection) throws SQLException {
        connection.unwrap(org.postgresql.PGConnection.class).cancelQuery();
    }

    @Override
    public String offlineRunAdvice() {
        return "Run with: psql -v ON_ERROR_STOP=1 -f this.sql (without ON_ERROR_STOP psql goes on after an error,"
                + " and a failed revision is recorded as applied).";
    }

    /** As pg_dump: psql reading a pipe takes the database's encoding for the client's otherwise. */
    @Override
    public String offlineEncodingStatement() {
        return "SET client_encoding = 'UTF8'";
    }

    /** Not the session's TimeZone, which psql and pgjdbc set differently (and a database may set its own). */
    @Override
    public String utcTimestampExpression() {
        return "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')";
    }

    @Override
    public String sessionUserExpression() {
        return "current_user";
    }

    @Override
    public String typeSql(SqlType t) {
        return switch (t.kind()) {
            case BINARY, BLOB -> "BYTEA";
            case JSON -> "JSONB";
            case ENUM -> {
                if (t.enumName() == null) {
                    throw new UnsupportedTypeException(displayName(), "needs a named enum type for enum columns: "
                            + "enumOf(\"name\", values...), and op.createEnumType(\"name\", values...) before it");
                }
                yield qualifiedTypeName(t.enumName());
            }
            default -> super.typeSql(t);
        };
    }

    /**
     * A string with a backslash as an escape string, {@code E'a\\b'}, which reads the same whatever
     * standard_conforming_strings says; others as standard strings, which then read the same too (t65-3). A plain
     * {@code 'a\b'} lost its backslash where the setting is off (the database's, a role's, or a revision's own
     * {@code SET}), while the online run, which binds the value, stored it. A {@code SET standard_conforming_strings
     * = on} at the script's start would not do: a revision may turn it off later, and the revisions' own SQL would
     * then read otherwise than online, where the database's setting holds.
     */
    @Override
    protected String stringLiteral(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new RetortException("PostgreSQL text cannot contain the NUL character (\\0); store it as bytea");
        }
        if (s.indexOf('\\') < 0) return super.stringLiteral(s);
        return "E'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** bytea's hex input, its backslash escaped as in {@link #stringLiteral}. */
    @Override
    protected String binaryLiteral(byte[] bytes) {
        return "E'\\\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
    }

    /** Dates and times as pgjdbc sends them online: BC years, rounding to microseconds, infinities (t19-4). */
    @Override
    public String literal(Object value) {
        if (value instanceof java.time.LocalDate d) return "DATE " + stringLiteral(PgDateTimeText.date(d));
        if (value instanceof java.time.LocalTime t) return "TIME " + stringLiteral(PgDateTimeText.time(t));
        if (value instanceof java.time.LocalDateTime t) return "TIMESTAMP " + stringLiteral(PgDateTimeText.timestamp(t));
        if (value instanceof java.time.OffsetTime t) return "TIME WITH TIME ZONE " + stringLiteral(PgDateTimeText.timeTz(t));
        if (value != null && value.getClass().isArray() && !(value instanceof byte[])) return stringLiteral(arrayText(value));
        return super.literal(value);
    }

    /**
     * A Java array (pgjdbc binds it online as an array) as PostgreSQL's array input text, {@code {1,2,NULL}} or
     * {@code {"a","b\"c"}}, an untyped literal the column's array type reads (t38-6). Elements are numbers,
     * booleans, strings, UUIDs or arrays; others are refused, naming their class.
     */
    private String arrayText(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            Object e = java.lang.reflect.Array.get(array, i);
            if (e == null) sb.append("NULL");
            else if (e.getClass().isArray() && !(e instanceof byte[])) sb.append(arrayText(e));
            else if (e instanceof java.math.BigDecimal d) sb.append(d.toPlainString());
            else if (e instanceof Number || e instanceof Boolean) sb.append(e);
            else if (e instanceof CharSequence || e instanceof Character || e instanceof java.util.UUID) {
                String text = e.toString();
                if (text.indexOf('\0') >= 0) {
                    throw new RetortException("PostgreSQL text cannot contain the NUL character (\\0); store it as bytea");
                }
                sb.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                throw new RetortException("Cannot render a " + array.getClass().getTypeName() + " element of class "
                        + e.getClass().getTypeName() + " as a PostgreSQL array literal; pass numbers, booleans, strings or UUIDs");
            }
        }
        return sb.append('}').toString();
    }

    @Override
    protected String timestampTzLiteral(java.time.OffsetDateTime t) {
        return "TIMESTAMP WITH TIME ZONE " + stringLiteral(PgDateTimeText.timestampTz(t));
    }

    @Override
    protected String floatLiteral(double d, Object original) {
        if (Double.isNaN(d)) return "'NaN'::double precision";
        if (Double.isInfinite(d)) return (d > 0 ? "'Infinity'" : "'-Infinity'") + "::double precision";
        // -0.0 is minus the numeric 0.0, which has no sign: stored as 0 where the online run stores -0 (t38-2).
        // A Float is bound online as its decimal, which has none either, so only a Double keeps it.
        if (original instanceof Double && Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(-0.0d)) {
            return "'-0'::double precision";
        }
        return super.floatLiteral(d, original);
    }

    /**
     * In a statement with parameters, {@code ??} is a literal {@code ?} (jsonb {@code ??|} for {@code ?|}),
     * as PostgreSQL's JDBC driver reads it online; a statement without parameters is sent as written.
     */
    @Override
    protected boolean questionMarkEscape() {
        return true;
    }


    @Override
    public boolean isMissingSchema(java.sql.SQLException e) {
        return "3F000".equals(e.getSQLState()); // invalid_schema_name
    }
}
