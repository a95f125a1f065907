package dev.retort.dialect;

import java.sql.Connection;
import java.util.Optional;

/** What a renderer may use: the live connection online, nothing offline. */
public interface RenderContext {
    Optional<Connection> connection();

    static RenderContext offline() {
        return Optional::empty;
    }

    static RenderContext online(Connection connection) {
        return () -> Optional.of(connection);
    }
}
