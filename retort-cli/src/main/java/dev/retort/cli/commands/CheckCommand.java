package dev.retort.cli.commands;

import dev.retort.autogenerate.DriftCheck;
import dev.retort.graph.RevisionHeader;
import dev.retort.runtime.Retort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

public final class CheckCommand extends BaseCommand {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dev.retort.runtime");

    public CheckCommand() {
        super("check", "Exit 1 if the database is not at head or differs from the model (drift).");
    }

    @Override
    public Integer call() {
        Retort retort = retort();
        List<RevisionHeader> pending = retort.pending();
        // a warning, not a failure: the database is as the revisions left it, but other databases may not be
        List<Retort.EditedRevision> edited = retort.editedSinceApplied();
        for (Retort.EditedRevision e : edited) LOG.warn(e.warning());
        List<RevisionHeader> heads = retort.graph().heads(true);
        if (heads.size() > 1) {
            // the most common slip of a team with branches: two developers' revisions merged without a merge revision
            LOG.warn("The scripts have {} heads ({}): 'upgrade head' refuses them. Merge them with 'retort merge heads',"
                    + " or, for branches meant to stay apart, deploy with 'upgrade heads'", heads.size(),
                    String.join(", ", heads.stream().map(RevisionHeader::id).toList()));
        }
        if (!pending.isEmpty()) {
            if (json()) {
                printJson(answer(entries(pending), List.of(), null, edited));
            } else {
                out().println("Target database is not up to date: " + pending.size() + " revision(s) pending:");
                for (RevisionHeader h : pending) {
                    out().println("  " + h.id() + (h.message().isEmpty() ? "" : ", " + h.messageLine()));
                }
            }
            return 1;
        }
        List<RevisionHeader> never = retort.appliedNever();
        if (!never.isEmpty()) {
            // upgrade never runs these (the graph says they are applied): only check can tell (t16-3)
            if (json()) {
                printJson(answer(List.of(), entries(never), null, edited));
            } else {
                out().println("Target database is not up to date: " + never.size() + " revision(s) lie below its"
                        + " version rows but were never applied to it (its history has no upgrade or stamp of them):");
                for (RevisionHeader h : never) {
                    out().println("  " + h.id() + (h.message().isEmpty() ? "" : ", " + h.messageLine()));
                }
                out().println("They were probably written below a revision that had already run (a branch moved onto"
                        + " another after a merge, instead of a merge revision). 'upgrade' will not run them: make each a"
                        + " new revision above the head (or join the branches with 'retort merge heads'), or, if their"
                        + " changes are in the database already, record that with 'retort stamp --purge "
                        + String.join(" ", new TreeSet<>(retort.current())) + "'.");
            }
            return 1;
        }
        boolean hasModel = config().targetMetadata() != null && !config().targetMetadata().isBlank();
        List<String> drift = hasModel ? drift() : List.of();
        if (json()) {
            printJson(answer(List.of(), List.of(), hasModel ? drift : null, edited));
        } else if (!drift.isEmpty()) {
            out().println("The database differs from the model (" + drift.size() + " change(s) would be generated):");
            for (String c : drift) out().println("  " + c);
        } else {
            out().println("No pending revisions: the database is at "
                    + MigrationRuns.describe(new TreeSet<>(retort.current()))
                    + (hasModel ? "; it matches the model (no drift)." : "; no drift check (no target_metadata configured)."));
        }
        return drift.isEmpty() ? 0 : 1;
    }

    private static List<Map<String, Object>> entries(List<RevisionHeader> revisions) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (RevisionHeader h : revisions) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("revision", h.id());
            r.put("message", h.message());
            list.add(r);
        }
        return list;
    }

    /**
     * The JSON answer, keys always in this order. {@code drift} is null when it was not checked (revisions
     * pending, or no model configured), else the list of differences. {@code neverApplied}: revisions below the
     * version rows that never ran (t16-3), a key present only when there are some. {@code edited}: applied revisions
     * whose file changed since, which leave {@code up_to_date} and the exit code as they are (t56-7: only a stderr
     * warning said so, which a script reading the document could not see).
     */
    private static Map<String, Object> answer(List<Map<String, Object>> pending, List<Map<String, Object>> neverApplied,
                                              List<String> drift, List<Retort.EditedRevision> edited) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up_to_date", pending.isEmpty() && neverApplied.isEmpty() && (drift == null || drift.isEmpty()));
        m.put("pending", pending);
        m.put("drift", drift);
        if (!neverApplied.isEmpty()) m.put("never_applied", neverApplied);
        m.put("edited", edited(edited));
        return m;
    }

    /** {"revision", "path" (as messages name the file), "recorded", "now"} for each edited revision. */
    private static List<Map<String, Object>> edited(List<Retort.EditedRevision> edited) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Retort.EditedRevision e : edited) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("revision", e.revision());
            r.put("path", e.where());
            r.put("recorded", e.recorded());
            r.put("now", e.now());
            list.add(r);
        }
        return list;
    }

    /**
     * The drift check (SPEC section 7): the differences between the model and the migrated database, one
     * line each, an altered column with what changes. Runs only when no revision is pending.
     */
    private List<String> drift() {
        return DriftCheck.lines(config());
    }
}
