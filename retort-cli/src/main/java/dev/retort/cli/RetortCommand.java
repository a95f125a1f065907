package dev.retort.cli;

import dev.retort.RetortVersion;
import dev.retort.cli.commands.*;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The top-level {@code retort} command: global options, help and version, and the subcommands. Built
 * with picocli's programmatic API (the subcommands are annotated classes): it is modelled on every run,
 * and picocli's reflection on an annotated root and its options was a third of a short command's time.
 */
public final class RetortCommand implements Callable<Integer> {
    /** Every command by name, in the order help lists them; the names are those of their {@code @Command}. */
    static final Map<String, Class<?>> COMMANDS = commands(
            "help", CommandLine.HelpCommand.class,
            "init", InitCommand.class, "list-templates", ListTemplatesCommand.class, "revision", RevisionCommand.class,
            "upgrade", UpgradeCommand.class, "downgrade", DowngradeCommand.class, "stamp", StampCommand.class,
            "current", CurrentCommand.class, "heads", HeadsCommand.class, "branches", BranchesCommand.class,
            "history", HistoryCommand.class, "show", ShowCommand.class, "merge", MergeCommand.class,
            "check", CheckCommand.class, "edit", EditCommand.class, "graph", GraphCommand.class);

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
        // what mixinStandardHelpOptions adds, without the reflection on picocli's annotated mixin
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        global = new GlobalOptions(spec);
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

    private static Map<String, Class<?>> commands(Object... nameThenClass) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) m.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    static List<Class<?>> allCommands() {
        return List.copyOf(COMMANDS.values());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"retort " + RetortVersion.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
