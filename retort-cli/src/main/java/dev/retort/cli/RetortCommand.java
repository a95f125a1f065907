package dev.retort.cli;

import dev.retort.RetortVersion;
import dev.retort.cli.commands.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "retort",
        mixinStandardHelpOptions = true,
        versionProvider = RetortCommand.Version.class,
        description = "Database schema migrations for the JVM: a revision graph, upgrade and downgrade, "
                + "autogenerate, offline SQL.",
        footer = {"", "Run 'retort help COMMAND' for one command's options."})
public final class RetortCommand implements Callable<Integer> {
    /** Every command, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            picocli.CommandLine.HelpCommand.class,
            InitCommand.class, ListTemplatesCommand.class, RevisionCommand.class,
            UpgradeCommand.class, DowngradeCommand.class, StampCommand.class, CurrentCommand.class,
            HeadsCommand.class, BranchesCommand.class, HistoryCommand.class, ShowCommand.class,
            MergeCommand.class, CheckCommand.class, EditCommand.class, GraphCommand.class);

    @Mixin
    public GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    final PrintStream out;
    final PrintStream err;

    RetortCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
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

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"retort " + RetortVersion.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
