package dev.retort.cli.commands;

import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;
import dev.retort.script.RevisionFormat;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;
import java.util.Set;

public final class ShowCommand extends BaseCommand {
    private final PositionalParamSpec revision = positional(String.class, "0", "1", "REV", null,
            "An id, a prefix, head, a label, current, ...");

    public ShowCommand() {
        super("show", "Show one revision's details and file (REV: an id, a prefix, head, a label, current, ...).");
    }

    @Override
    public Integer call() {
        String rev = revision.getValue();
        RevisionGraph graph = scripts().graph();
        Set<String> current = currentIfReferenced(rev);
        List<RevisionHeader> revisions = graph.resolve(rev, current).stream()
                .map(id -> graph.get(id).orElseThrow()).toList();
        RevisionFormat f = revisionFormat(null);
        if (json()) {
            printJson(f.jsonList(revisions));
        } else {
            for (RevisionHeader h : revisions) out().println(f.entry(h));
        }
        return 0;
    }
}
