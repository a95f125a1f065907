package dev.retort.ops;

import dev.retort.schema.ForeignKey;

import java.util.List;

/**
 * A foreign key as written in a revision: {@code foreignKey("author_id").references("author", "id").onDelete("CASCADE")}.
 *
 * @param refTable the referenced table, {@code schema.table} allowed
 */
public record ForeignKeySpec(String name, List<String> columns, String refTable, List<String> refColumns,
                             String onDelete, String onUpdate) implements TableElement {
    public ForeignKeySpec {
        columns = List.copyOf(columns);
        refColumns = refColumns == null ? List.of() : List.copyOf(refColumns);
    }

    public static ForeignKeySpec on(String... columns) {
        return new ForeignKeySpec(null, List.of(columns), null, List.of(), null, null);
    }

    public ForeignKeySpec references(String table, String... refCols) {
        return new ForeignKeySpec(name, columns, table, List.of(refCols), onDelete, onUpdate);
    }

    public ForeignKeySpec named(String n) {
        return new ForeignKeySpec(n, columns, refTable, refColumns, onDelete, onUpdate);
    }

    /** CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION. */
    public ForeignKeySpec onDelete(String action) {
        return new ForeignKeySpec(name, columns, refTable, refColumns, action, onUpdate);
    }

    public ForeignKeySpec onUpdate(String action) {
        return new ForeignKeySpec(name, columns, refTable, refColumns, onDelete, action);
    }

    /**
     * The schema record; the referenced table's schema comes from a {@code schema.table} name. No referenced
     * columns stay none, which in SQL means the referenced table's primary key (not the local column names).
     */
    public ForeignKey toForeignKey() {
        return toForeignKey(null);
    }

    /**
     * @param boundSchema the schema of {@code op.inSchema(...)}, or null: there the referenced table is taken
     *                    literally in that schema, dots included, as every other name of those operations
     */
    public ForeignKey toForeignKey(String boundSchema) {
        if (refTable == null) throw new IllegalStateException("foreign key on " + columns + " has no references(...)");
        QualifiedName ref = boundSchema != null ? new QualifiedName(boundSchema, refTable) : QualifiedName.parse(refTable);
        return new ForeignKey(name, columns, ref.schema(), ref.name(), refColumns, onDelete, onUpdate);
    }
}
