package dev.retort.cli.commands;

import dev.retort.graph.RevisionHeader;
import dev.retort.script.RevisionFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "heads", mixinStandardHelpOptions = true,
        description = "Show the heads of the revision graph (-v for details).")
public final class HeadsCommand extends BaseCommand {
    @Option(names = "--resolve-dependencies",
            description = "Leave out heads that are only there as another revision's dependency.")
    boolean resolveDependencies;

    @Override
    public Integer call() {
        List<RevisionHeader> heads = scripts().graph().heads(resolveDependencies);
        RevisionFormat f = revisionFormat(null);
        if (json()) {
            printJson(f.jsonList(heads));
        } else {
            for (RevisionHeader h : heads) out().println(global().verbose() ? f.entry(h) : f.headsLine(h));
        }
        return 0;
    }
}
