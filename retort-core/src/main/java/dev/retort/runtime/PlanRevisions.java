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
     * Compiles (or finds in the cache) every revision the plan runs, with the revision files they use (see
     * {@link dev.retort.script.ScriptDirectory#prepare}); for a downgrade, also loads each one
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
            if (!m.isReversible()) throw irreversible(source, id, nothingDone);
            loaded.put(id, m);
        }
        return loaded;
    }

    /**
     * For dry runs, which compile nothing (SPEC §3): refuses a downgrade through a revision without a
     * downgrade, as the run would, asking {@link RevisionSource#reversibleWithoutCompiling}. Only a Java
     * revision whose class extends a class other than Migration is compiled for it: its source cannot tell.
     */
    static void verifyWithoutCompiling(RevisionSource source, Plan plan, String nothingDone) {
        if (plan.direction() != Direction.DOWNGRADE) return;
        List<String> unknown = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s.revision() == null) continue;
            String id = s.revision().id();
            Boolean reversible = source.reversibleWithoutCompiling(id);
            if (reversible == null) unknown.add(id);
            else if (!reversible) throw irreversible(source, id, nothingDone);
        }
        if (unknown.isEmpty()) return;
        source.prepare(unknown);
        for (String id : unknown) {
            if (!source.migration(id).isReversible()) throw irreversible(source, id, nothingDone);
        }
    }

    private static MigrationFailedException irreversible(RevisionSource source, String id, String nothingDone) {
        return new MigrationFailedException(id, "Revision " + id + where(source, id)
                + " has no downgrade and cannot be reverted; " + nothingDone, null);
    }

    /** " (path)" of a revision's file for messages (a SQL file of the class path: its resource); empty for revisions built in code. */
    static String where(RevisionSource source, String id) {
        RevisionScript s = script(source, id);
        if (s != null && s.path() == null && s.kind() == RevisionScript.Kind.SQL) return " (" + s.header().path() + ")";
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
