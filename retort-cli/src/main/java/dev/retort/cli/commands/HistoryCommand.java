package dev.retort.cli.commands;

import dev.retort.graph.RevisionHeader;
import dev.retort.script.RevisionFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Set;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List revisions, newest first (-r A:B for a range, -v for details, -i to mark the database's current).")
public final class HistoryCommand extends BaseCommand {
    @Option(names = {"-r", "--rev-range"}, paramLabel = "RANGE",
            description = "[start]:[end], e.g. ae10:, :head, base:current.")
    String range;

    @Option(names = {"-i", "--indicate-current"}, description = "Mark the database's current revision(s) (connects).")
    boolean indicateCurrent;

    @Override
    public Integer call() {
        Set<String> current = indicateCurrent || readsTheDatabase(range) ? databaseCurrent() : null;
        List<RevisionHeader> revisions = range == null
                ? scripts().graph().revisions()
                : scripts().graph().history(range, current == null ? Set.of() : current);
        RevisionFormat f = revisionFormat(indicateCurrent ? current : null);
        if (json()) {
            printJson(f.jsonList(revisions));
        } else {
            for (RevisionHeader h : revisions) out().println(global().verbose() ? f.entry(h) : f.historyLine(h));
        }
        return 0;
    }
}
