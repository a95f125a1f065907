package dev.retort.ops;

import dev.retort.schema.Column;
import dev.retort.schema.SqlType;

import java.util.List;
import java.util.Objects;

/**
 * A column as written in a revision: {@code column("id", INTEGER).primaryKey()}. Immutable; each
 * method returns a new spec. Inline key, unique and reference flags become table constraints.
 */
public final class ColumnSpec implements TableElement {
    private final Column column;
    private final boolean primaryKey;
    private final boolean unique;
    private final ForeignKeySpec references;

    private ColumnSpec(Column column, boolean primaryKey, boolean unique, ForeignKeySpec references) {
        this.column = column;
        this.primaryKey = primaryKey;
        this.unique = unique;
        this.references = references;
    }

    public static ColumnSpec of(String name, SqlType type) {
        return new ColumnSpec(Column.of(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type")),
                false, false, null);
    }

    public static ColumnSpec of(Column column) {
        return new ColumnSpec(column, false, false, null);
    }

    public Column column() { return column; }

    public boolean isPrimaryKey() { return primaryKey; }

    public boolean isUnique() { return unique; }

    /** The inline reference, or null. */
    public ForeignKeySpec references() { return references; }

    public ColumnSpec notNull() { return with(column.withNullable(false)); }

    public ColumnSpec nullable(boolean b) { return with(column.withNullable(b)); }

    /** Part of the primary key (several columns may say so); implies NOT NULL. */
    public ColumnSpec primaryKey() {
        return new ColumnSpec(column.withNullable(false), true, unique, references);
    }

    public ColumnSpec unique() { return new ColumnSpec(column, primaryKey, true, references); }

    /** The default as SQL text: an expression ({@code CURRENT_TIMESTAMP}) or a quoted literal ({@code 'x'}, {@code 0}). */
    public ColumnSpec serverDefault(String sql) { return with(column.withServerDefault(sql)); }

    /** Identity / auto-increment / serial. */
    public ColumnSpec autoincrement() { return with(column.withAutoincrement(true)); }

    public ColumnSpec comment(String text) { return with(column.withComment(text)); }

    /** A foreign key to {@code table(column)}; {@code table} may be {@code schema.table}. */
    public ColumnSpec references(String table, String refColumn) {
        return new ColumnSpec(column, primaryKey, unique,
                new ForeignKeySpec(null, List.of(column.name()), table, List.of(refColumn), null, null));
    }

    /** {@code references("author.id")} style: the last dot separates the column. */
    public ColumnSpec references(String tableDotColumn) {
        int dot = tableDotColumn.lastIndexOf('.');
        if (dot <= 0) throw new IllegalArgumentException("references(\"table.column\") expected, got " + tableDotColumn);
        return references(tableDotColumn.substring(0, dot), tableDotColumn.substring(dot + 1));
    }

    public ColumnSpec onDelete(String action) { return withReference(requireReference().onDelete(action)); }

    public ColumnSpec onUpdate(String action) { return withReference(requireReference().onUpdate(action)); }

    private ForeignKeySpec requireReference() {
        if (references == null) throw new IllegalStateException("call references(...) before onDelete/onUpdate");
        return references;
    }

    private ColumnSpec withReference(ForeignKeySpec fk) {
        return new ColumnSpec(column, primaryKey, unique, fk);
    }

    private ColumnSpec with(Column c) {
        return new ColumnSpec(c, primaryKey, unique, references);
    }

    @Override
    public String toString() {
        return "column " + column;
    }
}
