package dev.retort.ops;

import dev.retort.schema.Sequence;
import dev.retort.schema.SequenceOptions;
import dev.retort.schema.SqlType;

import java.util.Objects;
import java.util.Optional;

public record CreateSequence(Sequence sequence, boolean ifNotExists) implements Operation {
    public CreateSequence {
        Objects.requireNonNull(sequence, "sequence");
    }

    public CreateSequence(Sequence sequence) {
        this(sequence, false);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitCreateSequence(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return Optional.of(new DropSequence(sequence.schema(), sequence.name(), sequence, false));
    }

    @Override
    public String describe() {
        return "create sequence " + Operation.display(sequence.schema(), sequence.name());
    }

    public static Builder builder(String schema, String name) {
        return new Builder(schema, name);
    }

    /**
     * Fluent construction; also what {@code op.createSequence(name, s -> ...)} hands to the lambda:
     * {@code s -> s.start(100).increment(-1).minValue(0).maxValue(100)}, {@code s -> s.type(SMALLINT).maxValue(1000).cycle()}.
     * What is not given is the engine's default.
     */
    public static final class Builder {
        private final String schema;
        private final String name;
        private Long start;
        private Long increment;
        private SequenceOptions options = SequenceOptions.DEFAULT;
        private boolean ifNotExists;

        private Builder(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        public Builder start(long value) { start = value; return this; }

        /** Negative for a descending sequence (give its bounds: PostgreSQL's default MAXVALUE is then -1). */
        public Builder increment(long value) { increment = value; return this; }

        /** {@code AS t}: the integer type it counts in (PostgreSQL, H2; MariaDB 11.5+), bounding its default MAXVALUE. */
        public Builder type(SqlType t) { options = options.withType(t); return this; }

        public Builder minValue(long value) { options = options.withMinValue(value); return this; }

        public Builder maxValue(long value) { options = options.withMaxValue(value); return this; }

        /** How many values a session takes ahead (PostgreSQL's default 1, MariaDB's 1000, H2's 32). */
        public Builder cache(long value) { options = options.withCache(value); return this; }

        /** {@code CYCLE}: past the last value it wraps around to the other bound. */
        public Builder cycle() { options = options.withCycle(true); return this; }

        public Builder ifNotExists() { ifNotExists = true; return this; }

        public CreateSequence build() {
            return new CreateSequence(new Sequence(schema, name, start, increment, options), ifNotExists);
        }
    }
}
