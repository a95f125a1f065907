package dev.retort.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Ctrl-C and SIGTERM (a container being stopped) during a migration run. The JVM runs its shutdown hooks
 * and then halts, wherever the main thread is: the run's connection simply vanished, and the statement it
 * was executing went on on the server (PostgreSQL notices a client is gone only when it next writes to
 * it), holding its locks until it finished and was then rolled back. Now the hook cancels that statement
 * on the server and waits for the run to fail there, roll back, release the migration lock and print its
 * one-line failure; then the JVM exits with the signal's status (130 for Ctrl-C). Read-only commands are
 * stopped at once after their FAILED line (and --json document), except while they load a {@code sql:} model into a
 * scratch database on the server, which is then dropped first (t47-1).
 */
public final class Interrupts {
    /** How long the hook waits for the run to roll back and report, before the JVM halts regardless. */
    private static final long GRACE_SECONDS = 20;
    /**
     * How long it waits for a run that had changed nothing (connecting, reading the version table, waiting for the
     * lock) to report: it notices the cancel within 50 ms while connecting, at once in a cancelled read, within one
     * poll of the lock (0.2 s), and prints its failure and the --json document (t26-6, t39-1). Only a run busy
     * elsewhere (compiling its Java revisions) takes longer; then the hook says itself that nothing was changed.
     */
    private static final long NOTHING_BEGUN_SECONDS = 3;

    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    /** Held while the command prints its JSON document, and while the hook prints an interrupted command's failure. */
    private static final java.util.concurrent.locks.ReentrantLock OUTPUT = new java.util.concurrent.locks.ReentrantLock();
    /** The command whose failure the hook prints when a signal stops it outside a migration run. */
    private static volatile RetortCommand command;
    /** The hook printed the command's failure: whatever the command still prints to stdout is dropped. */
    private static volatile boolean reported;
    /** The command's Retorts (see {@link #reads}): an interrupt outside a run cancels their reads in progress. */
    private static final java.util.Queue<Runnable> READS = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static volatile BooleanSupplier cancelRun;
    private static volatile BooleanSupplier runBegun;

    private Interrupts() {
    }

    /** Called once by {@link Main#main}: the process, not in-process runs (tests), owns the hook. */
    static void install(PrintStream err) {
        Runtime.getRuntime().addShutdownHook(new Thread(new Hook(err, Thread.currentThread()), "retort-interrupt"));
    }

    /** The command line being run, whose failure (and --json document) an interrupt outside a run prints. */
    static void command(RetortCommand root) {
        command = root;
    }

    /**
     * Prints a JSON document unless the hook has printed the interrupted command's failure and its document: stdout
     * holds one document, whoever printed it.
     */
    public static void printJson(Runnable print) {
        OUTPUT.lock();
        try {
            if (!reported) print.run();
        } finally {
            OUTPUT.unlock();
        }
    }

    /**
     * A Retort the command reads the database with: an interrupt outside a migration run calls {@code cancel} (its
     * {@code cancel()}), which cancels its read of the version table on the server, where it would otherwise go on
     * waiting behind another session's lock after the process is gone (t46-4).
     */
    public static void reads(Runnable cancel) {
        READS.add(cancel);
    }

    /** Whether the hook has printed the interrupted command's failure: the command's own is then not printed. */
    public static boolean reported() {
        return reported;
    }

    /** The command has printed everything it will print (its failure, if any). */
    static void finished() {
        FINISHED.countDown();
    }

    /** Set when the hook starts: the JVM is shutting down for a signal (or a revision's System.exit). */
    private static volatile boolean hookStarted;

