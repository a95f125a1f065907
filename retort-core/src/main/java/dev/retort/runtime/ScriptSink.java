package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.Operation;
import dev.retort.ops.OperationSink;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/** Offline: each operation is rendered with its parameters inlined and appended to the script. */
final class ScriptSink implements OperationSink {
    private final Dialect dialect;
    private final OperationRenderer renderer;
    private final StringBuilder out;

    ScriptSink(Dialect dialect, OperationRenderer renderer, StringBuilder out) {
        this.dialect = dialect;
        this.renderer = renderer;
        this.out = out;
    }

    @Override
    public void accept(Operation operation) {
        write(renderer.render(operation));
    }

    @Override
    public Optional<Connection> connection() {
        return Optional.empty();
    }

    @Override
    public void flush() {
        write(renderer.flush());
    }

    private void write(List<SqlStatement> statements) {
        for (SqlStatement st : statements) statement(dialect.inline(st));
    }

    /** Appends one statement, its terminator and a blank line (Alembic's layout). */
    void statement(String sql) {
        String s = sql.strip();
        String terminator = dialect.statementTerminator();
        if (!terminator.isEmpty() && s.endsWith(terminator)) {
            s = s.substring(0, s.length() - terminator.length()).stripTrailing();
        }
        int lastLine = s.lastIndexOf('\n');
        // a trailing "-- comment" would swallow the terminator
        boolean commentAtEnd = s.substring(lastLine + 1).contains("--");
        out.append(s).append(commentAtEnd ? "\n" : "").append(terminator).append("\n\n");
    }

    void comment(String text) {
        out.append("-- ").append(text).append("\n\n");
    }
}
