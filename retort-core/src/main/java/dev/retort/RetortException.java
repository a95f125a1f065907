package dev.retort;

/**
 * An error the user can cause and fix: bad config, unknown revision, failed statement.
 * The command line prints its message alone (no stack trace unless {@code -v}); the message
 * must name the file, revision or statement at fault and never contain a password.
 */
public class RetortException extends RuntimeException {
    public RetortException(String message) {
        super(message);
    }

    public RetortException(String message, Throwable cause) {
        super(message, cause);
    }
}
