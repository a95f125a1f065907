package dev.retort.runtime;

import dev.retort.RetortException;

import java.util.List;

/** A revision failed while running; carries the revision id (null when it failed outside any revision). */
public class MigrationFailedException extends RetortException {
    private static final long serialVersionUID = 1L;
    private final String revision;
    private final transient List<AppliedStep> committed;

    public MigrationFailedException(String revision, String message, Throwable cause) {
        this(revision, message, cause, List.of());
    }

    /**
     * A run that failed outside any revision (a Java revision that does not compile, a broken revision file, an unknown
     * target, the lock's timeout, no connection): {@code failure}'s message, and {@code failure} as the cause as it is,
     * since its message and chain were masked where it was made (masked again, a revision id in "Can't locate revision
     * identified by 'x'" would read as a password).
     */
    MigrationFailedException(RetortException failure) {
        super(failure.getMessage());
        initCause(failure);
        this.revision = null;
        this.committed = List.of();
    }

    /** @param committed the run's steps that stay applied (committed before the failure) */
    public MigrationFailedException(String revision, String message, Throwable cause, List<AppliedStep> committed) {
        super(message, cause);
        this.revision = revision;
        this.committed = List.copyOf(committed);
    }

    /** The steps of the failed run that stay applied: committed before the failure (none when all was rolled back). */
    public List<AppliedStep> committed() {
        return committed == null ? List.of() : committed;
    }

    /** The revision that failed, or null. */
    public String revision() {
        return revision;
    }
}
