package dev.retort.ops;

import dev.retort.schema.Column;

import java.util.Objects;
import java.util.Optional;

/** Reversible when it carries the dropped column's definition. */
public record DropColumn(String schema, String table, String column, Column dropped, boolean ifExists)
        implements Operation {
    public DropColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    public DropColumn(String schema, String table, String column) {
        this(schema, table, column, null, false);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitDropColumn(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return Optional.ofNullable(dropped).map(c -> new AddColumn(schema, table, c, false));
    }

    @Override
    public String describe() {
        return "drop column " + Operation.display(schema, table) + "." + column;
    }
}
