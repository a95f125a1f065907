package dev.retort.dialect;

import dev.retort.ops.Operation;

import java.util.List;

/**
 * Turns operations into statements for one dialect. May hold operations back to group them
 * (SQLite's move-and-copy of one table for several changes) until {@link #flush()}.
 */
public interface OperationRenderer extends AutoCloseable {
    List<SqlStatement> render(Operation operation);

    /** Statements for anything held back; called at the end of each revision. */
    default List<SqlStatement> flush() {
        return List.of();
    }

    /**
     * Where the revision called the operation {@code statement} (one the last render or flush returned) was rendered
     * from, when that is not the call being rendered: an operation held back and rendered with a later one or at the
     * revision's end ({@link OperationCalls}). Null otherwise. A database error of the statement names that call's line.
     */
    default Throwable calledAt(SqlStatement statement) {
        return null;
    }

    /**
     * Offline: whether what follows is written between the script's BEGIN and COMMIT (a revision marked
     * transactional false is not). Online the renderer asks the connection.
     */
    default void scriptInTransaction(boolean inTransaction) {
    }

    /** Releases what the renderer holds (SQLite's offline renderer: its in-memory copy of the schema). */
    @Override
    default void close() {
    }
}
