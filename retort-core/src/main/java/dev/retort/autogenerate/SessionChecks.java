package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link StoredChecks}' question asked in the user's own session, with temporary tables (t53-1, t53-5): no scratch
 * database to create (MariaDB's CREATE DATABASE and its InnoDB tables doubled a {@code check} of 100 tables), and the
 * database's own types, domains and functions are there (an extension's {@code citext}, a domain, the enum types of
 * an applied model). Nothing reaches the user's database: PostgreSQL's temporary tables (and the model's enum types
 * the database lacks, made in {@code pg_temp}) live in a transaction that is always rolled back (a savepoint of its
 * own inside a caller's transaction); MariaDB's {@code CREATE TEMPORARY TABLE} neither commits nor touches a table of
 * the database and is dropped again by {@code DROP TEMPORARY TABLE}. Each table is created on its own: one that fails
 * leaves the others.
 */
final class SessionChecks {
    private SessionChecks() {
    }

    /** One table to ask about: its CREATE TABLE under a name of our own, and the model's enum types it may need. */
    record Probe(String table, String createTable) {
    }

    /**
     * The stored text of the probes' checks by their (lower-case) names, or null when this engine is not asked in the
     * session; a probe that fails adds its table's name and the error to {@code failures}.
     */
    static Map<String, String> ask(Connection c, Dialect dialect, SchemaModel model, List<Probe> probes,
                                   Map<String, String> failures) throws SQLException {
        return switch (dialect.name()) {
            case "postgresql" -> postgres(c, dialect, model, probes, failures);
            case "mariadb", "mysql" -> mariadb(c, probes, failures);
            default -> null;
        };
    }

    private static Map<String, String> postgres(Connection c, Dialect dialect, SchemaModel model, List<Probe> probes,
                                                Map<String, String> failures) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        Savepoint outer = null;
        if (autoCommit) c.setAutoCommit(false);
        else outer = c.setSavepoint(); // the caller's transaction goes on, without anything of ours
        try {
            try (Statement s = c.createStatement()) {
                // the model's enum types are found in pg_temp (made below), the database's own types where they are
                s.execute("SELECT pg_catalog.set_config('search_path', 'pg_temp, ' || pg_catalog.current_setting('search_path'), true)");
            }
            var renderer = dialect.renderer(dev.retort.dialect.RenderContext.offline());
            for (dev.retort.schema.EnumType e : model.enums()) {
                if (visibleType(c, e.name())) continue; // the database's (an applied model's): as its checks use it
                for (var st : renderer.render(new dev.retort.ops.CreateEnumType(
                        new dev.retort.schema.EnumType("pg_temp", e.name(), e.values())))) {
                    if (!st.isNote()) attempt(c, st.sql(), null, null);
                }
            }
            for (Probe p : probes) {
                attempt(c, temporary(p.createTable()), p.table(), failures);
            }
            String schema;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nspname FROM pg_catalog.pg_namespace"
                    + " WHERE oid = pg_catalog.pg_my_temp_schema()")) {
                schema = rs.next() ? rs.getString(1) : null;
            }
            Map<String, String> out = new HashMap<>();
            if (schema == null) return out; // nothing was made
            for (Table t : dialect.reflector().reflect(c, schema).tables()) {
                for (CheckConstraint ck : t.checkConstraints()) {
                    if (ck.name() != null) out.put(ck.name().toLowerCase(Locale.ROOT), ck.expression());
                }
            }
            return out;
        } finally {
            if (outer == null) {
                c.rollback();
                c.setAutoCommit(true);
            } else {
                c.rollback(outer);
            }
        }
    }

    private static boolean visibleType(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_type WHERE typname = ?"
                + " AND pg_catalog.pg_type_is_visible(oid)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Runs {@code sql} in a savepoint of its own; a failure is rolled back to it and noted against {@code table}. */
    private static void attempt(Connection c, String sql, String table, Map<String, String> failures) throws SQLException {
        Savepoint before = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            c.rollback(before);
            if (failures != null) failures.put(table, e.getMessage());
        }
    }

    private static Map<String, String> mariadb(Connection c, List<Probe> probes, Map<String, String> failures)
            throws SQLException {
        Map<String, String> out = new HashMap<>();
        List<String> made = new ArrayList<>();
        try {
            for (Probe p : probes) {
                String create = temporary(p.createTable());
                String name = tableName(create);
                try (Statement s = c.createStatement()) {
                    s.execute(create);
                    made.add(name);
                    try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + name)) {
                        if (rs.next()) out.putAll(MariaDbCreateTable.checks(rs.getString(2)));
                    }
                } catch (SQLException e) {
                    failures.put(p.table(), e.getMessage());
                }
            }
            return out;
        } finally {
            for (String name : made) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TEMPORARY TABLE IF EXISTS " + name); // TEMPORARY: never one of the database's
                }
            }
        }
    }

    /** The rendered CREATE TABLE as CREATE TEMPORARY TABLE. */
    private static String temporary(String createTable) {
        if (!createTable.regionMatches(true, 0, "CREATE TABLE ", 0, 13)) {
            throw new IllegalStateException("not a CREATE TABLE: " + createTable);
        }
        return "CREATE TEMPORARY TABLE " + createTable.substring(13);
    }

    /** The table's name as written after CREATE TEMPORARY TABLE (our own name, never needing more than backquotes). */
    private static String tableName(String create) {
        String rest = create.substring("CREATE TEMPORARY TABLE ".length());
        int end = rest.startsWith("`") ? rest.indexOf('`', 1) + 1 : rest.indexOf(' ');
        return rest.substring(0, end);
    }
}
