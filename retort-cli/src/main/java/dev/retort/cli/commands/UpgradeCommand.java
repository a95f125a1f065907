package dev.retort.cli.commands;

import dev.retort.graph.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Upgrade the database to a later revision (default: head).")
public final class UpgradeCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", defaultValue = "head", paramLabel = "TARGET",
            description = "Revision to upgrade to: head, heads, an id, label@head, +N, ... (default: head). "
                    + "With --sql also FROM:TO.")
    String target;

    @Option(names = "--sql", description = "Print the SQL script instead of running it (connects to nothing).")
    boolean sql;

    @Option(names = "--dry-run", description = "Show the steps that would run, change nothing.")
    boolean dryRun;

    @Option(names = "--tag", paramLabel = "T", description = "A tag recorded with each step in the history table.")
    String tag;

    @Override
    public Integer call() {
        return MigrationRuns.run(this, Direction.UPGRADE, target, sql, dryRun, tag, false);
    }
}
