package dev.retort.ops;

import dev.retort.schema.Sequence;

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
}
