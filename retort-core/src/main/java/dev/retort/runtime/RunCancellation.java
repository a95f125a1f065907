package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.LockWait;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops runs from another thread (Ctrl-C, a container's SIGTERM, an application shutting down). A
 * statement executing is cancelled on the server ({@link Statement#cancel}: PostgreSQL's cancel request,
 * MariaDB's {@code KILL QUERY}, {@code sqlite3_interrupt}, H2's cancel), so that a long index build or
 * data migration stops now instead of running to its end and only then finding its client gone, still
 * holding its locks; the run then fails at that statement and rolls back as after any failure. A run
 * between statements stops before its next one. Once cancelled, it stays cancelled: runs that start
 * afterwards stop at once.
 */
final class RunCancellation implements LockWait {
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long RETRY_PAUSE_MILLIS = 50;
    /**
     * How long a thread in a DataSource's getConnection that is not waiting yet is waited for: a pool gets to its
     * wait at once; one busy longer is making a connection (its I/O), which the run gives back as soon as it has it.
     */
    private static final long CONNECT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Set<Statement> executing = ConcurrentHashMap.newKeySet();
    /** Per step that handed its connection to a Java revision's own JDBC: how to cancel what that runs. */
    private final Set<Runnable> rawConnections = ConcurrentHashMap.newKeySet();
    /**
     * The threads {@link #cancel} interrupts where they sleep or wait: running a revision's code (t58-1), or in a
     * DataSource's {@code getConnection()} for a run (f4-3: a pool's wait for a free connection ran to its timeout,
     * HikariCP's 30 s by default, whatever the cancel).
     */
    private final Map<Thread, Interruptible> interruptible = new ConcurrentHashMap<>();
    /** The threads inside a statement of a run (the driver's I/O, H2's engine): never interrupted. */
    private final Set<Thread> inStatement = ConcurrentHashMap.newKeySet();
    private final AtomicInteger working = new AtomicInteger();
    private volatile boolean requested;
    /** How many times {@link #cancel} was called: a read outside a run stops for a cancel made while it reads. */
    private final AtomicInteger cancels = new AtomicInteger();

    /**
     * Cancels the statements executing now (and what a Java revision runs on the connection itself) and
     * every later one, and interrupts a revision's own code that sleeps or waits (its {@code InterruptedException}
     * fails the revision at once, as the command line's Ctrl-C does; t58-1: the code ran to its end before) and a
     * DataSource's getConnection that waits for a free connection (f4-3; the pool's SQLException ends the run). A
     * statement registered a moment before the driver sends it is not yet cancellable (pgjdbc and H2 ignore a
     * cancel until it runs, SQLite's interrupt only reaches running statements), and code may begin its wait a
     * moment after the cancel, so both are repeated while they last, for up to {@link #RETRY_NANOS}; returns when
     * none is left executing or then.
     *
     * @return whether a run was under way (past the lock): it is now failing and rolling back, which is
     *         worth waiting for before the process exits. A run still connecting or waiting for the lock has
     *         changed nothing and stops before its first statement.
     */
    boolean cancel() {
        requested = true;
        cancels.incrementAndGet();
        boolean wasWorking = working.get() > 0;
        long deadline = System.nanoTime() + RETRY_NANOS;
        long connectDeadline = System.nanoTime() + CONNECT_RETRY_NANOS;
        // the waiting threads are asked first, every round (|, not ||): a revision holding
        // op.connection() keeps rawConnections non-empty for its whole step, and a short-circuit there left its
        // sleeping code uninterrupted to its end (t62-2)
        while (interruptWaiting(System.nanoTime() < connectDeadline) | !executing.isEmpty() | !rawConnections.isEmpty()) {
            for (Statement s : executing) {
                try {
                    s.cancel();
                } catch (SQLException | RuntimeException e) {
                    // it may have just finished; the run stops before its next one anyway
                }
            }
            for (Runnable cancelRunning : rawConnections) cancelRunning.run();
            if (System.nanoTime() > deadline) return wasWorking;
            try {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return wasWorking;
            }
        }
        return wasWorking;
    }

    /**
     * Interrupts each {@link #interruptible} thread that sleeps or waits (WAITING, TIMED_WAITING), once; whether one is
     * left to interrupt (running, not yet waiting). A thread in a statement is left alone, as is one in any other I/O
     * (RUNNABLE): an interrupt there could close an H2 file channel. The thread calling cancel() from a revision's own
     * code is not waited for.
     *
     * @param connectsWaitedFor whether a thread in getConnection() not waiting yet counts as left (a revision's code
     *                          always does)
     */
    private boolean interruptWaiting(boolean connectsWaitedFor) {
        boolean left = false;
        for (var e : interruptible.entrySet()) {
            Thread t = e.getKey();
            Interruptible i = e.getValue();
            if (i.interrupted() || t == Thread.currentThread() || inStatement.contains(t)) continue;
            Thread.State state = t.getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                left |= !i.connecting() || connectsWaitedFor;
            } else if (!(i.connecting() && inH2(t)) && interruptible.replace(t, i, i.interrupt())) {
                t.interrupt();
            }
        }
        return left;
    }

    /**
     * Whether {@code t} waits inside H2 (a DataSource opening an H2 database): the database's file channel, which an
     * interrupt closes, is shared by its other sessions. A frame of H2's tells, as nothing else does before the
     * connection is there to say which database it is.
     */
    private static boolean inH2(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) if (frame.getClassName().startsWith("org.h2.")) return true;
        return false;
    }

    /**
     * A thread {@link #cancel} may interrupt: where it is ({@code connecting}: in getConnection(), else in a revision's
     * code), whether cancel() has interrupted it, and the registration it had before this one ({@code outer}, or null:
     * a revision's code connecting for a run of the same Retort is its code again afterwards).
     */
    private record Interruptible(boolean connecting, boolean interrupted, Interruptible outer) {
        Interruptible interrupt() {
            return new Interruptible(connecting, true, outer);
        }
    }

    private void register(boolean connecting) {
        Thread t = Thread.currentThread();
        interruptible.put(t, new Interruptible(connecting, false, interruptible.get(t)));
    }

    /**
     * Ends the calling thread's last registration. An interrupt of {@link #cancel}'s that the thread did not consume
     * (its code re-asserted it, or had just left its wait) is cleared: it was the run's, not the caller's, and the
     * run's rollback and the application's next call on this thread must not meet it (an interrupted H2 file channel
     * closes).
     */
    private void unregister() {
        Thread t = Thread.currentThread();
        Interruptible i = interruptible.remove(t);
        if (i == null) return;
        if (i.outer() != null) interruptible.put(t, i.outer());
        if (i.interrupted()) Thread.interrupted();
    }

    /**
     * The calling thread runs a revision's code (its upgrade or downgrade) until {@link #revisionCodeEnded}:
     * {@link #cancel} interrupts it when it sleeps or waits there.
     */
    void revisionCodeStarted() {
        register(false);
    }

    /** The revision's code has returned or thrown (see {@link #unregister}). */
    void revisionCodeEnded() {
        unregister();
    }

    /**
     * The calling thread asks a DataSource for a run's connection until {@link #connectEnded}: {@link #cancel}
     * interrupts it while it waits there (a pool's wait for a free connection, which ends with an SQLException).
     * Throws when the run is cancelled already.
     */
    void connectStarted() {
        register(true);
        if (requested) {
            unregister();
            throw new Stopped();
        }
    }

    /** {@code getConnection()} has returned or thrown (see {@link #unregister}). */
    void connectEnded() {
        unregister();
    }

    /**
     * For the connection op.connection() hands out: the calling thread is inside the driver (its own statements'
     * I/O, H2's engine) while a call lasts, where {@link #cancel} does not interrupt it, as in a run's statement.
     */
    RevisionConnection.DriverCalls driverCalls() {
        return new RevisionConnection.DriverCalls() {
            @Override
            public void entering() {
                inStatement.add(Thread.currentThread());
            }

            @Override
            public void exited() {
                inStatement.remove(Thread.currentThread());
            }
        };
    }

    /** A run holds the migration lock and may change the database from now until {@link #endedWork}. */
    void startedWork() {
        working.incrementAndGet();
    }

    /** The run has committed or rolled back, and released the lock. */
    void endedWork() {
        working.decrementAndGet();
    }

    /** Whether a run holds the migration lock now (between {@link #startedWork} and {@link #endedWork}). */
    boolean working() {
        return working.get() > 0;
    }

    /**
     * The wait of one read of the version table outside a run ({@code current()}, the command line's current and
     * check): its statement is registered as a run's is, so that {@link #cancel} (Ctrl-C) cancels it on the server
     * instead of leaving it waiting there behind another session's lock (t46-4); {@link LockWait#cancelled} then says
     * so. A cancel made before the read began does not stop it: reads still work on a cancelled Retort.
     */
    LockWait forRead() {
        int at = cancels.get();
        return new LockWait() {
            @Override
            public void entering(Statement s) {
                executing.add(s);
                if (cancelled()) {
                    executing.remove(s);
                    throw new Stopped();
                }
            }

            @Override
            public void exited(Statement s) {
                executing.remove(s);
            }

            @Override
            public boolean cancelled() {
                return cancels.get() != at;
            }
        };
    }

    /** How many statements are executing now (one per run in progress, at most). */
    int executing() {
        return executing.size();
    }

    @Override
    public boolean cancelled() {
        return requested;
    }

    /**
     * Throws when a run is about to start after a cancel: cancelled stays cancelled (a shutdown must not be
     * undone by a run that starts a moment later), and the message says that this run never started, in the
     * caller's words ({@code advice}: Ctrl-C, or the application's {@code cancel()}).
     */
    void checkBeforeStart(dev.retort.config.Advice advice) {
        if (requested) throw new RetortException(advice.cancelled() + "; nothing was changed");
    }

    /** Throws when the run must stop: before a step, and before each statement. */
    void check() {
        if (requested) throw new Stopped();
    }

    /** What {@link #check} throws: the run stopped itself between statements, and its message says so. */
    static final class Stopped extends RetortException {
        Stopped() {
            super("the run was cancelled (interrupted) before its next statement");
        }

        /** The message in the caller's words: Ctrl-C on the command line, {@code cancel()} in an application (t41-2). */
        String text(dev.retort.config.Advice advice) {
            return text(advice, "its next statement");
        }

        /** {@link #text(dev.retort.config.Advice)}, stopped before {@code what} (its COMMIT: t58-1). */
        String text(dev.retort.config.Advice advice, String what) {
            return "the run was cancelled (" + (advice.commandLine() ? "interrupted" : "cancel() was called") + ") before " + what;
        }
    }

    /**
     * Call right before {@code s} executes, and {@link #exited} after. Registers, then checks: with
     * {@link #cancel} setting the flag, then reading the set, either the run sees the flag or the
     * canceller sees the statement.
     */
    @Override
    public void entering(Statement s) {
        inStatement.add(Thread.currentThread());
        executing.add(s);
        if (requested) {
            executing.remove(s);
            inStatement.remove(Thread.currentThread());
            check();
        }
    }

    @Override
    public void exited(Statement s) {
        executing.remove(s);
        inStatement.remove(Thread.currentThread());
    }

    /**
     * A Java revision has the run's connection for its own JDBC ({@code op.connection()}): until
     * {@link #rawConnectionReleased}, a cancel also cancels whatever that connection executes
     * ({@code cancelRunning}, the dialect's connection-wide cancel; it must not throw).
     */
    void rawConnectionInUse(Runnable cancelRunning) {
        rawConnections.add(cancelRunning);
        if (requested) {
            rawConnections.remove(cancelRunning);
            check();
        }
    }

    /** The step that had the connection is over (before any rollback, which must not be cancelled). */
    void rawConnectionReleased(Runnable cancelRunning) {
        rawConnections.remove(cancelRunning);
    }
}
