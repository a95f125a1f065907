package dev.retort.cli.commands;

import picocli.CommandLine.Option;

/** The options upgrade, downgrade and stamp share. */
public final class RunOptions {
    @Option(names = "--sql", description = "Print the SQL script instead of running it (connects to nothing); "
            + "TARGET may then be FROM:TO (downgrade requires it).")
    boolean sql;

    @Option(names = "--dry-run", description = "Show the steps that would run, change nothing.")
    boolean dryRun;

    @Option(names = "--tag", paramLabel = "T", description = "A tag recorded with each step in the history table.")
    String tag;
}
