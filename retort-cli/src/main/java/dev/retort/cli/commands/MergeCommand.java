package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "merge", mixinStandardHelpOptions = true, description = "Create a merge revision joining two or more heads.")
public final class MergeCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("merge");
    }
}
