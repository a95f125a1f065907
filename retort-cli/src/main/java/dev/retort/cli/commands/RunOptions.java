package dev.retort.cli.commands;

import picocli.CommandLine.Model.OptionSpec;

/** The options upgrade, downgrade and stamp share. */
final class RunOptions {
    private final OptionSpec sql;
    private final OptionSpec dryRun;
    private final OptionSpec tag;

    RunOptions(BaseCommand command) {
        sql = command.flag("Print the SQL script instead of running it (connects to nothing); "
                + "TARGET may then be FROM:TO (downgrade requires it).", "--sql");
        dryRun = command.flag("Show the steps that would run, change nothing.", "--dry-run");
        tag = command.option(String.class, "T", null, "A tag recorded with each step in the history table.", "--tag");
    }

    boolean sql() {
        return BaseCommand.isSet(sql);
    }

    boolean dryRun() {
        return BaseCommand.isSet(dryRun);
    }

    String tag() {
        return tag.getValue();
    }
}
