package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Column names as the proposed renames make them: in lists, and inside SQL text (index elements, checks). */
final class Renames {
    private Renames() {
    }

    /** {@code items} as {@code rename} makes them, each mapped in {@code now} to the item it came from. */
    static <T> List<T> afterColumnRenames(List<T> items, Map<Object, Object> now, java.util.function.UnaryOperator<T> rename) {
        List<T> out = new ArrayList<>();
        for (T item : items) {
            T r = rename.apply(item);
            now.put(r, item);
            out.add(r);
        }
        return out;
    }

    /** What {@code renamed} came from in {@link #afterColumnRenames}. */
    @SuppressWarnings("unchecked")
    static <T> T asNow(T renamed, Map<Object, Object> now) {
        return (T) now.getOrDefault(renamed, renamed);
    }

    static List<String> renamed(List<String> columns, Map<String, String> renames) {
        return columns.stream().map(c -> renames.getOrDefault(c, c)).toList();
    }

    /**
     * {@code sql} (an index element, a partial index's WHERE, a check) with the renamed columns' names in it
     * replaced: names outside strings, bare (any case) or quoted ({@code "x"}, {@code `x`}), not followed by
     * {@code (} (a function). The comparison drops quotes and spaces, so the new name is written bare.
     */
    static String renamedIn(String sql, Map<String, String> renames) {
        if (sql == null || renames.isEmpty()) return sql;
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < n && !(sql.charAt(end) == '\'' && (end + 1 >= n || sql.charAt(end + 1) != '\''))) {
                    end += sql.charAt(end) == '\'' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                out.append(sql, i, end);
                i = end;
            } else if (c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                if (end < 0) end = n - 1;
                String name = sql.substring(i + 1, end);
                String to = renames.get(name);
                out.append(to != null ? c + to + c : sql.substring(i, end + 1));
                i = end + 1;
            } else if (c == '[' && sql.indexOf(']', i + 1) > 0 && renames.containsKey(sql.substring(i + 1, sql.indexOf(']', i + 1)))) {
                // SQLite's [quoted] name, which may hold spaces
                int end = sql.indexOf(']', i + 1);
                out.append('[').append(renames.get(sql.substring(i + 1, end))).append(']');
                i = end + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) end++;
                String word = sql.substring(i, end);
                int next = end;
                while (next < n && Character.isWhitespace(sql.charAt(next))) next++;
                boolean qualifiedOrCall = next < n && sql.charAt(next) == '(' || i > 0 && sql.charAt(i - 1) == '.';
                String to = qualifiedOrCall ? null : renamedBare(word, renames);
                out.append(to != null ? to : word);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String renamedBare(String word, Map<String, String> renames) {
        String to = renames.get(word);
        if (to != null) return to;
        for (Map.Entry<String, String> e : renames.entrySet()) if (e.getKey().equalsIgnoreCase(word)) return e.getValue();
        return null;
    }
}
