package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "edit", mixinStandardHelpOptions = true, description = "Open a revision file in $EDITOR.")
public final class EditCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("edit");
    }
}
