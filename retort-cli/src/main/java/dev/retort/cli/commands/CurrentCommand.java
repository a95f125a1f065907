package dev.retort.cli.commands;

import dev.retort.graph.RevisionGraph;
import dev.retort.runtime.Retort;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
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
        if (global().verbose()) out().println("Current revision(s) for " + retort.displayUrl() + ":");
        RevisionGraph graph = retort.graph();
        for (String id : current) {
            if (graph.get(id).isEmpty()) {
                LoggerFactory.getLogger("dev.retort.runtime").warn(
                        "Can't locate revision identified by '{}': the database is ahead of these scripts", id);
                out().println(id);
            } else {
                out().println(id + (graph.isHead(id) ? " (head)" : ""));
            }
        }
        return 0;
    }
}
