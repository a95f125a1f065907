package dev.retort.runtime;

import dev.retort.RetortException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A connection being opened on another thread while this one reads the revision files: the two take
 * about as long as each other on a cold JVM (driver classes, TCP and authentication against parsing a
 * thousand headers), so a command that needs both waits for the longer instead of the sum.
 * <p>
 * A file database (SQLite, H2 files) is not opened early: that would create the file even when the
 * scripts turn out to be broken. Its driver is warmed up instead, by opening and closing an in-memory
 * database of the same engine, which loads and initialises everything the real open needs.
 */
final class EarlyConnection implements AutoCloseable {
    /** How often a cancellable wait for the connection asks whether its run was cancelled. */
    private static final long POLL_MILLIS = 50;

    private final CompletableFuture<Connection> future;
    private final Supplier<Connection> openHere;
    private boolean taken;

    private EarlyConnection(CompletableFuture<Connection> future, Supplier<Connection> openHere) {
        this.future = future;
        this.openHere = openHere;
    }

    /**
     * @param open      opens the connection (throws {@link RetortException} with the one-line message)
     * @param warmUpUrl for a file database: an in-memory URL of the same engine to open instead, then
     *                  {@code open} runs on the caller's thread in {@link #get}; null to open early
     */
    static EarlyConnection start(Supplier<Connection> open, String warmUpUrl) {
        CompletableFuture<Connection> future = new CompletableFuture<>();
        Runnable task = warmUpUrl == null
                ? () -> complete(future, open)
                : () -> {
                    Connections.warmUp(warmUpUrl);
                    future.complete(null);
                };
        Thread t = new Thread(task, "retort-connect");
        t.setDaemon(true);
        t.start();
        return new EarlyConnection(future, warmUpUrl == null ? null : open);
    }

    private static void complete(CompletableFuture<Connection> future, Supplier<Connection> open) {
        try {
            future.complete(open.get());
        } catch (Throwable e) {
            future.completeExceptionally(e);
        }
    }

    /** The open connection; the caller owns it from here. Rethrows what opening it threw. */
    Connection get() {
        Connection c;
        try {
            c = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new RetortException("Interrupted while connecting", e);
        } catch (ExecutionException e) {
            throw Futures.unchecked(e);
        }
        taken = true;
        return openHere == null ? c : openHere.get();
    }

    /**
     * {@link #get()}, given up when {@code cancelled} turns true meanwhile (asked every {@link #POLL_MILLIS}): a
     * connect cannot be cancelled (a server that accepts TCP and never answers holds it until the driver's
     * timeout), but the run that waits for it can stop now, having changed nothing (t39-1). The connection is
     * then closed as soon as it is open.
     *
     * @param whenCancelled what the wait then throws
     */
    Connection get(java.util.function.BooleanSupplier cancelled, Supplier<RetortException> whenCancelled) {
        while (!future.isDone()) {
            if (cancelled.getAsBoolean()) {
                close();
                throw whenCancelled.get();
            }
            try {
                future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // not open yet; or it failed, which get() rethrows
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new RetortException("Interrupted while connecting", e);
            }
        }
        return get();
    }

    /** When the connection was not taken (the scripts failed): closed as soon as it is open. */
    @Override
    public void close() {
        if (taken) return;
        taken = true;
        future.whenComplete((c, e) -> {
            if (c == null) return;
            try {
                c.close();
            } catch (SQLException ignored) {
                // nobody used it; nothing to report
            }
        });
    }
}
