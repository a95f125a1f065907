package dev.retort.cli.commands;

import dev.retort.graph.Direction;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;

public final class UpgradeCommand extends BaseCommand {
    private final PositionalParamSpec target = positional(String.class, "0", "0..1", "TARGET", "head",
            "Revision to upgrade to: head, heads, an id, label@head, +N, ... (default: head). With --sql also FROM:TO.");
    private final RunOptions options = new RunOptions(this,
            "Print the SQL script instead of running it (connects to nothing); TARGET may then be FROM:TO.");

    public UpgradeCommand() {
        super("upgrade", "Upgrade the database to a later revision (default: head).");
    }

    @Override
    public Integer call() {
        return MigrationRuns.run(this, Direction.UPGRADE, List.of(target.<String>getValue()), options, false);
    }
}
