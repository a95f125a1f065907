package dev.retort.runtime;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Every user table of a database with its rows (as sorted strings), to compare states exactly. */
final class DbSnapshot {
    private DbSnapshot() {
    }

    static Map<String, List<String>> of(Connection c) throws SQLException {
        return of(c, true);
    }

    /** @param withTimes false leaves out columns whose values differ between equivalent runs (applied_at, ...) */
    static Map<String, List<String>> of(Connection c, boolean withTimes) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        DatabaseMetaData md = c.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", null)) {
            while (rs.next()) {
                String type = rs.getString("TABLE_TYPE");
                String name = rs.getString("TABLE_NAME");
                if (!("TABLE".equalsIgnoreCase(type) || "BASE TABLE".equalsIgnoreCase(type))) continue;
                if (name.toLowerCase(Locale.ROOT).equals("retort_lock") || name.startsWith("sqlite_")) continue;
                tables.add(name);
            }
        }
        for (String t : tables) {
            List<String> rows = new ArrayList<>();
            String q = c.getMetaData().getIdentifierQuoteString().trim();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + q + t + q)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        String col = rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT);
                        if (!withTimes && (col.equals("applied_at") || col.equals("duration_ms")
                                || col.equals("applied_by"))) continue;
                        row.append(col).append('=').append(rs.getString(i)).append(' ');
                    }
                    rows.add(row.toString().trim());
                }
            }
            rows.sort(null);
            out.put(t.toLowerCase(Locale.ROOT), rows);
        }
        return out;
    }
}
