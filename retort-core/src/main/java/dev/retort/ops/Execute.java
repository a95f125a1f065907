package dev.retort.ops;

import java.util.Arrays;
import java.util.List;

/**
 * Raw SQL, optionally with {@code ?} parameters (bound online, rendered as literals offline).
 * Irreversible.
 */
public record Execute(String sql, List<Object> params) implements Operation {
    public Execute {
        java.util.Objects.requireNonNull(sql, "sql");
        params = params == null ? List.of() : java.util.Collections.unmodifiableList(Arrays.asList(params.toArray()));
    }

    public static Execute of(String sql, Object... params) {
        return new Execute(sql, Arrays.asList(params));
    }

    /**
     * The call a Java revision writes for {@code sql}, {@code op.execute("...")} with the text escaped as a string
     * literal (backslash and quote), as warnings and TODO notes show a statement to be copied or uncommented.
     */
    public static String javaCall(String sql) {
        return "op.execute(\"" + sql.replace("\\", "\\\\").replace("\"", "\\\"") + "\")";
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitExecute(this);
    }

    @Override
    public String describe() {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return "execute " + (oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine);
    }
}
