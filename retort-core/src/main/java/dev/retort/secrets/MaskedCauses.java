package dev.retort.secrets;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The cause of an exception the library throws, with every password masked in its messages, its causes', its
 * suppressed exceptions' and its SQLExceptions' next exceptions (t34-3). A driver quotes what it was given: pgjdbc the
 * URL ({@code Unable to parse URL ...?password=...}), DriverManager too ({@code No suitable driver found for ...}),
 * Connector/J the failed statement ({@code Query is: CREATE USER ... IDENTIFIED BY '...'}); an application's
 * {@code log.error("...", e)} prints the whole chain, and the command line's masking of the printed trace does not
 * reach it. An exception whose chain holds no password is handed on as it is; one that does is copied with its
 * stack trace: a {@link SQLException} as the nearest {@code java.sql} class of the driver's (its SQLState and error
 * code kept, for applications that read them), anything else as a {@link Masked} that prints the original's
 * class name.
 */
public final class MaskedCauses {
    /** How deep a chain is followed: far beyond any real one, and an end to a chain that loops. */
    private static final int MAX_DEPTH = 64;

    private MaskedCauses() {
    }

    /** {@code cause} with what is shaped like a password (in a URL, in SQL) masked; null stays null. */
    public static Throwable of(Throwable cause) {
        return of(cause, MaskedCauses::byShape);
    }

    /** {@code cause} with each message put through {@code mask}, and through the shape-based masking of {@link #of(Throwable)}. */
    public static Throwable of(Throwable cause, UnaryOperator<String> mask) {
        if (cause == null) return null;
        UnaryOperator<String> all = text -> text == null ? null : byShape(mask.apply(text));
        return copy(cause, all, new IdentityHashMap<>(), 0);
    }

    private static String byShape(String text) {
        return text == null ? null : SqlSecrets.mask(UrlSecrets.maskText(text));
    }

    private static Throwable copy(Throwable t, UnaryOperator<String> mask, Map<Throwable, Throwable> done, int depth) {
        if (t == null || depth > MAX_DEPTH) return null;
        if (done.containsKey(t)) return done.get(t); // null while t is being copied: a loop back to it is cut
        done.put(t, null);
        String message = t.getMessage();
        String masked = mask.apply(message);
        Throwable cause = copy(t.getCause(), mask, done, depth + 1);
        SQLException next = t instanceof SQLException se ? se.getNextException() : null;
        Throwable nextCopy = next == null ? null : copy(next, mask, done, depth + 1);
        Throwable[] suppressed = t.getSuppressed();
        Throwable[] suppressedCopies = new Throwable[suppressed.length];
        boolean changed = !java.util.Objects.equals(message, masked) || cause != t.getCause() || nextCopy != next;
        for (int i = 0; i < suppressed.length; i++) {
            suppressedCopies[i] = copy(suppressed[i], mask, done, depth + 1);
            changed |= suppressedCopies[i] != suppressed[i];
        }
        if (!changed) {
            done.put(t, t);
            return t;
        }
        Throwable out = t instanceof SQLException se ? sqlCopy(se, masked) : new Masked(t.getClass().getName(), masked);
        if (cause != null) out.initCause(cause);
        if (out instanceof SQLException copy && nextCopy instanceof SQLException n) copy.setNextException(n);
        for (Throwable s : suppressedCopies) if (s != out) out.addSuppressed(s);
        out.setStackTrace(t.getStackTrace());
        done.put(t, out);
        return out;
    }

    /** A copy of {@code e} with {@code message}: of the nearest class of {@code java.sql} in its line, SQLState and code kept. */
    private static SQLException sqlCopy(SQLException e, String message) {
        if (e instanceof BatchUpdateException b) {
            return new BatchUpdateException(message, b.getSQLState(), b.getErrorCode(), b.getUpdateCounts());
        }
        for (Class<?> c = e.getClass(); c != SQLException.class; c = c.getSuperclass()) {
            if (!c.getName().startsWith("java.sql.")) continue;
            try {
                return (SQLException) c.getConstructor(String.class, String.class, int.class)
                        .newInstance(message, e.getSQLState(), e.getErrorCode());
            } catch (ReflectiveOperationException | RuntimeException notThisOne) {
                // a java.sql class without (reason, SQLState, vendorCode): its parent then
            }
        }
        return new SQLException(message, e.getSQLState(), e.getErrorCode());
    }

    /** The masked copy of an exception that is not a SQLException; printed under the original's class name. */
    public static final class Masked extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        Masked(String originalClass, String message) {
            super(message);
            this.originalClass = originalClass;
        }

        /** The class of the exception this is a masked copy of. */
        public String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
