package dev.retort.cli.commands;

import dev.retort.graph.RevisionHeader;
import dev.retort.script.RevisionFormat;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

public final class HistoryCommand extends BaseCommand {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dev.retort.runtime");

    private final OptionSpec rangeOption = option(String.class, "RANGE", null,
            "[start]:[end], e.g. ae10:, :head, base:current.", "-r", "--rev-range");
    private final OptionSpec indicateCurrentOption = flag("Mark the database's current revision(s) (connects).",
            "-i", "--indicate-current");

    public HistoryCommand() {
        super("history", "List revisions, newest first (-r A:B for a range, -v for details, -i to mark the database's current).");
    }

    @Override
    public Integer call() {
        String range = rangeOption.getValue();
        boolean indicateCurrent = isSet(indicateCurrentOption);
        Set<String> current = indicateCurrent || readsTheDatabase(range) ? databaseCurrent() : null;
        List<RevisionHeader> revisions = range == null
                ? scripts().graph().revisions()
                : scripts().graph().history(range, current == null ? Set.of() : current);
        if (indicateCurrent) {
            for (String id : new TreeSet<>(current)) {
                // marked nowhere: say why, or the user takes the database for unversioned. A warning, not a
                // failure (Alembic's history -i lists the scripts all the same)
                if (scripts().graph().get(id).isEmpty()) {
                    // "for it": the table's other rows may be known and marked (t21-2)
                    LOG.warn("Can't locate revision identified by '{}': the database's version table names a revision"
                            + " none of these scripts has, so no line is marked (current) for it", id);
                }
            }
        }
        RevisionFormat f = revisionFormat(indicateCurrent ? current : null);
        if (json()) {
            printJson(f.jsonList(revisions));
        } else {
            for (RevisionHeader h : revisions) out().println(global().verbose() ? f.entry(h) : f.historyLine(h));
        }
        return 0;
    }
}
