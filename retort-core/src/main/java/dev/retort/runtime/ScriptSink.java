package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.Operation;
import dev.retort.ops.OperationSink;
import dev.retort.script.SqlSplitter;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/** Offline: each operation is rendered with its parameters inlined and appended to the script. */
final class ScriptSink implements OperationSink {
    private final Dialect dialect;
    private final SqlSplitter lexer;
    private final OperationRenderer renderer;
    private final StringBuilder out;
    private boolean inTransaction;
    /** Whether a statement written since {@link #schemaMayHaveChanged(boolean)} was reset may change the session's schema. */
    private boolean schemaMayHaveChanged;
    /** The transaction the revision being written may leave open, read from its statements as online (t81-2). */
    private final OwnTransaction own;

    ScriptSink(Dialect dialect, OperationRenderer renderer, StringBuilder out) {
        this.dialect = dialect;
        this.lexer = SqlSplitter.forDialect(dialect.name());
        this.renderer = renderer;
        this.out = out;
        this.own = new OwnTransaction(lexer);
    }

    /** What the revision written since the last {@link OwnTransaction#reset} left open. */
    OwnTransaction ownTransaction() {
        return own;
    }

    /** Whether what follows is written between BEGIN and COMMIT. */
    void inTransaction(boolean on) {
        inTransaction = on;
        renderer.scriptInTransaction(on);
    }

    @Override
    public void accept(Operation operation) {
        if (inTransaction && !dialect.allowsInTransaction(operation)) {
            // psql would fail on it halfway through the script; online runs refuse it the same way
            throw new dev.retort.RetortException(operation.describe() + " cannot run inside a transaction; mark the revision "
                    + "'-- retort:transactional false' (a Java revision: @Revision(transactional = false))");
        }
        if (inTransaction && operation instanceof dev.retort.ops.Execute e) {
            // a COMMIT written between the script's BEGIN and COMMIT splits them, as online (JdbcSink)
            String refusal = dev.retort.script.SqlMigration.transactionControl(lexer, e.sql());
            if (refusal != null) throw new dev.retort.RetortException(refusal);
        }
        if (operation instanceof dev.retort.ops.Execute e) own.ran(e.sql());
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
        for (SqlStatement st : statements) {
            if (st.isNote()) comment(st.sql().substring(3));
            else statement(dialect.inline(st));
        }
    }

    /** Whether a statement since the last reset may have changed the session's schema; resets it. */
    /** Whether a statement written since {@link #settingChanged(boolean)} was reset changes a setting the script puts back. */
    private boolean settingChanged;

    boolean settingChanged(boolean reset) {
        boolean was = settingChanged;
        if (reset) settingChanged = false;
        return was;
    }

    boolean schemaMayHaveChanged(boolean reset) {
        boolean was = schemaMayHaveChanged;
        if (reset) schemaMayHaveChanged = false;
        return was;
    }

    /** Appends one statement, its terminator and a blank line (Alembic's layout). */
    void statement(String sql) {
        String s = sql.strip();
        Dialect.OfflineSchemaGuard guard = dialect.offlineSchemaGuard();
        if (guard != null && !schemaMayHaveChanged && guard.changes().test(s)) schemaMayHaveChanged = true;
        Dialect.SessionSettingRestore restore = dialect.sessionSettingRestore();
        if (restore != null && !settingChanged && restore.changes().test(s)) settingChanged = true;
        String terminator = dialect.statementTerminator();
        if (!terminator.isEmpty() && s.endsWith(terminator)) {
            s = s.substring(0, s.length() - terminator.length()).stripTrailing();
        }
        String lineEnd = lexer.endsInLineComment(s) ? "\n" : "";
        if (lexer.options().delimiterDirective() && hasTerminatorInCode(s)) {
            // a trigger or routine body: the mysql client would end it at its first ';' (mysqldump's way around it)
            String delimiter = routineDelimiter(s + lineEnd);
            out.append("DELIMITER ").append(delimiter).append("\n").append(s).append(lineEnd).append(delimiter)
                    .append("\nDELIMITER ").append(terminator).append("\n\n");
            return;
        }
        // a trailing "-- comment" would swallow the terminator; "--" inside a string would not
        out.append(s).append(lineEnd).append(terminator).append("\n\n");
    }

    /**
     * A DELIMITER for a routine statement: one the statement does not hold, and that does not run together with its
     * last characters either ({@code END *}{@code /} followed by {@code //} would read as {@code *}{@code //}: the
     * client ends the statement one character early, t13-6).
     */
    static String routineDelimiter(String statement) {
        for (String d : new String[]{"//", "$$", ";;", "$$$"}) {
            if ((statement + d).indexOf(d) == statement.length()) return d;
        }
        return "$$retort$$";
    }

    private boolean hasTerminatorInCode(String sql) {
        for (int i = 0; i < sql.length(); ) {
            int skip = lexer.skipNonCode(sql, i);
            if (skip > i) {
                i = skip;
            } else if (sql.charAt(i++) == ';') {
                return true;
            }
        }
        return false;
    }

    /** Inserts one statement at {@code offset} of what was written so far (a set-up found needed afterwards). */
    void insertStatementAt(int offset, String sql) {
        int end = out.length();
        statement(sql);
        String written = out.substring(end);
        out.setLength(end);
        out.insert(offset, written);
    }

    void comment(String text) {
        out.append("-- ").append(text).append("\n\n");
    }
}
