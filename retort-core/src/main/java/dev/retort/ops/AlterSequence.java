package dev.retort.ops;

import dev.retort.schema.SqlType;

import java.util.Objects;
import java.util.Optional;

/**
 * Changes a sequence's increment or start value in place ({@code ALTER SEQUENCE}), so its current value
 * is kept: dropping and recreating it would hand out numbers already used. A new start value is only
 * what a later {@code RESTART} goes back to; it does not restart the sequence. Each change field is
 * null when that aspect is left alone.
 *
 * @param existingStart     the current start value (null = unknown); {@link #reverse()} needs it to undo a start change
 * @param existingIncrement the current increment (null = unknown); likewise
 * @param options           the type, bounds, cache and cycle it changes ({@link SequenceChange#NONE}: none)
 * @param existingOptions   the current values of those (an aspect null = unknown); likewise needed by {@link #reverse()}
 */
public record AlterSequence(String schema, String name, Long start, Long increment,
                            Long existingStart, Long existingIncrement,
                            SequenceChange options, SequenceChange existingOptions) implements Operation {
    public AlterSequence {
        Objects.requireNonNull(name, "name");
        if (options == null) options = SequenceChange.NONE;
        if (existingOptions == null) existingOptions = SequenceChange.NONE;
        if (increment != null && increment == 0) throw new IllegalArgumentException("an increment of 0 numbers nothing");
    }

    /** Start and increment only (the record's shape before {@code options}). */
    public AlterSequence(String schema, String name, Long start, Long increment, Long existingStart, Long existingIncrement) {
        this(schema, name, start, increment, existingStart, existingIncrement, SequenceChange.NONE, SequenceChange.NONE);
    }

    /** Whether it changes nothing. */
    public boolean isEmpty() {
        return start == null && increment == null && options.isEmpty();
    }

    /** The same start and increment change, with {@code options} changed and {@code existingOptions} as the current values. */
    public AlterSequence withOptions(SequenceChange options, SequenceChange existingOptions) {
        return new AlterSequence(schema, name, start, increment, existingStart, existingIncrement, options, existingOptions);
    }

    public static Builder builder(String schema, String name) {
        return new Builder(schema, name);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitAlterSequence(this);
    }

    @Override
    public Optional<Operation> reverse() {
        if (start != null && existingStart == null) return Optional.empty();
        if (increment != null && existingIncrement == null) return Optional.empty();
        if (!options.reversibleWith(existingOptions)) return Optional.empty();
        return Optional.of(new AlterSequence(schema, name, start == null ? null : existingStart,
                increment == null ? null : existingIncrement,
                start != null ? start : existingStart, increment != null ? increment : existingIncrement,
                options.undo(existingOptions), options.after(existingOptions)));
    }

    @Override
    public String describe() {
        return "alter sequence " + Operation.display(schema, name);
    }

    /** Fluent construction; also what {@code op.alterSequence(name, s -> ...)} hands to the lambda. */
    public static final class Builder extends SequenceOptionsBuilder<Builder> {
        private final String schema;
        private final String name;
        private Long start;
        private Long increment;
        private Long existingStart;
        private Long existingIncrement;

        private Builder(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        /** The value a later {@code RESTART} goes back to; the sequence's current value is kept. */
        public Builder start(long value) { this.start = value; return this; }

        public Builder increment(long value) { this.increment = value; return this; }

        public Builder existingStart(long value) { this.existingStart = value; return this; }

        public Builder existingIncrement(long value) { this.existingIncrement = value; return this; }

        /** {@code AS t}: the type the sequence counts in (an integer type); PostgreSQL moves default bounds with it. */
        public Builder type(SqlType t) { options = options.withType(t); return this; }

        public Builder existingType(SqlType t) { existingOptions = existingOptions.withType(t); return this; }

        public AlterSequence build() {
            return new AlterSequence(schema, name, start, increment, existingStart, existingIncrement, options, existingOptions);
        }
    }
}
