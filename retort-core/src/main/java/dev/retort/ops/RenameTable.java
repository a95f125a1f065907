package dev.retort.ops;

import java.util.Objects;
import java.util.Optional;

/** ALTER TABLE ... RENAME; the new name stays in the same schema. */
public record RenameTable(String schema, String name, String newName) implements Operation {
    public RenameTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(newName, "newName");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitRenameTable(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return Optional.of(new RenameTable(schema, newName, name));
    }

    @Override
    public String describe() {
        return "rename table " + Operation.display(schema, name) + " to " + newName;
    }
}
