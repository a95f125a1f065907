package dev.retort.graph;

import java.util.List;

/**
 * What the graph knows of one revision: read from a file's header, never from compiled code.
 *
 * @param id           the revision id
 * @param revises      parent ids; empty for a base, two or more for a merge point
 * @param branchLabels labels naming the branch this revision starts or carries
 * @param dependsOn    revisions that must be applied first, without being ancestors
 * @param message      one-line description, may be empty
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

    private static List<String> distinct(List<String> names) {
        if (names == null || names.isEmpty()) return List.of();
        return names.size() == 1 ? List.copyOf(names) : List.copyOf(new java.util.LinkedHashSet<>(names));
    }

    /** A header with only the graph's essentials, handy in tests. */
    public static RevisionHeader of(String id, String... revises) {
        return new RevisionHeader(id, List.of(revises), List.of(), List.of(), "", "", "");
    }
}
