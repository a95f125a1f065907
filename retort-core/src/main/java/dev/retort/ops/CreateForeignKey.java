package dev.retort.ops;

import dev.retort.schema.ForeignKey;

import java.util.Objects;
import java.util.Optional;

/** ALTER TABLE ... ADD; reversible when the constraint has a name. */
public record CreateForeignKey(String schema, String table, ForeignKey foreignKey) implements Operation {
    public CreateForeignKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(foreignKey, "foreignKey");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitCreateForeignKey(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return DropConstraint.reversing(schema, table, foreignKey);
    }

    @Override
    public String describe() {
        return "create foreign key " + DropConstraint.label(foreignKey) + " on " + Operation.display(schema, table);
    }
}
