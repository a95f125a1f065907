package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.SqlStatement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit table: one row per step ever run, in order ({@code seq}). Columns:
 * seq, revision, direction, from_revisions, to_revisions (comma-separated heads before and after),
 * applied_at, applied_by, duration_ms, checksum (SHA-256 of the file as run), tag.
 * {@code from}/{@code to} are reserved words in SQL, hence the longer column names.
 */
public final class HistoryTable {
    private final Dialect dialect;
    private final String name;
    private final String qualifiedName;
    private final String insertSql;

    public HistoryTable(Dialect dialect, String schema, String name) {
        this.dialect = dialect;
        this.name = name;
        this.qualifiedName = dialect.qualify(schema == null ? "" : schema, name);
        this.insertSql = "INSERT INTO " + qualifiedName
                + " (seq, revision, direction, from_revisions, to_revisions, applied_at, applied_by,"
                + " duration_ms, checksum, tag) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, ?, ?, ?, ?)";
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    public SqlStatement createStatement(boolean ifNotExists) {
        return SqlStatement.of("CREATE TABLE " + (ifNotExists ? "IF NOT EXISTS " : "") + qualifiedName() + " (\n"
                + "    seq INTEGER NOT NULL,\n"
                + "    revision VARCHAR(255),\n"
                + "    direction VARCHAR(16) NOT NULL,\n"
                + "    from_revisions VARCHAR(2000),\n"
                + "    to_revisions VARCHAR(2000),\n"
                + "    applied_at TIMESTAMP NULL,\n"
                + "    applied_by VARCHAR(255),\n"
                + "    duration_ms BIGINT,\n"
                + "    checksum VARCHAR(64),\n"
                + "    tag VARCHAR(255),\n"
                + "    CONSTRAINT " + dialect.quote(name + "_pkc") + " PRIMARY KEY (seq)\n)");
    }

    public void ensure(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(createStatement(true).sql());
        }
    }

    /** The highest seq so far, or 0; read once per run under the lock. */
    public long lastSeq(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM " + qualifiedName())) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            if (SqlErrors.isMissingTable(e)) return 0;
            throw e;
        }
    }

    /** One row for a step run online, with a known seq and duration. */
    public SqlStatement insert(long seq, Entry e, long durationMs) {
        return SqlStatement.of(insertSql, seq, e.revision(), e.direction(), e.from(), e.to(), e.appliedBy(), durationMs, e.checksum(), e.tag());
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
        for (int i = 0; i < values.size(); i++) {
            if (i == 4) sb.append("CURRENT_TIMESTAMP, ");
            sb.append(dialect.literal(values.get(i)));
            if (i < values.size() - 1) sb.append(", ");
        }
        return sb.append(" FROM ").append(qualifiedName()).toString();
    }

    /** What one history row says; {@code from}/{@code to} are the heads joined by ", ". */
    public record Entry(String revision, String direction, String from, String to, String appliedBy,
                        String checksum, String tag) {
    }
}
