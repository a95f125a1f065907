package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.LockWait;
import dev.retort.dialect.SqlStatement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The audit table: one row per step ever run, in order ({@code seq}). Columns:
 * seq, revision, direction, from_revisions, to_revisions (comma-separated heads before and after),
 * applied_at, applied_by, duration_ms, checksum (SHA-256 of the file as run), tag.
 * {@code from}/{@code to} are reserved words in SQL, hence the longer column names.
 */
public final class HistoryTable {
    /** The length of its text columns for revisions, user and tag (the version table's is the same). */
    static final int TEXT_LENGTH = 255;
    private final Dialect dialect;
    private final String schema;
    private final String name;
    private final String qualifiedName;
    private final String insertManySql;
    /** One row's values: applied_at is the database's clock in UTC, the others parameters. */
    private final String rowValues;
    /** Rows per multi-row INSERT: 9 parameters each stays far below every engine's limit on placeholders. */
    static final int ROWS_PER_INSERT = 200;

    public HistoryTable(Dialect dialect, String schema, String name) {
        this.dialect = dialect;
        this.schema = schema;
        this.name = name;
        this.qualifiedName = dialect.qualify(schema == null ? "" : schema, name);
        this.insertManySql = "INSERT INTO " + qualifiedName
                + " (seq, revision, direction, from_revisions, to_revisions, applied_at, applied_by,"
                + " duration_ms, checksum, tag) VALUES ";
        this.rowValues = "(?, ?, ?, ?, ?, " + dialect.utcTimestampExpression() + ", ?, ?, ?, ?)";
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    public SqlStatement createStatement(boolean ifNotExists) {
        return SqlStatement.of("CREATE TABLE " + (ifNotExists ? "IF NOT EXISTS " : "") + qualifiedName() + " (\n"
                + "    seq INTEGER NOT NULL,\n"
                + "    revision VARCHAR(" + TEXT_LENGTH + "),\n"
                + "    direction VARCHAR(16) NOT NULL,\n"
                + "    from_revisions VARCHAR(" + Entry.REVISIONS_LENGTH + "),\n"
                + "    to_revisions VARCHAR(" + Entry.REVISIONS_LENGTH + "),\n"
                + "    applied_at TIMESTAMP NULL,\n"
                + "    applied_by VARCHAR(" + TEXT_LENGTH + "),\n"
                + "    duration_ms BIGINT,\n"
                + "    checksum VARCHAR(64),\n"
                + "    tag VARCHAR(" + TEXT_LENGTH + "),\n"
                + "    " + VersionTable.primaryKey(dialect, name) + " (seq)\n)");
    }

    /** Creates the table when missing; as {@link VersionTable#ensure}, no CREATE when the catalog has it; whether it did. */
    public boolean ensure(Connection connection) throws SQLException {
        if (Jdbc.tableExists(connection, dialect.tableExistsQuery(schema, name), qualifiedName())) return false;
        // projects with version tables of their own share this table without sharing a lock: one may create it
        // meanwhile, and PostgreSQL's IF NOT EXISTS then still fails on its catalog's unique index (t15-11)
        java.sql.Savepoint before = dialect.transactionalDdl() && !connection.getAutoCommit() ? connection.setSavepoint() : null;
        try (Statement s = connection.createStatement()) {
            s.execute(createStatement(true).sql());
        } catch (SQLException e) {
            if (before != null) connection.rollback(before);
            if (Jdbc.tableExists(connection, dialect.tableExistsQuery(schema, name))) return false;
            throw e;
        }
        return true;
    }

    /** For each revision, the checksum its latest upgrade recorded (none for stamps). Empty without the table. */
    public java.util.Map<String, String> lastUpgradeChecksums(Connection connection, LockWait wait) throws SQLException {
        java.util.Map<String, String> none = new java.util.HashMap<>();
        if (Jdbc.tableMissing(connection, dialect.tableExistsQuery(schema, name))) return none;
        return Jdbc.read(connection, "SELECT revision, checksum FROM " + qualifiedName() + " WHERE direction = 'upgrade' ORDER BY seq",
                wait, none, rs -> {
                    java.util.Map<String, String> out = new java.util.HashMap<>();
                    while (rs.next()) {
                        if (rs.getString(1) != null && rs.getString(2) != null) out.put(rs.getString(1), rs.getString(2));
                    }
                    return out;
                });
    }

    /**
     * What the history says was put in the database: the revision of each upgrade row; the version rows each stamp
     * recorded and the rows the database stood at when its history began (the first row's "from": a database
     * adopted from another tool, or whose history table is newer than its version table), which count with their
     * ancestry; and every revision a row names. Null where it cannot say: no table, no rows, or rows cut to fit
     * their column.
     */
    public Recorded recorded(Connection connection, LockWait wait) throws SQLException {
        if (Jdbc.tableMissing(connection, dialect.tableExistsQuery(schema, name))) return null;
        return Jdbc.read(connection, "SELECT revision, direction, from_revisions, to_revisions FROM " + qualifiedName()
                + " ORDER BY seq", wait, null, HistoryTable::recorded);
    }

    private static Recorded recorded(ResultSet rs) throws SQLException {
        java.util.Set<String> upgraded = new java.util.HashSet<>();
        java.util.Set<String> stamped = new java.util.HashSet<>();
        java.util.Set<String> named = new java.util.HashSet<>();
        boolean first = true;
        while (rs.next()) {
            String revision = rs.getString(1);
            if (revision != null) named.add(revision);
            if (first && !addRows(stamped, rs.getString(3))) return null;
            first = false;
            if ("upgrade".equals(rs.getString(2))) {
                if (revision != null) upgraded.add(revision);
            } else if ("stamp".equals(rs.getString(2)) && !addRows(stamped, rs.getString(4))) {
                return null;
            }
        }
        return first ? null : new Recorded(upgraded, stamped, named);
    }

    /** Adds the revisions of a from/to column; false when the column was cut to fit (its list is not whole). */
    private static boolean addRows(java.util.Set<String> into, String rows) {
        if (rows == null || rows.isEmpty()) return true;
        if (rows.contains(" ... (")) return false;
        into.addAll(List.of(rows.split(", ")));
        return true;
    }

    /**
     * Revisions upgraded; version rows stamped (or where the history began), which count with their ancestry; every
     * revision a row names, as {@link #recorded} read them.
     */
    public record Recorded(java.util.Set<String> upgraded, java.util.Set<String> stamped, java.util.Set<String> named) {
    }

    /** The highest seq so far, or 0; read once per run under the lock. */
    public long lastSeq(Connection connection) throws SQLException {
        return lastSeq(connection, LockWait.UNCANCELLABLE);
    }

    /**
     * {@link #lastSeq(Connection)}, its SELECT registered with {@code wait} while it executes, so that a cancel of the
     * run cancels it on the server where it waits for another session's lock on the table (t67-2).
     */
    public long lastSeq(Connection connection, LockWait wait) throws SQLException {
        return Jdbc.read(connection, "SELECT MAX(seq) FROM " + qualifiedName(), wait, 0L, rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /**
     * The rows of a transaction's steps as multi-row INSERTs of up to {@link #ROWS_PER_INSERT} rows: one
     * statement where a batch of single-row INSERTs cost the server a statement per step (~35 ms for
     * 1,000 steps on PostgreSQL).
     */
    public List<SqlStatement> insert(List<Row> rows) {
        List<SqlStatement> out = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            int to = Math.min(rows.size(), from + ROWS_PER_INSERT);
            StringBuilder sql = new StringBuilder(insertManySql.length() + (to - from) * (rowValues.length() + 2))
                    .append(insertManySql);
            List<Object> params = new ArrayList<>((to - from) * 9);
            for (int i = from; i < to; i++) {
                if (i > from) sql.append(", ");
                sql.append(rowValues);
                addValues(params, rows.get(i));
            }
            out.add(new SqlStatement(sql.toString(), params));
        }
        return out;
    }

    /** One row for a step run online, with a known seq and duration. */
    public SqlStatement insert(Row row) {
        return insert(List.of(row)).get(0);
    }

    /** The nine parameters of a row, in the order of {@link #rowValues}. */
    private static void addValues(List<Object> params, Row row) {
        Entry e = row.entry();
        Collections.addAll(params, row.seq(), e.revision(), e.direction(), e.from(), e.to(), e.appliedBy(),
                row.durationMs(), e.checksum(), e.tag());
    }

    /** One row in an offline script: seq computed by the database, no duration (nobody timed it). */
    public String offlineInsert(Entry e) {
        List<Object> values = new ArrayList<>();
        values.add(e.revision());
        values.add(e.direction());
        values.add(e.from());
        values.add(e.to());
        values.add(e.appliedBy());
        values.add(e.checksum());
        values.add(e.tag());
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(qualifiedName())
                .append(" (seq, revision, direction, from_revisions, to_revisions, applied_at, applied_by, checksum, tag)")
                .append(" SELECT COALESCE(MAX(seq), 0) + 1, ");
        String user = dialect.sessionUserExpression();
        for (int i = 0; i < values.size(); i++) {
            if (i == 4) sb.append(dialect.utcTimestampExpression()).append(", ");
            sb.append(i == 4 && user != null ? user : dialect.literal(values.get(i)));
            if (i < values.size() - 1) sb.append(", ");
        }
        return sb.append(" FROM ").append(qualifiedName()).toString();
    }

    /** A step's row: its place in the history, what it did, how long it took. */
    public record Row(long seq, Entry entry, long durationMs) {
    }

    /**
     * What one history row says; {@code from}/{@code to} are the heads joined by ", ", cut to what their columns
     * hold: a run over 140-odd applied branches (or a merge of as many) would otherwise fail on its audit row, on
     * MariaDB after its DDL stayed applied (t15-4). The version table, not this row, says what is applied. So is
     * {@code appliedBy}, an operating-system user name, which is only informational (t27-9).
     */
    public record Entry(String revision, String direction, String from, String to, String appliedBy,
                        String checksum, String tag) {
        static final int REVISIONS_LENGTH = 2000;

        public Entry {
            from = fit(from);
            to = fit(to);
            appliedBy = cut(appliedBy, TEXT_LENGTH);
        }

        /** The first {@code max} characters (code points, as the databases count them) of {@code s}. */
        static String cut(String s, int max) {
            if (s == null || s.length() <= max || s.codePointCount(0, s.length()) <= max) return s;
            return s.substring(0, s.offsetByCodePoints(0, max));
        }

        /** {@code heads} whole where it fits, else its first heads and how many more there are. */
        static String fit(String heads) {
            if (heads == null || heads.length() <= REVISIONS_LENGTH) return heads;
            String[] ids = heads.split(", ");
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < ids.length; i++) {
                String next = (i == 0 ? "" : ", ") + ids[i];
                // room for this head and the note of those after it; else the note of this one and those after it
                if (out.length() + next.length() + more(ids.length - i - 1).length() > REVISIONS_LENGTH) {
                    return out.append(more(ids.length - i)).toString();
                }
                out.append(next);
            }
            return out.toString();
        }

        private static String more(int n) {
            return " ... (" + n + " more)";
        }
    }
}
