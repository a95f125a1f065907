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
}
