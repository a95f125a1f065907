package dev.retort.cli.commands;

import dev.retort.script.ProjectTemplates;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;

public final class InitCommand extends BaseCommand {
    private final PositionalParamSpec dir = positional(Path.class, "0", "1", "DIR", null,
            "The folder to create (must be missing or empty).");
    private final OptionSpec template = option(String.class, "T", "generic",
            "Project template: generic (one database) or multidb (see list-templates).", "-t", "--template");

    public InitCommand() {
        super("init", "Create a new project: retort.toml and a migrations folder (init DIR [--template T]).");
    }

    @Override
    public Integer call() {
        Path config = global().config().toAbsolutePath().normalize();
        // -q keeps only what is worth a warning (a file left as it was), as Alembic's --quiet does
        boolean quiet = global().quiet();
        for (ProjectTemplates.Created c : ProjectTemplates.init(dir.getValue(), config, template.getValue())) {
            if (c.skipped()) out().println("File " + c.path() + " already exists, skipping");
            else if (quiet) continue;
            else if (c.directory()) out().println("Creating directory " + c.path() + " ...  done");
            else out().println("Generating " + c.path() + " ...  done");
        }
        if (!quiet) out().println("Please edit the database url in '" + config + "' before proceeding.");
        return 0;
    }
}
