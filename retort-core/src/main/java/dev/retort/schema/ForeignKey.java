package dev.retort.schema;

import java.util.List;
import java.util.Objects;

/**
 * @param onDelete  referential action as SQL words ("CASCADE", "SET NULL", ...), null for the default; on PostgreSQL 15
 *                  {@code "SET NULL (doc_id)"} / {@code "SET DEFAULT (doc_id)"} sets only the key columns named
 * @param onUpdate  likewise
 * @param deferral  when the key is checked; never null ({@link Deferral#NOT_DEFERRABLE} for the default)
 * @param notValid  added {@code NOT VALID} (PostgreSQL): it holds for rows written since, the rows already there
 *                  were not checked; false on every other engine
 */
public record ForeignKey(String name, List<String> columns, String refSchema, String refTable,
                         List<String> refColumns, String onDelete, String onUpdate, Deferral deferral,
                         boolean notValid) implements Constraint {
    public ForeignKey {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
        deferral = Objects.requireNonNullElse(deferral, Deferral.NOT_DEFERRABLE);
    }

    /** A validated key (the record's shape before {@code notValid} was added). */
    public ForeignKey(String name, List<String> columns, String refSchema, String refTable,
                      List<String> refColumns, String onDelete, String onUpdate, Deferral deferral) {
        this(name, columns, refSchema, refTable, refColumns, onDelete, onUpdate, deferral, false);
    }

    /** A key that is not deferrable (the record's shape before {@code deferral} was added; many callers build these). */
    public ForeignKey(String name, List<String> columns, String refSchema, String refTable,
                      List<String> refColumns, String onDelete, String onUpdate) {
        this(name, columns, refSchema, refTable, refColumns, onDelete, onUpdate, Deferral.NOT_DEFERRABLE);
    }

    public ForeignKey withName(String n) {
        return new ForeignKey(n, columns, refSchema, refTable, refColumns, onDelete, onUpdate, deferral, notValid);
    }

    public ForeignKey withColumns(List<String> c) {
        return new ForeignKey(name, c, refSchema, refTable, refColumns, onDelete, onUpdate, deferral, notValid);
    }

    public ForeignKey withRefTable(String table) {
        return new ForeignKey(name, columns, refSchema, table, refColumns, onDelete, onUpdate, deferral, notValid);
    }

    public ForeignKey withRefColumns(List<String> c) {
        return new ForeignKey(name, columns, refSchema, refTable, c, onDelete, onUpdate, deferral, notValid);
    }

    public ForeignKey withDeferral(Deferral d) {
        return new ForeignKey(name, columns, refSchema, refTable, refColumns, onDelete, onUpdate, d, notValid);
    }

    public ForeignKey withNotValid(boolean v) {
        return new ForeignKey(name, columns, refSchema, refTable, refColumns, onDelete, onUpdate, deferral, v);
    }
}
