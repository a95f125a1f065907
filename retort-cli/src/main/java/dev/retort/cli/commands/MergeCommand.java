package dev.retort.cli.commands;

import dev.retort.script.RevisionGenerator;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;

public final class MergeCommand extends BaseCommand {
    private final PositionalParamSpec revisions = positional(List.class, null, "1..*", "REVS", null,
            "Revisions to merge (ids, labels, or 'heads').");
    private final OptionSpec message = option(String.class, "MSG", null, "What the merge is about.", "-m", "--message");
    private final OptionSpec revId = option(String.class, "ID", null, "Use this id instead of a random one.", "--rev-id");
    private final OptionSpec branchLabels = repeatable("L", null, "Branch label for the merge revision; repeatable.",
            "--branch-label");
    private final OptionSpec splice = flag("Allow merging revisions that are not heads.", "--splice");
    private final OptionSpec sqlFile = flag("Write the merge as a SQL revision instead of a Java one (no compiler needed"
            + " to run it).", "--sql-file");

    public MergeCommand() {
        super("merge", "Create a merge revision joining two or more heads.");
    }

    @Override
    public Integer call() {
        RevisionGenerator.Generated g = new RevisionGenerator(scripts(), clock())
                .merge(values(revisions), message.getValue(), revId.getValue(), values(branchLabels), isSet(splice),
                        isSet(sqlFile));
        reportGenerated(g);
        return 0;
    }
}