    /**
     * Called by {@link Main#main} instead of System.exit once the command is over while the hook runs: the JVM then
     * exits with the signal's status (130, 143) when the hook is done. A System.exit(1) of the command's failure that
     * came in just after the hooks had finished halted the JVM with 1 instead (JDK's Shutdown.exit halts at once on a
     * non-zero status once shut down), now and then, under load: a SIGTERM'd CI job then read as an ordinary failure.
     */
    static boolean exitLeftToTheHook() {
        if (!hookStarted) return false;
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // the JVM halts this thread with the others
            }
        }
    }

    /**
     * Runs {@code run} (a migration run) so that an interrupt meanwhile calls {@code cancel}, which says
     * whether the run had begun to change the database (and so is worth waiting for while it rolls back);
     * {@code begun} says the same without cancelling, so that the interrupt's first line says what it stops.
     */
    public static <T> T cancellable(BooleanSupplier begun, BooleanSupplier cancel, Supplier<T> run) {
        runBegun = begun;
        cancelRun = cancel;
        try {
            return run.get();
        } finally {
            cancelRun = null;
            runBegun = null;
        }
    }

    /** What the hook prints first: the run it stops had begun (holds its lock), or had changed nothing yet. */
    static String interruptedLine(boolean begun) {
        return begun
                ? "Interrupted: stopping the run (the statement in progress is cancelled; what the run has not committed is rolled back)."
                : "Interrupted: stopping the run, which has not begun to change the database.";
    }

    /** The frame that called System.exit/Runtime.exit on the thread, or null when it is not exiting. */
    static String exitCaller(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length - 1; i++) {
            StackTraceElement e = stack[i];
            boolean exit = e.getMethodName().equals("exit")
                    && (e.getClassName().equals("java.lang.System") || e.getClassName().equals("java.lang.Runtime"));
            if (exit && !stack[i + 1].getClassName().equals("java.lang.System")) {
                StackTraceElement c = stack[i + 1];
                return c.getClassName() + "." + c.getMethodName()
                        + (c.getFileName() == null ? "" : " (" + c.getFileName() + ":" + c.getLineNumber() + ")");
            }
        }
        return null;
    }

    /** The hook's first line when it stops a model load (named, as {@link Hook} is). */
    private record Announce(PrintStream err) implements java.util.function.Consumer<java.util.List<String>> {
        @Override
        public void accept(java.util.List<String> names) {
            err.println("Interrupted: stopping the model load and dropping its scratch database " + String.join(", ", names) + ".");
            err.flush();
        }
    }

    /** A named class: lambdas are spun on every start and kept out of the class-data archive. */
    private record Hook(PrintStream err, Thread main) implements Runnable {
        @Override
        public void run() {
            hookStarted = true;
            BooleanSupplier cancel = cancelRun;
            if (cancel == null) {
                if (!stopScratchDatabases() && reportInterrupted("Interrupted before the command finished; it changed"
                        + " nothing in the database")) {
                    for (Runnable cancelReads : READS) cancelReads.run();
                }
                return;
            }
            String caller = exitCaller(main.getStackTrace());
            if (caller != null) {
                // not a signal: code of a revision called System.exit, whose status (0, say) would pass for success
                err.println("FAILED: " + caller + " called System.exit during the run, which stopped it; what the run had"
                        + " not committed is rolled back by the database when the connection closes. Exit status 1.");
                err.flush();
                Runtime.getRuntime().halt(1);
            }
            // the line is printed before the cancel, which may take a moment; it claimed a rollback also for a run
            // still connecting or reading the version table, which had nothing to roll back (t39-1)
            BooleanSupplier begunNow = runBegun;
            boolean begun = begunNow != null && begunNow.getAsBoolean();
            err.println(interruptedLine(begun));
            err.flush();
            if (!cancel.getAsBoolean()) {
                // still connecting, reading the version table or waiting for the lock: nothing to roll back, but the
                // run's report ("Cancelled while connecting to ... / waiting for the migration lock ...; nothing was
                // changed") is a moment away; returning at once let the JVM halt before it, racing the lock's poll
                if (!awaitReport(NOTHING_BEGUN_SECONDS)) {
                    // busy elsewhere (compiling its Java revisions): the hook reports, with the --json document the
                    // command owes, and what the run prints later is dropped (t46-4)
                    reportInterrupted("Interrupted before the run began; nothing was changed");
                }
                return;
            }
            if (!begun) {
                // it took the lock between the two questions: it now rolls back
                err.println(interruptedLine(true));
                err.flush();
            }
            // a Java revision's own code sleeping or waiting (no statement to cancel) was interrupted by the cancel itself
            // (Retort.cancel(), as in an application: t58-1): its wait ends, the revision fails, and the run rolls back
            // and reports as for a cancelled statement
            if (!awaitReport(GRACE_SECONDS)) {
                err.println("FAILED: the run did not stop within " + GRACE_SECONDS + " s of the interrupt (a revision's own"
                        + " code kept running); the process exits now. The database rolls back what the run had not"
                        + " committed when the connection closes; on engines without transactional DDL (MariaDB, H2)"
                        + " statements already run stay applied: 'retort current' and the history table say where it is.");
                err.flush();
            }
        }

        /**
         * A read-only command loading a {@code sql:} model (check, revision --autogenerate) has a scratch database on
         * the server: the load is stopped, and its owner drops the scratch and prints its failure (and the --json
         * document) before the JVM halts; halting at once left the scratch behind (t47-1).
         */
        private boolean stopScratchDatabases() {
            java.util.List<String> names = dev.retort.autogenerate.ScratchDatabases.stopAll(new Announce(err));
            if (names.isEmpty()) return false;
            if (!awaitReport(GRACE_SECONDS)) {
                err.println("FAILED: the model load did not stop within " + GRACE_SECONDS + " s of the interrupt; the"
                        + " process exits now, and the scratch database " + String.join(", ", names) + " may be left on"
                        + " the server: drop it with DROP DATABASE.");
                err.flush();
            }
            return true;
        }

        /**
         * A command outside a migration run (check, current, history...) changes nothing in the database and stops
         * at once, but says so: a CI job's log showed nothing, and check --json printed no document (t47-1). So does
         * a run that has not begun and does not report in time. Whether it printed (the command had not finished).
         */
        private boolean reportInterrupted(String message) {
            RetortCommand root = command;
            if (root == null) return false; // not begun: nothing owed
            boolean locked;
            try {
                // bounded: the command may be stuck writing its document to a pipe nobody reads
                locked = OUTPUT.tryLock(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                locked = false;
            }
            try {
                if (FINISHED.getCount() == 0) return false; // it has printed all it will
                reported = true;
                err.println("FAILED: " + message);
                err.flush();
                if (locked && root.owesJson()) {
                    root.out().println(dev.retort.cli.commands.BaseCommand.jsonText(java.util.Map.of("error", message)));
                    root.out().flush();
                }
            } finally {
                if (locked) OUTPUT.unlock();
            }
            return true;
        }

        /** Waits up to {@code seconds} for the command to print all it will; whether it did. */
        private static boolean awaitReport(long seconds) {
            try {
                return FINISHED.await(seconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
