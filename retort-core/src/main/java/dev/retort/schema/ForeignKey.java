package dev.retort.schema;

import java.util.List;

/**
 * @param onDelete  referential action as SQL words ("CASCADE", "SET NULL", ...), null for the default
 * @param onUpdate  likewise
 */
public record ForeignKey(String name, List<String> columns, String refSchema, String refTable,
                         List<String> refColumns, String onDelete, String onUpdate) implements Constraint {
    public ForeignKey {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }
}
