package dev.retort.runtime;

import dev.retort.config.Advice;
import dev.retort.config.RetortConfig;

import java.time.Duration;
import java.util.Map;

/**
 * What a run needs from the configuration: table names, transaction mode, lock wait, {@code -x} values.
 *
 * @param versionTable            the version table's name (default {@code retort_version})
 * @param versionTableSchema      its schema, or empty for the connection's default
 * @param historyTable            the audit table's name (default {@code retort_history}), same schema
 * @param transactionPerMigration one transaction per revision instead of one per run
 * @param lockTimeout             how long to wait for another run's lock
 * @param x                       {@code -x key=value} arguments for migrations
 * @param displayUrl              the database URL with the password masked, for messages
 * @param advice                  how messages tell the caller to set things (the command line's by default)
 */
public record RuntimeSettings(String versionTable, String versionTableSchema, String historyTable,
                              boolean transactionPerMigration, Duration lockTimeout, Map<String, String> x,
                              String displayUrl, Advice advice) {
    /** Defaults are the configuration's ({@link RetortConfig#DEFAULT_VERSION_TABLE} and the rest). */
    public RuntimeSettings {
        versionTable = blank(versionTable) ? RetortConfig.DEFAULT_VERSION_TABLE : versionTable;
        versionTableSchema = versionTableSchema == null ? "" : versionTableSchema;
        historyTable = blank(historyTable) ? RetortConfig.DEFAULT_HISTORY_TABLE : historyTable;
        lockTimeout = lockTimeout == null || lockTimeout.isNegative() ? RetortConfig.DEFAULT_LOCK_TIMEOUT
                : lockTimeout.compareTo(RetortConfig.MAX_LOCK_TIMEOUT) > 0 ? RetortConfig.MAX_LOCK_TIMEOUT : lockTimeout;
        x = x == null ? Map.of() : Map.copyOf(x);
        displayUrl = displayUrl == null ? "" : displayUrl;
        advice = advice == null ? Advice.COMMAND_LINE : advice;
    }

    public static RuntimeSettings defaults() {
        return new RuntimeSettings(null, null, null, false, null, null, null, null);
    }

    public static RuntimeSettings from(RetortConfig config) {
        return new RuntimeSettings(config.versionTable(), config.versionTableSchema(), config.historyTable(),
                config.transactionPerMigration(), config.lockTimeout(), config.x(), config.displayUrl(), null);
    }

    public RuntimeSettings withTransactionPerMigration(boolean perMigration) {
        return new RuntimeSettings(versionTable, versionTableSchema, historyTable, perMigration, lockTimeout, x,
                displayUrl, advice);
    }

    public RuntimeSettings withLockTimeout(Duration timeout) {
        return new RuntimeSettings(versionTable, versionTableSchema, historyTable, transactionPerMigration, timeout,
                x, displayUrl, advice);
    }

    public RuntimeSettings withDisplayUrl(String url) {
        return new RuntimeSettings(versionTable, versionTableSchema, historyTable, transactionPerMigration,
                lockTimeout, x, url, advice);
    }

    public RuntimeSettings withX(Map<String, String> values) {
        return new RuntimeSettings(versionTable, versionTableSchema, historyTable, transactionPerMigration,
                lockTimeout, values, displayUrl, advice);
    }

    public RuntimeSettings withAdvice(Advice advice) {
        return new RuntimeSettings(versionTable, versionTableSchema, historyTable, transactionPerMigration,
                lockTimeout, x, displayUrl, advice);
    }

    /** The name of the run-wide lock: one per version table, so multidb sections do not block each other. */
    public String lockName() {
        return lockName(versionTableSchema);
    }

    /** {@link #lockName()} for the version table in {@code schema} (null or empty: unqualified). */
    public String lockName(String schema) {
        return "retort:" + (blank(schema) ? "" : schema + ".") + versionTable;
    }

    /**
     * Refuses a version or history table (or schema) name that the engine cannot hold, naming its setting, before
     * anything is read, run or written (t30-6, t30-8): PostgreSQL would cut it short, MariaDB refuse it in the middle
     * of a run, or fail even a read in words that do not name it.
     */
    public void checkNames(dev.retort.dialect.Dialect dialect) {
        checkName(dialect, "version_table", versionTable);
        if (!versionTableSchema.isEmpty()) checkName(dialect, "version_table_schema", versionTableSchema);
        checkName(dialect, "history_table", historyTable);
    }

    private static void checkName(dev.retort.dialect.Dialect dialect, String key, String name) {
        // no engine's names hold a NUL; each refused it in words of its own (a syntax error, an encoding error
        // blamed on the connection), with the raw byte in the message (t34-6)
        String problem = name.indexOf('\0') >= 0 ? "it holds a NUL character (U+0000), which no database's names can hold"
                : dialect.nameProblem(name);
        if (problem != null) {
            throw new dev.retort.RetortException(key + " '" + shown(name) + "' cannot be used on " + dialect.displayName()
                    + ": " + problem + ". Choose another name.");
        }
    }

    /** {@code name} with its control characters (a NUL, a line break) as {@code \}{@code uXXXX}, for a one-line message. */
    private static String shown(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
