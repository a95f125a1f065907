package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.LockWait;

import java.sql.SQLException;
import java.sql.Statement;
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
    /** The threads running a revision's code now, and whether {@link #cancel} has interrupted each (t58-1). */
    private final java.util.Map<Thread, Boolean> revisionCode = new ConcurrentHashMap<>();
    /**
     * The threads in a DataSource's {@code getConnection()} for a run, and whether {@link #cancel} has interrupted each
     * (f4-3: a pool's wait for a free connection ran to its timeout, HikariCP's 30 s by default, whatever the cancel).
     */
    private final java.util.Map<Thread, Boolean> connecting = new ConcurrentHashMap<>();
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
        // the waiting threads are asked first, every round, and both kinds of them (|, not ||): a revision holding
        // op.connection() keeps rawConnections non-empty for its whole step, and a short-circuit there left its
        // sleeping code uninterrupted to its end (t62-2)
        while (interruptWaiting(revisionCode, true, false) | interruptWaiting(connecting, System.nanoTime() < connectDeadline, true)
                | !executing.isEmpty() | !rawConnections.isEmpty()) {
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
     * Interrupts each of {@code threads} (running a revision's code, or in a DataSource's getConnection) that sleeps
     * or waits (WAITING, TIMED_WAITING), once; whether one is left to interrupt (running, not yet waiting). A thread in
     * a statement is left alone, as is one in any other I/O (RUNNABLE): an interrupt there could close an H2 file
     * channel. The thread calling cancel() from a revision's own code is not waited for.
     *
     * @param waitForRunning whether a thread not waiting yet counts as left
     * @param notInH2 whether a thread waiting inside H2 (a DataSource opening an H2 database) is left alone too: its
     *                file channel, which an interrupt can close, is shared by the database's other sessions
     */
    private boolean interruptWaiting(java.util.Map<Thread, Boolean> threads, boolean waitForRunning, boolean notInH2) {
        boolean left = false;
        for (var e : threads.entrySet()) {
            Thread t = e.getKey();
            if (e.getValue() || t == Thread.currentThread() || inStatement.contains(t)) continue;
            Thread.State state = t.getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                left |= waitForRunning;
            } else if (!(notInH2 && inH2(t)) && threads.replace(t, false, true)) {
                t.interrupt();
            }
        }
        return left;
    }

    private static boolean inH2(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) if (frame.getClassName().startsWith("org.h2.")) return true;
        return false;
    }

    /**
     * The calling thread runs a revision's code (its upgrade or downgrade) until {@link #revisionCodeEnded}:
     * {@link #cancel} interrupts it when it sleeps or waits there.
     */
    void revisionCodeStarted() {
        revisionCode.put(Thread.currentThread(), false);
    }

    /**
     * The revision's code has returned or thrown. An interrupt of {@link #cancel}'s that the code did not consume
     * (it re-asserted it, or had just left its wait) is cleared: it was the run's, not the caller's, and the run's
     * rollback and the application's next call on this thread must not meet it (an interrupted H2 file channel closes).
     */
    void revisionCodeEnded() {
        Boolean interrupted = revisionCode.remove(Thread.currentThread());
        if (Boolean.TRUE.equals(interrupted)) Thread.interrupted();
    }

    /**
     * The calling thread asks a DataSource for a run's connection until {@link #connectEnded}: {@link #cancel}
     * interrupts it while it waits there (a pool's wait for a free connection, which ends with an SQLException).
     * Throws when the run is cancelled already.
     */
    void connectStarted() {
        connecting.put(Thread.currentThread(), false);
        if (requested) {
            connecting.remove(Thread.currentThread());
            throw new Stopped();
        }
    }

    /**
     * {@code getConnection()} has returned or thrown; an interrupt of {@link #cancel}'s that it did not consume is
     * cleared (as after a revision's code): the run's and not the caller's.
     */
    void connectEnded() {
        Boolean interrupted = connecting.remove(Thread.currentThread());
        if (Boolean.TRUE.equals(interrupted)) Thread.interrupted();
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
