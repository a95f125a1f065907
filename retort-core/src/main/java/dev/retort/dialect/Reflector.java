package dev.retort.dialect;

import dev.retort.schema.SchemaModel;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads a live schema into Retort's model with bulk catalog queries. */
public interface Reflector {
    /** @param schema the schema (database on MariaDB) to read; null for the connection's current one */
    SchemaModel reflect(Connection connection, String schema) throws SQLException;
}
