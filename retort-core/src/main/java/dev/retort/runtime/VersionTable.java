package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.LockWait;
import dev.retort.dialect.SqlStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The version table: one {@code version_num VARCHAR(255)} primary-key column, one row per applied head.
 * Reading never creates it; the first write does.
 */
public final class VersionTable {
    private final Dialect dialect;
    private final String schema;
    private final String name;
    private final String qualifiedName;
    /** How its messages tell the reader to look at the table: a command, or the facade's method. */
    private final dev.retort.config.Advice advice;

    public VersionTable(Dialect dialect, String schema, String name) {
        this(dialect, schema, name, dev.retort.config.Advice.COMMAND_LINE);
    }

    public VersionTable(Dialect dialect, String schema, String name, dev.retort.config.Advice advice) {
        this.dialect = dialect;
        this.schema = schema;
        this.name = name;
        this.qualifiedName = dialect.qualify(schema == null ? "" : schema, name);
        this.advice = advice;
    }

    public String name() {
        return name;
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    /** The DDL that creates the table (no {@code IF NOT EXISTS}: offline scripts start from an empty database). */
    public SqlStatement createStatement(boolean ifNotExists) {
        String collation = dialect.exactKeyCollation();
        return SqlStatement.of("CREATE TABLE " + (ifNotExists ? "IF NOT EXISTS " : "") + qualifiedName() + " (\n"
                + "    version_num VARCHAR(255)" + (collation == null ? "" : " COLLATE " + collation) + " NOT NULL,\n"
                + "    " + primaryKey(dialect, name) + " (version_num)\n)");
    }

    /**
     * {@code CONSTRAINT <table>_pkc PRIMARY KEY}, unnamed where that name is longer than the engine's names hold: the
     * engine names it then (PostgreSQL cut it to the table's own name, "already exists"; MariaDB refused it, though
     * it names every primary key PRIMARY), t30-6.
     */
    static String primaryKey(Dialect dialect, String table) {
        String name = table + "_pkc";
        return (dialect.nameProblem(name) == null ? "CONSTRAINT " + dialect.quote(name) + " " : "") + "PRIMARY KEY";
    }

    /** The applied heads, sorted; empty when the table is missing. Creates nothing. */
    public Set<String> heads(Connection connection) throws SQLException {
        return heads(connection, LockWait.UNCANCELLABLE);
    }

    /**
     * {@link #heads(Connection)}, its SELECT registered with {@code wait} while it executes: it waits for any
     * session holding a lock on the table (up to lock_timeout), and a run cancelled meanwhile cancels it on the
     * server instead of leaving it waiting there after the process is gone (t39-1).
     */
    public Set<String> heads(Connection connection, LockWait wait) throws SQLException {
        Set<String> heads = read(connection, wait);
        return heads == null ? Set.of() : heads;
    }

    private Set<String> read(Connection connection, LockWait wait) throws SQLException {
        // the read runs in the caller's transaction when an application hands its connection over: a
        // failing SELECT would abort that transaction on PostgreSQL (and be logged by MariaDB's driver)
        if (Jdbc.tableMissing(connection, dialect.tableExistsQuery(schema, name))) return null;
        return Jdbc.read(connection, "SELECT version_num FROM " + qualifiedName() + " ORDER BY version_num", wait, null, rs -> {
            Set<String> heads = new LinkedHashSet<>();
            while (rs.next()) heads.add(rs.getString(1));
            return heads;
        });
    }


    /**
     * Creates the table when missing; safe under the run's lock. Asked of the catalog first where the engine
     * has one to ask (no failing read, which would abort PostgreSQL's transaction): PostgreSQL and MariaDB check
     * the right to CREATE even when the table exists, and a role that may only write the tables a DBA made
     * must still migrate.
     */
    /** Creates the table when missing; whether it did (t56-6: the table was not there before this run). */
    public boolean ensure(Connection connection) throws SQLException {
        if (Jdbc.tableExists(connection, dialect.tableExistsQuery(schema, name), qualifiedName())) return false;
        try (Statement s = connection.createStatement()) {
            s.execute(createStatement(true).sql());
        }
        return true;
    }

    /**
     * The longest id every version table holds: Retort's own column is VARCHAR(255), Alembic's alembic_version, which
     * a project adopting a database names as its version table, VARCHAR(32). Only a longer id makes a run ask the
     * catalog for the column's width.
     */
    static final int NARROWEST_KNOWN_WIDTH = 32;

    /**
     * Refuses an id of {@code ids} (those a run would write) that the table's version column cannot hold, before the
     * run changes anything: where DDL commits by itself the revision stayed applied and unrecorded, and the stamp
     * advised then failed the same way (t37-1). The column's width is read only when an id is longer than
     * {@link #NARROWEST_KNOWN_WIDTH}; nothing is refused where the table is missing (the run creates it, 255 wide).
     *
     * @param after ends the refusal's message (what the run did so far)
     */
    public void checkFits(Connection connection, java.util.Collection<String> ids, String after) throws SQLException {
        List<String> longer = ids.stream().filter(id -> id.length() > NARROWEST_KNOWN_WIDTH).distinct().sorted().toList();
        if (longer.isEmpty()) return;
        Long width = width(connection);
        if (width == null) return;
        for (String id : longer) {
            int length = id.codePointCount(0, id.length());
            if (length > width) throw new RetortException(tooNarrow(id, length, width) + after);
        }
    }

    /** The version column's width in characters; null where it has none, the table is missing, or the engine does not hold to it. */
    private Long width(Connection connection) throws SQLException {
        SqlStatement query = dialect.versionColumnWidthQuery(schema, name);
        if (query == null) return null;
        try (PreparedStatement ps = connection.prepareStatement(query.sql())) {
            Jdbc.bind(ps, query.params());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                long width = rs.getLong(1);
                return rs.wasNull() ? null : width;
            }
        }
    }

