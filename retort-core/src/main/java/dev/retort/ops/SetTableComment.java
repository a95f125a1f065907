package dev.retort.ops;

import java.util.Objects;
import java.util.Optional;

/**
 * Sets ({@code comment} non-null) or removes ({@code comment} null) a table's comment.
 * Column comments are {@link AlterColumn#comment()}.
 *
 * @param previous the comment before (null = unknown, {@code Change.remove()} = none); makes it reversible
 */
public record SetTableComment(String schema, String table, String comment, Change<String> previous)
        implements Operation {
    public SetTableComment {
        Objects.requireNonNull(table, "table");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitSetTableComment(this);
    }

    @Override
    public Optional<Operation> reverse() {
        if (previous == null) return Optional.empty();
        return Optional.of(new SetTableComment(schema, table, previous.value(), Change.ofNullable(comment)));
    }

    @Override
    public String describe() {
        return (comment == null ? "drop comment on table " : "set comment on table ") + Operation.display(schema, table);
    }
}
