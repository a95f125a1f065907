package dev.retort.cli.commands;

import picocli.CommandLine.Model.OptionSpec;

/** The options upgrade, downgrade and stamp share. */
final class RunOptions {
    private final OptionSpec sql;
    private final OptionSpec dryRun;
    private final OptionSpec tag;

    /** @param sqlHelp what --sql does on this command, and the targets it takes there */
    RunOptions(BaseCommand command, String sqlHelp) {
        sql = command.flag(sqlHelp, "--sql");
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
