package dev.retort.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a failed PostgreSQL {@code CREATE INDEX CONCURRENTLY} left an INVALID index, asked of the catalog: the
 * failure message may tell the user to drop an index only when {@code pg_index.indisvalid} says it is invalid.
 */
final class InvalidIndexes {
    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final Pattern STATEMENT = Pattern.compile("(?is)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:(?!ON\\s)(" + NAME + ")\\s+)?ON\\s+(?:ONLY\\s+)?(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?)");

    private InvalidIndexes() {
    }

    /**
     * True if the statement's index (or, for one without a name, any index of its table) is INVALID, false if not
     * (none of that name, or a valid one), null when it cannot be told (the statement not understood, the
     * connection unusable).
     */
    static Boolean leftBy(Connection connection, String sql) {
        Matcher m = STATEMENT.matcher(sql);
        if (!m.find()) return null;
        String index = m.group(1);
        String table = m.group(2).replaceAll("\\s*\\.\\s*", ".");
        String query = index == null
                ? "SELECT coalesce(bool_or(NOT i.indisvalid), false) FROM pg_index i WHERE i.indrelid = to_regclass(?)"
                : "SELECT coalesce(bool_or(NOT i.indisvalid), false) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = to_regclass(?) AND c.relname = ?";
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            ps.setString(1, table);
            if (index != null) ps.setString(2, unquoted(index));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    private static String unquoted(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name.toLowerCase(Locale.ROOT);
    }
}
