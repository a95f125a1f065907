package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.cli.log.ConsoleLog;
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
        System.exit(run(args, System.out, System.err));
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
            if (RetortCommand.COMMANDS.containsKey(arg) && !arg.equals("help")) return List.of(arg);
            break;
        }
        boolean versionOnly = false;
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) return RetortCommand.allCommands();
            versionOnly |= a.equals("-V") || a.equals("--version");
        }
        return versionOnly ? List.of() : RetortCommand.allCommands();
    }

    /** Runs the command line with the given streams and returns the exit code (0 ok, 1 failure, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        RetortCommand root = new RetortCommand(out, err);
        CommandLine cl = root.commandLine(commandsFor(args));
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
