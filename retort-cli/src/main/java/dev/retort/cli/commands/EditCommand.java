package dev.retort.cli.commands;

import dev.retort.RetortException;
import dev.retort.graph.RevisionGraph;
import dev.retort.script.RevisionScript;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class EditCommand extends BaseCommand {
    private final PositionalParamSpec revision = positional(String.class, "0", "1", "REV", null,
            "An id, a prefix, head, a label, current, ...");

    public EditCommand() {
        super("edit", "Open a revision's file in $EDITOR (or $VISUAL).");
    }

    @Override
    public Integer call() throws InterruptedException {
        String rev = revision.getValue();
        RevisionGraph graph = scripts().graph();
        Set<String> current = currentIfReferenced(rev);
        Set<String> ids = graph.resolve(rev, current);
        if (ids.isEmpty()) throw new RetortException("No revision to edit for '" + rev + "'");
        List<Path> files = new ArrayList<>();
        for (String id : ids) {
            RevisionScript s = scripts().script(id);
            if (s.path() == null) throw new RetortException("Revision " + id + " has no file (it comes from the classpath)");
            files.add(s.path());
        }
        open(System.getenv(), files);
        return 0;
    }

    /** Runs the editor on {@code files} and waits; an editor that cannot start or fails is an error naming it. */
    static void open(Map<String, String> env, List<Path> files) throws InterruptedException {
        List<String> command = editorCommand(env, files);
        Process p;
        try {
            p = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new RetortException("Cannot start the editor '" + command.get(0) + "': " + e.getMessage(), e);
        }
        int status = p.waitFor();
        if (status != 0) {
            throw new RetortException("The editor '" + command.get(0) + "' exited with status " + status);
        }
    }

    /** $EDITOR, else $VISUAL, split on spaces (so "code -w" works), then the files. */
    static List<String> editorCommand(Map<String, String> env, List<Path> files) {
        String editor = env.get("EDITOR");
        if (editor == null || editor.isBlank()) editor = env.get("VISUAL");
        if (editor == null || editor.isBlank()) {
            throw new RetortException("No editor configured: set $EDITOR (or $VISUAL) to open "
                    + String.join(", ", files.stream().map(Path::toString).toList()));
        }
        List<String> command = new ArrayList<>(List.of(editor.strip().split("\\s+")));
        for (Path f : files) command.add(f.toString());
        return command;
    }
}
