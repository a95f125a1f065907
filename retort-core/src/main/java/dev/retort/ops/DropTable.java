package dev.retort.ops;

import dev.retort.schema.Table;

import java.util.Objects;
import java.util.Optional;

/** DROP TABLE; reversible when it carries the dropped table's definition. */
public record DropTable(String schema, String name, Table dropped, boolean ifExists) implements Operation {
    public DropTable {
        Objects.requireNonNull(name, "name");
    }

    public static DropTable of(Table table) {
        return new DropTable(table.schema(), table.name(), table, false);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitDropTable(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return Optional.ofNullable(dropped).map(CreateTable::new);
    }

    @Override
    public String describe() {
        return "drop table " + Operation.display(schema, name);
    }
}
