package dev.retort.graph;

import java.util.List;

/**
 * Every message the graph throws, in one place. The texts are Alembic's wherever Alembic has one,
 * so that its users recognise them; the tests pin them.
 */
final class GraphErrors {
    private GraphErrors() {
    }

    static UnknownRevisionException cantLocate(String ident) {
        return new UnknownRevisionException(ident);
    }

    static String cantLocateText(String ident) {
        return "Can't locate revision identified by '" + ident + "'";
    }

    /** @param matches quoted already: {@code 'ae1027a6acf1'}, or {@code 'feature' (3cd1f8ae54d1)} for a label */
    static GraphException multipleStart(String prefix, List<String> matches) {
        StringBuilder listed = new StringBuilder();
        for (int i = 0; i < Math.min(3, matches.size()); i++) {
            if (i > 0) {
                listed.append(", ");
            }
            listed.append(matches.get(i));
        }
        return new GraphException("Multiple revisions start with '" + prefix + "': " + listed + "...");
    }

    static String multipleHeadsText(String argument) {
        return "Multiple head revisions are present for given argument '" + argument + "'; please specify a "
                + "specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads";
    }

    static MultipleHeadsException multipleHeads(String argument, List<String> heads) {
        return new MultipleHeadsException(argument, heads);
    }

    static GraphException notAncestor(String lower, String upper) {
        return new GraphException("Revision " + lower + " is not an ancestor of revision " + upper);
    }

    static GraphException notDowngradeTarget(String destination) {
        return new GraphException("Destination " + destination + " is not a valid downgrade target from current head(s)");
    }

    static GraphException overlappingTargets(String revision, List<String> others) {
        return new GraphException("Requested revision " + revision + " overlaps with other requested revisions "
                + String.join(", ", others));
    }

    static GraphException relativeTooShort(String relative, int steps) {
        return new GraphException("Relative revision " + relative + " didn't produce " + steps + " migrations");
    }

    /**
     * {@code LABEL@-N} stopped at a revision of the label's line that revisions off the line stand on: reverting it
     * would revert them too. Alembic reverts them (it walks from the line's applied tip); Retort's {@code -N} moves
     * exactly N revisions of the branch, so it names them and the downgrade that does what Alembic does.
     */
    static GraphException relativeHeld(String relative, String branch, String revision, int reverted,
                                       List<String> children, List<String> dependents, String instead) {
        String revises = children.isEmpty() ? "" : String.join(", ", children) + (children.size() == 1 ? " revises" : " revise") + " it";
        String depends = dependents.isEmpty() ? "" : String.join(", ", dependents) + (dependents.size() == 1 ? " depends" : " depend") + " on it";
        String held = revises + (revises.isEmpty() || depends.isEmpty() ? "" : " and ") + depends;
        String after = reverted == 0 ? "" : " after " + reverted + (reverted == 1 ? " revision" : " revisions");
        return new GraphException("Relative revision " + relative + " stops at " + revision + after + ": " + held
                + ", off " + branch + "'s line, and " + branch + "@-N reverts exactly N revisions of that line; to revert "
                + revision + " with what stands on it, downgrade " + instead);
    }

    static GraphException relativeWaits(String relative, String branch, String revision, int appliedSoFar,
                                        List<String> parents, List<String> dependencies) {
        String revises = parents.isEmpty() ? "" : "it revises " + String.join(", ", parents);
        String depends = dependencies.isEmpty() ? "" : "it depends on " + String.join(", ", dependencies);
        String waits = revises + (revises.isEmpty() || depends.isEmpty() ? "" : " and ") + depends;
        String after = appliedSoFar == 0 ? "" : " after " + appliedSoFar + (appliedSoFar == 1 ? " revision" : " revisions");
        return new GraphException("Relative revision " + relative + " stops at " + revision + after + ": " + waits
                + ", off " + branch + "'s line and not applied, and " + branch + "@+N applies exactly N revisions of that"
                + " line; to apply " + revision + " with what it needs, upgrade " + revision);
    }

    /**
     * Alembic's "Ambiguous walk", with where the walk forked and between what: Alembic's bare text left users
     * to find the merge or branch point themselves.
     */
    static GraphException ambiguousWalk(String target, boolean down, String where, List<String> choices) {
        return new GraphException("Ambiguous walk: " + target + " " + where + " (" + String.join(", ", choices)
                + "); name the revision to go to, or the branch (branch@" + (down ? "-" : "+") + "N)");
    }

    static GraphException walkedTooFar() {
        return new GraphException("Walked too far");
    }

    static GraphException noSuchBranch(String branch) {
        return new GraphException("No such branch: '" + branch + "'");
    }

    static GraphException notMemberOfBranch(String revision, String branch) {
        return new GraphException("Revision " + revision + " is not a member of branch '" + branch + "'");
    }

    static GraphException prefixNotInBranch(String prefix, String branch, List<String> offBranch) {
        return new GraphException("No revision starting with '" + prefix + "' is on branch '" + branch + "' ("
                + String.join(", ", offBranch) + (offBranch.size() == 1 ? " is not a member)" : " are not members)"));
    }

    static GraphException rangeNotAllowed() {
        return new GraphException("Range revision not allowed");
    }

    static GraphException historyRangeSyntax() {
        return new GraphException("History range requires [start]:[end], [start]:, or :[end]");
    }

    static GraphException rangeNotAlongBranch(String lower, String upper) {
        return new GraphException("Requested range " + lower + ":" + upper
                + " does not refer to ancestor/descendant revisions along the same branch");
    }
}
