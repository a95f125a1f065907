package dev.retort.cli.commands;

import dev.retort.RetortException;
import dev.retort.cli.Interrupts;
import dev.retort.dialect.Dialect;
import dev.retort.graph.Direction;
import dev.retort.graph.Plan;
import dev.retort.graph.Step;
import dev.retort.runtime.AppliedStep;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.runtime.Retort;
import dev.retort.runtime.RunResult;
import dev.retort.runtime.StepLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What upgrade, downgrade and stamp share: offline SQL, dry run (text or JSON), the real run. */
final class MigrationRuns {
    private static final Logger LOG = LoggerFactory.getLogger("dev.retort.runtime.migration");

    private MigrationRuns() {
    }

    /** Several targets are for stamp only ({@code stamp A B}); upgrade and downgrade pass one. */
    static int run(BaseCommand cmd, Direction direction, List<String> targets, RunOptions options, boolean purge) {
        boolean sql = options.sql();
        boolean dryRun = options.dryRun();
        if (sql && cmd.json()) {
            // the script is the answer, and it is no JSON: printed under --json, a reader of stdout got SQL where it
            // expected a document (t65-1). --dry-run does not change that: with --sql it prints the same script.
            throw new CommandLine.ParameterException(cmd.spec().commandLine(), "--json cannot be used with --sql, whose"
                    + " output is a SQL script (--dry-run --json without --sql gives the steps as JSON)");
        }
        String tag = options.tag();
        Retort retort = cmd.retort();
        String target = targets.get(0);
        boolean stamp = direction == Direction.STAMP;
        if (sql) {
            if (purge) throw new RetortException("--purge is not allowed with --sql (it needs the live version table)");
            if (direction == Direction.DOWNGRADE && !target.contains(":")) {
                throw new RetortException("downgrade with --sql requires <fromrev>:<torev>");
            }
            Dialect dialect = retort.offlineDialect();
            LOG.info("Context impl {}.", dialect.name());
            LOG.info("Generating static SQL");
            LOG.info("Will assume {}transactional DDL.", dialect.transactionalDdl() ? "" : "non-");
            cmd.out().print(stamp ? retort.stampSql(targets, tag) : retort.sql(direction, target, tag));
            cmd.out().flush();
            return 0;
        }
        for (String t : targets) {
            if (t.contains(":")) {
                throw new RetortException("Range revision not allowed ('" + t + "'); ranges FROM:TO work with --sql only");
            }
        }
        if (dryRun) {
            Set<String> current = purge ? Set.of() : retort.current();
            Plan plan = stamp ? retort.planStamp(targets, purge, current) : retort.plan(direction, target, purge, current);
            retort.verifyRunnable(plan);
            // a purge empties the rows even where no step follows (stamp --purge base): the run says so, and so
            // must its dry run instead of "Nothing to do"
            Set<String> purged = purge ? new TreeSet<>(retort.current()) : Set.of();
            List<Step> steps = plan.steps();
            if (purge && !steps.isEmpty()) {
                // as the run records it: the first step starts from the rows the purge removes
                Step first = steps.get(0);
                List<Step> shown = new ArrayList<>(steps);
                shown.set(0, new Step(first.revision(), first.direction(), List.copyOf(purged), first.to()));
                steps = shown;
            }
            if (cmd.json()) {
                Map<String, Object> json = planJson(direction, steps, null);
                if (purge) json.put("purge", List.copyOf(purged));
                cmd.printJson(json);
            } else if (plan.isEmpty() && purged.isEmpty()) {
                cmd.out().println("Nothing to do: the database is at " + describe(current) + ".");
            } else {
                // as the run logs it: the purge, then each step from the emptied table (t50-3: from the purged
                // rows, the stamp of A read "B -> " when B was purged too, A named nowhere)
                if (!purged.isEmpty()) {
                    cmd.out().println("Would purge the version table " + versionTable(retort.settings())
                            + " (it holds " + String.join(", ", purged) + ")");
                }
                for (Step s : plan.steps()) cmd.out().println(StepLine.running(s).replaceFirst("^Running ", "Would run "));
            }
            return 0;
        }
        LOG.debug("Database {}", retort.displayUrl());
        RunResult result;
        try {
            result = Interrupts.cancellable(retort::running, retort::cancel,
                    () -> stamp ? retort.stamp(targets, purge, tag) : retort.run(direction, target, purge, tag));
        } catch (RetortException e) {
            if (cmd.json()) {
                // what stays applied, for scripts that read stdout, whether the run failed in a revision or before
                // one (connection, lock timeout); the error itself goes to stderr as always
                List<AppliedStep> kept = e instanceof MigrationFailedException mf ? mf.committed() : List.of();
                Map<String, Object> json = planJson(direction, kept.stream().map(AppliedStep::step).toList(), kept);
                json.put("error", e.getMessage());
                cmd.printJson(json);
            }
            throw e;
        }
        if (result.nothingToDo()) {
            LOG.info("Nothing to do: the database is at {}.", describe(result.after()));
        }
        if (cmd.json()) {
            List<Step> steps = result.applied().stream().map(AppliedStep::step).toList();
            cmd.printJson(planJson(direction, steps, result.applied()));
        }
        return 0;
    }

    /** The version table as the run's "Purged the version table ..." line names it (unresolved schema aside). */
    private static String versionTable(dev.retort.runtime.RuntimeSettings s) {
        return (s.versionTableSchema().isEmpty() ? "" : s.versionTableSchema() + ".") + s.versionTable();
    }

    /** SPEC section 5's dry-run shape; a real run adds each step's duration. */
    static Map<String, Object> planJson(Direction direction, List<Step> steps, List<AppliedStep> applied) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("direction", direction.word());
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("revision", s.revision() == null ? null : s.revision().id());
            m.put("from", s.from());
            m.put("to", s.to());
            m.put("message", s.revision() == null ? "" : s.revision().message());
            if (applied != null) m.put("duration_ms", applied.get(i).durationMs());
            out.add(m);
        }
        root.put("steps", out);
        return root;
    }

    static String describe(Set<String> heads) {
        return heads.isEmpty() ? "base (unversioned)" : String.join(", ", new TreeSet<>(heads));
    }
}
