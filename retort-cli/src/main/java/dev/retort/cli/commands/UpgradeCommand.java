package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Upgrade the database to a later revision (default: head).")
public final class UpgradeCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("upgrade");
    }
}
