package dev.retort.runtime;

import dev.retort.migration.Migration;
import dev.retort.script.RevisionScript;
import dev.retort.script.ScriptDirectory;

import java.util.Collection;

/**
 * Where the runner gets a revision's code and file facts. Normally a {@link ScriptDirectory};
 * tests and applications with revisions built in code may supply their own.
 */
public interface RevisionSource {
    /** Compiles (or loads from cache) what {@link #migration} will need for {@code ids}, before anything runs. */
    void prepare(Collection<String> ids);

    /** The runnable revision. */
    Migration migration(String id);

    /** The file behind a revision: path for messages, checksum for the history table, transactional flag. */
    RevisionScript script(String id);

    /**
     * Whether the revision has a downgrade, when that is known without compiling (a dry run compiles
     * nothing); null when only {@link #prepare} and {@link #migration} can tell.
     */
    default Boolean reversibleWithoutCompiling(String id) {
        return null;
    }

    /**
     * Whether {@link #migration} of this revision only reads and parses a file, running no user code, so
     * that it may be called on another thread ahead of its turn (see RevisionPreloader). False unless known.
     */
    default boolean loadsWithoutUserCode(String id) {
        return false;
    }

    static RevisionSource of(ScriptDirectory scripts) {
        return new RevisionSource() {
            @Override
            public void prepare(Collection<String> ids) {
                scripts.prepare(ids);
            }

            @Override
            public Migration migration(String id) {
                return scripts.migration(id);
            }

            @Override
            public RevisionScript script(String id) {
                return scripts.script(id);
            }

            @Override
            public Boolean reversibleWithoutCompiling(String id) {
                return scripts.reversibleWithoutCompiling(id);
            }

            @Override
            public boolean loadsWithoutUserCode(String id) {
                return scripts.script(id).kind() == RevisionScript.Kind.SQL;
            }
        };
    }
}
