package dev.retort.autogenerate;

import dev.retort.RetortException;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scratch databases that {@code sql:} models are loaded into on PostgreSQL and MariaDB, while they exist, so
 * that a shutdown (Ctrl-C, a CI job's SIGTERM) can stop them: the statement in progress is cancelled, the model
 * load fails, and the thread that made the scratch drops it on its way out (t47-1: the JVM halted wherever that
 * thread was, and every cancelled {@code retort check} left a {@code retort_scratch_*} database on the server).
 * Only the owner drops: its connection is the one that may, and a JDBC connection is not shared between threads.
 */
public final class ScratchDatabases {
    private static final Set<Scratch> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean stopping;
    private static final java.util.concurrent.atomic.AtomicBoolean HOOKED = new java.util.concurrent.atomic.AtomicBoolean();
    /** How long the shutdown hook waits for the owners to drop their scratch, as the command line waits for its report. */
    private static final long DROP_WAIT_SECONDS = 20;

    private ScratchDatabases() {
    }

    /** Whether a shutdown is stopping the scratch databases: a failed load is then that, not the model's error. */
    static boolean stopping() {
        return stopping;
    }

    /**
     * Stops every scratch in use now and refuses new ones: call it from a shutdown hook, then wait for the owners
     * to report (they drop their scratch first).
     *
     * @param announce called with the scratch databases in use, if any, before their statements are cancelled
     * @return the scratch databases that were in use, whose owners are now failing and dropping them
     */
    public static java.util.List<String> stopAll(java.util.function.Consumer<java.util.List<String>> announce) {
        stopping = true; // set before reading the set: either the hook sees a scratch or its owner sees the flag
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Scratch s : LIVE) names.add(s.name);
        if (names.isEmpty()) return names;
        announce.accept(names); // before the cancel: the owner's failure follows this line
        // a statement registered a moment before the driver sends it is not yet cancellable (pgjdbc ignores the
        // cancel): repeated, as RunCancellation does, until none is executing (its owner then fails) or for 5 s
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (LIVE.stream().anyMatch(Scratch::cancel) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return names;
    }

    /** A scratch about to be created: registered before its CREATE, so that no moment escapes {@link #stopAll}. */
    static Scratch open(String name, String origin) {
        hookOnce();
        Scratch s = new Scratch(name, origin);
        LIVE.add(s);
        if (stopping) {
            LIVE.remove(s);
            throw s.interrupted();
        }
        return s;
    }

    /**
     * An application stopped (Ctrl-C, SIGTERM: a cancelled CI job running its drift-check test) while a model is
     * loaded drops the scratch too, as the command line does (t48-1): a shutdown hook, added with the first scratch,
     * stops the loads and waits for their owners to drop them. The command line's own hook does the same, and says so.
     */
    private static void hookOnce() {
        if (!HOOKED.compareAndSet(false, true)) return;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(ScratchDatabases::stopAndAwaitDropped, "retort-scratch-databases"));
        } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping already: open() refuses the scratch below only if a stop was asked; nothing to add
        }
    }

    private static void stopAndAwaitDropped() {
        stopAll(names -> { });
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(DROP_WAIT_SECONDS);
        while (!LIVE.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One scratch database and the statement running in it, if any. */
    static final class Scratch implements AutoCloseable {
        private final String name;
        private final String origin;
        private volatile Statement executing;

        private Scratch(String name, String origin) {
            this.name = name;
            this.origin = origin;
        }

        /** Call before {@code s} executes in the scratch; throws when a shutdown stops the load. */
        void entering(Statement s) {
            executing = s;
            check();
        }

        void exited() {
            executing = null;
        }

        /** Throws when a shutdown stops the load: before each statement, and after a failed one. */
        void check() {
            if (stopping) throw interrupted();
        }

        /** What a read of the loaded scratch gives, unless a shutdown stopped the load: then that says so. */
        <T> T reflected(Read<T> read) throws SQLException {
            T value;
            try {
                value = read.get();
            } catch (SQLException | RuntimeException e) {
                check(); // the shutdown's KILL QUERY ends the read with "Query execution was interrupted"
                throw e;
            }
            check(); // stopped while reflecting: the command fails rather than go on
            return value;
        }

        /** A read of the scratch. */
        interface Read<T> {
            T get() throws SQLException;
        }

        RetortException interrupted() {
            return new RetortException("Interrupted while loading the model " + origin + " into the scratch database "
                    + name + "; the scratch database is dropped, and nothing else was changed");
        }

        /** Cancels the statement executing, if any; whether there was one. */
        private boolean cancel() {
            Statement s = executing;
            if (s == null) return false;
            try {
                s.cancel();
            } catch (SQLException | RuntimeException e) {
                // it may have just finished: the owner stops before its next statement
            }
            return true;
        }

        /** The scratch is dropped (or was never created). */
        @Override
        public void close() {
            LIVE.remove(this);
        }
    }
}
