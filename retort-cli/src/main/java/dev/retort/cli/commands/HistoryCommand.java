package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "history", mixinStandardHelpOptions = true, description = "List revisions, newest first.")
public final class HistoryCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("history");
    }
}
