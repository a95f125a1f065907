package dev.retort.dialect.mariadb;

import dev.retort.RetortException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * One column as information_schema describes it, with what {@code MODIFY COLUMN} would lose unless restated.
 * Read by the renderer online, and by autogenerate to write the same details into a revision for offline runs.
 *
 * @param columnType    {@code COLUMN_TYPE} as the engine spells it, without collation
 * @param defaultSql    the default as SQL (MariaDB 10.2.7+ quotes strings), or null
 * @param comment       null for none
 * @param onUpdate      the {@code ON UPDATE} expression ({@code CURRENT_TIMESTAMP}, {@code CURRENT_TIMESTAMP(3)}), or null
 * @param invisible     MariaDB's {@code INVISIBLE}
 * @param collation     the column's collation where it is not the table's, or null
 * @param generated     {@code AS (expression) VIRTUAL|STORED} for a generated column, else null
 * @param check         the column's own CHECK condition (a JSON column's {@code json_valid}), or null
 */
record MariaDbColumn(String columnType, boolean nullable, String defaultSql, String comment, boolean autoincrement,
                     String onUpdate, boolean invisible, String collation, String generated, String check) {

    static Optional<MariaDbColumn> read(Connection c, String schema, String table, String column) {
        String sql = "SELECT c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT, c.COLUMN_COMMENT, c.EXTRA, "
                + "CASE WHEN c.COLLATION_NAME <> t.TABLE_COLLATION THEN c.COLLATION_NAME END, "
                + "c.GENERATION_EXPRESSION, "
                + "(SELECT k.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS k WHERE k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA "
                + "AND k.TABLE_NAME = c.TABLE_NAME AND k.CONSTRAINT_NAME = c.COLUMN_NAME AND k.LEVEL = 'Column') "
                + "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
                + "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                + "WHERE c.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND c.TABLE_NAME = ? AND c.COLUMN_NAME = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema == null || schema.isEmpty() ? null : schema);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                String dflt = rs.getString(3);
                // MariaDB 10.2.7+ reports defaults as SQL; a nullable column without one shows NULL.
                if (dflt != null && dflt.equalsIgnoreCase("NULL")) dflt = null;
                String comment = rs.getString(4);
                if (comment != null && comment.isEmpty()) comment = null;
                // EXTRA lists its items comma-separated: "on update current_timestamp(3), INVISIBLE"
                boolean autoincrement = false;
                boolean invisible = false;
                // MySQL 8 writes "DEFAULT_GENERATED on update CURRENT_TIMESTAMP", one item
                String onUpdate = onUpdateIn(rs.getString(5));
                String generated = null;
                for (String item : (rs.getString(5) == null ? "" : rs.getString(5)).split(",")) {
                    String x = item.strip().toLowerCase(Locale.ROOT);
                    if (x.equals("auto_increment")) autoincrement = true;
                    else if (x.equals("invisible")) invisible = true;
                    else if (x.endsWith("generated") && rs.getString(7) != null) {
                        generated = "AS (" + rs.getString(7) + ") " + (x.startsWith("stored") ? "STORED" : "VIRTUAL");
                    }
                }
                return Optional.of(new MariaDbColumn(rs.getString(1), "YES".equalsIgnoreCase(rs.getString(2)), dflt, comment,
                        autoincrement, onUpdate, invisible, rs.getString(6), generated, rs.getString(8)));
            }
        } catch (SQLException e) {
            throw new RetortException("Cannot read column " + table + "." + column + ": " + e.getMessage(), e);
        }
    }

    /** {@code ON UPDATE} in information_schema.COLUMNS.EXTRA ({@code on update current_timestamp(3)}, MySQL: {@code DEFAULT_GENERATED on update CURRENT_TIMESTAMP}). */
    private static final java.util.regex.Pattern ON_UPDATE =
            java.util.regex.Pattern.compile("(?i)\\bon update\\s+([a-z_]+(?:\\s*\\(\\s*\\d*\\s*\\))?)");

    /**
     * The {@code ON UPDATE} expression of a column's EXTRA, as a model writes it: {@code current_timestamp()} is
     * {@code CURRENT_TIMESTAMP}; a precision stays ({@code CURRENT_TIMESTAMP(3)}). Null for none.
     */
    static String onUpdateIn(String extra) {
        if (extra == null) return null;
        java.util.regex.Matcher m = ON_UPDATE.matcher(extra);
        if (!m.find()) return null;
        String x = m.group(1).replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        return x.endsWith("()") ? x.substring(0, x.length() - 2) : x;
    }

    /** The clause after the default and ON UPDATE that MODIFY would drop: {@code INVISIBLE}; null for none. */
    String extra() {
        return invisible ? "INVISIBLE" : null;
    }
}
