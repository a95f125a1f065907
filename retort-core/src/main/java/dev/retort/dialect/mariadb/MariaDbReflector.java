package dev.retort.dialect.mariadb;

import dev.retort.dialect.Reflector;
import dev.retort.schema.SchemaModel;

import java.sql.Connection;

/** SKELETON: replaced by the autogenerate issue. */
final class MariaDbReflector implements Reflector {
    MariaDbReflector(MariaDbDialect dialect) {
    }

    @Override
    public SchemaModel reflect(Connection connection, String schema) {
        throw new UnsupportedOperationException("reflection: not built yet");
    }
}
