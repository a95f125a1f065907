package dev.retort.runtime;

import dev.retort.dialect.SqlStatement;

import java.sql.SQLException;

/**
 * A statement the database refused; carries the statement so the runner can name it, and for a statement with
 * parameters the values it was sent (shortened) and, for a bulkInsert's, which of its rows it held.
 */
final class StatementFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SqlStatement statement;
    private final String values;
    /** A line saying what the failure likely means, or null (a statement over MariaDB's max_allowed_packet). */
    private String hint;

    StatementFailedException(SqlStatement statement, SQLException cause) {
        this(statement, cause, null);
    }

    /** @param values the statement's values as the failure names them ({@code Parameters: 3, 'abc'}), or null */
    StatementFailedException(SqlStatement statement, SQLException cause, String values) {
        super(cause.getMessage(), cause);
        this.statement = statement;
        this.values = values;
    }

    SqlStatement statement() {
        return statement;
    }

    SQLException sqlException() {
        return (SQLException) getCause();
    }

    /** The values line of the failure message, or null for a statement without parameters. */
    String values() {
        return values;
    }

    String hint() {
        return hint;
    }

    StatementFailedException withHint(String hint) {
        this.hint = hint;
        return this;
    }
}
