package dev.retort.cli.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Prints {@code INFO  [retort] message} lines, Alembic-style, to the CLI's log stream. */
final class ConsoleLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    /** Whether the logger belongs to Retort; drivers and other libraries log through the same binding. */
    private final boolean retort;
    /** Whether the project's own code made it (a Java revision, or what {@code classpath} adds): see {@link ProjectCode}. */
    private final boolean project;

    ConsoleLogger(String name, boolean project) {
        this.name = name;
        this.retort = name.startsWith("dev.retort");
        this.project = project;
    }

    private boolean enabled(Level level) {
        int v = ConsoleLog.verbosity;
        // A library's own lines (the MariaDB driver warns about every failed query, including the expected
        // "retort_version doesn't exist" on a new database, and logs every query at debug) would drown
        // Retort's; Retort reports what matters itself, so they only show with -vv, under their logger's
        // name. (-v alone is also what `current -v` and `history -v` ask for.) A revision's lines are the user's
        // own ("skipped 12 invalid rows"), and show as Retort's do (t29-3).
        if (!retort && !project && (v < 3 || level == Level.TRACE)) return false; // a driver's trace is packet dumps
        return switch (level) {
            case ERROR, WARN -> true;
            case INFO -> v >= 1;
            case DEBUG -> v >= 2;
            case TRACE -> v >= 3;
        };
    }

    @Override public boolean isTraceEnabled() { return enabled(Level.TRACE); }
    @Override public boolean isDebugEnabled() { return enabled(Level.DEBUG); }
    @Override public boolean isInfoEnabled() { return enabled(Level.INFO); }
    @Override public boolean isWarnEnabled() { return enabled(Level.WARN); }
    @Override public boolean isErrorEnabled() { return enabled(Level.ERROR); }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
        if (!enabled(level)) return;
        String label = String.format("%-5s", level.name());
        if (ConsoleLog.color) {
            String code = switch (level) {
                case ERROR -> "31";
                case WARN -> "33";
                case INFO -> "32";
                default -> "90";
            };
            label = "\u001b[" + code + "m" + label + "\u001b[0m";
        }
        // a revision's line under its own logger's name: it is not Retort speaking
        String where = ConsoleLog.verbosity >= 2 || project ? name : "retort";
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        // a driver's own lines may hold the URL as given (pgjdbc: "Connecting with URL: ...&password=...")
        // (r7-3, r7-8: or a password bare, or one written in SQL, as Connector/J's "execute query:" lines)
        if (!retort) message = dev.retort.runtime.OutputMasks.mask(message);
        if (retort && level == Level.WARN && !ConsoleLog.warned.add(message)) return;
        String line = label + " [" + where + "] " + message;
        synchronized (ConsoleLog.out) {
            ConsoleLog.out.println(line);
            if (t != null && ConsoleLog.verbosity >= 2) ConsoleLog.out.print(ConsoleLog.stackTrace(t));
        }
    }
}
