package dev.retort.dialect.sqlite;

import dev.retort.schema.Table;

import java.util.List;
import java.util.Map;

/**
 * A reflected SQLite table with what move-and-copy needs beyond the portable model: each column's
 * declared type as written (so unchanged columns keep it exactly, e.g. an {@code INTEGER PRIMARY KEY}
 * rowid alias), table options, and the stored SQL of its indexes and triggers, recreated after the copy.
 *
 * @param declaredTypes   column name to declared type text
 * @param options         text after the column list, e.g. {@code WITHOUT ROWID}, {@code STRICT}; "" for none
 * @param generatedColumns generated columns (not in {@link Table#columns()}); move-and-copy refuses these tables
 * @param indexes         indexes created with CREATE INDEX (not those behind PK/UNIQUE constraints)
 * @param triggers        triggers on this table
 * @param referencedBy    tables whose foreign keys point at this table (itself included when self-referencing)
 * @param collations      column name to its COLLATE sequence, for columns that declare one
 * @param views           views of the schema whose SQL names this table
 * @param otherTriggers   triggers on other tables whose SQL names this table (one that writes to it, say)
 * @param references      the foreign keys of other tables that point at this table
 */
record SqliteTableInfo(Table table, Map<String, String> declaredTypes, String createSql, String options,
                       List<String> generatedColumns, List<StoredSql> indexes, List<StoredSql> triggers,
                       List<String> referencedBy, Map<String, String> collations, List<StoredSql> views,
                       List<StoredSql> otherTriggers, List<Reference> references) {

    /** An index or trigger as stored in sqlite_master. */
    record StoredSql(String name, String sql) {
    }

    /**
     * A foreign key of another table that points at this one.
     *
     * @param refColumns the columns of this table it references; empty for its primary key
     */
    record Reference(String table, List<String> columns, List<String> refColumns) {
        Reference {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }
    }

    SqliteTableInfo {
        declaredTypes = Map.copyOf(declaredTypes);
        generatedColumns = List.copyOf(generatedColumns);
        indexes = List.copyOf(indexes);
        triggers = List.copyOf(triggers);
        referencedBy = List.copyOf(referencedBy);
        collations = Map.copyOf(collations);
        views = List.copyOf(views);
        otherTriggers = List.copyOf(otherTriggers);
        references = List.copyOf(references);
    }
}
