package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "heads", mixinStandardHelpOptions = true, description = "Show the heads of the revision graph.")
public final class HeadsCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("heads");
    }
}
