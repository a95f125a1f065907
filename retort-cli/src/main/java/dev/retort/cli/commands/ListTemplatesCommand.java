package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "list-templates", mixinStandardHelpOptions = true, description = "List the templates init can use.")
public final class ListTemplatesCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("list-templates");
    }
}
