package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "downgrade", mixinStandardHelpOptions = true, description = "Revert the database to an earlier revision.")
public final class DowngradeCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("downgrade");
    }
}
