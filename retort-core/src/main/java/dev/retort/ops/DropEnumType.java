package dev.retort.ops;

import dev.retort.schema.EnumType;

import java.util.Objects;
import java.util.Optional;

/** PostgreSQL {@code DROP TYPE}; reversible when it carries the dropped type. */
public record DropEnumType(String schema, String name, EnumType dropped, boolean ifExists) implements Operation {
    public DropEnumType {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitDropEnumType(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return Optional.ofNullable(dropped).map(CreateEnumType::new);
    }

    @Override
    public String describe() {
        return "drop enum type " + Operation.display(schema, name);
    }
}
