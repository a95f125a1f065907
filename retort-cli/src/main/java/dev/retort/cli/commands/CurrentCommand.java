package dev.retort.cli.commands;

import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;
import dev.retort.script.RevisionFormat;
import dev.retort.runtime.Retort;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

public final class CurrentCommand extends BaseCommand {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dev.retort.runtime");

    public CurrentCommand() {
        super("current", "Show the database's current revision(s); nothing for an unversioned database. "
                + "Creates nothing.");
    }

    @Override
    public Integer call() {
        Retort retort = retort();
        List<String> current = List.copyOf(new TreeSet<>(retort.current()));
        // a row no script has fails here as in upgrade and check (and as Alembic's current does): current is
        // what a user runs to find out why upgrade fails, and a script reads its exit code
        try {
            retort.requireKnown(Set.copyOf(current));
        } catch (dev.retort.graph.GraphException redundant) {
            // rows that are all known but one below another (a hand edit): shown, as Alembic's current shows them,
            // with what upgrade will say about them (t16-4)
            LOG.warn(redundant.getMessage());
        }
        if (json()) {
            printJson(Map.of("revisions", current));
            return 0;
        }
        boolean verbose = global().verbose();
        if (verbose) out().println("Current revision(s) for " + retort.displayUrl() + ":");
        RevisionGraph graph = retort.graph();
        RevisionFormat f = revisionFormat(null);
        for (String id : current) {
            // Alembic's cmd_format: the markers of history (head, branchpoint, mergepoint), or with -v the
            // entry show prints
            RevisionHeader h = graph.get(id).orElseThrow();
            out().println(verbose ? f.entry(h) : f.currentLine(h));
        }
        return 0;
    }
}
