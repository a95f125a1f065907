package dev.retort.cli.commands;

import dev.retort.graph.RevisionHeader;
import dev.retort.script.RevisionFormat;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "branches", mixinStandardHelpOptions = true,
        description = "Show the branch points of the revision graph and where they lead (-v for details).")
public final class BranchesCommand extends BaseCommand {
    @Override
    public Integer call() {
        List<RevisionHeader> points = scripts().graph().revisions().stream()
                .filter(h -> scripts().graph().isBranchPoint(h.id())).toList();
        RevisionFormat f = revisionFormat(null);
        if (json()) {
            printJson(f.jsonList(points));
        } else {
            for (RevisionHeader p : points) {
                out().println(f.branchBlock(p, global().verbose()));
                out().println();
            }
        }
        return 0;
    }
}
