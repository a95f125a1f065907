package dev.retort.ops;

import dev.retort.schema.EnumType;

import java.util.Objects;
import java.util.Optional;

/** PostgreSQL {@code CREATE TYPE ... AS ENUM}; nothing on engines whose enums are column types (a revision serves both). */
public record CreateEnumType(EnumType enumType) implements Operation {
    public CreateEnumType {
        Objects.requireNonNull(enumType, "enumType");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitCreateEnumType(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return Optional.of(new DropEnumType(enumType.schema(), enumType.name(), enumType, false));
    }

    @Override
    public String describe() {
        return "create enum type " + Operation.display(enumType.schema(), enumType.name());
    }
}
