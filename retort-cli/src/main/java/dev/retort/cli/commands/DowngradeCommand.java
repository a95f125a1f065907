package dev.retort.cli.commands;

import dev.retort.graph.Direction;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;

public final class DowngradeCommand extends BaseCommand {
    private final PositionalParamSpec target = positional(String.class, "0", "1", "TARGET", null,
            "Revision to downgrade to: an id, base, label@base, -N, ... With --sql: FROM:TO.");
    private final RunOptions options = new RunOptions(this,
            "Print the SQL script instead of running it (connects to nothing); TARGET must then be FROM:TO.");

    public DowngradeCommand() {
        super("downgrade", "Revert the database to an earlier revision.");
    }

    @Override
    public Integer call() {
        return MigrationRuns.run(this, Direction.DOWNGRADE, List.of(target.<String>getValue()), options, false);
    }
}
