package dev.retort.ops;

import dev.retort.schema.Index;

import java.util.Objects;
import java.util.Optional;

/**
 * DROP INDEX. {@code table} may be null where the engine does not need it (PostgreSQL, H2, SQLite);
 * MariaDB/MySQL does. Reversible when it carries the dropped index.
 */
public record DropIndex(String schema, String table, String name, Index dropped, boolean concurrently,
                        boolean ifExists) implements Operation {
    public DropIndex {
        Objects.requireNonNull(name, "name");
    }

    public DropIndex(String schema, String table, String name) {
        this(schema, table, name, null, false, false);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitDropIndex(this);
    }

    @Override
    public Optional<Operation> reverse() {
        if (dropped == null || table == null) return Optional.empty();
        return Optional.of(new CreateIndex(schema, table, dropped, concurrently, false));
    }

    @Override
    public boolean transactional() {
        return !concurrently;
    }

    @Override
    public String describe() {
        return "drop index " + Operation.display(schema, name);
    }
}
