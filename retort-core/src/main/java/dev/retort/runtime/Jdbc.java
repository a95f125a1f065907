package dev.retort.runtime;

import dev.retort.dialect.LockWait;
import dev.retort.dialect.SqlStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Runs one {@link SqlStatement}: plain statements as they are (so a {@code ?} inside raw SQL stays), others bound. */
final class Jdbc {
    private Jdbc() {
    }

    static void execute(Connection connection, SqlStatement statement) throws SQLException {
        if (statement.params().isEmpty()) {
            try (Statement s = connection.createStatement()) {
                s.execute(statement.sql());
            }
        } else {
            try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
                bind(ps, statement.params());
                ps.execute();
            }
        }
    }

    static int executeUpdate(Connection connection, SqlStatement statement) throws SQLException {
        if (statement.params().isEmpty()) {
            try (Statement s = connection.createStatement()) {
                return s.executeUpdate(statement.sql());
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
            bind(ps, statement.params());
            return ps.executeUpdate();
        }
    }

    /** Whether the catalog query ({@code Dialect.tableExistsQuery}) finds the table; false where there is none to ask. */
    static boolean tableExists(Connection connection, SqlStatement query) throws SQLException {
        if (query == null) return false;
        try (PreparedStatement ps = connection.prepareStatement(query.sql())) {
            bind(ps, query.params());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Whether the table {@code qualifiedName} exists: the catalog's answer ({@code query}), or, where the dialect has no
     * catalog query (SQLite), whether a read of no rows finds it. Not for PostgreSQL's transactions, where a failed read
     * aborts the transaction (it has a query).
     */
    static boolean tableExists(Connection connection, SqlStatement query, String qualifiedName) throws SQLException {
        if (query != null) return tableExists(connection, query);
        try (java.sql.Statement s = connection.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT 1 FROM " + qualifiedName + " WHERE 1 = 0")) {
            return true;
        } catch (SQLException e) {
            if (SqlErrors.isMissingTable(e)) return false;
            throw e;
        }
    }

    /** What a read makes of a result set's rows. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * The rows of {@code sql}, a read of one of Retort's tables, as {@code rows} makes them; {@code missing} when the table
     * is not there. The statement is registered with {@code wait} while it executes, so that a cancel of the run cancels
     * it on the server where it waits for another session's lock on the table (t39-1, t67-2).
     */
    static <T> T read(Connection connection, String sql, LockWait wait, T missing, Rows<T> rows) throws SQLException {
        try (Statement s = connection.createStatement()) {
            wait.entering(s);
            try (ResultSet rs = s.executeQuery(sql)) {
                return rows.read(rs);
            } finally {
                wait.exited(s);
            }
        } catch (SQLException e) {
            if (SqlErrors.isMissingTable(e)) return missing;
            throw e;
        }
    }

    /** Whether the catalog query says the table is missing; false where there is none to ask (read and see). */
    static boolean tableMissing(Connection connection, SqlStatement query) throws SQLException {
        return query != null && !tableExists(connection, query);
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v == null) {
                ps.setNull(i + 1, java.sql.Types.NULL);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }
}
