package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "graph", mixinStandardHelpOptions = true, description = "Draw the revision graph (ascii, dot or mermaid).")
public final class GraphCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("graph");
    }
}
