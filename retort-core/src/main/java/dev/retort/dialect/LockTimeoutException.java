package dev.retort.dialect;

import dev.retort.RetortException;

/**
 * Another run held the migration lock for longer than the timeout. The message ends with "Wait for it
 * to finish"; the runner, which knows how its caller sets the timeout, adds how to wait longer.
 */
public final class LockTimeoutException extends RetortException {
    LockTimeoutException(String message) {
        super(message);
    }
}
