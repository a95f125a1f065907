package dev.retort.runtime;

import dev.retort.RetortException;

/** A revision failed while running; carries the revision id (null when it failed outside any revision). */
public class MigrationFailedException extends RetortException {
    private static final long serialVersionUID = 1L;
    private final String revision;

    public MigrationFailedException(String revision, String message, Throwable cause) {
        super(message, cause);
        this.revision = revision;
    }

    /** The revision that failed, or null. */
    public String revision() {
        return revision;
    }
}
