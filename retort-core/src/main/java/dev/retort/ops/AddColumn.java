package dev.retort.ops;

import dev.retort.schema.Column;

import java.util.Objects;
import java.util.Optional;

public record AddColumn(String schema, String table, Column column, boolean ifNotExists) implements Operation {
    public AddColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    public AddColumn(String schema, String table, Column column) {
        this(schema, table, column, false);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitAddColumn(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return Optional.of(new DropColumn(schema, table, column.name(), column, false));
    }

    @Override
    public String describe() {
        return "add column " + Operation.display(schema, table) + "." + column.name();
    }
}
