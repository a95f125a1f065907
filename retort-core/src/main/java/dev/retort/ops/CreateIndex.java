package dev.retort.ops;

import dev.retort.schema.Index;

import java.util.Objects;
import java.util.Optional;

/**
 * CREATE [UNIQUE] INDEX, with optional partial {@code WHERE} and expression elements.
 *
 * @param concurrently PostgreSQL's {@code CONCURRENTLY} (cannot run in a transaction); other engines
 *                     build the index normally
 */
public record CreateIndex(String schema, String table, Index index, boolean concurrently, boolean ifNotExists)
        implements Operation {
    public CreateIndex {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(index.name(), "index name");
    }

    public CreateIndex(String schema, String table, Index index) {
        this(schema, table, index, false, false);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitCreateIndex(this);
    }

    @Override
    public Optional<Operation> reverse() {
        return Optional.of(new DropIndex(schema, table, index.name(), index, concurrently, false));
    }

    @Override
    public boolean transactional() {
        return !concurrently;
    }

    @Override
    public String describe() {
        return "create index " + index.name() + " on " + Operation.display(schema, table);
    }
}
