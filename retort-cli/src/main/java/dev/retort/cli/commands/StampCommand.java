package dev.retort.cli.commands;

import dev.retort.graph.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "stamp", mixinStandardHelpOptions = true,
        description = "Write the version table without running any migration.")
public final class StampCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "TARGET", description = "Revision(s) to record: an id, heads, base, ...")
    List<String> targets;

    @Option(names = "--purge", description = "Delete every row of the version table first (also unknown revisions).")
    boolean purge;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        return MigrationRuns.run(this, Direction.STAMP, targets, options, purge);
    }
}