    /** Why {@code id} cannot be written, and the statement that makes room for it. */
    private String tooNarrow(String id, int length, long width) {
        return "Revision id " + id + " is " + length + " characters long, and the version table " + qualifiedName
                + "'s column version_num holds " + width + " (a table made by another tool: Alembic makes"
                + " alembic_version.version_num VARCHAR(32)). Widen it first: " + widen() + "; then run again.";
    }

    /** The statement that widens the version column to what Retort's own table holds. */
    public String widen() {
        return dialect.widenVersionColumn(qualifiedName, HistoryTable.TEXT_LENGTH);
    }

    /** {@code rows} less those in {@code drop}, in order; a set asked, as a step may move hundreds of rows (r10-7). */
    static List<String> without(List<String> rows, List<String> drop) {
        List<String> out = new ArrayList<>(rows);
        out.removeAll(new java.util.HashSet<>(drop));
        return out;
    }

    /**
     * The statements that turn rows {@code from} into rows {@code to}: a linear step is one UPDATE,
     * a new branch an INSERT, a merge DELETEs the extra parents and UPDATEs the last, an unmerge the reverse.
     * Each statement must touch exactly one row.
     */
    public List<SqlStatement> transition(List<String> from, List<String> to) {
        List<String> removed = without(from, to);
        List<String> added = without(to, from);
        List<SqlStatement> out = new ArrayList<>();
        String t = qualifiedName();
        int updates = Math.min(removed.size(), added.size());
        for (int i = 0; i < removed.size() - updates; i++) {
            out.add(SqlStatement.of("DELETE FROM " + t + " WHERE version_num = ?", removed.get(i)));
        }
        for (int i = 0; i < updates; i++) {
            out.add(SqlStatement.of("UPDATE " + t + " SET version_num = ? WHERE version_num = ?",
                    added.get(i), removed.get(removed.size() - updates + i)));
        }
        for (int i = updates; i < added.size(); i++) {
            out.add(SqlStatement.of("INSERT INTO " + t + " (version_num) VALUES (?)", added.get(i)));
        }
        return out;
    }

    /**
     * Checks a step against the rows as the runner knows them, before its writes are deferred:
     * the same complaint as a failed row count, without a round trip.
     */
    public void check(Set<String> rows, List<String> from, List<String> to) {
        // the conditions under which each statement of transition(from, to) touches exactly one row,
        // without building the statements (this runs once per step)
        boolean ok = true;
        // with many applied branches a step's lists hold hundreds of rows: looked up in sets, not lists (r10-7)
        java.util.Collection<String> toRows = to.size() > 8 ? new java.util.HashSet<>(to) : to;
        java.util.Collection<String> fromRows = from.size() > 8 ? new java.util.HashSet<>(from) : from;
        for (String f : from) {
            if (!toRows.contains(f) && !rows.contains(f)) ok = false;
        }
        for (String t : to) {
            if (!fromRows.contains(t) && rows.contains(t)) ok = false;
        }
        if (ok) return;
        for (SqlStatement st : transition(from, to)) {
            String sql = st.sql();
            boolean fine = sql.startsWith("UPDATE") ? rows.contains((String) st.params().get(1))
                    && !rows.contains((String) st.params().get(0))
                    : sql.startsWith("DELETE") ? rows.contains((String) st.params().get(0))
                    : !rows.contains((String) st.params().get(0));
            if (!fine) rowCountError(st, 0);
        }
    }

    private void rowCountError(SqlStatement st, int n) {
        String what = st.sql().startsWith("UPDATE")
                ? "updating '" + st.params().get(1) + "' to '" + st.params().get(0) + "'"
                : st.sql().startsWith("DELETE") ? "deleting '" + st.params().get(0) + "'"
                : "inserting '" + st.params().get(0) + "'";
        throw new RetortException("Online migration expected to match one row when " + what + " in '"
                + name + "'; " + n + " found. Another tool may have changed the version table; "
                + "check it with " + advice.current());
    }

    /** Removes every row ({@code stamp --purge}). */
    public SqlStatement purgeStatement() {
        return SqlStatement.of("DELETE FROM " + qualifiedName());
    }

    /** Runs {@link #transition} online, checking that each statement matched exactly one row. */
    public void apply(Connection connection, List<String> from, List<String> to) throws SQLException {
        for (SqlStatement st : transition(from, to)) {
            int n = Jdbc.executeUpdate(connection, st);
            if (n != 1) rowCountError(st, n);
        }
    }
}
