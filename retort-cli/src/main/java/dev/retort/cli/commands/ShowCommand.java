package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one revision's details.")
public final class ShowCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("show");
    }
}
