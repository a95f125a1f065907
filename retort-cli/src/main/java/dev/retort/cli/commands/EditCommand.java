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

    /**
     * $EDITOR, else $VISUAL, then the files. A value naming an existing file is the editor as it is (as Alembic
     * takes it: "/opt/my editor/ed"); otherwise it is split into words as a shell splits them, so arguments
     * ("code -w") and quoted paths ("'/opt/my editor/ed' -w") work (t21-3). Nothing is expanded.
     */
    static List<String> editorCommand(Map<String, String> env, List<Path> files) {
        String name = "EDITOR";
        String editor = env.get(name);
        if (editor == null || editor.isBlank()) editor = env.get(name = "VISUAL");
        if (editor == null || editor.isBlank()) {
            throw new RetortException("No editor configured: set $EDITOR (or $VISUAL) to open "
                    + String.join(", ", files.stream().map(Path::toString).toList()));
        }
        String value = editor.strip();
        List<String> command = namesAFile(value) ? new ArrayList<>(List.of(value)) : words(name, value);
        for (Path f : files) command.add(f.toString());
        return command;
    }

    private static boolean namesAFile(String value) {
        try {
            return java.nio.file.Files.isRegularFile(Path.of(value));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** POSIX shell word splitting without expansion: blanks separate, quotes and backslashes are honoured. */
    static List<String> words(String variable, String value) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                for (; end < value.length() && value.charAt(end) != c; end++) {
                    char q = value.charAt(end);
                    // inside double quotes a backslash escapes only " \ $ and `, as in sh
                    if (c == '"' && q == '\\' && end + 1 < value.length() && "\"\\$`".indexOf(value.charAt(end + 1)) >= 0) {
                        q = value.charAt(++end);
                    }
                    word.append(q);
                }
                if (end >= value.length()) {
                    throw new RetortException("$" + variable + " has an unterminated " + (c == '"' ? "double" : "single")
                            + " quote: " + value);
                }
                i = end;
                inWord = true;
            } else if (c == '\\' && i + 1 < value.length()) {
                word.append(value.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(word.toString());
        return out;
    }
}
