package dev.retort.ops;

import java.util.Objects;

/**
 * PostgreSQL {@code ALTER TYPE ... ADD VALUE}. Irreversible: PostgreSQL cannot remove an enum value.
 *
 * @param before place the value before this one (null: at the end unless {@code after} is given)
 * @param after  place the value after this one
 */
public record AddEnumValue(String schema, String typeName, String value, String before, String after,
                           boolean ifNotExists) implements Operation {
    public AddEnumValue {
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(value, "value");
        if (before != null && after != null) throw new IllegalArgumentException("give before or after, not both");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitAddEnumValue(this);
    }

    @Override
    public String describe() {
        return "add value '" + value + "' to enum type " + Operation.display(schema, typeName);
    }
}
