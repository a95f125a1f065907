package dev.retort.cli.log;

import java.io.PrintStream;

/** The console log's settings, set once by the CLI before anything logs. */
public final class ConsoleLog {
    /** 0 = quiet (warnings and errors), 1 = normal (info), 2 = verbose (debug), 3 = also libraries' lines. */
    static volatile int verbosity = 1;
    static volatile boolean color = false;
    static volatile PrintStream out = System.err;
    /**
     * Retort's warnings printed so far in this command: `check` and autogenerate reflect the model and the database
     * alike, and a clause Retort does not reproduce (a deferrable unique constraint, an INVISIBLE column, ...) was warned about twice, word for
     * word. Distinct warnings all print; the same text says nothing new the second time.
     */
    static final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A throwable's stack trace as text, passwords masked: a driver's own message often echoes the URL it was
     * given ("Unable to parse URL jdbc:postgresql://...&password=..."), or the failed SQL statement with a password
     * in it (r7-8), and -v must not print it.
     */
    public static String stackTrace(Throwable t) {
        java.io.StringWriter writer = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(writer));
        // Retort's own messages were masked where they were made, and are printed as they are without -vv; the
        // shape-based masks would blank their revision identifiers ("Can't locate revision identified by 'x'"
        // reads as a MySQL password clause), so they are kept out of the masking
        java.util.List<String> own = new java.util.ArrayList<>();
        collectOwnMessages(t, own, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        own.sort(java.util.Comparator.comparingInt(String::length).reversed()); // a wrapper's message may hold its cause's
        String text = writer.toString();
        for (int i = 0; i < own.size(); i++) text = text.replace(own.get(i), placeholder(i));
        text = dev.retort.runtime.OutputMasks.mask(text);
        for (int i = 0; i < own.size(); i++) text = text.replace(placeholder(i), own.get(i));
        return text;
    }

    private static String placeholder(int i) {
        return "\u0000" + i + "\u0000";
    }

    private static void collectOwnMessages(Throwable t, java.util.List<String> own, java.util.Set<Throwable> seen) {
        if (t == null || !seen.add(t)) return;
        if (t instanceof dev.retort.RetortException && t.getMessage() != null && !t.getMessage().isEmpty()
                && !own.contains(t.getMessage())) {
            own.add(t.getMessage());
        }
        collectOwnMessages(t.getCause(), own, seen);
        for (Throwable s : t.getSuppressed()) collectOwnMessages(s, own, seen);
    }

    private ConsoleLog() {
    }

    public static void configure(int verbosity, boolean color, PrintStream out) {
        ConsoleLog.verbosity = verbosity;
        ConsoleLog.color = color;
        ConsoleLog.out = out;
        warned.clear();
        // with -v and up this process prints stack traces, with -vv drivers' lines, through the masks; below, neither
        // shows, and noting every statement's passwords would only cost each statement a scan
        if (verbosity >= 2) dev.retort.runtime.OutputMasks.remember();
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
