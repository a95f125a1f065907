package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "revision", mixinStandardHelpOptions = true, description = "Create a new revision file (Java by default, --sql-file for SQL); --autogenerate fills it from the model diff.")
public final class RevisionCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("revision");
    }
}
