package dev.retort.ops;

import dev.retort.schema.PrimaryKey;

import java.util.Objects;
import java.util.Optional;

/** ALTER TABLE ... ADD; reversible when the constraint has a name. */
public record CreatePrimaryKey(String schema, String table, PrimaryKey primaryKey) implements Operation {
    public CreatePrimaryKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(primaryKey, "primaryKey");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitCreatePrimaryKey(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return DropConstraint.reversing(schema, table, primaryKey);
    }

    @Override
    public String describe() {
        return "create primary key " + (primaryKey.name() == null ? "" : primaryKey.name() + " ") + "on " + Operation.display(schema, table);
    }
}
