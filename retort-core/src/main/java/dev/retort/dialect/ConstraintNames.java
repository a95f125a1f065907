package dev.retort.dialect;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names PostgreSQL gives constraints a table leaves unnamed ({@code <table>_<columns>_key},
 * {@code <table>_<columns>_fkey}, {@code <table>_<column>_check} or {@code <table>_check}). Retort gives them
 * where an engine's own names cannot be known in advance or dropped (H2's {@code CONSTRAINT_8B}, which depend
 * on the database's object ids), so that a later revision can drop the constraint by a name that is the same
 * in every database the revisions made.
 */
public final class ConstraintNames {
    private static final Pattern WORDS = Pattern.compile("'(?:[^']|'')*'|[\"`]([^\"`]+)[\"`]|([A-Za-z_][A-Za-z0-9_$]*)");

    private ConstraintNames() {
    }

    public static String unique(String table, List<String> columns) {
        return table + "_" + String.join("_", columns) + "_key";
    }

    public static String foreignKey(String table, List<String> columns) {
        return table + "_" + String.join("_", columns) + "_fkey";
    }

    /** {@code <table>_<column>_check} when the expression names one column of the table, else {@code <table>_check}. */
    public static String check(String table, String expression, List<String> tableColumns) {
        List<String> cols = columnsIn(expression, tableColumns);
        return table + (cols.size() == 1 ? "_" + cols.get(0) : "") + "_check";
    }

    /** The columns named in {@code sql} (bare or quoted, outside string literals), in the table's order. */
    public static List<String> columnsIn(String sql, List<String> tableColumns) {
        Set<String> words = new HashSet<>();
        Matcher m = WORDS.matcher(sql == null ? "" : sql);
        while (m.find()) {
            String w = m.group(1) != null ? m.group(1) : m.group(2);
            if (w != null) words.add(w.toLowerCase(Locale.ROOT));
        }
        return tableColumns.stream().filter(n -> words.contains(n.toLowerCase(Locale.ROOT))).toList();
    }
}
