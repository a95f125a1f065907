package dev.retort.ops;

import dev.retort.RetortException;
import dev.retort.migration.MigrationContext;
import dev.retort.migration.Operations;

import java.sql.Connection;

/** The {@link Operations} a migration receives: each call becomes an {@link Operation} sent to the sink. */
public class DefaultOperations implements Operations {
    private final OperationSink sink;
    private final MigrationContext context;

    public DefaultOperations(OperationSink sink, MigrationContext context) {
        this.sink = sink;
        this.context = context;
    }

    protected void emit(Operation operation) {
        sink.accept(operation);
    }

    @Override
    public void execute(String sql, Object... params) {
        emit(Execute.of(sql, params));
    }

    @Override
    public Connection connection() {
        return sink.connection().orElseThrow(() -> new RetortException(
                "op.connection() is not available in offline (--sql) mode; use op.execute(...) with parameters"));
    }

    @Override
    public MigrationContext context() {
        return context;
    }
}
