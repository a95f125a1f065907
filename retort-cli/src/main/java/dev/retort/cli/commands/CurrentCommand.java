package dev.retort.cli.commands;

import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;
import dev.retort.script.RevisionFormat;
import dev.retort.runtime.Retort;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

public final class CurrentCommand extends BaseCommand {
    public CurrentCommand() {
        super("current", "Show the database's current revision(s); nothing for an unversioned database. "
                + "Creates nothing.");
    }

    @Override
    public Integer call() {
        Retort retort = retort();
        List<String> current = List.copyOf(new TreeSet<>(retort.current()));
        if (json()) {
            printJson(Map.of("revisions", current));
            return 0;
        }
        boolean verbose = global().verbose();
        if (verbose) out().println("Current revision(s) for " + retort.displayUrl() + ":");
        RevisionGraph graph = retort.graph();
        RevisionFormat f = revisionFormat(null);
        for (String id : current) {
            Optional<RevisionHeader> h = graph.get(id);
            if (h.isEmpty()) {
                LoggerFactory.getLogger("dev.retort.runtime").warn(
                        "Can't locate revision identified by '{}': none of these scripts has it (the database is ahead of"
                                + " these scripts, or the file was removed or squashed)", id);
                out().println(id);
            } else {
                // Alembic's cmd_format: the markers of history (head, branchpoint, mergepoint), or with -v the
                // entry show prints
                out().println(verbose ? f.entry(h.get()) : f.currentLine(h.get()));
            }
        }
        return 0;
    }
}
