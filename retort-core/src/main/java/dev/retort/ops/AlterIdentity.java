package dev.retort.ops;

import dev.retort.schema.SqlType;

import java.util.Objects;
import java.util.Optional;

/**
 * Changes the numbering of an identity, serial or auto-increment column in place: the increment, and the start a
 * later {@code RESTART} goes back to. Like {@link AlterSequence} it keeps the current value (numbers already handed
 * out are not handed out again). Each change field is null when that aspect is left alone.
 *
 * @param existingStart     the current start (null = unknown); {@link #reverse()} needs it to undo a start change
 * @param existingIncrement the current increment (null = unknown); likewise
 * @param options           the type, bounds, cache and cycle it changes ({@link SequenceChange#NONE}: none)
 * @param existingOptions   the current values of those (an aspect null = unknown); likewise needed by {@link #reverse()}
 */
public record AlterIdentity(String schema, String table, String column, Long start, Long increment,
                            Long existingStart, Long existingIncrement,
                            SequenceChange options, SequenceChange existingOptions) implements Operation {
    public AlterIdentity {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        if (increment != null && increment == 0) throw new IllegalArgumentException("an increment of 0 numbers nothing");
        if (options == null) options = SequenceChange.NONE;
        if (existingOptions == null) existingOptions = SequenceChange.NONE;
    }

    /** Start and increment only (the record's shape before {@code options}). */
    public AlterIdentity(String schema, String table, String column, Long start, Long increment,
                         Long existingStart, Long existingIncrement) {
        this(schema, table, column, start, increment, existingStart, existingIncrement, SequenceChange.NONE, SequenceChange.NONE);
    }

    /** Whether it changes nothing. */
    public boolean isEmpty() {
        return start == null && increment == null && options.isEmpty();
    }

    /** The same start and increment change, with {@code options} changed and {@code existingOptions} as the current values. */
    public AlterIdentity withOptions(SequenceChange options, SequenceChange existingOptions) {
        return new AlterIdentity(schema, table, column, start, increment, existingStart, existingIncrement, options,
                existingOptions);
    }

    public static Builder builder(String schema, String table, String column) {
        return new Builder(schema, table, column);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitAlterIdentity(this);
    }

    @Override
    public Optional<Operation> reverse() {
        if (start != null && existingStart == null) return Optional.empty();
        if (increment != null && existingIncrement == null) return Optional.empty();
        if (!options.reversibleWith(existingOptions)) return Optional.empty();
        return Optional.of(new AlterIdentity(schema, table, column, start == null ? null : existingStart,
                increment == null ? null : existingIncrement,
                start != null ? start : existingStart, increment != null ? increment : existingIncrement,
                options.undo(existingOptions), options.after(existingOptions)));
    }

    @Override
    public String describe() {
        return "alter the numbering of column " + Operation.display(schema, table) + "." + column;
    }

    /** Fluent construction; also what {@code op.alterIdentity(table, column, n -> ...)} hands to the lambda. */
    public static final class Builder extends SequenceOptionsBuilder<Builder> {
        private final String schema;
        private final String table;
        private final String column;
        private Long start;
        private Long increment;
        private Long existingStart;
        private Long existingIncrement;

        private Builder(String schema, String table, String column) {
            this.schema = schema;
            this.table = table;
            this.column = column;
        }

        /** The value a later {@code RESTART} goes back to; the column's next number is kept. */
        public Builder start(long value) { this.start = value; return this; }

        public Builder increment(long value) { this.increment = value; return this; }

        public Builder existingStart(long value) { this.existingStart = value; return this; }

        public Builder existingIncrement(long value) { this.existingIncrement = value; return this; }

        /**
         * PostgreSQL: {@code AS t} of the column's sequence, for a serial column whose sequence is not of the column's
         * type (PostgreSQL leaves it at the old type when the column's type changes); default bounds move with it.
         */
        public Builder sequenceType(SqlType t) { options = options.withType(t); return this; }

        public Builder existingSequenceType(SqlType t) { existingOptions = existingOptions.withType(t); return this; }

        public AlterIdentity build() {
            return new AlterIdentity(schema, table, column, start, increment, existingStart, existingIncrement, options,
                    existingOptions);
        }
    }
}
