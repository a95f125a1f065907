package dev.retort.runtime;

import dev.retort.dialect.SqlStatement;

import java.sql.SQLException;

/** A statement the database refused; carries the statement so the runner can name it. */
final class StatementFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SqlStatement statement;

    StatementFailedException(SqlStatement statement, SQLException cause) {
        super(cause.getMessage(), cause);
        this.statement = statement;
    }

    SqlStatement statement() {
        return statement;
    }

    SQLException sqlException() {
        return (SQLException) getCause();
    }
}
