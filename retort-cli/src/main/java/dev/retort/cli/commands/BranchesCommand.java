package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "branches", mixinStandardHelpOptions = true, description = "Show the branch points of the revision graph.")
public final class BranchesCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("branches");
    }
}
