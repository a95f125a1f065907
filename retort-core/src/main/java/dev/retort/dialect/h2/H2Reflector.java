package dev.retort.dialect.h2;

import dev.retort.dialect.Reflector;
import dev.retort.schema.SchemaModel;

import java.sql.Connection;

/** SKELETON: replaced by the autogenerate issue. */
final class H2Reflector implements Reflector {
    H2Reflector(H2Dialect dialect) {
    }

    @Override
    public SchemaModel reflect(Connection connection, String schema) {
        throw new UnsupportedOperationException("reflection: not built yet");
    }
}
