package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.SqlStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * The values a failed statement was sent, for its failure message: the placeholders {@code ?} all statements of
 * an {@code op.execute} share say nothing of which call failed, nor a 1,000-row insert's of which rows (t38-5).
 */
final class FailedValues {
    /** Values shown; a bulkInsert chunk's thousands are named by their rows instead. */
    private static final int MAX_VALUES = 10;
    private static final int MAX_VALUE_CHARS = 60;

    private FailedValues() {
    }

    /**
     * {@code Parameters: 3, 'abc'}, each value as the script's literal (shortened), with {@code where} (the
     * bulkInsert rows) after them; null for a statement without parameters.
     */
    static String of(Dialect dialect, SqlStatement statement, String where) {
        List<Object> params = statement.params();
        if (params.isEmpty()) return null;
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_VALUES, params.size()); i++) shown.add(text(dialect, params.get(i)));
        StringBuilder sb = new StringBuilder("Parameters: ").append(String.join(", ", shown));
        if (params.size() > MAX_VALUES) sb.append(", ... (").append(params.size()).append(" values)");
        if (where != null) sb.append(" (").append(where).append(")");
        return sb.toString();
    }

    private static String text(Dialect dialect, Object value) {
        // PostgreSQL binds strings as untyped objects holding their text (PostgresRenderer): the string it is
        if (value instanceof org.postgresql.util.PGobject o) value = o.getValue();
        String text;
        try {
            text = dialect.literal(value);
        } catch (RuntimeException refused) { // a value bound online that has no literal: as Java prints it
            text = String.valueOf(value);
        }
        text = text.replaceAll("[\\r\\n]+", " ");
        return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS - 3) + "..." : text;
    }
}
