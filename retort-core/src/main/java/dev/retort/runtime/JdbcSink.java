package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.Operation;
import dev.retort.ops.OperationSink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Online: each operation is rendered by the dialect and executed at once on the connection. One sink
 * serves a whole run; plain statements (no parameters) share one JDBC {@link Statement}, created on
 * first use, instead of one each (~5 % of the statements' time in a run of many small revisions).
 */
final class JdbcSink implements OperationSink, AutoCloseable {
    private final Connection connection;
    private final Dialect dialect;
    private final OperationRenderer renderer;
    private final RunCancellation cancellation;
    private final Runnable cancelRunning;
    private boolean rawInUse;
    /** What op.connection() hands out: the run's connection without its transaction control. */
    private Connection guarded;
    /** Whether the step now running runs in the run's transaction: a transactional-false one may manage its own. */
    private boolean inRunTransaction;
    private dev.retort.script.SqlSplitter lexer;
    private Statement plain;
    /** The step's statements that ran (for a failure's account of what stays applied where DDL commits). */
    private final List<SqlStatement> ranInStep = new java.util.ArrayList<>();
    /** How many of the step's statements ran but were rolled back to the savepoint their batch opened, which then failed. */
    private int undoneInStep;
    /** Whether the step's revision was handed op.connection(): what it ran there is not in ranInStep. */
    private boolean connectionHandedOut;
    /** The bulkInsert whose statements run now, and the index of the first row of the next one (t38-5). */
    private dev.retort.ops.BulkInsert bulkInsert;
    private int bulkInsertRow;
    /** What tells a statement changing a database-wide setting the run puts back (H2's; null elsewhere). */
    private final Dialect.DatabaseSettingRestore databaseSetting;
    /** Whether a statement run since the last {@link #databaseSettingChanged} changed a database-wide setting (h2-refint). */
    private boolean databaseSettingChanged;

    /** @param cancelRunning cancels whatever the connection executes (for a Java revision's own JDBC); must not throw */
    JdbcSink(Connection connection, Dialect dialect, OperationRenderer renderer, RunCancellation cancellation, Runnable cancelRunning) {
        this.connection = connection;
        this.dialect = dialect;
        this.databaseSetting = dialect.databaseSettingRestore();
        this.renderer = renderer;
        this.cancellation = cancellation;
        this.cancelRunning = cancelRunning;
    }

    @Override
    public void accept(Operation operation) {
        if (inRunTransaction && operation instanceof dev.retort.ops.Execute e) {
            // a Java revision's op.execute("COMMIT") splits the run's transaction as a SQL revision's would
            String refusal = dev.retort.script.SqlMigration.transactionControl(lexer(), e.sql());
            if (refusal != null) throw new dev.retort.RetortException(refusal);
        }
        bulkInsert = operation instanceof dev.retort.ops.BulkInsert b ? b : null;
        bulkInsertRow = 0;
        try {
            run(renderer.render(operation));
        } finally {
            bulkInsert = null;
        }
    }

    private dev.retort.script.SqlSplitter lexer() {
        if (lexer == null) lexer = dev.retort.script.SqlSplitter.forDialect(dialect.name());
        return lexer;
    }

    @Override
    public Optional<Connection> connection() {
        flush(); // a data migration must see the schema changes made before it
        connectionHandedOut = true;
        if (!rawInUse) {
            cancellation.rawConnectionInUse(cancelRunning);
            rawInUse = true;
        }
        if (guarded == null) guarded = RevisionConnection.guard(connection, () -> inRunTransaction,
                sql -> dev.retort.script.SqlMigration.transactionControl(lexer(), sql), cancellation.driverCalls());
        return Optional.of(guarded);
    }

    /** Before each step: whether it runs in the run's transaction (which op.connection() must then leave alone). */
    void stepInRunTransaction(boolean inTransaction) {
        inRunTransaction = inTransaction;
        ranInStep.clear();
        undoneInStep = 0;
        connectionHandedOut = false;
    }

    /** The statements of the step now running (or that just failed) that ran; null if it also ran its own JDBC. */
    List<SqlStatement> ranInStep() {
        return connectionHandedOut ? null : List.copyOf(ranInStep);
    }

    /**
     * Whether the step may have changed a setting {@code changes} tells (a statement it ran does, or it ran its own
     * JDBC, which Retort does not see): the run puts such settings back only then, not with a round trip after
     * every one of a thousand revisions that set nothing.
     */
    boolean stepMayHaveChanged(java.util.function.Predicate<String> changes) {
        if (connectionHandedOut) return true;
        for (SqlStatement st : ranInStep) {
            if (changes.test(st.sql())) return true;
        }
        return false;
    }

    /** How many statements of the step that failed ran and were then rolled back to their batch's savepoint. */
    int undoneInStep() {
        return undoneInStep;
    }

    /**
     * Whether a statement run since the last call changed the database-wide setting of
     * {@link Dialect#databaseSettingRestore}; {@code reset}: forget it (it is being put back).
     */
    boolean databaseSettingChanged(boolean reset) {
        boolean was = databaseSettingChanged;
        if (reset) databaseSettingChanged = false;
        return was;
    }

    /** The step is over: what the revision ran on the connection itself is no longer cancelled. */
    void stepDone() {
        if (!rawInUse) return;
        cancellation.rawConnectionReleased(cancelRunning);
        rawInUse = false;
    }

    @Override
    public void flush() {
        run(renderer.flush());
    }

    private void run(List<SqlStatement> statements) {
        // a savepoint the batch opened and has not released yet: the renderer's all-or-nothing unit (SQLite's
        // move-and-copy outside the run's transaction), and where in ranInStep it began
        String savepoint = null;
        int savepointAt = -1;
        for (SqlStatement st : statements) {
            if (st.isNote()) continue; // a script's comment: nothing to send
            OutputMasks.running(st.sql());
            try {
                if (st.params().isEmpty()) {
                    if (plain == null) plain = connection.createStatement();
                    execute(plain, st);
                } else {
                    dialect.checkParameters(st);
                    try (PreparedStatement ps = connection.prepareStatement(st.sql())) {
                        dialect.prepareForValues(ps);
                        Jdbc.bind(ps, st.params());
                        execute(ps, st);
                    }
                }
            } catch (SQLException e) {
                StatementFailedException failed = new StatementFailedException(st, e, FailedValues.of(dialect, st, rowsOf(st)))
                        .withHint(packetTooLarge(st, e));
                // an operation held back and rendered with a later one: the line named is that of its own call
                Throwable call = renderer.calledAt(st);
                if (call != null) failed.addSuppressed(call);
                if (savepoint != null && !inRunTransaction) rollBackTo(savepoint, savepointAt, failed);
                throw failed;
            }
            if (savepoint == null && (savepoint = savepointName(st.sql(), "SAVEPOINT ")) != null) {
                savepointAt = ranInStep.size();
            } else if (savepoint != null && savepoint.equals(savepointName(st.sql(), "RELEASE "))) {
                savepoint = null;
            }
            ranInStep.add(st);
            rowsOf(st);
            if (databaseSetting != null && databaseSetting.changes().test(st.sql())) databaseSettingChanged = true;
        }
    }

    /**
     * Which rows of the running bulkInsert {@code st} holds, "rows 1001-2000 of the bulkInsert", and moves past
     * them; null for a statement of another operation (its rows are those of one column list: one row's size).
     */
    private String rowsOf(SqlStatement st) {
        if (bulkInsert == null || st.params().isEmpty() || bulkInsertRow >= bulkInsert.rows().size()) return null;
        int columns = Math.max(1, bulkInsert.rows().get(bulkInsertRow).size());
        int first = bulkInsertRow + 1;
        int last = bulkInsertRow + st.params().size() / columns;
        bulkInsertRow = last;
        return first == last ? "row " + first + " of the bulkInsert" : "rows " + first + "-" + last + " of the bulkInsert";
    }

    /**
     * Outside the run's transaction nothing else undoes the unit: its statements would stay applied until the
     * connection closed (and were listed as staying, to be repaired by hand), though the savepoint was there to
     * make the unit all-or-nothing (t32-4).
     */
    private void rollBackTo(String savepoint, int at, StatementFailedException failed) {
        try {
            if (plain == null) plain = connection.createStatement();
            plain.execute("ROLLBACK TO " + savepoint);
            plain.execute("RELEASE " + savepoint);
            List<SqlStatement> undone = ranInStep.subList(at, ranInStep.size());
            undoneInStep += undone.size();
            undone.clear();
        } catch (SQLException e) {
            failed.addSuppressed(e); // then what ran is listed as it is: staying
        }
    }

    /** The name in {@code SAVEPOINT name} / {@code RELEASE name} as renderers write them, or null. */
    private static String savepointName(String sql, String keyword) {
        return sql.regionMatches(true, 0, keyword, 0, keyword.length()) && sql.indexOf(' ', keyword.length()) < 0
                ? sql.substring(keyword.length()).trim() : null;
    }

    /** Executes {@code st} on {@code s} (a prepared {@code s} is bound already), cancellable meanwhile. */
    /** Statements shorter than this (characters) are sent without asking the server's max_allowed_packet. */
    static final int LARGE_STATEMENT = 64 * 1024;
    /** MariaDB's @@max_allowed_packet, read before the run's first large statement (0: not read, -1: unreadable). */
    private long maxAllowedPacket;

    /**
     * On MariaDB/MySQL, the server's max_allowed_packet, read once before the first statement of
     * {@link #LARGE_STATEMENT} characters or more: a statement longer than it makes the server drop the connection,
     * and the driver then says only "Socket error" or "server has gone away", on a connection that can no longer
     * ask (t42-3). Runs of ordinary statements never ask.
     */
    private void notePacketLimit(SqlStatement st) {
        if (maxAllowedPacket != 0 || st.sql().length() < LARGE_STATEMENT || !"mariadb".equals(dialect.name())) return;
        maxAllowedPacket = -1;
        try (Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
            if (rs.next()) maxAllowedPacket = rs.getLong(1);
        } catch (SQLException e) {
            // only a hint is lost; the statement's own failure, if any, says the rest
        }
    }

    /** The hint for a statement over max_allowed_packet that failed as a lost connection, or null. */
    private String packetTooLarge(SqlStatement st, SQLException e) {
        if (maxAllowedPacket <= 0 || st.sql().length() < LARGE_STATEMENT) return null;
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        boolean connectionLost = state.startsWith("08") || message.contains("socket") || message.contains("gone away")
                || message.contains("max_allowed_packet") || message.contains("packet") || message.contains("connection");
        long bytes = st.sql().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (!connectionLost || bytes < maxAllowedPacket - 1024) return null; // the packet also holds a header
        return "The statement is " + size(bytes) + ", larger than the server's max_allowed_packet (" + size(maxAllowedPacket)
                + "), so the server dropped the connection: split it into smaller statements (a multi-row INSERT into"
                + " several), or raise max_allowed_packet on the server (SET GLOBAL max_allowed_packet = ..., or"
                + " max_allowed_packet in its configuration file, then reconnect).";
    }

    private static String size(long bytes) {
        if (bytes >= 10L << 20) return (bytes >> 20) + " MB (" + bytes + " bytes)";
        return bytes >= 1 << 20 ? String.format(java.util.Locale.ROOT, "%.1f MB (%d bytes)", bytes / 1048576.0, bytes)
                : bytes + " bytes";
    }

    private void execute(Statement s, SqlStatement st) throws SQLException {
        notePacketLimit(st);
        cancellation.entering(s);
        try {
            boolean rows = s instanceof PreparedStatement ps ? ps.execute() : s.execute(st.sql());
            // a statement that returns rows (SQLite's PRAGMA journal_mode = WAL) stays in progress until they are
            // closed, and SQLite then refuses the COMMIT ("SQL statements in progress")
            if (rows) s.getResultSet().close();
        } finally {
            cancellation.exited(s);
        }
    }

    @Override
    public void close() {
        if (plain == null) return;
        try {
            plain.close();
        } catch (SQLException ignored) {
            // the connection's end closes it too
        } finally {
            plain = null;
        }
    }
}
