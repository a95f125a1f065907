package dev.retort.cli;

import dev.retort.RetortVersion;
import dev.retort.cli.commands.*;
import dev.retort.runtime.ConnectionHeadStart;
import dev.retort.runtime.Retort;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The top-level {@code retort} command: global options, help and version, and the subcommands. Built
 * with picocli's programmatic API, as the subcommands are (see {@link BaseCommand}): it is modelled on
 * every run, and picocli's reflection on an annotated root and its options was a third of a short
 * command's time.
 */
public final class RetortCommand implements Callable<Integer> {
    /** Every command's name, in the order help lists them. */
    static final List<String> COMMANDS = List.of("help", "init", "list-templates", "revision", "upgrade", "downgrade",
            "stamp", "current", "heads", "branches", "history", "show", "merge", "check", "edit", "graph");

    /**
     * A new instance of the command {@code name}. A switch rather than a table of constructor references:
     * those are lambdas, spun on every start, and one implementing a picocli type (which is compiled for
     * Java 5) cannot be kept in the class-data archive.
     */
    static Object create(String name) {
        return switch (name) {
            case "help" -> new CommandLine.HelpCommand();
            case "init" -> new InitCommand();
            case "list-templates" -> new ListTemplatesCommand();
            case "revision" -> new RevisionCommand();
            case "upgrade" -> new UpgradeCommand();
            case "downgrade" -> new DowngradeCommand();
            case "stamp" -> new StampCommand();
            case "current" -> new CurrentCommand();
            case "heads" -> new HeadsCommand();
            case "branches" -> new BranchesCommand();
            case "history" -> new HistoryCommand();
            case "show" -> new ShowCommand();
            case "merge" -> new MergeCommand();
            case "check" -> new CheckCommand();
            case "edit" -> new EditCommand();
            case "graph" -> new GraphCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    public final GlobalOptions global;
    final CommandSpec spec;
    final PrintStream out;
    final PrintStream err;

    private final HeadStart headStart;
    private boolean printedJson;

    RetortCommand(PrintStream out, PrintStream err, HeadStart headStart) {
        this.out = out;
        this.err = err;
        this.headStart = headStart;
        spec = CommandSpec.wrapWithoutInspection(this).name("retort").versionProvider(new Version());
        spec.usageMessage()
                .description("Database schema migrations for the JVM: a revision graph, upgrade and downgrade, "
                        + "autogenerate, offline SQL.")
                .footer("", "Run 'retort help COMMAND' for one command's options.");
        BaseCommand.addStandardHelp(spec);
        global = new GlobalOptions(spec);
    }

    /** The command line for these subcommands (picocli models only what it is given). */
    CommandLine commandLine(List<String> names) {
        CommandLine cl = new CommandLine(spec);
        for (String name : names) {
            Object command = create(name);
            if (command instanceof BaseCommand c) {
                c.attach(this);
                cl.addSubcommand(name, c.spec());
            } else {
                cl.addSubcommand(name, command);
            }
        }
        return cl;
    }

    /** The connection {@link HeadStart} is opening, if any, for the first {@link Retort} a command makes. */
    public ConnectionHeadStart takeHeadStart() {
        return headStart == null ? null : headStart.take();
    }

    /** Called when a command printed its JSON answer on stdout (a failing real run prints one with its error). */
    public void printedJson() {
        printedJson = true;
    }

    /** Whether {@code --json} was given and nothing is on stdout yet: a failure then prints {@code {"error": ...}}. */
    boolean owesJson() {
        return global.json() && !printedJson;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** No command given: a usage error (as in Alembic and git), the usage on stderr, exit 2. */
    @Override
    public Integer call() {
        err.println("Missing command");
        spec.commandLine().usage(err);
        return 2;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"retort " + RetortVersion.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
