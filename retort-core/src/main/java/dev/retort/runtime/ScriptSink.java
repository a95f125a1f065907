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
    private boolean inTransaction;

    ScriptSink(Dialect dialect, OperationRenderer renderer, StringBuilder out) {
        this.dialect = dialect;
        this.renderer = renderer;
        this.out = out;
    }

    /** Whether what follows is written between BEGIN and COMMIT. */
    void inTransaction(boolean on) {
        inTransaction = on;
    }

    @Override
    public void accept(Operation operation) {
        if (inTransaction && !dialect.allowsInTransaction(operation)) {
            // psql would fail on it halfway through the script; online runs refuse it the same way
            throw new dev.retort.RetortException(operation.describe() + " cannot run inside a transaction; mark the revision "
                    + "'-- retort:transactional false' (a Java revision: @Revision(transactional = false))");
        }
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
        // a trailing "-- comment" would swallow the terminator; "--" inside a string would not
        out.append(s).append(endsInLineComment(s, "mariadb".equals(dialect.name())) ? "\n" : "").append(terminator).append("\n\n");
    }

    /** Whether {@code sql} ends inside a {@code --} comment, strings and quoted names skipped. */
    static boolean endsInLineComment(String sql, boolean backslashEscapes) {
        char quote = 0;
        boolean lineComment = false;
        boolean blockComment = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
            if (lineComment) {
                if (c == '\n') lineComment = false;
            } else if (blockComment) {
                if (c == '*' && next == '/') {
                    blockComment = false;
                    i++;
                }
            } else if (quote != 0) {
                if (backslashEscapes && c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '-' && next == '-') {
                lineComment = true;
                i++;
            } else if (c == '/' && next == '*') {
                blockComment = true;
                i++;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            }
        }
        return lineComment;
    }

    void comment(String text) {
        out.append("-- ").append(text).append("\n\n");
    }
}
