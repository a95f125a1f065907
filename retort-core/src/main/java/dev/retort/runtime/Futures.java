package dev.retort.runtime;

import dev.retort.RetortException;

import java.util.concurrent.ExecutionException;

/** Work done on a helper thread fails on the caller's thread as if it had been done there. */
final class Futures {
    private Futures() {
    }

    /** What the task threw, to be thrown again by the caller: unchecked as it was; an Error is thrown from here. */
    static RuntimeException unchecked(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) return re;
        if (cause instanceof Error err) throw err;
        return new RetortException(String.valueOf(cause), cause);
    }
}
