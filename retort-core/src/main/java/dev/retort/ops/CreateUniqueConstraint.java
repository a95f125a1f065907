package dev.retort.ops;

import dev.retort.schema.UniqueConstraint;

import java.util.Objects;
import java.util.Optional;

/** ALTER TABLE ... ADD; reversible when the constraint has a name. */
public record CreateUniqueConstraint(String schema, String table, UniqueConstraint constraint) implements Operation {
    public CreateUniqueConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(constraint, "constraint");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitCreateUniqueConstraint(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return DropConstraint.reversing(schema, table, constraint);
    }

    @Override
    public String describe() {
        return "create unique constraint " + DropConstraint.label(constraint) + " on " + Operation.display(schema, table);
    }
}
