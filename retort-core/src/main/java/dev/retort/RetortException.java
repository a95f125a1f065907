package dev.retort;

import dev.retort.secrets.MaskedCauses;

/**
 * An error the user can cause and fix: bad config, unknown revision, failed statement.
 * The command line prints its message alone (no stack trace unless {@code -v}); the message
 * must name the file, revision or statement at fault and never contain a password, nor may its causes.
 */
public class RetortException extends RuntimeException {
    public RetortException(String message) {
        super(message);
    }

    /**
     * {@code cause} is kept as a copy with its passwords masked, should a driver's message in it quote one (the URL it
     * was given, a failed statement's {@code IDENTIFIED BY '...'}): an application logging this exception prints its
     * whole chain (see {@link MaskedCauses}).
     */
    public RetortException(String message, Throwable cause) {
        super(message, MaskedCauses.of(cause));
    }
}
