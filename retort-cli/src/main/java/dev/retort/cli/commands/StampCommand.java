package dev.retort.cli.commands;

import dev.retort.graph.Direction;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;

public final class StampCommand extends BaseCommand {
    private final PositionalParamSpec targets = positional(List.class, null, "1..*", "TARGET", null,
            "Revision(s) to record: an id, heads, base, ...");
    private final OptionSpec purge = flag("Delete every row of the version table first (also unknown revisions).",
            "--purge");
    private final RunOptions options = new RunOptions(this,
            "Print the SQL that writes the version table instead of writing it (connects to nothing); "
                    + "each TARGET may then be FROM:TO, all from the same FROM.");

    public StampCommand() {
        super("stamp", "Write the version table without running any migration.");
    }

    @Override
    public Integer call() {
        return MigrationRuns.run(this, Direction.STAMP, values(targets), options, isSet(purge));
    }
}
