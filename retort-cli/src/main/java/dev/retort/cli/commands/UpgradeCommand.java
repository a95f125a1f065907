package dev.retort.cli.commands;

import dev.retort.graph.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Upgrade the database to a later revision (default: head).")
public final class UpgradeCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", defaultValue = "head", paramLabel = "TARGET",
            description = "Revision to upgrade to: head, heads, an id, label@head, +N, ... (default: head). "
                    + "With --sql also FROM:TO.")
    String target;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        return MigrationRuns.run(this, Direction.UPGRADE, List.of(target), options, false);
    }
}
