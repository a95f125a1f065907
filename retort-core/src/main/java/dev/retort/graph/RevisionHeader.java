package dev.retort.graph;

import java.util.List;

/**
 * What the graph knows of one revision: read from a file's header, never from compiled code.
 *
 * @param id           the revision id
 * @param revises      parent ids; empty for a base, two or more for a merge point
 * @param branchLabels labels naming the branch this revision starts or carries
 * @param dependsOn    revisions that must be applied first, without being ancestors
 * @param message      description, may be empty; one line but for a Java revision's (see {@link #messageLine})
 * @param created      creation timestamp as written in the header, may be empty
 * @param path         the file it came from (for messages), may be empty
 */
public record RevisionHeader(String id, List<String> revises, List<String> branchLabels,
                             List<String> dependsOn, String message, String created, String path) {
    public RevisionHeader {
        // a name listed twice ("revises a2, a2") is one parent, as Alembic collapses it, not a merge of a2 with itself
        revises = distinct(revises);
        branchLabels = distinct(branchLabels);
        dependsOn = distinct(dependsOn);
        message = message == null ? "" : message;
        created = created == null ? "" : created;
        path = path == null ? "" : path;
    }

    /**
     * The message on one line, its line breaks as spaces, for text that shows a revision per line (the log's
     * {@code Running upgrade A -> B, message}, {@code history}): a Java revision's message may hold a {@code \n},
     * which split the line and could pass for a line of its own (t34-7). {@link #message()} keeps them.
     */
    public String messageLine() {
        return LINE_BREAK.matcher(message).replaceAll(" ");
    }

    private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\R");

    private static List<String> distinct(List<String> names) {
        if (names == null || names.isEmpty()) return List.of();
        return names.size() == 1 ? List.copyOf(names) : List.copyOf(new java.util.LinkedHashSet<>(names));
    }

    /** A header with only the graph's essentials, handy in tests. */
    public static RevisionHeader of(String id, String... revises) {
        return new RevisionHeader(id, List.of(revises), List.of(), List.of(), "", "", "");
    }
}
