package dev.retort.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A test-only picture of a database's schema (and small tables' rows) built from
 * {@link DatabaseMetaData} plus a few information_schema queries, as sorted lines so that two
 * snapshots compare with a readable diff. Independent of Retort's reflectors on purpose.
 */
public final class SchemaSnapshot {
    private SchemaSnapshot() {
    }

    /** Sorted lines describing tables, columns, keys, indexes, foreign keys, checks, sequences, enums and rows. */
    public static List<String> of(Engine engine, Connection c) throws SQLException {
        TreeMap<String, String> lines = new TreeMap<>();
        DatabaseMetaData md = c.getMetaData();
        String catalog = engine == Engine.MARIADB ? c.getCatalog() : null;
        List<String[]> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(catalog, null, "%", null)) {
            while (rs.next()) {
                String schema = schemaOf(engine, rs.getString("TABLE_SCHEM"));
                String type = rs.getString("TABLE_TYPE");
                if (skipSchema(engine, rs.getString("TABLE_SCHEM"), rs.getString("TABLE_CAT"), catalog)) continue;
                if (type == null || !(type.contains("TABLE") || type.contains("SEQUENCE"))) continue;
                if (type.startsWith("SYSTEM")) continue;
                String name = rs.getString("TABLE_NAME");
                if (type.contains("INDEX")) continue;
                put(lines, "table " + schema + name + " type=" + type + " remarks=" + blank(rs.getString("REMARKS")));
                if (type.contains("TABLE")) tables.add(new String[]{rs.getString("TABLE_SCHEM"), name, schema});
            }
        }
        // Columns of every table in one catalog call (per-table calls dominate the time on big schemas).
        Set<String> known = new java.util.HashSet<>();
        for (String[] t : tables) known.add(t[2] + t[1]);
        try (ResultSet rs = md.getColumns(catalog, null, "%", "%")) {
            while (rs.next()) {
                if (skipSchema(engine, rs.getString("TABLE_SCHEM"), rs.getString("TABLE_CAT"), catalog)) continue;
                String prefix = schemaOf(engine, rs.getString("TABLE_SCHEM")) + rs.getString("TABLE_NAME");
                if (!known.contains(prefix)) continue;
                put(lines, "column " + prefix + "." + rs.getString("COLUMN_NAME")
                        + " type=" + rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT)
                        + " size=" + rs.getString("COLUMN_SIZE") + " digits=" + rs.getString("DECIMAL_DIGITS")
                        + " nullable=" + rs.getString("IS_NULLABLE") + " default=" + blank(rs.getString("COLUMN_DEF"))
                        + " autoinc=" + rs.getString("IS_AUTOINCREMENT") + " remarks=" + blank(rs.getString("REMARKS")));
            }
        }
        for (String[] t : tables) {
            String rawSchema = t[0], name = t[1], prefix = t[2] + name;
            Map<String, List<String>> pk = new TreeMap<>();
            try (ResultSet rs = md.getPrimaryKeys(catalog, rawSchema, name)) {
                TreeMap<Integer, String> cols = new TreeMap<>();
                String pkName = null;
                while (rs.next()) {
                    cols.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                    pkName = rs.getString("PK_NAME");
                }
                if (!cols.isEmpty()) {
                    // H2 names unnamed keys itself, differently on each run.
                    String shown = pkName != null && pkName.startsWith("CONSTRAINT_") ? "<generated>" : pkName;
                    put(lines, "pk " + prefix + " name=" + shown + " columns=" + cols.values());
                }
            }
            Map<String, TreeMap<Integer, String>> ixCols = new TreeMap<>();
            Map<String, String> ixInfo = new TreeMap<>();
            try (ResultSet rs = md.getIndexInfo(catalog, rawSchema, name, false, false)) {
                while (rs.next()) {
                    String ix = rs.getString("INDEX_NAME");
                    if (ix == null) continue;
                    ix = generated(ix);
                    String col = rs.getString("COLUMN_NAME");
                    ixCols.computeIfAbsent(ix, k -> new TreeMap<>()).put(rs.getInt("ORDINAL_POSITION"),
                            col == null ? "?" : col);
                    ixInfo.put(ix, "unique=" + !rs.getBoolean("NON_UNIQUE") + " filter=" + blank(rs.getString("FILTER_CONDITION")));
                }
            }
            ixCols.forEach((ix, cols) -> put(lines, "index " + prefix + "." + ix + " " + ixInfo.get(ix) + " columns=" + cols.values()));
            try (ResultSet rs = md.getImportedKeys(catalog, rawSchema, name)) {
                Map<String, List<String>> fks = new TreeMap<>();
                while (rs.next()) {
                    String fk = generated(Objects.toString(rs.getString("FK_NAME")));
                    fks.computeIfAbsent(fk, k -> new ArrayList<>()).add(rs.getString("FKCOLUMN_NAME") + "->"
                            + schemaOf(engine, rs.getString("PKTABLE_SCHEM")) + rs.getString("PKTABLE_NAME") + "."
                            + rs.getString("PKCOLUMN_NAME") + " upd=" + rs.getInt("UPDATE_RULE") + " del=" + rs.getInt("DELETE_RULE"));
                }
                fks.forEach((fk, cols) -> put(lines, "fk " + prefix + "." + fk + " " + cols));
            }
            rows(c, engine, rawSchema, name, prefix, lines);
        }
        checks(engine, c, catalog, lines);
        if (engine == Engine.POSTGRESQL) {
            query(c, "SELECT n.nspname || '.' || t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) "
                    + "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace "
                    + "GROUP BY 1", r -> put(lines, "enum " + r.getString(1) + " " + r.getString(2)));
            query(c, "SELECT sequence_schema || '.' || sequence_name, start_value, increment FROM information_schema.sequences",
                    r -> put(lines, "sequence " + r.getString(1) + " start=" + r.getString(2) + " inc=" + r.getString(3)));
        } else if (engine == Engine.H2) {
            query(c, "SELECT SEQUENCE_SCHEMA || '.' || SEQUENCE_NAME, START_VALUE, INCREMENT FROM INFORMATION_SCHEMA.SEQUENCES",
                    r -> put(lines, "sequence " + r.getString(1) + " start=" + r.getString(2) + " inc=" + r.getString(3)));
        }
        return List.copyOf(lines.keySet());
    }

    /** Asserts two snapshots are equal, reporting only the lines that differ. */
    public static void assertSame(List<String> actual, List<String> expected, String what) {
        if (actual.equals(expected)) return;
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        throw new AssertionError(what + ": snapshots differ\n  missing:\n    " + String.join("\n    ", missing)
                + "\n  unexpected:\n    " + String.join("\n    ", extra));
    }

    private static void checks(Engine engine, Connection c, String catalog, TreeMap<String, String> lines) throws SQLException {
        String sql = switch (engine) {
            case POSTGRESQL -> "SELECT tc.table_schema || '.' || tc.table_name, tc.constraint_name FROM information_schema.table_constraints tc "
                    + "WHERE tc.constraint_type = 'CHECK' AND tc.constraint_name NOT LIKE '%_not_null' "
                    + "AND tc.table_schema NOT IN ('pg_catalog', 'information_schema')";
            case MARIADB -> "SELECT TABLE_NAME, CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS "
                    + "WHERE CONSTRAINT_TYPE = 'CHECK' AND TABLE_SCHEMA = DATABASE()";
            case H2 -> "SELECT TABLE_SCHEMA || '.' || TABLE_NAME, CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS "
                    + "WHERE CONSTRAINT_TYPE = 'CHECK' AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'";
            case SQLITE -> null;
        };
        if (sql == null) return;
        query(c, sql, r -> put(lines, "check " + r.getString(1) + "." + generated(r.getString(2))));
    }

    /** Rows of small tables, so data survives comparisons too (online vs offline literals). */
    private static void rows(Connection c, Engine engine, String rawSchema, String name, String prefix,
                             TreeMap<String, String> lines) throws SQLException {
        String q = engine == Engine.MARIADB ? "`" : "\"";
        String table = (rawSchema != null && engine != Engine.MARIADB ? q + rawSchema.replace(q, q + q) + q + "." : "")
                + q + name.replace(q, q + q) + q;
        try (Statement s = c.createStatement()) {
            s.setMaxRows(200);
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData m = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder("row " + prefix + " ");
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Clob clob) v = clob.getSubString(1, (int) clob.length());
                        if (v instanceof byte[] b) v = java.util.HexFormat.of().formatHex(b);
                        String text = String.valueOf(v).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
                                .replace("\t", "\\t");
                        sb.append(m.getColumnName(i)).append('=').append(text).append(' ');
                    }
                    put(lines, sb.toString().strip());
                }
            }
        }
    }

    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, RowConsumer consumer) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) consumer.accept(rs);
        }
    }

    private static boolean skipSchema(Engine engine, String schema, String cat, String catalog) {
        return switch (engine) {
            case POSTGRESQL -> schema == null || schema.startsWith("pg_") || schema.equals("information_schema");
            case H2 -> "INFORMATION_SCHEMA".equals(schema);
            case MARIADB -> catalog != null && !catalog.equals(cat);
            case SQLITE -> false;
        };
    }

    private static String schemaOf(Engine engine, String schema) {
        if (schema == null || engine == Engine.MARIADB || engine == Engine.SQLITE) return "";
        return schema + ".";
    }

    /** Engine-chosen names (H2's CONSTRAINT_xx, PRIMARY_KEY_xx, FK_INDEX_xx) vary per run. */
    private static String generated(String name) {
        if (name != null && name.matches("(CONSTRAINT|CONSTRAINT_INDEX|PRIMARY_KEY|FK_INDEX|UK_INDEX)_[0-9A-F]+")) return "<generated>";
        // H2 names a constraint's own index <constraint>_INDEX_<table id>, and any ALTER of the table changes that id
        return name != null && name.matches("[A-Z0-9_]+_INDEX_[0-9A-F]+") ? name.replaceAll("_INDEX_[0-9A-F]+$", "_INDEX_<n>") : name;
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static void put(TreeMap<String, String> lines, String line) {
        String l = line;
        for (int i = 2; lines.containsKey(l); i++) l = line + " #" + i;
        lines.put(l, "");
    }
}
