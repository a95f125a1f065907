package dev.retort.runtime;

import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.Operation;
import dev.retort.ops.OperationSink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Online: each operation is rendered by the dialect and executed at once on the connection. */
final class JdbcSink implements OperationSink {
    private final Connection connection;
    private final OperationRenderer renderer;
    private int executed;

    JdbcSink(Connection connection, OperationRenderer renderer) {
        this.connection = connection;
        this.renderer = renderer;
    }

    @Override
    public void accept(Operation operation) {
        run(renderer.render(operation));
    }

    @Override
    public Optional<Connection> connection() {
        flush(); // a data migration must see the schema changes made before it
        return Optional.of(connection);
    }

    @Override
    public void flush() {
        run(renderer.flush());
    }

    int executed() {
        return executed;
    }

    private void run(List<SqlStatement> statements) {
        for (SqlStatement st : statements) {
            try {
                Jdbc.execute(connection, st);
                executed++;
            } catch (SQLException e) {
                throw new StatementFailedException(st, e);
            }
        }
    }
}
