package dev.retort.cli.commands;

import dev.retort.graph.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "downgrade", mixinStandardHelpOptions = true,
        description = "Revert the database to an earlier revision.")
public final class DowngradeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TARGET",
            description = "Revision to downgrade to: an id, base, label@base, -N, ... With --sql: FROM:TO.")
    String target;

    @Option(names = "--sql", description = "Print the SQL script instead of running it; TARGET must be FROM:TO.")
    boolean sql;

    @Option(names = "--dry-run", description = "Show the steps that would run, change nothing.")
    boolean dryRun;

    @Option(names = "--tag", paramLabel = "T", description = "A tag recorded with each step in the history table.")
    String tag;

    @Override
    public Integer call() {
        return MigrationRuns.run(this, Direction.DOWNGRADE, target, sql, dryRun, tag, false);
    }
}
