package dev.retort.graph;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The revision DAG, built once from headers. Pure: no I/O.
 * SKELETON: signatures are the contract used by script, runtime and cli; bodies land with the graph issue.
 */
public final class RevisionGraph {

    /** Builds and validates the graph; throws {@link GraphException} naming the files at fault. */
    public static RevisionGraph of(Collection<RevisionHeader> headers) {
        throw new UnsupportedOperationException("graph: not built yet");
    }

    public Optional<RevisionHeader> get(String id) { throw new UnsupportedOperationException(); }

    /** Every revision, in history order (newest first). */
    public List<RevisionHeader> revisions() { throw new UnsupportedOperationException(); }

    public List<RevisionHeader> heads() { throw new UnsupportedOperationException(); }

    /** Heads, counting a revision that is only a dependency target's descendant as Alembic does. */
    public List<RevisionHeader> heads(boolean resolveDependencies) { throw new UnsupportedOperationException(); }

    public List<RevisionHeader> bases() { throw new UnsupportedOperationException(); }

    public List<RevisionHeader> branchPoints() { throw new UnsupportedOperationException(); }

    public List<RevisionHeader> mergePoints() { throw new UnsupportedOperationException(); }

    public boolean isHead(String id) { throw new UnsupportedOperationException(); }

    public boolean isBase(String id) { throw new UnsupportedOperationException(); }

    public boolean isBranchPoint(String id) { throw new UnsupportedOperationException(); }

    public boolean isMergePoint(String id) { throw new UnsupportedOperationException(); }

    /** Resolves a TARGET of SPEC section 4 to revision ids, given the database's current heads. */
    public Set<String> resolve(String target, Set<String> current) { throw new UnsupportedOperationException(); }

    /** Revisions of a history range ({@code A:B}, {@code :B}, {@code A:}, {@code current}), newest first. */
    public List<RevisionHeader> history(String range, Set<String> current) { throw new UnsupportedOperationException(); }

    public Plan planUpgrade(Set<String> current, String target) { throw new UnsupportedOperationException(); }

    public Plan planDowngrade(Set<String> current, String target) { throw new UnsupportedOperationException(); }

    public Plan planStamp(Set<String> current, String target, boolean purge) { throw new UnsupportedOperationException(); }
}
