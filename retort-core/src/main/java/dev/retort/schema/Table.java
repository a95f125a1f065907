package dev.retort.schema;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table and everything that belongs to it.
 *
 * @param schema     null or empty for the connection's default schema
 * @param primaryKey null for none
 * @param options    engine-specific properties such as SQLite's {@code WITHOUT ROWID}; empty for none
 * @param collation  MariaDB/MySQL: the table's default collation ({@code COLLATE=utf8mb4_bin}), which its character
 *                   columns without one of their own have; null for the database's default (and on other engines)
 */
public record Table(String schema, String name, List<Column> columns, PrimaryKey primaryKey,
                    List<ForeignKey> foreignKeys, List<UniqueConstraint> uniqueConstraints,
                    List<CheckConstraint> checkConstraints, List<Index> indexes, String comment,
                    Set<TableOption> options, String collation) {
    public Table {
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
        uniqueConstraints = List.copyOf(uniqueConstraints);
        checkConstraints = List.copyOf(checkConstraints);
        indexes = List.copyOf(indexes);
        // an EnumSet keeps the options in declaration order, the order SQLite writes them in
        options = options == null || options.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(EnumSet.copyOf(options));
        collation = collation == null || collation.isBlank() ? null : collation;
    }

    /** A table with the database's default collation. */
    public Table(String schema, String name, List<Column> columns, PrimaryKey primaryKey,
                 List<ForeignKey> foreignKeys, List<UniqueConstraint> uniqueConstraints,
                 List<CheckConstraint> checkConstraints, List<Index> indexes, String comment, Set<TableOption> options) {
        this(schema, name, columns, primaryKey, foreignKeys, uniqueConstraints, checkConstraints, indexes, comment,
                options, null);
    }

    /** A table without engine-specific options. */
    public Table(String schema, String name, List<Column> columns, PrimaryKey primaryKey,
                 List<ForeignKey> foreignKeys, List<UniqueConstraint> uniqueConstraints,
                 List<CheckConstraint> checkConstraints, List<Index> indexes, String comment) {
        this(schema, name, columns, primaryKey, foreignKeys, uniqueConstraints, checkConstraints, indexes, comment,
                Set.of());
    }

    public static Table of(String name, List<Column> columns) {
        return new Table(null, name, columns, null, List.of(), List.of(), List.of(), List.of(), null);
    }

    public Table withName(String newName) {
        return new Table(schema, newName, columns, primaryKey, foreignKeys, uniqueConstraints, checkConstraints, indexes,
                comment, options, collation);
    }

    public Table withColumns(List<Column> newColumns) {
        return new Table(schema, name, newColumns, primaryKey, foreignKeys, uniqueConstraints, checkConstraints, indexes,
                comment, options, collation);
    }

    public Table withForeignKeys(List<ForeignKey> newForeignKeys) {
        return new Table(schema, name, columns, primaryKey, newForeignKeys, uniqueConstraints, checkConstraints, indexes,
                comment, options, collation);
    }

    public Table withIndexes(List<Index> newIndexes) {
        return new Table(schema, name, columns, primaryKey, foreignKeys, uniqueConstraints, checkConstraints, newIndexes,
                comment, options, collation);
    }

    public Table withOptions(Set<TableOption> newOptions) {
        return new Table(schema, name, columns, primaryKey, foreignKeys, uniqueConstraints, checkConstraints, indexes,
                comment, newOptions, collation);
    }

    public Table withCollation(String newCollation) {
        return new Table(schema, name, columns, primaryKey, foreignKeys, uniqueConstraints, checkConstraints, indexes,
                comment, options, newCollation);
    }

    public boolean has(TableOption option) {
        return options.contains(option);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
