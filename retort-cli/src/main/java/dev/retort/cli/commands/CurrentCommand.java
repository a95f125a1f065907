package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "current", mixinStandardHelpOptions = true, description = "Show the database's current revision(s).")
public final class CurrentCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("current");
    }
}
