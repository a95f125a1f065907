package dev.retort.dialect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/** Small helpers shared by the engines' locks. */
public final class LockKeys {
    private LockKeys() {
    }

    /** A stable 64-bit number for a lock name (PostgreSQL advisory locks take a bigint). */
    public static long number(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code name} where it fits in {@code max} characters; a longer one cut to make room for its {@link #number} in
     * hex, so that long names stay distinct (MariaDB's 64-character lock names, H2's 255-character lock rows).
     */
    public static String fitted(String name, int max) {
        return name.length() <= max ? name : name.substring(0, max - 17) + ":" + Long.toHexString(number(name));
    }

    /** "2.5 s", "60 s": how long a lock was waited for, in messages. */
    public static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The timeout every engine reports. */
    public static LockTimeoutException timeout(String key, String how, Duration waited) {
        return timeout(key, how, waited, null);
    }

    /**
     * The {@code holder} sentence of {@link #timeout(String, String, Duration, String)}: {@code who} (the session, with
     * {@code details} in brackets, or a note that they are hidden from this user when null), why a killed run's session
     * may still hold the lock, and {@code end}, the statement that ends it.
     */
    public static String holder(String who, String details, String session, String end) {
        return who + (details == null ? " (its details are hidden from this user)" : " (" + details + ")")
                + ". A run killed during a statement (kill -9) leaves its " + session + " holding the lock until that"
                + " statement ends; if no run is going, end the " + session + " with " + end + ".";
    }

    /**
     * The timeout, naming the session that holds the lock where the engine can tell ({@code holder}: what it is and
     * how to end it, a sentence of its own; null when unknown). A run killed with {@code kill -9} during a long
     * statement leaves its session holding the lock until that statement ends (t76-3), and only the session can
     * tell such an orphan from a live run.
     */
    public static LockTimeoutException timeout(String key, String how, Duration waited, String holder) {
        return new LockTimeoutException("Timed out after " + seconds(waited) + " waiting for the migration lock '" + key
                + "' (" + how + "): another run holds it" + (holder == null ? ". Wait for it to finish"
                : ": " + holder + " Otherwise wait for it to finish"));
    }
}
