package dev.retort.runtime;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * A connection to a database server being opened before the code that will use it knows it needs one:
 * the command line starts it from a first look at its arguments and configuration while picocli is
 * still parsing them, and hands it to {@link Retort#withHeadStart}. A cold JVM's first connection takes
 * ~100 ms of driver set-up, TCP and authentication, which then overlaps the command line's own start-up
 * instead of following it.
 * <p>
 * Taken at most once, and only for the same URL; whoever started it closes it if nobody took it.
 * Only server URLs are opened ahead: opening a SQLite or H2 file creates it.
 */
public final class ConnectionHeadStart implements AutoCloseable {
    private final String url;
    private final EarlyConnection opening;

    private ConnectionHeadStart(String url, EarlyConnection opening) {
        this.url = url;
        this.opening = opening;
    }

    /** Whether {@code url} is one this class opens ahead (a PostgreSQL, MariaDB or MySQL server). */
    public static boolean opensAhead(String url) {
        return url != null && (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:mariadb:")
                || url.startsWith("jdbc:mysql:"));
    }

    /**
     * Starts opening {@code url} on another thread; a failure is kept for whoever takes it, who sees the
     * same one-line message as from opening it then.
     *
     * @param displayUrl the URL as error messages name it (password masked)
     */
    public static ConnectionHeadStart open(String url, String displayUrl) {
        if (!opensAhead(url)) throw new IllegalArgumentException("not a server URL: " + displayUrl);
        return of(url, () -> Connections.open(url, displayUrl, false));
    }

    /** For {@code url}, a connection opened by {@code open} on another thread. */
    static ConnectionHeadStart of(String url, Supplier<Connection> open) {
        return new ConnectionHeadStart(url, EarlyConnection.start(open, null));
    }

    /** The opening connection if it is for {@code url}; otherwise null, and this one is closed. */
    EarlyConnection takeFor(String url) {
        if (this.url.equals(url)) return opening;
        close();
        return null;
    }

    /** Closes the connection once it is open, unless it was taken. */
    @Override
    public void close() {
        opening.close();
    }
}
