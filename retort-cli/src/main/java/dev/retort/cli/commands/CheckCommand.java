package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true, description = "Exit 1 if the database is not at head or differs from the model (drift).")
public final class CheckCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("check");
    }
}
