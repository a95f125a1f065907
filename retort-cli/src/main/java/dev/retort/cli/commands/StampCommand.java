package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "stamp", mixinStandardHelpOptions = true, description = "Write the version table without running migrations.")
public final class StampCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("stamp");
    }
}
