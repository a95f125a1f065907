package dev.retort.cli.log;

import java.io.PrintStream;

/** The console log's settings, set once by the CLI before anything logs. */
public final class ConsoleLog {
    /** 0 = quiet (warnings and errors), 1 = normal (info), 2 = verbose (debug), 3 = also libraries' lines. */
    static volatile int verbosity = 1;
    static volatile boolean color = false;
    static volatile PrintStream out = System.err;

    /**
     * A throwable's stack trace as text, passwords masked: a driver's own message often echoes the URL it was
     * given ("Unable to parse URL jdbc:postgresql://...&password=..."), or the failed SQL statement with a password
     * in it (r7-8), and -v must not print it.
     */
    public static String stackTrace(Throwable t) {
        java.io.StringWriter text = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(text));
        return dev.retort.runtime.OutputMasks.mask(text.toString());
    }

    private ConsoleLog() {
    }

    public static void configure(int verbosity, boolean color, PrintStream out) {
        ConsoleLog.verbosity = verbosity;
        ConsoleLog.color = color;
        ConsoleLog.out = out;
        dev.retort.runtime.OutputMasks.remember(); // this process prints driver lines and stack traces through it
        if (verbosity >= 3 || julBridged) {
            JulDriverLines.enable(verbosity >= 3); // only then: java.util.logging's set-up costs start-up time
            julBridged = verbosity >= 3;
        }
    }

    private static boolean julBridged;

    public static int verbosity() {
        return verbosity;
    }
}
