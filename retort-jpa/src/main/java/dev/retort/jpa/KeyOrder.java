package dev.retort.jpa;

import dev.retort.schema.Column;
import dev.retort.schema.SqlType;

import java.util.Comparator;
import java.util.List;

/**
 * The column order Hibernate 6 gives a composite primary key ({@code ColumnOrderingStrategyStandard}, the
 * default since 6.2): by the column's physical size in bytes (at least 4), then by name. So a join table's
 * key is {@code (specialty_id, vet_id)} and an {@code @EmbeddedId} of two strings is in name order. Following
 * it means adopting a database Hibernate made does not recreate its keys.
 * <p>
 * Sizes as Hibernate counts them: boolean, small integers, integers, reals, dates, times and numerics up to
 * 106 digits count 4; bigint, double and timestamps 8; UUID 16; strings and binaries their length (255,
 * JPA's default, is the engine's longest varchar); anything else (text, blobs, JSON, a columnDefinition's
 * raw type) counts as unbounded. Names compare as Retort holds them, which on PostgreSQL and H2 is in lower
 * case where Hibernate's own comparison sees the case as written.
 */
final class KeyOrder {
    private static final int LONGEST_VARCHAR = 10_485_760;
    private static final double DIGITS_PER_BYTE = Math.log(10) / Math.log(2) * 8;

    private KeyOrder() {
    }

    static final Comparator<Column> HIBERNATE = Comparator.comparingInt((Column c) -> Math.max(size(c.type()), 4))
            .thenComparing(Column::name);

    /** The key columns in Hibernate's order. */
    static List<Column> sorted(List<Column> key) {
        return key.stream().sorted(HIBERNATE).toList();
    }

    /** Key column names of a table in Hibernate's order, typed by {@code typeOf}. */
    static List<String> sortedNames(List<String> key, java.util.function.Function<String, SqlType> typeOf) {
        return key.stream().map(n -> new Column(n, typeOf.apply(n), false, null, false, null)).sorted(HIBERNATE)
                .map(Column::name).toList();
    }

    static int size(SqlType t) {
        if (t == null) return Integer.MAX_VALUE;
        return switch (t.kind()) {
            case BOOLEAN -> 1;
            case SMALLINT -> 2;
            case INTEGER, REAL, DATE, TIME -> 4;
            case BIGINT, DOUBLE, TIMESTAMP -> 8;
            case UUID -> 16;
            case NUMERIC -> t.precision() == null ? 4 : (int) Math.ceil(t.precision() / DIGITS_PER_BYTE);
            case STRING, CHAR, BINARY -> t.length() == null || t.length() == TypeMapping.DEFAULT_LENGTH ? LONGEST_VARCHAR : t.length();
            default -> Integer.MAX_VALUE;
        };
    }
}
