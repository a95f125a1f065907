package dev.retort.ops;

import java.util.Arrays;
import java.util.List;

/** Raw SQL, optionally with {@code ?} parameters (bound online, rendered as literals offline). */
public record Execute(String sql, List<Object> params) implements Operation {
    public Execute {
        params = params == null ? List.of() : java.util.Collections.unmodifiableList(Arrays.asList(params.toArray()));
    }

    public static Execute of(String sql, Object... params) {
        return new Execute(sql, Arrays.asList(params));
    }
}
