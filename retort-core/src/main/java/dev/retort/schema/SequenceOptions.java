package dev.retort.schema;

/**
 * What a sequence (or an identity/serial column's own sequence) has beyond its start and increment: the data type
 * it counts in ({@code AS smallint}), its bounds, how many values a session takes ahead, and whether it wraps
 * around at a bound. Each field is null (cycle: false) for the engine's default, as reflection reports it: so
 * that a sequence made without options and one made with the defaults spelled out are equal records, and a
 * revision writes only what differs from the default.
 *
 * @param type     the type the sequence counts in, null for the default ({@code bigint}); of an identity or serial
 *                 column's sequence, null where it is the column's type (PostgreSQL keeps a serial's sequence at
 *                 its old type when the column's type changes; PostgreSQL reports it only where it is narrower
 *                 than the column's, the one case where the sequence runs out before the column)
 * @param minValue {@code MINVALUE}, null for the default of the type and direction (1 ascending)
 * @param maxValue {@code MAXVALUE}, null for the default (the type's largest value ascending, -1 descending)
 * @param cache    {@code CACHE}, null for the engine's default (PostgreSQL 1, MariaDB 1000, H2 32)
 * @param cycle    {@code CYCLE}: after the last value the sequence wraps around to the other bound
 */
public record SequenceOptions(SqlType type, Long minValue, Long maxValue, Long cache, boolean cycle) {
    public static final SequenceOptions DEFAULT = new SequenceOptions(null, null, null, null, false);

    public SequenceOptions {
        if (cache != null && cache < 1) throw new IllegalArgumentException("a sequence's CACHE is at least 1");
        if (minValue != null && maxValue != null && minValue > maxValue) {
            throw new IllegalArgumentException("MINVALUE " + minValue + " is above MAXVALUE " + maxValue);
        }
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    public SequenceOptions withType(SqlType t) { return new SequenceOptions(t, minValue, maxValue, cache, cycle); }
    public SequenceOptions withMinValue(Long v) { return new SequenceOptions(type, v, maxValue, cache, cycle); }
    public SequenceOptions withMaxValue(Long v) { return new SequenceOptions(type, minValue, v, cache, cycle); }
    public SequenceOptions withCache(Long v) { return new SequenceOptions(type, minValue, maxValue, v, cycle); }
    public SequenceOptions withCycle(boolean b) { return new SequenceOptions(type, minValue, maxValue, cache, b); }

    /** The smallest value of an integer type ({@code SMALLINT}, {@code INTEGER}, else {@code BIGINT}'s). */
    public static long typeMin(SqlType t) {
        return t == null ? Long.MIN_VALUE : switch (t.kind()) {
            case SMALLINT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    /** The largest value of an integer type ({@code SMALLINT}, {@code INTEGER}, else {@code BIGINT}'s). */
    public static long typeMax(SqlType t) {
        return t == null ? Long.MAX_VALUE : switch (t.kind()) {
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** Whether a sequence can count in {@code t}: the integer types. */
    public static boolean countable(SqlType t) {
        return t != null && switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT -> true;
            default -> false;
        };
    }
}
