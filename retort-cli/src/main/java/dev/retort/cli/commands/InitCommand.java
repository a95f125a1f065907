package dev.retort.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a new project: retort.toml and a migrations folder (init DIR [--template T]).")
public final class InitCommand extends BaseCommand {
    @Override
    public Integer call() {
        return notBuiltYet("init");
    }
}
