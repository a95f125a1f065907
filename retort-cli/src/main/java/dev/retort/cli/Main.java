package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.cli.commands.BaseCommand;
import dev.retort.cli.log.ConsoleLog;
import dev.retort.cli.log.ConsoleLoggerProvider;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/** Entry point: parses, runs one command, maps errors to one line and an exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // SLF4J set up first, on this thread: a logger asked for while another thread initialises SLF4J is a
        // substitute that drops its lines, with a warning ("SLF4J(W): ... substitute loggers"; seen with
        // MariaDB, whose driver logs through SLF4J, on the head start's or the connection's thread)
        if (System.getProperty("slf4j.provider") == null) {
            // named rather than looked up: SLF4J's ServiceLoader scan was ~15 ms of a cold start (~4 % of
            // 'current'); SLF4J announces an explicit provider with an info line, which a CLI must not print
            System.setProperty("slf4j.provider", ConsoleLoggerProvider.class.getName());
            if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        org.slf4j.LoggerFactory.getILoggerFactory();
        // the results' stream is stdout itself; System.out is stderr from here on (see run): the head start's driver too
        PrintStream out = Stdout.open();
        System.setOut(System.err);
        HeadStart headStart = HeadStart.start(args, System.getenv());
        Interrupts.install(System.err);
        int code = run(args, out, System.err, headStart);
        headStart.close();
        Interrupts.finished();
        if (!Interrupts.exitLeftToTheHook()) System.exit(code);
    }

    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-c", "--config", "-n", "--name", "--env", "--url", "-x");

    /**
     * The commands picocli must model for these arguments: only the one named, when it is known,
     * since building the model of every command costs start-up time on every run; all of them for
     * help, usage errors and a bare {@code retort}.
     */
    static List<String> commandsFor(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) break;
            if (arg.startsWith("-")) {
                if (OPTIONS_WITH_VALUE.contains(arg)) i++;
                continue;
            }
            if (RetortCommand.COMMANDS.contains(arg) && !arg.equals("help")) return List.of(arg);
            break;
        }
        boolean versionOnly = false;
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) return RetortCommand.COMMANDS;
            versionOnly |= a.equals("-V") || a.equals("--version");
        }
        return versionOnly ? List.of() : RetortCommand.COMMANDS;
    }

    /** Runs the command line with the given streams and returns the exit code (0 ok, 1 failure, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /** @param headStart the connection or driver warm-up begun before parsing (may be null) */
    static int run(String[] args, PrintStream out, PrintStream err, HeadStart headStart) {
        // Results (current, heads, --json, --sql scripts) are written to out by the commands. What anything else prints
        // through System.out - a revision's println, a model class, a driver - is not a result: it goes where the log
        // lines go, so that 'upgrade --sql > migrate.sql' and '--json ... | jq' stay whole (t77-4).
        PrintStream systemOut = System.out;
        System.setOut(err);
        try {
            return runCommand(args, out, err, headStart);
        } finally {
            System.setOut(systemOut);
        }
    }

    private static int runCommand(String[] args, PrintStream out, PrintStream err, HeadStart headStart) {
        RetortCommand root = new RetortCommand(out, err, headStart);
        Interrupts.command(root);
        CommandLine cl = root.commandLine(commandsFor(args));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionStrategy(new LoggingThenRun(root.global, err));
        cl.setExecutionExceptionHandler(new OneLineFailure(root, err));
        cl.setParameterExceptionHandler(new UsageError(root));
        int code = cl.execute(args);
        String failure = Stdout.failure(out);
        if (failure == null) return code;
        // a cut --sql script or JSON answer must not pass for a whole one: the exit code is what a CI job checks
        err.println("FAILED: cannot write the output: " + failure);
        return 1;
    }

    // Named classes, not lambdas: a lambda implementing a picocli interface (picocli is compiled for Java 5)
    // is spun on every start and cannot be kept in the class-data archive.

    /** Sets up logging from the global options, then runs the command picocli parsed. */
    private record LoggingThenRun(GlobalOptions global, PrintStream err) implements CommandLine.IExecutionStrategy {
        @Override
        public int execute(CommandLine.ParseResult parse) {
            global.refuseRepeats(parse);
            global.applyLogging(err);
            try {
                return new CommandLine.RunLast().execute(parse);
            } catch (OutOfMemoryError e) {
                // picocli passes Errors through: the heap running out anywhere (reading files, building a graph)
                // ends as a FAILED line saying what to do, not as the JVM's "Exception in thread main" (t42-2)
                throw new CommandLine.ExecutionException(parse.commandSpec().commandLine(), "out of memory",
                        new dev.retort.RetortException("Out of memory (" + e + "): " + dev.retort.OutOfMemory.advice(), e));
            }
        }
    }

    /**
     * A usage error as picocli reports it (the message, then suggestions or the usage; exit 2), except that the
     * usage of {@code retort} itself is that of every command: picocli modelled only the one named
     * ({@link #commandsFor}), and an error in an option before it would list that one alone.
     */
    private record UsageError(RetortCommand root) implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println(cl.getColorScheme().errorText(message(ex)));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                CommandLine usage = cl;
                if (cl.getCommandSpec() == root.spec && cl.getSubcommands().size() < RetortCommand.COMMANDS.size()) {
                    usage = new RetortCommand(root.out, root.err, null).commandLine(RetortCommand.COMMANDS);
                }
                usage.usage(err, cl.getColorScheme());
            }
            return cl.getCommandSpec().exitCodeOnInvalidInput();
        }

        /** A word where the command goes is an unknown command (Alembic: "invalid choice"), not picocli's "Unmatched argument at index 0". */
        private String message(CommandLine.ParameterException ex) {
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && ex.getCommandLine().getCommandSpec() == root.spec
                    && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
                return "Unknown command '" + unmatched.getUnmatched().get(0) + "'";
            }
            return ex.getMessage();
        }
    }

    /**
     * A command's exception as one line, exit 1. The stack trace of a user error (a {@link RetortException}: a
     * bad target, an unreachable server) only with -vv: -v is also the detail flag of current, history and heads
     * (Alembic's {@code current -v}), and asking for the detailed listing must not turn an error into a trace.
     * Anything else is a bug, whose trace -v shows. With --json, stdout gets {@code {"error": ...}} unless the
     * command printed its answer already: a script reading stdout gets JSON whatever happened.
     */
    private record OneLineFailure(RetortCommand root, PrintStream err) implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            // the interrupt hook printed the failure (and --json document) already: the command's own, a moment
            // later ("Cancelled while reading the version table ..."), would be a second FAILED line (t46-4)
            if (Interrupts.reported()) return 1;
            boolean trace;
            String message;
            if (ex instanceof RetortException) {
                message = ex.getMessage();
                err.println("FAILED: " + message);
                trace = ConsoleLog.verbosity() >= 3;
            } else {
                message = ex.toString();
                trace = ConsoleLog.verbosity() >= 2;
                err.println("FAILED: " + message + (trace ? "" : " (run with -v for details)"));
            }
            if (root.owesJson()) BaseCommand.printJson(root.out(), java.util.Map.of("error", String.valueOf(message)));
            if (trace) err.print(ConsoleLog.stackTrace(ex));
            return 1;
        }
    }
}
