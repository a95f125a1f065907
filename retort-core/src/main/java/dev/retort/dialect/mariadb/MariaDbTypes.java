package dev.retort.dialect.mariadb;

import dev.retort.schema.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MariaDB {@code COLUMN_TYPE} spellings to portable types; display widths are dropped (but a ZEROFILL column's). */
final class MariaDbTypes {
    private static final Pattern TYPE = Pattern.compile("([a-z]+)(?:\\((.*)\\))?((?: unsigned| zerofill| signed)*)");

    private MariaDbTypes() {
    }

    static SqlType parse(String columnType) {
        String t = columnType.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        Matcher m = TYPE.matcher(lower);
        if (!m.matches()) return SqlType.raw(t);
        String base = m.group(1);
        String args = m.group(2);
        String modifiers = m.group(3).strip();
        if (!modifiers.isEmpty()) {
            // unsigned integers keep their spelling, without the display width, but for ZEROFILL, where the width
            // is what a value reads as (00042 for int(5)): kept, so that it is created and compared (t69-5)
            boolean keepsArgs = base.equals("decimal") || base.equals("float") || base.equals("double")
                    || modifiers.contains("zerofill");
            return SqlType.raw(base + (keepsArgs && args != null ? "(" + args + ")" : "") + " " + modifiers);
        }
        List<Integer> nums = numbers(args);
        return switch (base) {
            case "tinyint" -> "1".equals(args) ? SqlType.of(SqlType.Kind.BOOLEAN) : SqlType.raw("tinyint");
            case "smallint" -> SqlType.of(SqlType.Kind.SMALLINT);
            case "int", "integer" -> SqlType.of(SqlType.Kind.INTEGER);
            case "bigint" -> SqlType.of(SqlType.Kind.BIGINT);
            case "mediumint" -> SqlType.raw("mediumint");
            case "varchar" -> nums.size() == 1 ? SqlType.string(nums.get(0)) : SqlType.raw(t);
            case "char" -> nums.size() == 1 ? SqlType.chars(nums.get(0)) : SqlType.raw(t);
            // fixed length, padded with zero bytes: Retort's binary(n) is VARBINARY(n) here
            case "binary" -> SqlType.raw(t);
            case "text" -> args == null ? SqlType.of(SqlType.Kind.TEXT) : SqlType.raw(t);
            case "blob" -> args == null ? SqlType.of(SqlType.Kind.BLOB) : SqlType.raw(t);
            case "decimal", "numeric" -> nums.size() == 2 ? SqlType.numeric(nums.get(0), nums.get(1))
                    : nums.size() == 1 ? SqlType.numeric(nums.get(0), 0) : SqlType.of(SqlType.Kind.NUMERIC);
            case "double" -> args == null ? SqlType.of(SqlType.Kind.DOUBLE) : SqlType.raw(t);
            case "float" -> args == null ? SqlType.of(SqlType.Kind.REAL) : SqlType.raw(t);
            case "date" -> SqlType.of(SqlType.Kind.DATE);
            // MariaDB's own default precision is 0, Retort's is 6: the precision is always stated. TIMESTAMP
            // (stored as UTC) is what Retort's timestamp-with-time-zone is on MariaDB; DATETIME is the plain one.
            case "datetime", "timestamp" -> new SqlType(SqlType.Kind.TIMESTAMP, null, nums.isEmpty() ? 0 : nums.get(0), null,
                    base.equals("timestamp"), null, null, null);
            case "time" -> new SqlType(SqlType.Kind.TIME, null, nums.isEmpty() ? 0 : nums.get(0), null,
                    false, null, null, null);
            // MariaDB 10.7+'s native type: Retort's UUID is CHAR(36) here
            case "uuid" -> SqlType.raw("UUID");
            case "enum" -> SqlType.enumOf(null, quotedValues(t.substring(t.indexOf('(') + 1, t.lastIndexOf(')'))));
            default -> SqlType.raw(t);
        };
    }

    private static List<Integer> numbers(String args) {
        List<Integer> out = new ArrayList<>();
        if (args == null) return out;
        for (String p : args.split(",")) {
            try {
                out.add(Integer.valueOf(p.strip()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return out;
    }

    /** {@code 'a','b''c'} -> [a, b'c] */
    static List<String> quotedValues(String list) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (cur == null) {
                if (c == '\'') cur = new StringBuilder();
            } else if (c == '\'') {
                if (i + 1 < list.length() && list.charAt(i + 1) == '\'') {
                    cur.append('\'');
                    i++;
                } else {
                    out.add(cur.toString());
                    cur = null;
                }
            } else if (c == '\\' && i + 1 < list.length()) {
                cur.append(list.charAt(++i));
            } else {
                cur.append(c);
            }
        }
        return out;
    }
}
