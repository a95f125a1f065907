package dev.retort.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table and everything that belongs to it.
 *
 * @param schema     null or empty for the connection's default schema
 * @param primaryKey null for none
 */
public record Table(String schema, String name, List<Column> columns, PrimaryKey primaryKey,
                    List<ForeignKey> foreignKeys, List<UniqueConstraint> uniqueConstraints,
                    List<CheckConstraint> checkConstraints, List<Index> indexes, String comment) {
    public Table {
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
        uniqueConstraints = List.copyOf(uniqueConstraints);
        checkConstraints = List.copyOf(checkConstraints);
        indexes = List.copyOf(indexes);
    }

    public static Table of(String name, List<Column> columns) {
        return new Table(null, name, columns, null, List.of(), List.of(), List.of(), List.of(), null);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
