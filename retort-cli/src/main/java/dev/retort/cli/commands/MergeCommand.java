package dev.retort.cli.commands;

import dev.retort.script.RevisionGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "merge", mixinStandardHelpOptions = true, description = "Create a merge revision joining two or more heads.")
public final class MergeCommand extends BaseCommand {
    @Parameters(paramLabel = "REVS", arity = "1..*", description = "Revisions to merge (ids, labels, or 'heads').")
    List<String> revisions = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "What the merge is about.")
    String message;

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of a random one.")
    String revId;

    @Option(names = "--branch-label", paramLabel = "L", description = "Branch label for the merge revision; repeatable.")
    List<String> branchLabels = new ArrayList<>();

    @Option(names = "--splice", description = "Allow merging revisions that are not heads.")
    boolean splice;

    @Override
    public Integer call() {
        RevisionGenerator.Generated g = new RevisionGenerator(scripts(), clock())
                .merge(revisions, message, revId, branchLabels, splice);
        reportGenerated(g);
        return 0;
    }
}
