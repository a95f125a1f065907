package dev.retort.ops;

/** Something listed in {@code op.createTable(name, ...)}: a column, a constraint, an index or the table comment. */
public sealed interface TableElement permits ColumnSpec, ConstraintSpec, ForeignKeySpec, IndexSpec, TableComment {
}
