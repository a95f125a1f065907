package dev.retort.runtime;

import dev.retort.graph.Direction;
import dev.retort.graph.Plan;
import dev.retort.graph.Step;
import dev.retort.migration.Migration;
import dev.retort.script.RevisionScript;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What online runs and offline scripts do with a plan's revisions before the first step. */
final class PlanRevisions {
    private PlanRevisions() {
    }

    /**
     * Compiles (or finds in the cache) every revision the plan runs; for a downgrade, also loads each one
     * and refuses the plan if any has no downgrade, before anything runs.
     *
     * @param nothingDone ends the refusal's message: what did not happen ("nothing was run")
     * @return the revisions loaded for that check, by id (empty for other plans), so that the run uses
     *         them instead of reading their files a second time
     */
    static Map<String, Migration> prepare(RevisionSource source, Plan plan, String nothingDone) {
        List<String> ids = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s.direction() != Direction.STAMP && s.revision() != null) ids.add(s.revision().id());
        }
        if (ids.isEmpty()) return Map.of();
        source.prepare(ids);
        if (plan.direction() != Direction.DOWNGRADE) return Map.of();
        Map<String, Migration> loaded = new HashMap<>();
        for (String id : ids) {
            Migration m = source.migration(id);
            if (!m.isReversible()) {
                throw new MigrationFailedException(id, "Revision " + id + where(source, id)
                        + " has no downgrade and cannot be reverted; " + nothingDone, null);
            }
            loaded.put(id, m);
        }
        return loaded;
    }

    /** " (path)" of a revision's file for messages; empty for revisions built in code. */
    static String where(RevisionSource source, String id) {
        RevisionScript s = script(source, id);
        return s == null || s.path() == null ? "" : " (" + s.path() + ")";
    }

    /** Whether a step runs inside a transaction: stamps always; a revision unless its file says otherwise. */
    static boolean transactional(RevisionSource source, Step step) {
        if (step.direction() == Direction.STAMP || step.revision() == null) return true;
        RevisionScript s = script(source, step.revision().id());
        return s == null || s.transactional();
    }

    /** The revision's file facts, or null for revisions built in code (which have no file). */
    static RevisionScript script(RevisionSource source, String id) {
        if (id == null) return null;
        try {
            return source.script(id);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
