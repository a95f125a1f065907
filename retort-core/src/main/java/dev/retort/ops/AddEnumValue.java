package dev.retort.ops;

import java.util.List;
import java.util.Objects;

/**
 * PostgreSQL {@code ALTER TYPE ... ADD VALUE}. Irreversible: PostgreSQL cannot remove an enum value.
 * <p>
 * Engines without named enum types keep the values in each column's type (MariaDB's and H2's {@code ENUM(...)})
 * or not at all (SQLite's text): there, online, the {@code ENUM} columns whose values are exactly
 * {@code existingValues} get the value, so that one revision serves every engine.
 *
 * @param before         place the value before this one (null: at the end unless {@code after} is given)
 * @param after          place the value after this one
 * @param existingValues the type's values before this one is added, or null where not said (what autogenerate
 *                       writes; engines with ENUM column types need it to find the type's columns)
 */
public record AddEnumValue(String schema, String typeName, String value, String before, String after,
                           boolean ifNotExists, List<String> existingValues) implements Operation {
    public AddEnumValue {
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(value, "value");
        if (before != null && after != null) throw new IllegalArgumentException("give before or after, not both");
        existingValues = existingValues == null ? null : List.copyOf(existingValues);
        if (existingValues != null && before != null && !existingValues.contains(before)) {
            throw new IllegalArgumentException("'" + before + "' is not one of the existing values " + existingValues);
        }
        if (existingValues != null && after != null && !existingValues.contains(after)) {
            throw new IllegalArgumentException("'" + after + "' is not one of the existing values " + existingValues);
        }
    }

    /** Without the existing values (revisions written before they were part of the operation). */
    public AddEnumValue(String schema, String typeName, String value, String before, String after, boolean ifNotExists) {
        this(schema, typeName, value, before, after, ifNotExists, null);
    }

    /** {@code existingValues} with this value placed as the operation says; null when those are not known. */
    public List<String> valuesAfter() {
        if (existingValues == null) return null;
        if (existingValues.contains(value)) return existingValues;
        List<String> out = new java.util.ArrayList<>(existingValues);
        int at = before != null ? out.indexOf(before) : after != null ? out.indexOf(after) + 1 : out.size();
        out.add(at, value);
        return List.copyOf(out);
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
