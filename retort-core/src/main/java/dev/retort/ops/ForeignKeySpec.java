package dev.retort.ops;

import dev.retort.schema.Deferral;
import dev.retort.schema.ForeignKey;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key as written in a revision: {@code foreignKey("author_id").references("author", "id").onDelete("CASCADE")}.
 *
 * @param refTable the referenced table, {@code schema.table} allowed
 * @param deferral when the key is checked, {@link Deferral#NOT_DEFERRABLE} unless {@link #deferrable()} or
 *                 {@link #initiallyDeferred()} says otherwise
 * @param addNotValid {@link #notValid()}: added {@code NOT VALID} by {@code op.createForeignKey} (PostgreSQL)
 */
public record ForeignKeySpec(String name, List<String> columns, String refTable, List<String> refColumns,
                             String onDelete, String onUpdate, Deferral deferral,
                             boolean addNotValid) implements TableElement {
    public ForeignKeySpec {
        columns = List.copyOf(columns);
        refColumns = refColumns == null ? List.of() : List.copyOf(refColumns);
        deferral = Objects.requireNonNullElse(deferral, Deferral.NOT_DEFERRABLE);
    }

    /** A key that is validated (the record's shape before {@code addNotValid} was added). */
    public ForeignKeySpec(String name, List<String> columns, String refTable, List<String> refColumns,
                          String onDelete, String onUpdate, Deferral deferral) {
        this(name, columns, refTable, refColumns, onDelete, onUpdate, deferral, false);
    }

    public static ForeignKeySpec on(String... columns) {
        return new ForeignKeySpec(null, List.of(columns), null, List.of(), null, null, Deferral.NOT_DEFERRABLE);
    }

    public ForeignKeySpec references(String table, String... refCols) {
        return new ForeignKeySpec(name, columns, table, List.of(refCols), onDelete, onUpdate, deferral, addNotValid);
    }

    public ForeignKeySpec named(String n) {
        return new ForeignKeySpec(n, columns, refTable, refColumns, onDelete, onUpdate, deferral, addNotValid);
    }

    /** CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION; PostgreSQL 15 also {@code SET NULL (col, ...)}, setting only those. */
    public ForeignKeySpec onDelete(String action) {
        return new ForeignKeySpec(name, columns, refTable, refColumns, action, onUpdate, deferral, addNotValid);
    }

    public ForeignKeySpec onUpdate(String action) {
        return new ForeignKeySpec(name, columns, refTable, refColumns, onDelete, action, deferral, addNotValid);
    }

    /**
     * {@code DEFERRABLE INITIALLY IMMEDIATE}: checked at each statement until a transaction says
     * {@code SET CONSTRAINTS ... DEFERRED}. PostgreSQL and SQLite; refused on MariaDB/MySQL and H2.
     */
    public ForeignKeySpec deferrable() {
        return deferral(Deferral.INITIALLY_IMMEDIATE);
    }

    /** {@code DEFERRABLE INITIALLY DEFERRED}: checked at COMMIT, as Django makes every key. PostgreSQL and SQLite. */
    public ForeignKeySpec initiallyDeferred() {
        return deferral(Deferral.INITIALLY_DEFERRED);
    }

    /** The deferral as a value, for code that carries one along; {@code NOT_DEFERRABLE} is the default. */
    public ForeignKeySpec deferral(Deferral d) {
        return new ForeignKeySpec(name, columns, refTable, refColumns, onDelete, onUpdate, d, addNotValid);
    }

    /**
     * {@code NOT VALID} (PostgreSQL): {@code op.createForeignKey} adds the key without checking the rows already
     * in the table, only those written from then on; {@code op.validateConstraint} checks them later. Refused on
     * the other engines, which have no such clause. In {@code createTable} the key is created valid: a new table
     * has no rows to leave unchecked (and PostgreSQL takes NOT VALID only in ALTER TABLE ... ADD CONSTRAINT).
     */
    public ForeignKeySpec notValid() {
        return new ForeignKeySpec(name, columns, refTable, refColumns, onDelete, onUpdate, deferral, true);
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
        return new ForeignKey(name, columns, ref.schema(), ref.name(), refColumns, onDelete, onUpdate, deferral, addNotValid);
    }
}
