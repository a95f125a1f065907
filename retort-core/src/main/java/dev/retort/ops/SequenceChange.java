package dev.retort.ops;

import dev.retort.schema.SequenceOptions;
import dev.retort.schema.SqlType;

/**
 * What {@link AlterSequence} and {@link AlterIdentity} change of a sequence's options, or (as their existing state)
 * what the sequence has. Each field is null when that aspect is left alone (existing state: not known).
 *
 * @param type     the type the sequence counts in ({@code AS bigint})
 * @param minValue {@code MINVALUE n}, or {@code Change.remove()}: {@code NO MINVALUE}, the default of the type and direction
 * @param maxValue {@code MAXVALUE n}, or {@code Change.remove()}: {@code NO MAXVALUE}
 * @param cache    {@code CACHE n}, or {@code Change.remove()}: the engine's default (PostgreSQL 1, MariaDB 1000, H2 32)
 * @param cycle    {@code CYCLE} or {@code NO CYCLE}
 */
public record SequenceChange(SqlType type, Change<Long> minValue, Change<Long> maxValue, Change<Long> cache, Boolean cycle) {
    public static final SequenceChange NONE = new SequenceChange(null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * The change from {@code from} to {@code to}, only what differs; a type left to the default is {@code defaultType}
     * (a sequence's {@code BIGINT}, an identity's column type).
     */
    public static SequenceChange between(SequenceOptions from, SequenceOptions to, SqlType defaultType) {
        SqlType fromType = from.type() != null ? from.type() : defaultType;
        SqlType toType = to.type() != null ? to.type() : defaultType;
        return new SequenceChange(java.util.Objects.equals(fromType, toType) ? null : toType,
                java.util.Objects.equals(from.minValue(), to.minValue()) ? null : Change.ofNullable(to.minValue()),
                java.util.Objects.equals(from.maxValue(), to.maxValue()) ? null : Change.ofNullable(to.maxValue()),
                java.util.Objects.equals(from.cache(), to.cache()) ? null : Change.ofNullable(to.cache()),
                from.cycle() == to.cycle() ? null : to.cycle());
    }

    /** As existing state: all of {@code options} for what {@code change} touches (the rest unknown). */
    public static SequenceChange existing(SequenceOptions options, SqlType defaultType, SequenceChange change) {
        return new SequenceChange(change.type == null ? null : options.type() != null ? options.type() : defaultType,
                change.minValue == null ? null : Change.ofNullable(options.minValue()),
                change.maxValue == null ? null : Change.ofNullable(options.maxValue()),
                change.cache == null ? null : Change.ofNullable(options.cache()),
                change.cycle == null ? null : options.cycle());
    }

    /** Whether {@code existing} knows every aspect this changes, so that the change can be undone. */
    public boolean reversibleWith(SequenceChange existing) {
        return (type == null || existing.type != null) && (minValue == null || existing.minValue != null)
                && (maxValue == null || existing.maxValue != null) && (cache == null || existing.cache != null)
                && (cycle == null || existing.cycle != null);
    }

    /** The change that puts back what this changes: {@code existing}'s values of those aspects. */
    public SequenceChange undo(SequenceChange existing) {
        return new SequenceChange(type == null ? null : existing.type, minValue == null ? null : existing.minValue,
                maxValue == null ? null : existing.maxValue, cache == null ? null : existing.cache,
                cycle == null ? null : existing.cycle);
    }

    /** What the sequence has after this change, where it had {@code existing}: the reverse's existing state. */
    public SequenceChange after(SequenceChange existing) {
        return new SequenceChange(type != null ? type : existing.type, minValue != null ? minValue : existing.minValue,
                maxValue != null ? maxValue : existing.maxValue, cache != null ? cache : existing.cache,
                cycle != null ? cycle : existing.cycle);
    }

    public SequenceChange withType(SqlType t) { return new SequenceChange(t, minValue, maxValue, cache, cycle); }
    public SequenceChange withMinValue(Change<Long> v) { return new SequenceChange(type, v, maxValue, cache, cycle); }
    public SequenceChange withMaxValue(Change<Long> v) { return new SequenceChange(type, minValue, v, cache, cycle); }
    public SequenceChange withCache(Change<Long> v) { return new SequenceChange(type, minValue, maxValue, v, cycle); }
    public SequenceChange withCycle(Boolean b) { return new SequenceChange(type, minValue, maxValue, cache, b); }
}
