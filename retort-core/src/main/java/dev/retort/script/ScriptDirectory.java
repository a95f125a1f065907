package dev.retort.script;

import dev.retort.config.RetortConfig;
import dev.retort.graph.RevisionGraph;
import dev.retort.migration.Migration;

import java.util.Collection;
import java.util.List;

/**
 * The revision files of a project and the graph they form. Reading headers never compiles; Java
 * revisions are compiled (as one batch, cached) only when {@link #prepare} or {@link #migration} is called.
 * SKELETON: the scripts issue fills this in.
 */
public final class ScriptDirectory {

    public static ScriptDirectory load(RetortConfig config) {
        throw new UnsupportedOperationException("scripts: not built yet");
    }

    public RevisionGraph graph() { throw new UnsupportedOperationException(); }

    public List<RevisionScript> scripts() { throw new UnsupportedOperationException(); }

    public RevisionScript script(String id) { throw new UnsupportedOperationException(); }

    /** Compiles (or loads from cache) the Java revisions among {@code ids} in one batch. */
    public void prepare(Collection<String> ids) { throw new UnsupportedOperationException(); }

    /** The runnable migration of a revision: SQL revisions run their statements through {@code op.execute}. */
    public Migration migration(String id) { throw new UnsupportedOperationException(); }
}
