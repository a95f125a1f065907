package dev.retort.dialect;

import java.sql.Connection;
import java.util.Optional;

/** What a renderer may use: the live connection online, nothing offline. */
public interface RenderContext {
    Optional<Connection> connection();

    /**
     * Whether the statements are written into a script that runs later, on a connection Retort does not see
     * (offline; a SQL revision rendered on a scratch copy): settings read now may not hold then.
     */
    default boolean writesScript() {
        return connection().isEmpty();
    }

    static RenderContext offline() {
        return Optional::empty;
    }

    static RenderContext online(Connection connection) {
        return () -> Optional.of(connection);
    }

    /** A scratch copy of the database, read while the statements are written into a script. */
    static RenderContext scratch(Connection copy) {
        return new RenderContext() {
            @Override
            public Optional<Connection> connection() {
                return Optional.of(copy);
            }

            @Override
            public boolean writesScript() {
                return true;
            }
        };
    }
}
