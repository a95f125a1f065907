package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.cli.log.ConsoleLog;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/** Entry point: parses, runs one command, maps errors to one line and an exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code (0 ok, 1 failure, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        RetortCommand root = new RetortCommand(out, err);
        CommandLine cl = new CommandLine(root);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionStrategy(parse -> {
            root.global.applyLogging(err);
            return new CommandLine.RunLast().execute(parse);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof RetortException) {
                err.println("FAILED: " + ex.getMessage());
            } else {
                err.println("FAILED: " + ex + (ConsoleLog.verbosity() >= 2 ? "" : " (run with -v for details)"));
            }
            if (ConsoleLog.verbosity() >= 2) ex.printStackTrace(err);
            return 1;
        });
        return cl.execute(args);
    }
}
