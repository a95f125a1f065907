package dev.retort.cli.commands;

import dev.retort.graph.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "downgrade", mixinStandardHelpOptions = true,
        description = "Revert the database to an earlier revision.")
public final class DowngradeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TARGET",
            description = "Revision to downgrade to: an id, base, label@base, -N, ... With --sql: FROM:TO.")
    String target;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        return MigrationRuns.run(this, Direction.DOWNGRADE, List.of(target), options, false);
    }
}
