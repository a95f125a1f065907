package dev.retort.cli.commands;

import dev.retort.graph.RevisionHeader;
import dev.retort.script.RevisionFormat;

import java.util.List;

public final class BranchesCommand extends BaseCommand {
    public BranchesCommand() {
        super("branches", "Show the branch points of the revision graph and where they lead (-v for details).");
    }

    @Override
    public Integer call() {
        List<RevisionHeader> points = scripts().graph().revisions().stream()
                .filter(h -> scripts().graph().isBranchPoint(h.id())).toList();
        RevisionFormat f = revisionFormat(null);
        if (json()) {
            printJson(f.jsonBranches(points));
        } else {
            for (RevisionHeader p : points) {
                out().println(f.branchBlock(p, global().verbose()));
                out().println();
            }
        }
        return 0;
    }
}
