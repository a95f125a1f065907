package dev.retort.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ctrl-C and SIGTERM (a container being stopped) during a migration run. The JVM runs its shutdown hooks
 * and then halts, wherever the main thread is: the run's connection simply vanished, and the statement it
 * was executing went on on the server (PostgreSQL notices a client is gone only when it next writes to
 * it), holding its locks until it finished and was then rolled back. Now the hook cancels that statement
 * on the server and waits for the run to fail there, roll back, release the migration lock and print its
 * one-line failure; then the JVM exits with the signal's status (130 for Ctrl-C). Read-only commands are
 * left to stop as they always did.
 */
public final class Interrupts {
    /** How long the hook waits for the run to roll back and report, before the JVM halts regardless. */
    private static final long GRACE_SECONDS = 20;

    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    private static volatile Runnable cancelRun;

    private Interrupts() {
    }

    /** Called once by {@link Main#main}: the process, not in-process runs (tests), owns the hook. */
    static void install(PrintStream err) {
        Runtime.getRuntime().addShutdownHook(new Thread(new Hook(err), "retort-interrupt"));
    }

    /** The command has printed everything it will print (its failure, if any). */
    static void finished() {
        FINISHED.countDown();
    }

    /** Runs {@code run} (a migration run) so that an interrupt meanwhile calls {@code cancel}. */
    public static <T> T cancellable(Runnable cancel, Supplier<T> run) {
        cancelRun = cancel;
        try {
            return run.get();
        } finally {
            cancelRun = null;
        }
    }

    /** A named class: lambdas are spun on every start and kept out of the class-data archive. */
    private record Hook(PrintStream err) implements Runnable {
        @Override
        public void run() {
            Runnable cancel = cancelRun;
            if (cancel == null) return;
            err.println("Interrupted: cancelling the statement in progress; the run stops and rolls back what it has not committed.");
            err.flush();
            cancel.run();
            try {
                FINISHED.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
