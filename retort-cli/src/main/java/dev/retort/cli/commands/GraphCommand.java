package dev.retort.cli.commands;

import dev.retort.script.GraphDrawing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draw the revision graph: ascii (like git log --graph), dot (Graphviz) or mermaid; "
                + "--json gives the revisions and their links.")
public final class GraphCommand extends BaseCommand {
    enum Format { ascii, dot, mermaid }

    @Option(names = "--format", paramLabel = "F", defaultValue = "ascii",
            description = "ascii, dot or mermaid (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        var graph = scripts().graph();
        if (json()) {
            // the drawing's data: every revision with its parents and dependencies (the edges), newest first
            printJson(revisionFormat(null).jsonList(graph.revisions()));
            return 0;
        }
        String text = switch (format) {
            case ascii -> GraphDrawing.ascii(graph);
            case dot -> GraphDrawing.dot(graph);
            case mermaid -> GraphDrawing.mermaid(graph);
        };
        out().print(text);
        out().flush();
        return 0;
    }
}
