package dev.retort.cli.commands;

import dev.retort.script.ProjectTemplates;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        // -q keeps only what is worth a warning (a file left as it was), as Alembic's --quiet does; with --json the
        // lines go to stderr and stdout holds the one JSON document (t27-6)
        boolean quiet = global().quiet();
        PrintStream text = json() ? err() : out();
        List<String> created = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ProjectTemplates.Created c : ProjectTemplates.init(dir.getValue(), config, template.getValue())) {
            (c.skipped() ? skipped : created).add(c.path().toString());
            if (c.skipped()) text.println("File " + c.path() + " already exists, skipping");
            else if (quiet) continue;
            else if (c.directory()) text.println("Creating directory " + c.path() + " ...  done");
            else text.println("Generating " + c.path() + " ...  done");
        }
        if (!quiet) text.println(closing(config, skipped.contains(config.toString())));
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>(); // Map.of would print the keys in any order
            result.put("config", config.toString());
            result.put("created", created);
            result.put("skipped", skipped);
            printJson(result);
        }
        return 0;
    }

    /**
     * The last line. Alembic's "Please edit ... before proceeding" fits its placeholder URL; the retort.toml written
     * here works as it is (t55-6), and one that existed was not touched.
     */
    private String closing(Path config, boolean kept) {
        if (kept) {
            return "'" + config + "' was left as it was: set its script_location (and url) for this project if needed.";
        }
        List<String> databases = ProjectTemplates.get(template.getValue()).databases();
        boolean one = databases.size() == 1;
        return "Ready to use with SQLite at " + String.join(" and ", databases) + "; for " + (one ? "another database" : "others")
                + ", edit the url" + (one ? "" : "s") + " in '" + config + "'.";
    }
}
