package dev.retort.cli.commands;

import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;
import dev.retort.script.RevisionFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Set;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one revision's details and file (REV: an id, a prefix, head, a label, current, ...).")
public final class ShowCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "REV")
    String rev;

    @Override
    public Integer call() {
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
