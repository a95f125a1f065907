package dev.retort.dialect.sqlite;

import dev.retort.RetortException;
import dev.retort.dialect.SqlStatement;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Offline, the schema that the script being written builds: its statements replayed in a private in-memory
 * database, so that a move-and-copy reads a table's shape there exactly as online it reads the live database.
 * Raw SQL of the revisions (ALTER TABLE, triggers, views, renames that SQLite rewrites elsewhere) is followed by
 * SQLite itself, not by Retort's guess of it. Statements that change no schema are not replayed; neither are
 * ATTACH and DETACH (an attached file is the user's, and stays untouched).
 */
final class SqliteShadow implements AutoCloseable {
    // savepoints are replayed (a revision may undo part of itself with ROLLBACK TO); the script's own transaction
    // (BEGIN, COMMIT, a plain ROLLBACK) is not
    private static final Set<String> NOT_REPLAYED = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "SELECT", "WITH",
            "VALUES", "BEGIN", "COMMIT", "END", "ATTACH", "DETACH", "VACUUM", "ANALYZE", "REINDEX", "EXPLAIN");

    private final SqliteDialect dialect;
    private Connection connection;
    /** The first schema statement that could not be replayed, with SQLite's error: shapes after it are not known. */
    private String broken;

    SqliteShadow(SqliteDialect dialect) {
        this.dialect = dialect;
    }

    void replay(List<SqlStatement> statements) {
        for (SqlStatement st : statements) {
            if (broken != null) return;
            String sql = dialect.inline(st);
            if (!changesSchema(sql)) continue;
            try (Statement s = connection().createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                // a table the script did not create (it starts after base, or it is a downgrade) is simply unknown
                // here, and a copy of it is refused as such; anything else means the replay went its own way
                if (e.getMessage() == null || !e.getMessage().contains("no such table")) {
                    broken = abbreviate(sql) + " (" + e.getMessage() + ")";
                }
            }
        }
    }

    /** The in-memory database, once a statement has been replayed in it; empty while nothing was. */
    Optional<Connection> database() {
        return Optional.ofNullable(connection);
    }

    /** Why table shapes after some statement are not known, or empty when every statement was replayed. */
    Optional<String> broken() {
        return Optional.ofNullable(broken);
    }

    private Connection connection() throws SQLException {
        if (connection == null) connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        return connection;
    }

    private static boolean changesSchema(String sql) {
        List<SqliteTokenizer.Token> t = SqliteTokenizer.tokenize(sql);
        if (t.isEmpty() || t.get(0).kind() != SqliteTokenizer.Kind.WORD) return false;
        if (t.get(0).isWord("ROLLBACK")) return t.stream().anyMatch(x -> x.isWord("TO")); // ROLLBACK TO a savepoint
        return !NOT_REPLAYED.contains(t.get(0).upper());
    }

    private static String abbreviate(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 100 ? one.substring(0, 97) + "..." : one;
    }

    @Override
    public void close() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new RetortException("Cannot close the in-memory SQLite database of the offline script: " + e.getMessage(), e);
        }
    }
}
