package dev.retort.cli.commands;

import dev.retort.script.ProjectTemplates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a new project: retort.toml and a migrations folder (init DIR [--template T]).")
public final class InitCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The folder to create (must be missing or empty).")
    Path dir;

    @Option(names = {"-t", "--template"}, paramLabel = "T", defaultValue = "generic",
            description = "Project template: generic (one database) or multidb (see list-templates).")
    String template;

    @Override
    public Integer call() {
        Path config = global().config().toAbsolutePath().normalize();
        for (ProjectTemplates.Created c : ProjectTemplates.init(dir, config, template)) {
            if (c.skipped()) out().println("File " + c.path() + " already exists, skipping");
            else if (c.directory()) out().println("Creating directory " + c.path() + " ...  done");
            else out().println("Generating " + c.path() + " ...  done");
        }
        out().println("Please edit the database url in '" + config + "' before proceeding.");
        return 0;
    }
}
