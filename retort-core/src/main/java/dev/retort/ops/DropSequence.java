package dev.retort.ops;

import dev.retort.schema.Sequence;

import java.util.Objects;
import java.util.Optional;

/** Reversible when it carries the dropped sequence (its current value is not restored). */
public record DropSequence(String schema, String name, Sequence dropped, boolean ifExists) implements Operation {
    public DropSequence {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitDropSequence(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return Optional.ofNullable(dropped).map(s -> new CreateSequence(s, false));
    }

    @Override
    public String describe() {
        return "drop sequence " + Operation.display(schema, name);
    }
}
