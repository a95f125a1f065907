package dev.retort.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * t69-4: MariaDB's ADD COLUMN that fails with "Duplicate column name" because the table has the column under a name
 * that differs only in case ({@code name} for {@code Name}; MariaDB column names ignore case). That column was not made
 * by this revision's statement, which would have spelt it as the statement does, so the failure is not an interrupted
 * earlier run's doing, and stamping the revision would record one that never ran. Asked of the catalog.
 */
final class CaseFoldedColumns {
    /** MariaDB's ER_DUP_FIELDNAME. */
    static final int DUPLICATE_COLUMN = 1060;
    private static final String NAME = "(?:`(?:[^`]|``)+`|[\\p{L}\\p{N}_$]+)";
    private static final Pattern ADD_COLUMN = Pattern.compile("(?is)^\\s*ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(?:IF\\s+EXISTS\\s+)?"
            + "(" + NAME + ")(?:\\s*\\.\\s*(" + NAME + "))?\\s+ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME + ")");

    private CaseFoldedColumns() {
    }

    /**
     * The name of the column that {@code sql}, an {@code ALTER TABLE ... ADD COLUMN}, collided with, when it differs
     * from the added one only in case; null otherwise (the same spelling, no such column, the statement not
     * understood, the connection unusable).
     */
    static String collidedWith(Connection connection, String sql) {
        Matcher m = ADD_COLUMN.matcher(sql);
        if (!m.find()) return null;
        String schema = m.group(2) == null ? null : unquoted(m.group(1));
        String table = unquoted(m.group(2) == null ? m.group(1) : m.group(2));
        String column = unquoted(m.group(3));
        String query = "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                + (schema == null ? "DATABASE()" : "?") + " AND TABLE_NAME = ?";
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            int i = 1;
            if (schema != null) ps.setString(i++, schema);
            ps.setString(i, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String existing = rs.getString(1);
                    if (existing.equalsIgnoreCase(column)) return existing.equals(column) ? null : existing;
                }
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    private static String unquoted(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }
}
