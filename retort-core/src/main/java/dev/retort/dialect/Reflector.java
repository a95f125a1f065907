package dev.retort.dialect;

import dev.retort.ops.AlterColumn;
import dev.retort.schema.SchemaModel;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads a live schema into Retort's model with bulk catalog queries. */
public interface Reflector {
    /** @param schema the schema (database on MariaDB) to read; null for the connection's current one */
    SchemaModel reflect(Connection connection, String schema) throws SQLException;

    /**
     * {@code op} with the column's existing state completed by what the schema model does not hold but the
     * engine's renderer restates (MariaDB: a collation of the column's own), so that the
     * revision carries it into offline scripts; {@code op} itself where the engine needs nothing more or the
     * column is not found.
     *
     * @param table the column's table as it is in the database now (before a proposed rename)
     */
    default AlterColumn withExistingDetails(Connection connection, AlterColumn op, String table) {
        return withExistingDetails(connection, op, table, op.column());
    }

    /**
     * As {@link #withExistingDetails(Connection, AlterColumn, String)}, for a column that a proposed rename before
     * {@code op} gives its name.
     *
     * @param column the column's name in the database now (before a proposed rename)
     */
    default AlterColumn withExistingDetails(Connection connection, AlterColumn op, String table, String column) {
        return op;
    }
}
