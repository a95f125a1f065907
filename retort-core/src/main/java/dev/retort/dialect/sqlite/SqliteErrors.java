package dev.retort.dialect.sqlite;

import org.sqlite.SQLiteErrorCode;

import java.sql.SQLException;

/** What SQLite's errors say, for the lock and for the run (through {@link SqliteDialect}). */
final class SqliteErrors {
    private SqliteErrors() {
    }

    /** Busy or locked: another connection holds the lock this statement needs. */
    static boolean isBusy(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code
                || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
    }

    /** A rollback or commit answered so because SQLite ended the transaction itself (an interrupted statement). */
    static boolean noTransaction(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("no transaction is active");
    }
}
