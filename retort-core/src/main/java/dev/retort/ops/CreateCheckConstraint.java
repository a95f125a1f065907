package dev.retort.ops;

import dev.retort.schema.CheckConstraint;

import java.util.Objects;
import java.util.Optional;

/** ALTER TABLE ... ADD; reversible when the constraint has a name. */
public record CreateCheckConstraint(String schema, String table, CheckConstraint constraint) implements Operation {
    public CreateCheckConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(constraint, "constraint");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitCreateCheckConstraint(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return DropConstraint.reversing(schema, table, constraint);
    }

    @Override
    public String describe() {
        return "create check constraint " + DropConstraint.label(constraint) + " on " + Operation.display(schema, table);
    }
}
