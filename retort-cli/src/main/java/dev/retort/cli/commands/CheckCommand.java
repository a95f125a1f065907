package dev.retort.cli.commands;

import dev.retort.autogenerate.DriftCheck;
import dev.retort.autogenerate.SchemaComparator;
import dev.retort.graph.RevisionHeader;
import dev.retort.runtime.Retort;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Exit 1 if the database is not at head or differs from the model (drift).")
public final class CheckCommand extends BaseCommand {
    @Override
    public Integer call() {
        Retort retort = Retort.of(config(), scripts());
        List<RevisionHeader> pending = retort.pending();
        if (!pending.isEmpty()) {
            if (json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("up_to_date", false);
                List<Map<String, Object>> list = new ArrayList<>();
                for (RevisionHeader h : pending) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("revision", h.id());
                    r.put("message", h.message());
                    list.add(r);
                }
                m.put("pending", list);
                printJson(m);
            } else {
                out().println("Target database is not up to date: " + pending.size() + " revision(s) pending:");
                for (RevisionHeader h : pending) {
                    out().println("  " + h.id() + (h.message().isEmpty() ? "" : ", " + h.message()));
                }
            }
            return 1;
        }
        int drift = checkDrift(retort);
        if (drift != 0) return drift;
        if (json()) {
            printJson(Map.of("up_to_date", true, "pending", List.of()));
        } else {
            out().println("No pending revisions: the database is at "
                    + MigrationRuns.describe(new TreeSet<>(retort.current())) + ".");
        }
        return 0;
    }

    /**
     * The drift check (SPEC section 7): compare the model with the migrated database and print the
     * differences, returning 1 when there are some. Runs only when no revision is pending.
     * Without target_metadata there is no model, so no drift to report.
     */
    int checkDrift(Retort retort) {
        SchemaComparator.Diff diff = DriftCheck.diff(config());
        if (diff.isEmpty()) return 0;
        List<String> changes = new ArrayList<>();
        for (SchemaComparator.Entry e : diff.entries()) {
            String what = e.operation() != null ? e.operation().describe() : "";
            if (e.note() != null) what += (what.isEmpty() ? "" : " -- ") + e.note().lines().findFirst().orElse("");
            changes.add(what);
        }
        if (json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("up_to_date", true);
            m.put("pending", List.of());
            m.put("drift", changes);
            printJson(m);
        } else {
            out().println("The database differs from the model (" + changes.size() + " change(s) would be generated):");
            for (String c : changes) out().println("  " + c);
        }
        return 1;
    }
}
