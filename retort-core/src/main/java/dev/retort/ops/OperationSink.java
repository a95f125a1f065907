package dev.retort.ops;

import java.sql.Connection;
import java.util.Optional;

/** Where a migration's operations go: executed on a connection (online) or written as SQL (offline). */
public interface OperationSink {
    void accept(Operation operation);

    /** The live connection, after everything accepted so far has been executed; empty offline. */
    Optional<Connection> connection();

    /** Ends the current revision: anything buffered (e.g. SQLite's grouped table copy) is carried out. */
    default void flush() {
    }
}
