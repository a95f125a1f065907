package dev.retort.dialect;

import dev.retort.ops.Operation;

/**
 * Where a revision called an operation that its renderer holds back, to render it with a later one or at the
 * revision's end (MariaDB's constraint drop joined to a following DROP COLUMN, SQLite's move-and-copy of several
 * changes to one table). A refusal found then is thrown outside the revision's call of the operation, so its stack
 * holds no frame of the revision's code: it is given the call as its cause, where the failure message looks for
 * the revision's line, as it finds it for every operation refused at once ({@code (at r2.java:7)}; t52-3).
 */
public final class OperationCalls {
    private OperationCalls() {
    }

    /** The revision's call of {@code op}, now (a stack trace: kept only for operations held back). */
    public static Throwable site(Operation op) {
        return new Call(op);
    }

    /** {@code e} with {@code site} as its cause, unless it has one already (or there is no site). */
    public static <E extends RuntimeException> E at(E e, Throwable site) {
        if (site == null || e.getCause() != null) return e;
        try {
            e.initCause(site);
        } catch (IllegalStateException alreadySet) {
            // built with an explicit null cause: left as it is
        }
        return e;
    }

    /**
     * The call {@link #at} gave {@code e} (or one of its causes), or null: where the operation was called, which the
     * refusal's own stack does not say (when the next operation's call rendered the held one, its frames name that call).
     */
    public static Throwable of(Throwable e) {
        Throwable t = e;
        for (int i = 0; t != null && i < 20; i++, t = t.getCause()) { // 20: any wrapping, and an end to a cycle
            if (t instanceof Call) return t;
            // a statement's failure: the call is added to it, its cause being the database's error (t54-5)
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof Call) return s;
            }
        }
        return null;
    }

    private static final class Call extends Throwable {
        Call(Operation op) {
            super("where the revision called " + op.describe());
        }
    }
}
