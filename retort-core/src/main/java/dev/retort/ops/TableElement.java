package dev.retort.ops;

/**
 * Something listed in {@code op.createTable(name, ...)}: a column, a constraint, an index, the table comment or an
 * engine-specific table option or collation.
 */
public sealed interface TableElement permits ColumnSpec, ConstraintSpec, ForeignKeySpec, IndexSpec, TableComment,
        TableOptionSpec, TableCollation {
}
