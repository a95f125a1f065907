package dev.retort.dialect.postgresql;

import dev.retort.schema.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL type spellings ({@code format_type}) to portable types, and small SQL text helpers. */
final class PostgresTypes {
    private static final Pattern PARAMS = Pattern.compile("([a-z ]+?)(?:\\((\\d+)(?:,(\\d+))?\\))?( with(?:out)? time zone)?");
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")+)\"");

    private PostgresTypes() {
    }

    static SqlType parse(String formatted) {
        String f = formatted.strip();
        Matcher m = PARAMS.matcher(f);
        if (!m.matches()) return SqlType.raw(f);
        String base = m.group(1).strip();
        Integer a = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer b = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        boolean tz = m.group(4) != null && m.group(4).contains("with time zone");
        boolean zoneWords = m.group(4) != null;
        if (zoneWords && !base.equals("timestamp") && !base.equals("time")) return SqlType.raw(f);
        return switch (base) {
            case "integer" -> plain(SqlType.Kind.INTEGER, a, f);
            case "bigint" -> plain(SqlType.Kind.BIGINT, a, f);
            case "smallint" -> plain(SqlType.Kind.SMALLINT, a, f);
            case "boolean" -> plain(SqlType.Kind.BOOLEAN, a, f);
            case "text" -> plain(SqlType.Kind.TEXT, a, f);
            case "real" -> plain(SqlType.Kind.REAL, a, f);
            case "double precision" -> plain(SqlType.Kind.DOUBLE, a, f);
            case "date" -> plain(SqlType.Kind.DATE, a, f);
            case "uuid" -> plain(SqlType.Kind.UUID, a, f);
            // Retort's JSON is jsonb here; json (text kept as written) is another type, kept as written
            case "jsonb" -> plain(SqlType.Kind.JSON, a, f);
            case "bytea" -> plain(SqlType.Kind.BLOB, a, f);
            case "interval" -> plain(SqlType.Kind.INTERVAL, a, f);
            case "character varying" -> b != null ? SqlType.raw(f)
                    : new SqlType(SqlType.Kind.STRING, a, null, null, false, null, null, null);
            case "character" -> b != null ? SqlType.raw(f)
                    : new SqlType(SqlType.Kind.CHAR, a == null ? 1 : a, null, null, false, null, null, null);
            case "numeric" -> new SqlType(SqlType.Kind.NUMERIC, null, a, a == null ? null : (b == null ? 0 : b),
                    false, null, null, null);
            case "timestamp" -> b != null ? SqlType.raw(f)
                    : new SqlType(SqlType.Kind.TIMESTAMP, null, a, null, tz, null, null, null);
            case "time" -> b != null ? SqlType.raw(f)
                    : new SqlType(SqlType.Kind.TIME, null, a, null, tz, null, null, null);
            default -> SqlType.raw(f);
        };
    }

    private static SqlType plain(SqlType.Kind kind, Integer arg, String spelling) {
        return arg == null ? SqlType.of(kind) : SqlType.raw(spelling);
    }

    /** {@code ((a > 0))} -> {@code a > 0}: drops parentheses that wrap the whole text. */
    static String stripOuterParens(String s) {
        String t = s.strip();
        while (t.startsWith("(") && matchingParen(t, 0) == t.length() - 1) t = t.substring(1, t.length() - 1).strip();
        return t;
    }

    /** Index of the parenthesis closing the one at {@code open}, skipping quoted text. */
    static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = s.indexOf(c, i + 1);
                if (i < 0) return s.length() - 1;
                continue;
            }
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return s.length() - 1;
    }

    /** Splits on commas that are not inside parentheses or quotes. */
    static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, i + 1);
                i = end < 0 ? s.length() - 1 : end;
            } else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (start < s.length()) out.add(s.substring(start).strip());
        return out;
    }

    /** The identifier if {@code item} is just one (plain or double-quoted), else null. */
    static String plainIdentifier(String item) {
        if (PLAIN.matcher(item).matches()) return item;
        Matcher q = QUOTED.matcher(item);
        if (q.matches()) return q.group(1).replace("\"\"", "\"");
        return null;
    }
}
