package dev.retort.cli.commands;

import dev.retort.autogenerate.Autogenerator;
import dev.retort.script.RevisionGenerator;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class RevisionCommand extends BaseCommand {
    private final OptionSpec message = option(String.class, "MSG", null, "What the revision does (also names the file).",
            "-m", "--message");
    private final OptionSpec autogenerate = flag("Fill the revision from the difference between the model and the database.",
            "--autogenerate");
    private final OptionSpec sqlFile = flag("Write a SQL revision instead of a Java one.", "--sql-file");
    private final OptionSpec head = option(String.class, "H", "head",
            "The revision to build on (default: head; also base, label@head, an id).", "--head");
    private final OptionSpec splice = flag("Allow --head to name a revision that is not a head (starts a new branch).",
            "--splice");
    private final OptionSpec branchLabels = repeatable("L", null, "Branch label for the new revision; repeatable.",
            "--branch-label");
    private final OptionSpec dependsOn = repeatable("R", ",",
            "Revision (or label) the new one depends on without being its child; repeatable.", "--depends-on");
    private final OptionSpec revId = option(String.class, "ID", null, "Use this id instead of a random one.", "--rev-id");
    private final OptionSpec versionPath = option(Path.class, "P", null, "The version location to write the file into.",
            "--version-path");

    public RevisionCommand() {
        super("revision", "Create a new revision file (Java by default, --sql-file for SQL); --autogenerate fills it from the model diff.");
    }

    @Override
    public Integer call() {
        if (isSet(autogenerate)) return autogenerate();
        reportGenerated(new RevisionGenerator(scripts(), clock()).generate(request()));
        return 0;
    }

    private RevisionGenerator.Request request() {
        return new RevisionGenerator.Request(message.getValue(), isSet(sqlFile), List.of(head.<String>getValue()),
                isSet(splice), values(branchLabels), values(dependsOn), revId.getValue(), versionPath.getValue(),
                null, null, List.of());
    }

    /** Fills the revision from the model diff; writes nothing (and says so) when there is no difference. */
    private int autogenerate() {
        java.util.Optional<RevisionGenerator.Generated> g = Autogenerator.generate(config(), scripts(), request(), clock());
        if (g.isEmpty()) {
            // the library has logged "No changes in schema detected; no revision file written."
            if (json()) {
                Map<String, Object> none = new LinkedHashMap<>(); // Map.of would print the keys in any order
                none.put("revision", "");
                none.put("path", "");
                printJson(none);
            }
            return 0;
        }
        reportGenerated(g.get());
        return 0;
    }
}
