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

    /**
     * Whether the statements go to a copy of the database only, for autogenerate to learn what they do (a SQL revision
     * rendered on a scratch copy, a replay on an empty copy of the schema): what the renderer would tell the user of
     * a real run (a table moved and copied) is no news there.
     */
    default boolean rehearsal() {
        return false;
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

            @Override
            public boolean rehearsal() {
                return true;
            }
        };
    }

    /** A copy of the database the statements run on, only to see what they do (autogenerate's replay). */
    static RenderContext rehearsal(Connection copy) {
        return new RenderContext() {
            @Override
            public Optional<Connection> connection() {
                return Optional.of(copy);
            }

            @Override
            public boolean rehearsal() {
                return true;
            }
        };
    }
}
