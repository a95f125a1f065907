package dev.retort.cli.commands;

import dev.retort.graph.RevisionHeader;
import dev.retort.script.RevisionFormat;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

public final class HeadsCommand extends BaseCommand {
    private final OptionSpec resolveDependencies = flag(
            "Leave out heads that are only there as another revision's dependency.", "--resolve-dependencies");

    public HeadsCommand() {
        super("heads", "Show the heads of the revision graph (-v for details).");
    }

    @Override
    public Integer call() {
        List<RevisionHeader> heads = scripts().graph().heads(isSet(resolveDependencies));
        RevisionFormat f = revisionFormat(null);
        if (json()) {
            printJson(f.jsonList(heads));
        } else {
            for (RevisionHeader h : heads) out().println(global().verbose() ? f.entry(h) : f.headsLine(h));
        }
        return 0;
    }
}
