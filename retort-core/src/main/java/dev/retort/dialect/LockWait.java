package dev.retort.dialect;

import dev.retort.RetortException;

import java.sql.Statement;

/**
 * How a lock that is being waited for learns that its run was cancelled (Ctrl-C, an application shutting
 * down): a statement that blocks while it waits ({@code pg_advisory_lock}, {@code GET_LOCK}) is
 * registered so that the canceller can cancel it on the server; a lock that polls asks between polls.
 */
public interface LockWait {
    /** For waits nobody cancels. */
    LockWait UNCANCELLABLE = new LockWait() {
        @Override
        public void entering(Statement s) {
        }

        @Override
        public void exited(Statement s) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** Right before {@code s} blocks; throws when the run is cancelled already. */
    void entering(Statement s);

    /** {@link #entering} for the statement that waits for the lock {@code key}: a run cancelled already fails in the lock's words. */
    default void blocking(Statement s, String key) {
        if (cancelled()) throw cancelledWhileWaiting(key);
        entering(s);
    }

    void exited(Statement s);

    boolean cancelled();

    /** What the run fails with when it is cancelled while waiting for the lock {@code key}. */
    static RetortException cancelledWhileWaiting(String key) {
        return new RetortException("Cancelled while waiting for the migration lock '" + key + "'; nothing was changed");
    }
}
