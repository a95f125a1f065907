package dev.retort.cli.commands;

import dev.retort.script.GraphDrawing;
import picocli.CommandLine.Model.OptionSpec;

public final class GraphCommand extends BaseCommand {
    enum Format { ascii, dot, mermaid }

    private final OptionSpec format = option(Format.class, "F", "ascii",
            "ascii, dot or mermaid (default: ${DEFAULT-VALUE}).", "--format");

    public GraphCommand() {
        super("graph", "Draw the revision graph: ascii (like git log --graph), dot (Graphviz) or mermaid; "
                + "--json gives the revisions and their links.");
    }

    @Override
    public Integer call() {
        var graph = scripts().graph();
        if (json()) {
            // the drawing's data: every revision with its parents and dependencies (the edges), newest first
            printJson(revisionFormat(null).jsonList(graph.revisions()));
            return 0;
        }
        String text = switch (format.<Format>getValue()) {
            case ascii -> GraphDrawing.ascii(graph);
            case dot -> GraphDrawing.dot(graph);
            case mermaid -> GraphDrawing.mermaid(graph);
        };
        out().print(text);
        out().flush();
        return 0;
    }
}
