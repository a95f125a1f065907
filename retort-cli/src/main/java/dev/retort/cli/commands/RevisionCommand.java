package dev.retort.cli.commands;

import dev.retort.autogenerate.Autogenerator;
import dev.retort.script.RevisionGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "revision", mixinStandardHelpOptions = true,
        description = "Create a new revision file (Java by default, --sql-file for SQL); --autogenerate fills it from the model diff.")
public final class RevisionCommand extends BaseCommand {
    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "What the revision does (also names the file).")
    String message;

    @Option(names = "--autogenerate", description = "Fill the revision from the difference between the model and the database.")
    boolean autogenerate;

    @Option(names = "--sql-file", description = "Write a SQL revision instead of a Java one.")
    boolean sqlFile;

    @Option(names = "--head", paramLabel = "H", defaultValue = "head",
            description = "The revision to build on (default: head; also base, label@head, an id).")
    String head;

    @Option(names = "--splice", description = "Allow --head to name a revision that is not a head (starts a new branch).")
    boolean splice;

    @Option(names = "--branch-label", paramLabel = "L", description = "Branch label for the new revision; repeatable.")
    List<String> branchLabels = new ArrayList<>();

    @Option(names = "--depends-on", paramLabel = "R", split = ",",
            description = "Revision (or label) the new one depends on without being its child; repeatable.")
    List<String> dependsOn = new ArrayList<>();

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of a random one.")
    String revId;

    @Option(names = "--version-path", paramLabel = "P", description = "The version location to write the file into.")
    Path versionPath;

    @Override
    public Integer call() {
        if (autogenerate) return autogenerate();
        reportGenerated(new RevisionGenerator(scripts(), clock()).generate(request()));
        return 0;
    }

    private RevisionGenerator.Request request() {
        return new RevisionGenerator.Request(message, sqlFile, List.of(head), splice, branchLabels, dependsOn, revId,
                versionPath, null, null, List.of());
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
