package dev.retort.dialect.sqlite;

import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which tables a revision rebuilds by move-and-copy while foreign keys point at them: with keys enforced, SQLite's
 * {@code PRAGMA foreign_keys} cannot be switched off inside the run's transaction, so such a copy is refused there and
 * runs only in a revision marked {@code transactional = false} (docs/sqlite.md, "Foreign keys"). Autogenerate asks
 * before it writes the revision (t44-4), and decides as a run would: the operations are rendered by the SQLite renderer
 * itself, and run, on an in-memory copy of the database's schema (no rows), the downgrade after the upgrade.
 */
public final class SqliteRebuilds {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteRebuilds.class);

    private SqliteRebuilds() {
    }

    /** Whether the connection enforces foreign keys ({@code foreign_keys=true} in the URL, or the pragma). */
    public static boolean foreignKeysEnforced(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
            return rs.next() && rs.getInt(1) != 0;
        }
    }

    /**
     * The tables that {@code upgrade}, then {@code downgrade}, rebuild by move-and-copy while foreign keys reference
     * them, each with the referencing tables (itself where it references itself); empty where there are none, or where
     * the schema could not be followed (said in the log: the revision then runs as before, and a refused copy says
     * what to do).
     */
    public static Map<String, List<String>> referencedTablesCopied(SqliteDialect dialect, Connection live,
                                                                   List<Operation> upgrade, List<Operation> downgrade) {
        try (Connection scratch = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            copySchema(live, scratch);
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (List<Operation> direction : List.of(upgrade, downgrade)) {
                try (SqliteRenderer renderer = new SqliteRenderer(dialect, RenderContext.rehearsal(scratch))) {
                    for (Operation op : direction) run(scratch, renderer.render(op));
                    run(scratch, renderer.flush());
                    renderer.referencedCopies().forEach(out::putIfAbsent);
                }
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not tell whether this revision rebuilds a table that foreign keys reference ({}): if it does, it"
                    + " needs transactional = false while foreign keys are enforced", e.getMessage());
            LOG.debug("Following the revision on a copy of the schema failed", e);
            return Map.of();
        }
    }

    /** The schema of {@code main}, in the order it was created: tables, then indexes, views and triggers. */
    private static void copySchema(Connection live, Connection scratch) throws SQLException {
        try (Statement s = live.createStatement();
             ResultSet rs = s.executeQuery("SELECT sql FROM main.sqlite_master WHERE sql IS NOT NULL"
                     + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                     + " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid");
             Statement into = scratch.createStatement()) {
            while (rs.next()) into.execute(rs.getString(1));
        }
    }

    private static void run(Connection scratch, List<SqlStatement> statements) throws SQLException {
        for (SqlStatement st : statements) {
            if (st.isNote()) continue;
            try (PreparedStatement ps = scratch.prepareStatement(st.sql())) {
                for (int i = 0; i < st.params().size(); i++) ps.setObject(i + 1, st.params().get(i));
                ps.execute();
            }
        }
    }

    /** For a message: {@code parent (referenced by child), item (referenced by order_line, item)}. */
    public static String describe(Map<String, List<String>> copied) {
        StringBuilder b = new StringBuilder();
        copied.forEach((table, by) -> b.append(b.length() == 0 ? "" : ", ").append(table).append(" (referenced by ")
                .append(String.join(", ", by)).append(')'));
        return b.toString();
    }

}
