package dev.retort.dialect;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One SQL statement (no terminator) with its {@code ?} parameters. */
public record SqlStatement(String sql, List<Object> params) {
    public SqlStatement {
        params = params == null ? List.of() : Collections.unmodifiableList(Arrays.asList(params.toArray()));
    }

    public static SqlStatement of(String sql, Object... params) {
        return new SqlStatement(sql, Arrays.asList(params));
    }

    /**
     * A line for a script to say that an operation does nothing on this engine ({@code -- text}): written as
     * a comment, without a terminator; nothing is sent for it.
     */
    public static SqlStatement note(String text) {
        return new SqlStatement(NOTE + text.replaceAll("[\r\n]+", " "), List.of());
    }

    /** Whether this is a {@link #note}. */
    public boolean isNote() {
        return sql.startsWith(NOTE) && params.isEmpty() && sql.indexOf('\n') < 0;
    }

    /** The text of a {@link #note}. */
    public String noteText() {
        return sql.substring(NOTE.length());
    }

    private static final String NOTE = "-- Retort: ";
}
