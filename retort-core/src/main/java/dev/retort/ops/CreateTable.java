package dev.retort.ops;

import dev.retort.schema.Table;

import java.util.Objects;
import java.util.Optional;

/** CREATE TABLE with its columns, keys, constraints, indexes and comments. */
public record CreateTable(Table table, boolean ifNotExists) implements Operation {
    public CreateTable {
        Objects.requireNonNull(table, "table");
    }

    public CreateTable(Table table) {
        this(table, false);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitCreateTable(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return Optional.of(new DropTable(table.schema(), table.name(), table, false));
    }

    @Override
    public String describe() {
        return "create table " + Operation.display(table.schema(), table.name());
    }
}
