package dev.retort.cli;

import dev.retort.RetortVersion;
import dev.retort.cli.commands.*;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The top-level {@code retort} command: global options, help and version, and the subcommands. Built
 * with picocli's programmatic API, as the subcommands are (see {@link BaseCommand}): it is modelled on
 * every run, and picocli's reflection on an annotated root and its options was a third of a short
 * command's time.
 */
public final class RetortCommand implements Callable<Integer> {
    /** Every command by name, in the order help lists them. */
    static final Map<String, Supplier<Object>> COMMANDS;

    static {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("help", CommandLine.HelpCommand::new);
        m.put("init", InitCommand::new);
        m.put("list-templates", ListTemplatesCommand::new);
        m.put("revision", RevisionCommand::new);
        m.put("upgrade", UpgradeCommand::new);
        m.put("downgrade", DowngradeCommand::new);
        m.put("stamp", StampCommand::new);
        m.put("current", CurrentCommand::new);
        m.put("heads", HeadsCommand::new);
        m.put("branches", BranchesCommand::new);
        m.put("history", HistoryCommand::new);
        m.put("show", ShowCommand::new);
        m.put("merge", MergeCommand::new);
        m.put("check", CheckCommand::new);
        m.put("edit", EditCommand::new);
        m.put("graph", GraphCommand::new);
        COMMANDS = Collections.unmodifiableMap(m);
    }

    public final GlobalOptions global;
    final CommandSpec spec;
    final PrintStream out;
    final PrintStream err;

    RetortCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
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
            Object command = COMMANDS.get(name).get();
            if (command instanceof BaseCommand c) {
                c.attach(this);
                cl.addSubcommand(name, c.spec());
            } else {
                cl.addSubcommand(name, command);
            }
        }
        return cl;
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

    static List<String> allCommands() {
        return List.copyOf(COMMANDS.keySet());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"retort " + RetortVersion.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
