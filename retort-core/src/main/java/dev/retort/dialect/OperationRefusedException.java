package dev.retort.dialect;

import dev.retort.RetortException;

/**
 * An operation refused by its renderer, before its SQL is sent or written: what the engine cannot do (a partial
 * index on MariaDB), or what the operation does not say and the engine needs. A run's failure tells it from a
 * statement the database refused: on an engine whose DDL commits, the statements of the revision before it stay
 * applied though nothing of the refused operation ran, and {@code --sql} finds such refusals without a database
 * (t52-2).
 */
public class OperationRefusedException extends RetortException {
    public OperationRefusedException(String message) {
        super(message);
    }
}
