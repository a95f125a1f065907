package dev.retort.dialect.h2;

import dev.retort.dialect.ReflectionSupport.TableBuilder;
import dev.retort.schema.Column;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.retort.dialect.ReflectionSupport.query;

/**
 * The columns of H2's key constraints as they are now. H2 2.3 leaves {@code INFORMATION_SCHEMA.KEY_COLUMN_USAGE}
 * naming a column as it was when the constraint was made: after {@code ALTER COLUMN ... RENAME TO} it still says the
 * old name, while the constraint itself ({@code SCRIPT}) and the index it uses have the new one, so a renamed key
 * column read as drift on every later autogenerate and check. The index of a primary key or unique constraint holds
 * exactly its columns, and that of a foreign key starts with them (H2 reuses an index only on those terms).
 */
final class ConstraintIndexes {
    private final Map<String, String> indexOfConstraint;
    private final Map<String, List<String>> columnsOfIndex;

    private ConstraintIndexes(Map<String, String> indexOfConstraint, Map<String, List<String>> columnsOfIndex) {
        this.indexOfConstraint = indexOfConstraint;
        this.columnsOfIndex = columnsOfIndex;
    }

    static ConstraintIndexes read(Connection connection, String schema, IdentifierCase names) throws SQLException {
        Map<String, String> indexOfConstraint = new HashMap<>();
        query(connection, """
                SELECT CONSTRAINT_NAME, INDEX_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
                WHERE CONSTRAINT_SCHEMA = ? AND INDEX_NAME IS NOT NULL""", schema,
                rs -> indexOfConstraint.put(rs.getString(1), rs.getString(2)));
        Map<String, List<String>> columnsOfIndex = new HashMap<>();
        query(connection, """
                SELECT INDEX_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS
                WHERE INDEX_SCHEMA = ? ORDER BY INDEX_NAME, ORDINAL_POSITION""", schema,
                rs -> columnsOfIndex.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(names.reported(rs.getString(2))));
        return new ConstraintIndexes(indexOfConstraint, columnsOfIndex);
    }

    /**
     * {@code named} (the constraint's columns as KEY_COLUMN_USAGE lists them, in the constraint's order) where they all
     * are columns of {@code table} now; otherwise the leading columns of the constraint's index. The first keeps the
     * constraint's own order where H2 reused an index whose columns stand in another.
     */
    List<String> current(String constraint, List<String> named, TableBuilder table) {
        if (table == null) return named;
        List<String> now = table.columns.stream().map(Column::name).toList();
        if (now.containsAll(named)) return named;
        List<String> indexed = columnsOfIndex.get(indexOfConstraint.get(constraint));
        return indexed == null || indexed.size() < named.size() ? named : List.copyOf(indexed.subList(0, named.size()));
    }
}
