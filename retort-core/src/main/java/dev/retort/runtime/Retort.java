package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.config.Advice;
import dev.retort.config.ConfigLoader;
import dev.retort.config.DatabaseUrls;
import dev.retort.config.RetortConfig;
import dev.retort.config.TargetMetadata;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Direction;
import dev.retort.graph.MultipleHeadsException;
import dev.retort.graph.Plan;
import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;
import dev.retort.graph.Step;
import dev.retort.script.ScriptDirectory;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Retort as a library, for application start-up and tools:
 * <pre>{@code
 * Retort retort = Retort.builder().config(Path.of("retort.toml")).dataSource(ds).build();
 * retort.upgrade("head");          // or: retort.ensureUpToDate();
 * }</pre>
 * Each call opens one connection (from the DataSource or URL) and closes it. The revision files are read
 * on first use, while that first connection is being opened. Thread-safe: holds no connection (but for
 * the command line's {@link #withHeadStart}) and no mutable state besides the loaded scripts. Never
 * prints; logs through SLF4J.
 */
public final class Retort {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Retort.class);
    private final RetortConfig config;
    private final DataSource dataSource;
    private final String url;
    private final RuntimeSettings settings;
    private final Supplier<ScriptDirectory> loader;
    private final RevisionSource customSource;
    /** Why this Retort cannot connect by URL (an unset variable, an in-memory database), or null. */
    private final RetortException cannotUseUrl;
    private final RunCancellation cancellation = new RunCancellation();
    private ScriptDirectory scripts;
    private RevisionSource source;
    private ConnectionHeadStart headStart;

    private Retort(RetortConfig config, DataSource dataSource, String url, RuntimeSettings settings,
                   Supplier<ScriptDirectory> loader, RevisionSource customSource, RetortException cannotUseUrl) {
        this.cannotUseUrl = cannotUseUrl;
        this.config = config;
        this.dataSource = dataSource;
        this.url = url;
        this.settings = settings;
        this.loader = loader;
        this.customSource = customSource;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For the command line: the config is loaded and the scripts read already. */
    public static Retort of(RetortConfig config, ScriptDirectory scripts) {
        return forCommandLine(builder().config(config).scripts(scripts));
    }

    /**
     * For the command line: the scripts are read through {@code scripts} when first needed (for a run,
     * while the connection is being opened); the supplier is called once.
     */
    public static Retort of(RetortConfig config, Supplier<ScriptDirectory> scripts) {
        return forCommandLine(builder().config(config).scripts(scripts));
    }

    /**
     * The command line's messages name its flags and retort.toml; and each of its commands is one process
     * that opens its connections one after the other, so an in-memory URL is its user's own choice.
     */
    private static Retort forCommandLine(Builder builder) {
        builder.advice = Advice.COMMAND_LINE;
        return builder.build();
    }

    public RetortConfig config() {
        return config;
    }

    /**
     * For the command line: the first connection this instance needs is taken from {@code headStart}
     * when it is for the same URL (and closed otherwise), instead of being opened then.
     */
    public synchronized Retort withHeadStart(ConnectionHeadStart headStart) {
        if (this.headStart != null) this.headStart.close();
        this.headStart = headStart;
        return this;
    }

    /** The head start's connection, if there is one for this URL; at most once. */
    private synchronized EarlyConnection takeHeadStart() {
        ConnectionHeadStart h = headStart;
        headStart = null;
        return h == null || dataSource != null ? null : h.takeFor(url);
    }

    public RevisionGraph graph() {
        return scripts().graph();
    }

    /** The revision files, read on first use. */
    public synchronized ScriptDirectory scripts() {
        if (scripts == null) scripts = Objects.requireNonNull(loader.get(), "scripts");
        return scripts;
    }

    private synchronized boolean scriptsRead() {
        return scripts != null;
    }

    private synchronized RevisionSource source() {
        if (source == null) source = customSource != null ? customSource : RevisionSource.of(scripts());
        return source;
    }

    public RuntimeSettings settings() {
        return settings;
    }

    public String displayUrl() {
        return settings.displayUrl();
    }

    /** The database's current revisions (the version table's rows); empty when unversioned. Creates nothing. */
    public Set<String> current() {
        if (missingFile()) {
            warnMissingFile();
            return Set.of(); // reading must not create it
        }
        return acrossHandOvers(false, Migrator::heads);
    }

    /** Whether the URL names a SQLite or H2 file that does not exist (a DataSource's database is the application's). */
    private boolean missingFile() {
        return dataSource == null && Connections.missingFileDatabase(url);
    }

    /** Set once {@link #warnMissingFile} has warned: a command reads the version table several times. */
    private final java.util.concurrent.atomic.AtomicBoolean warnedMissingFile = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * t56-11: a SQLite or H2 file that does not exist reads as an unversioned database, and nothing said the file was
     * missing: a typo in a production path, or a volume not mounted, read as "nothing applied" (current printed
     * nothing and exited 0). Said once per Retort; the answer stays what it was.
     */
    private void warnMissingFile() {
        if (!warnedMissingFile.compareAndSet(false, true)) return;
        LOG.warn("The database file {} does not exist: it reads as an empty, unversioned database (reading does not"
                + " create it; upgrade does). Check the path in the URL if the database should be there.",
                Connections.missingFilePath(url));
    }

    /** Work on a connection to the database, with its engine's dialect: see {@link #readSchema}. */
    @FunctionalInterface
    public interface SchemaRead<T> {
        T read(Connection connection, Dialect dialect) throws SQLException;
    }

    /**
     * Runs {@code read} on a connection to this Retort's database (the DataSource's, or one opened from the URL),
     * closed (given back to its pool) afterwards: for what inspects the schema, such as
     * {@code DriftCheck.lines(retort)}. Without a DataSource, a SQLite or H2 file not created yet is read as an empty
     * database of its engine, and is not created (a DataSource's connection creates it).
     */
    public <T> T readSchema(SchemaRead<T> read) {
        boolean missing = missingFile();
        try (Connection c = missing ? Connections.open(Connections.emptyStandIn(url), displayUrl(), false) : connect(false)) {
            return read.read(c, missing ? Dialects.forJdbcUrl(url) : dialect(c));
        } catch (SQLException e) {
            throw new RetortException("Reading the schema of " + displayUrl() + " failed: " + SqlErrors.describe(e), e);
        }
    }

    /** The graph's head revisions. */
    public List<String> heads() {
        return graph().heads().stream().map(RevisionHeader::id).toList();
    }

    /**
     * An applied revision whose file is not the one that ran: the checksums recorded then and now.
     *
     * @param path  the file, or null for a SQL revision read from the class path (a jar has no file path)
     * @param where how messages name the file: its path, or {@code classpath:com/example/migrations/0001_init.sql}
     */
    public record EditedRevision(String revision, java.nio.file.Path path, String recorded, String now, String where) {
        public EditedRevision {
            Objects.requireNonNull(where, "where");
        }

        /** A revision file on disk, named by its path. */
        public EditedRevision(String revision, java.nio.file.Path path, String recorded, String now) {
            this(revision, path, recorded, now, String.valueOf(path));
        }

        /** The warning {@code check} and {@code upgrade} log for it (t56-7). */
        public String warning() {
            return "Revision " + revision + " (" + where + ") was changed after it was applied: the history table has checksum "
                    + shortSum(recorded) + "... for it, the file now " + shortSum(now) + "...";
        }

        private static String shortSum(String sum) {
            return sum == null ? "" : sum.substring(0, Math.min(12, sum.length()));
        }
    }

    /**
     * Applied revisions whose files changed after they ran (the history table records each file's SHA-256):
     * an edited migration is what other databases did not get. SQL revisions read from the class path are
     * included, with a null {@link EditedRevision#path()} (use {@link EditedRevision#where()}, which names them as
     * {@code classpath:...}); {@code @Revision} classes are left out (their checksum is the class file's, which a
     * different compiler changes).
     */
    public List<EditedRevision> editedSinceApplied() {
        if (missingFile()) return List.of();
        // one connection for the rows and the checksums
        Map.Entry<Set<String>, Map<String, String>> read =
                acrossHandOvers(false, m -> Map.entry(m.heads(), m.recordedChecksums()));
        return edited(read.getKey(), read.getValue());
    }

    /** {@link #editedSinceApplied} of a database at {@code current} whose history recorded {@code recorded}. */
    private List<EditedRevision> edited(Set<String> current, Map<String, String> recorded) {
        java.util.Set<String> pending = new java.util.HashSet<>();
        for (Step step : planFrom(Direction.UPGRADE, "heads", false, current).steps()) pending.add(step.revision().id());
        List<EditedRevision> out = new java.util.ArrayList<>();
        for (RevisionHeader h : graph().revisions()) {
            String was = recorded.get(h.id());
            if (was == null || pending.contains(h.id())) continue;
            dev.retort.script.RevisionScript s = source().script(h.id());
            if (s == null || s.kind() == dev.retort.script.RevisionScript.Kind.CLASSPATH || s.checksum() == null) continue;
            if (!s.hasChecksum(was)) {
                String where = s.path() != null ? s.path().toString() : h.path() != null ? h.path() : h.id();
                out.add(new EditedRevision(h.id(), s.path(), was, s.checksum(), where));
            }
        }
        return out;
    }

    /**
     * Revisions that lie below the database's version rows but that its history never applied nor stamped, oldest
     * first: written below a revision that had already run (a branch "rebased" onto another after a merge instead
     * of joined by a merge revision, t16-3). No upgrade will run them, since the graph says they are applied.
     * Empty where the history cannot say: no history rows, rows cut to fit, or rows naming revisions no script has
     * (squashed since). Where the history began at some rows (its first row's "from"), those count as applied.
     */
    public List<RevisionHeader> appliedNever() {
        if (missingFile()) return List.of();
        // the history's answer may be null (it cannot say), which Map.entry refuses
        Object[] read = acrossHandOvers(false, m -> new Object[]{m.heads(), m.recordedInHistory()});
        @SuppressWarnings("unchecked")
        Set<String> current = (Set<String>) read[0];
        HistoryTable.Recorded recorded = (HistoryTable.Recorded) read[1];
        RevisionGraph graph = graph();
        if (recorded == null || current.isEmpty() || current.stream().anyMatch(id -> graph.get(id).isEmpty())) return List.of();
        // a history naming revisions no script has: the scripts were squashed or rewritten since (r8-2), and what
        // lies below the rows now is a baseline the history could not have recorded
        if (recorded.named().stream().anyMatch(id -> graph.get(id).isEmpty())) return List.of();
        Set<String> covered = new java.util.HashSet<>(recorded.upgraded());
        // a stamp says its rows and all below them are in the database; an upgrade row says its revision only
        covered.addAll(graph.applied(recorded.stamped().stream().filter(id -> graph.get(id).isPresent()).toList()));
        List<RevisionHeader> out = new java.util.ArrayList<>();
        for (String id : graph.applied(current)) {
            if (!covered.contains(id)) out.add(graph.get(id).orElseThrow());
        }
        java.util.Collections.reverse(out); // applied() lists newest first
        return out;
    }

    /** The revisions an {@code upgrade heads} would apply, in order. */
    public List<RevisionHeader> pending() {
        return plan(Direction.UPGRADE, "heads").steps().stream().map(Step::revision).toList();
    }

    public boolean needsMigration() {
        return !pending().isEmpty();
    }

    /** Throws {@link NotUpToDateException} listing what is pending, unless the database is at the heads. */
    public void ensureUpToDate() {
        List<RevisionHeader> pending = pending();
        if (!pending.isEmpty()) throw new NotUpToDateException(displayUrl(), pending);
    }

    /** The plan from the database's current revisions (a dry run): nothing is changed. */
    public Plan plan(Direction direction, String target) {
        requireTarget("plan(Direction." + direction + ", " + shown(target) + ")", target, "plan(Direction." + direction + ", \"heads\")");
        return planFrom(direction, target, false, current());
    }

    public Plan plan(Direction direction, String target, boolean purge, Set<String> current) {
        requireTarget("plan(Direction." + direction + ", " + shown(target) + ", ...)", target,
                "plan(Direction." + direction + ", \"heads\", ...)");
        return planFrom(direction, target, purge, current);
    }

    /** {@link #plan}, for callers that checked the target already (naming their own method where it is missing). */
    private Plan planFrom(Direction direction, String target, boolean purge, Set<String> current) {
        RevisionGraph graph = graph();
        if (!purge) requireKnown(graph, current);
        return switch (direction) {
            case UPGRADE -> graph.planUpgrade(current, target);
            case DOWNGRADE -> graph.planDowngrade(current, target);
            case STAMP -> stampPlan(() -> graph.planStamp(purge ? Set.of() : current, target, purge));
        };
    }

    /** {@code stamp A B ...}: several targets recorded in one go (one target plans as {@link #plan} does). */
    public Plan planStamp(List<String> targets, boolean purge, Set<String> current) {
        requireTargets(targets, purge);
        return stampPlanFrom(targets, purge, current);
    }

    /** {@link #planStamp}, for callers that checked the targets already. */
    private Plan stampPlanFrom(List<String> targets, boolean purge, Set<String> current) {
        if (targets.size() == 1) return planFrom(Direction.STAMP, targets.get(0), purge, current);
        RevisionGraph graph = graph();
        if (!purge) requireKnown(graph, current);
        return stampPlan(() -> graph.planStamp(purge ? Set.of() : current, targets, purge));
    }

    /**
     * Refuses {@code plan} where a run of it would, before its first step: a downgrade through a revision
     * that has no downgrade. For dry runs, which must not promise what the run will refuse, and compile
     * nothing: Java sources are scanned for a downgrade (only a class extending another class than
     * Migration is compiled for it, its source cannot tell).
     */
    public void verifyRunnable(Plan plan) {
        PlanRevisions.verifyWithoutCompiling(source(), plan, "nothing would be run");
    }

    /** Alembic's stamp wording when a target such as {@code head} matches several heads. */
    private static Plan stampPlan(java.util.function.Supplier<Plan> planner) {
        try {
            return planner.get();
        } catch (MultipleHeadsException e) {
            throw new RetortException("Multiple heads are present; please specify a single target revision", e);
        }
    }

    public RunResult upgrade(String target) {
        return run(Direction.UPGRADE, target, false, null);
    }

    public RunResult downgrade(String target) {
        return run(Direction.DOWNGRADE, target, false, null);
    }

    public RunResult stamp(String target, boolean purge) {
        return run(Direction.STAMP, target, purge, null);
    }

    /** Stamps several targets at once under the database lock ({@code stamp A B}). */
    public RunResult stamp(List<String> targets, boolean purge, String tag) {
        return failingAsRun(() -> {
            requireTargets(targets, purge);
            return write(current -> stampPlanFrom(targets, purge, current), purge, tag, false);
        });
    }

    /**
     * Runs a plan towards {@code target} under the database lock; {@code tag} goes into the history table. Every
     * failure is a {@link MigrationFailedException}, see {@link #failingAsRun}.
     */
    public RunResult run(Direction direction, String target, boolean purge, String tag) {
        return failingAsRun(() -> runTowards(direction, target, purge, tag));
    }

    /**
     * t63-4: a run's failures outside any revision (a Java revision that does not compile, a broken revision file,
     * an unknown target, the lock's timeout, no connection) were plain RetortExceptions, and an application catching
     * the documented MigrationFailedException around {@code upgrade("head")} died of them with a stack trace. They are
     * one now, with a null {@code revision()}, the same message and the original as its cause.
     */
    private static RunResult failingAsRun(java.util.function.Supplier<RunResult> run) {
        try {
            return run.get();
        } catch (MigrationFailedException e) {
            throw e;
        } catch (RetortException e) {
            throw new MigrationFailedException(e);
        }
    }

    private RunResult runTowards(Direction direction, String target, boolean purge, String tag) {
        String method = direction.name().toLowerCase(java.util.Locale.ROOT);
        String purgeArg = direction == Direction.STAMP ? ", " + purge : "";
        requireTarget(method + "(" + shown(target) + purgeArg + ")", target,
                method + "(\"" + (direction == Direction.DOWNGRADE ? "-1" : "heads") + "\"" + purgeArg + ")");
        Migrator.Planner planner = current -> planFrom(direction, target, purge, current);
        // a relative target (-3, +2) counts from the rows: after a failure the message names where it was going
        if (direction != Direction.STAMP && graph().readsDatabase(target)) planner = Migrator.Planner.relative(target.strip(), planner);
        return write(planner, purge, tag, direction == Direction.UPGRADE);
    }

    /**
     * Refuses a target left out: null from an unset setting ({@code System.getProperty}) or empty from an unset
     * variable would otherwise reach the graph as a revision id '' that no script has, and the message would send
     * the reader to the revision files (t22-3). {@code call} and {@code example} name the facade's method; the
     * command line says what its offline mode says.
     */
    private void requireTarget(String call, String target, String example) {
        if (target != null && !target.isBlank()) return;
        if (settings.advice().commandLine()) throw new RetortException("A target revision is required");
        throw new RetortException(call + ": the target revision is " + (target == null ? "not given (an unset setting?)"
                : "empty (an unset variable?)") + "; name one, e.g. " + example);
    }

    /** {@link #requireTarget} for each of several stamp targets. */
    private void requireTargets(List<String> targets, boolean purge) {
        String example = "stamp(List.of(\"a0000001\", \"b0000001\"), " + purge + ", null)";
        if (targets == null || targets.isEmpty()) {
            if (settings.advice().commandLine()) throw new RetortException("A target revision is required");
            throw new RetortException("stamp(" + (targets == null ? "null" : "List.of()") + ", " + purge
                    + ", ...): no target revision is given; name one or more, e.g. " + example);
        }
        String call = "stamp(" + targets.stream().map(Retort::shown).toList() + ", " + purge + ", ...)";
        for (String t : targets) requireTarget(call, t, example);
    }

    /** An argument as the call would show it: {@code null} or quoted. */
    private static String shown(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    /** @param warnEdited after the run, warn of applied revisions edited since (an upgrade, as check does: t56-7) */
    private RunResult write(Migrator.Planner planner, boolean purge, String tag, boolean warnEdited) {
        cancellation.checkBeforeStart(settings.advice()); // before connecting: a cancelled Retort starts nothing
        boolean missing = missingFile();
        Path created = missing ? Connections.sqliteFile(url) : null;
        // whether the run got to its first step: it was creating the file the URL names, which is then no typo
        java.util.concurrent.atomic.AtomicBoolean executed = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            RunResult done = acrossHandOvers(true, m -> {
                RunResult result;
                try {
                    result = m.run(planner, purge, tag);
                } finally {
                    if (!m.changedNothing()) executed.set(true);
                }
                // revisions this run applied were hashed as they ran: with no rows before it, none can be edited
                if (warnEdited && !result.before().isEmpty()) warnEdited(m);
                return result;
            });
            if (missing && done.applied().isEmpty() && done.before().isEmpty()) {
                // t60-1: a run with nothing to do (upgrade base on a mistyped path) says the file was not there, as
                // reads do, and leaves no empty SQLite file behind; not one that found it made and versioned meanwhile
                // by another instance (H2's AUTO_SERVER, t62-1)
                warnMissingFile();
                if (created != null) Connections.deleteIfEmpty(created);
            }
            return done;
        } catch (RuntimeException | Error e) {
            // a run refused before it wrote anything (an unknown target, a compile error) leaves no empty
            // SQLite file behind: the database it would have been
            if (created != null) Connections.deleteIfEmpty(created);
            // only when the file is still not there: a failed or stopped run that made it (and committed revisions
            // there) warned of an empty database in the middle of its failure report (t62-1); nor when the run had
            // started on it: its first revision failed and the rollback left the file empty, removed just above (t67-3)
            if (missing && !executed.get() && missingFile()) warnMissingFile();
            throw e;
        }
    }

    /**
     * The warnings of {@link #editedSinceApplied}, on the run's connection once it is over: an edited migration is one
     * that databases migrated earlier did not get, and an upgrade said nothing of it (Flyway validates on migrate). Not
     * knowing is no failure of the run that succeeded.
     */
    private void warnEdited(Migrator m) {
        try {
            for (EditedRevision e : edited(m.heads(), m.recordedChecksums())) LOG.warn(e.warning());
        } catch (RuntimeException e) {
            // a run done, waiting out lock_timeout on the history table (a session holding a lock on it): the
            // reader must learn why it took so long, and that the check did not happen; the read's "nothing was
            // changed" is about the read, not the run
            LOG.warn("The run is done, but its check for applied revisions edited since they ran (as check does) was"
                    + " skipped: {}", String.valueOf(e.getMessage()).replaceFirst("(?i)[.;] nothing was changed\\.?$", "."));
        }
    }

    /**
     * {@code work} on a new connection, closed afterwards. An H2 file shared with {@code AUTO_SERVER=TRUE} changes
     * hands between processes: when the process serving it ends (its run is over), the others' connections reconnect
     * by themselves, racing for the file, and H2 gives up on the losers at once ("Lock file recently modified", a
     * connection it closes). 4 of 8 runs started together failed so, before they had changed anything (t49-1). Work
     * that fails so while it has changed nothing (a read, a run that has not reached its first step) is started
     * again on a new connection, with a short pause, for up to lock_timeout, as the lock itself would be waited for.
     */
    private <T> T acrossHandOvers(boolean forWriting, java.util.function.Function<Migrator, T> work) {
        long start = System.nanoTime();
        long pause = 50;
        while (true) {
            Migrator m = null;
            T done;
            Connection c = connectWhileReading(forWriting);
            try {
                m = migrator(c);
                done = work.apply(m);
            } catch (RetortException e) {
                closeAfterFailure(c, e);
                if (m == null || !m.changedNothing() || !handedOver(e, start)) throw e;
                LOG.debug("The H2 file of {} changed hands between processes; starting again: {}", displayUrl(),
                        e.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, 500);
                continue;
            } catch (RuntimeException | Error e) {
                closeAfterFailure(c, e);
                throw e;
            }
            closeAfterWork(c);
            return done;
        }
    }

    /** Closes the connection of work that failed: a failure to close is told with the work's own failure. */
    private static void closeAfterFailure(Connection c, Throwable failure) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Closes the connection of work that is done: what it read or committed stands, so a connection that fails to
     * close (an H2 AUTO_SERVER file whose serving process has just ended, "Lock file recently modified") is a warning,
     * not the failure of a run that succeeded.
     */
    private void closeAfterWork(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.warn("Closing the connection to {} failed after the work was done (it stands): {}", displayUrl(),
                    SqlErrors.describe(e));
        }
    }

    /** Whether {@code e} is an H2 hand-over race of {@link #acrossHandOvers} with time left to wait it out. */
    private boolean handedOver(RetortException e, long start) {
        return dataSource == null && H2FileContention.autoServer(url) && H2FileContention.passing(e, url)
                && !cancellation.cancelled() && System.nanoTime() - start < settings.lockTimeout().toNanos();
    }

    /**
     * Offline mode: the SQL script for a plan, connecting to nothing.
     *
     * @param range {@code TO} (from base) or {@code FROM:TO}; downgrade needs {@code FROM:TO}
     */
    public String sql(Direction direction, String range, String tag) {
        refuseCurrentOffline(range);
        String from = null;
        String to = range;
        int colon = range == null ? -1 : range.indexOf(':');
        if (colon >= 0) {
            from = range.substring(0, colon);
            to = range.substring(colon + 1);
            if (from.isEmpty()) from = null;
        }
        if (direction == Direction.DOWNGRADE && from == null) {
            throw new RetortException("downgrade with " + settings.advice().offline() + " requires <fromrev>:<torev>");
        }
        if (to == null || to.isEmpty()) throw new RetortException("A target revision is required");
        Set<String> current = offlineStart(from);
        boolean fromBase = current.isEmpty();
        // An upgrade range goes to the graph whole, so the graph checks that FROM does not lie above TO.
        Plan plan = direction == Direction.UPGRADE && !fromBase
                ? planFrom(direction, range.strip(), false, Set.of())
                : planFrom(direction, to, false, current);
        Dialect dialect = offlineDialect();
        OfflineScript script = new OfflineScript(dialect, settings, source(), offlineUrl());
        List<dev.retort.graph.Step> earlier = new java.util.ArrayList<>();
        if (!fromBase && dialect.offlineKnowsEarlierRevisions()) {
            // the revisions up to FROM, rendered first without output: the script then knows what they made (t54-7)
            Set<String> seen = new java.util.HashSet<>();
            for (String row : current) {
                for (dev.retort.graph.Step st : graph().planUpgrade(Set.of(), row).steps()) {
                    if (st.revision() != null && seen.add(st.revision().id())) earlier.add(st);
                }
            }
        }
        return script.render(plan, current, tag, earlier);
    }

    /**
     * Offline {@code stamp A B ...}: each target may carry the same {@code FROM:} start, as in Alembic.
     */
    public String stampSql(List<String> targets, String tag) {
        targets.forEach(this::refuseCurrentOffline);
        if (targets.size() == 1) return sql(Direction.STAMP, targets.get(0), tag);
        String from = null;
        List<String> destinations = new java.util.ArrayList<>();
        for (String target : targets) {
            int colon = target.indexOf(':');
            if (colon >= 0) {
                String start = target.substring(0, colon);
                if (from != null && !from.equals(start)) {
                    throw new RetortException("Stamp operation with " + settings.advice().offline()
                            + " only supports a single starting revision at a time");
                }
                from = start;
                target = target.substring(colon + 1);
            }
            destinations.add(target);
        }
        Set<String> current = offlineStart(from);
        Plan plan = planStamp(destinations, false, current);
        return new OfflineScript(offlineDialect(), settings, source(), offlineUrl()).render(plan, current, tag, List.of());
    }

    /**
     * The version rows an offline script starts from: FROM of {@code FROM:TO}, where {@code a,b} names several
     * (a database with several branches applied, as its version table holds them); none for base.
     */
    private Set<String> offlineStart(String from) {
        if (from == null || from.isBlank() || from.strip().equals("base")) return Set.of();
        RevisionGraph graph = graph();
        Set<String> rows = new java.util.LinkedHashSet<>();
        for (String part : from.split(",", -1)) rows.addAll(graph.resolve(part.strip(), Set.of()));
        // refused as a version table holding them is refused online (r8-4)
        graph.rowBelowAnother(rows).ifPresent(r -> {
            throw new RetortException("FROM names " + r.row() + " and " + String.join(", ", r.above()) + ", but "
                    + r.row() + " lies below " + String.join(", ", r.above())
                    + ": list the database's version rows, as 'retort current' prints them");
        });
        return rows;
    }

    /**
     * An offline run connects to nothing, so the database's current revision is unknown: {@code current} in
     * FROM:TO would be taken as an empty database and give a script for the wrong starting point (Alembic
     * fails too, with "Can't locate revision identified by 'current'").
     */
    private void refuseCurrentOffline(String range) {
        if (range == null) return;
        for (String side : range.split("[:,]", -1)) {
            String s = side.strip();
            if (s.equals("current") || s.startsWith("current+") || s.startsWith("current-")) {
                throw new RetortException("'" + s + "' cannot be used with " + settings.advice().offline()
                        + ": an offline run does not connect "
                        + "to the database, so its current revision is unknown; name the revision it is at "
                        + "(FROM:TO, e.g. ae1027a6acf1:head)");
            }
        }
        // +N, -N, LABEL@+N count from the database's rows as current does: offline they counted from base, and
        // 'upgrade +1 --sql' gave the project's first revision instead of the next one (t47-7). After a FROM they
        // count from FROM (ae1027a6acf1:+1), which is known.
        int colon = range.indexOf(':');
        List<String> fromCurrent = new java.util.ArrayList<>();
        if (colon < 0) {
            fromCurrent.add(range);
        } else {
            fromCurrent.addAll(List.of(range.substring(0, colon).split(",", -1)));
        }
        for (String side : fromCurrent) {
            String s = side.strip();
            if (!s.isEmpty() && graph().readsDatabase(s)) {
                throw new RetortException("'" + s + "' cannot be used with " + settings.advice().offline()
                        + ": it counts from the database's current revision, which an offline run does not know, as it"
                        + " does not connect to the database; name the revision it is at (FROM:TO, e.g. ae1027a6acf1:"
                        + (colon < 0 ? s : "head") + ")");
            }
        }
    }

    /** The URL an offline script is for: with an application's DataSource, the configured one (if any). */
    private String offlineUrl() {
        return this.url != null ? this.url : config.url();
    }

    /** The dialect for the configured URL, chosen without connecting. */
    public Dialect offlineDialect() {
        // with an application's DataSource, the configured URL (if any) still names the dialect
        String url = offlineUrl();
        if (url == null && cannotUseUrl != null) {
            throw new RetortException("Offline mode needs a database URL to pick the SQL dialect: "
                    + cannotUseUrl.getMessage(), cannotUseUrl);
        }
        if (url == null) throw new RetortException("Offline mode needs a database URL to pick the SQL dialect ("
                + settings.advice().offlineUrl() + ")");
        return Dialects.forJdbcUrl(url);
    }

    private Migrator migrator(Connection c) {
        return new Migrator(c, dialect(c), settings, source(), cancellation);
    }

    /**
     * Stops this Retort's runs, from any thread: a statement executing is cancelled on the server, and
     * the run fails there (a {@link MigrationFailedException}) and rolls back as after any failure; a run
     * between statements stops before its next one. Cancelled stays cancelled: {@code upgrade}, {@code downgrade}
     * and {@code stamp} called afterwards fail at once, saying this Retort was cancelled, and change nothing (build
     * a new Retort to run again); reads ({@code current()}, {@code pending()}, ...) still work. Call it when the
     * application (or the command line, on Ctrl-C or SIGTERM) is shutting down.
     *
     * @return true when a run was under way (it held the migration lock): it is now failing and rolling
     *         back, worth waiting for before the process ends; false when none was, or it was still
     *         connecting or waiting for the lock and has changed nothing
     */
    public boolean cancel() {
        return cancellation.cancel();
    }

    /**
     * Whether a run of this Retort holds its migration lock now, and so may be changing the database (what
     * {@link #cancel} would return): the command line's Ctrl-C says what it stops by it.
     */
    public boolean running() {
        return cancellation.working();
    }

    /**
     * The engine of the connection: the URL's, or with a DataSource the connection's own (a URL given as well,
     * the builder's or the config's, only picks the dialect of offline {@link #sql}).
     */
    private Dialect dialect(Connection c) {
        if (url != null && dataSource == null) return Dialects.forJdbcUrl(url);
        try {
            return Dialects.forJdbcUrl(c.getMetaData().getURL());
        } catch (SQLException e) {
            throw new RetortException("Cannot tell the database engine of " + displayUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the connection; when the scripts are not read yet, reads them meanwhile (see
     * {@link EarlyConnection}). A broken script is reported first, as when the two ran one after the other.
     */
    private Connection connectWhileReading(boolean forWriting) {
        // an application's DataSource is asked on the caller's thread: it may hand out connections bound
        // to that thread (a transaction-aware proxy, say); and an application's start-up gains little
        EarlyConnection early = takeHeadStart();
        // a run's server connection is opened on another thread even when the scripts are read already: the run
        // waits for it where a cancel (Ctrl-C) can end the wait (t39-1); a connect itself cannot be cancelled
        boolean cancellableConnect = forWriting && Connections.warmUpUrl(url) == null;
        if (early == null && (!scriptsRead() || cancellableConnect) && dataSource == null) {
            early = EarlyConnection.start(() -> connect(forWriting), Connections.warmUpUrl(url));
        }
        try {
            scripts();
            source();
        } catch (RuntimeException | Error e) {
            if (early != null) early.close();
            throw e;
        }
        if (early == null) {
            Connection c = forWriting && dataSource != null ? connectToDataSourceForRun() : connect(forWriting);
            // a DataSource's connect is not waited for on another thread (above): a cancel() during a connect that
            // does not wait (its I/O) cannot end it, and the run ends as soon as the connection is handed back,
            // before it reads or changes anything (t46-3)
            if (forWriting && dataSource != null && cancellation.cancelled()) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the run fails for the cancel; a connection that cannot be handed back changes nothing
                }
                throw cancelledWhileConnecting();
            }
            return c;
        }
        prebuildGraph();
        try {
            return cancellableConnect
                    ? early.get(cancellation::cancelled, this::cancelledWhileConnecting)
                    : early.get();
        } catch (RetortException cannotConnect) {
            // a broken graph is the first thing to fix, as when the two ran one after the other. Nothing is
            // compiled: reads must not compile (SPEC §3), and a run compiles its plan's revisions once
            // connected; a compile error must not hide why the database cannot be reached
            scripts().graph();
            throw cannotConnect;
        }
    }

    /**
     * Builds the graph while a server connection is still being opened, as a run needs it next. A broken
     * graph is left to be reported where the graph is used: reading the version table does not need it.
     */
    private void prebuildGraph() {
        try {
            scripts().graph();
        } catch (RuntimeException e) {
            // GraphException: thrown again, with the same message, by the first real use
        }
    }

    /**
     * A run's connection from the DataSource, on the caller's thread: a {@link #cancel} meanwhile interrupts the thread
     * while it waits there (f4-3: a pool out of connections kept a cancelled run waiting for its timeout, HikariCP's
     * 30 s by default), and the pool's failure is then the cancel's.
     */
    private Connection connectToDataSourceForRun() {
        try {
            cancellation.connectStarted();
        } catch (RunCancellation.Stopped cancelled) {
            throw cancelledWhileConnecting();
        }
        try {
            return connect(true);
        } catch (RetortException e) {
            if (!cancellation.cancelled()) throw e;
            RetortException cancelled = cancelledWhileConnecting(); // the pool's "Interrupted during connection acquisition"
            cancelled.addSuppressed(e);
            throw cancelled;
        } finally {
            cancellation.connectEnded();
        }
    }

    private RetortException cancelledWhileConnecting() {
        return new RetortException("Cancelled while connecting to " + displayUrl() + "; nothing was changed");
    }

    private Connection connect(boolean forWriting) {
        if (dataSource != null) {
            try {
                Connection c = dataSource.getConnection();
                warnInMemory(c);
                return c;
            } catch (SQLException e) {
                throw new RetortException("Cannot connect to " + displayUrl() + ": " + SqlErrors.describe(e), e);
            }
        }
        if (cannotUseUrl != null) throw new RetortException(cannotUseUrl.getMessage(), cannotUseUrl);
        if (url == null || url.isBlank()) throw new RetortException("No database URL: " + settings.advice().url());
        return Connections.open(url, displayUrl(), forWriting, settings, cancellation::cancelled);
    }

    /** Set once {@link #warnInMemory} has looked at a DataSource's connection. */
    private final java.util.concurrent.atomic.AtomicBoolean checkedInMemory = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * t58-6: a DataSource's database that lives in memory and dies with its last connection (SQLite's {@code :memory:},
     * H2's {@code mem:} without {@code DB_CLOSE_DELAY=-1}) lost an upgrade before the next call, without a word: the same
     * URL given to the builder is refused (Connections#lostBetweenCalls). A DataSource may keep the database (a pool's
     * idle connection, one the application holds), which Retort cannot see, so this is a warning, once, from the
     * connection's own URL.
     */
    private void warnInMemory(Connection c) {
        if (!checkedInMemory.compareAndSet(false, true)) return;
        try {
            String why = Connections.inMemory(c);
            if (why != null) {
                LOG.warn("The DataSource's database {} {}, and Retort takes a connection for each call and closes it: a"
                        + " migration is lost before the next call unless the application keeps the database open (a"
                        + " connection held for its life, a pool that keeps one{}).", DatabaseUrls.mask(c.getMetaData().getURL()),
                        why, why.contains("H2") && !why.contains("unnamed") ? ", or ;DB_CLOSE_DELAY=-1 in its URL" : "");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not read the DataSource connection's URL: {}", e.getMessage());
        }
    }

    /**
     * Throws the error a run gives ("Can't locate revision identified by ...", with its hint) when a row of
     * {@code current} names a revision no script has: for reads that show the rows (the command line's
     * {@code current}, which fails there as Alembic's does), where {@link #current()} returns them as they are.
     */
    public void requireKnown(Set<String> current) {
        requireKnown(graph(), current);
    }

    /**
     * Refuses version rows that no script has, or of which one lies below another, before planning; the
     * messages say what to do in the caller's words (a command, or this facade's methods).
     */
    private void requireKnown(RevisionGraph graph, Set<String> current) {
        dev.retort.config.Advice advice = settings.advice();
        for (String id : current) {
            if (graph.get(id).isEmpty()) {
                throw new RetortException("Can't locate revision identified by '" + id + "'. The database's version "
                        + "table names a revision that none of the scripts has: the database is probably ahead of "
                        + "these scripts (migrated by a newer version of the application), or the file was removed or "
                        + "squashed into a baseline. Use newer scripts, or " + advice.stamp(List.of("<rev>"), true)
                        + " to reset the version table (see 'Squashing revisions into a baseline' in docs/running.md)");
            }
        }
        graph.requireConsistentRows(current, rows -> advice.stamp(rows, true));
    }

    private static Supplier<ScriptDirectory> fromClasspath(RetortConfig c, List<dev.retort.script.ClasspathRevisions.Location> at) {
        return () -> ScriptDirectory.fromClasspath(c, at);
    }

    /** Builds a {@link Retort}; a config (file or object) is required, a DataSource or URL optional. */
    public static final class Builder {
        private RetortConfig config;
        private Path configFile;
        private Path scriptLocation;
        private final List<dev.retort.script.ClasspathRevisions.Location> classpathLocations = new java.util.ArrayList<>();
        private String env;
        private Map<String, String> environment = System.getenv();
        private DataSource dataSource;
        private String url;
        private Supplier<ScriptDirectory> scripts;
        private RevisionSource source;
        private Boolean transactionPerMigration;
        private java.time.Duration lockTimeout;
        private String database;
        private Map<String, String> x;
        private String targetMetadata;
        /** Set by the command line's {@link Retort#of}; the builder's own otherwise. */
        private Advice advice;

        /**
         * No retort.toml: revisions in {@code folder/versions}, every setting at its default. The URL
         * (or DataSource) is then given with {@link #url} (or {@link #dataSource}).
         */
        public Builder scriptLocation(Path folder) {
            this.scriptLocation = folder;
            return this;
        }

        /** A retort.toml to load (URL precedence and {@code [env.X]} as on the command line). */
        public Builder config(Path file) {
            this.configFile = file;
            return this;
        }

        public Builder config(RetortConfig config) {
            this.config = config;
            return this;
        }

        /**
         * The {@code [databases.NAME]} section of a multidb retort.toml (the command line's {@code -n NAME});
         * needs {@link #config(Path)}.
         */
        public Builder database(String name) {
            this.database = name;
            return this;
        }

        /** Values for migrations' {@code op.context().x(key)} (the command line's {@code -x key=value}). */
        public Builder x(Map<String, String> values) {
            Objects.requireNonNull(values, "values");
            values.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new IllegalArgumentException(".x(...): every key and value must be given; " + k + " = " + v);
                }
            });
            this.x = Map.copyOf(values);
            return this;
        }

        /** The {@code [env.NAME]} overlay to apply when loading a config file. */
        public Builder env(String name) {
            this.env = name;
            return this;
        }

        /** Environment variables used when loading the config (default: the process environment). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment);
            return this;
        }

        /**
         * Connections come from here; the engine is read from the connection. A URL (given, or from the
         * config) is then only used by {@link Retort#sql} to pick the SQL dialect, so one whose
         * {@code ${VAR}} is unset does not stop the build.
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /**
         * A JDBC or 12-factor URL ({@code postgresql://user:pass@host/db}), overriding the config's. A null URL is
         * refused here, as an empty one is by {@link #build}: {@code .url(System.getenv("PROD_URL"))} with the
         * variable unset passes null, and taking that for "no .url(...)" would quietly migrate the config's database.
         */
        public Builder url(String jdbcUrl) {
            if (jdbcUrl == null) {
                throw new RetortException(".url(null): the database URL given is null (an unset environment variable?);"
                        + " give a database URL or leave the builder's .url(...) out");
            }
            this.url = jdbcUrl;
            return this;
        }

        /**
         * Revisions shipped with the application (no source folder needed), found through {@code loader}: the
         * {@code @Revision} classes and {@code .sql} revision files directly in {@code packageName} (dotted, or a
         * resource folder named with slashes, {@code db/migration}), and the classes listed in
         * {@code META-INF/retort/revisions} that are in that package or below it (another database's revisions,
         * listed in the same index under another package, are not taken). A null or blank package is refused here: it comes from an unset
         * setting, and would otherwise find nothing and report an empty schema as up to date. Called again, it adds
         * a location (Flyway's {@code locations(...)}): the revisions of all of them are read, as those of several
         * {@code version_locations} folders are.
         */
        public Builder classpath(ClassLoader loader, String packageName) {
            if (loader == null) {
                throw new RetortException(".classpath(loader, \"" + packageName + "\"): the class loader is null;"
                        + " pass the application's, e.g. MyApp.class.getClassLoader()");
            }
            if (packageName == null || packageName.isBlank()) {
                throw new RetortException(".classpath(loader, " + (packageName == null ? "null" : "\"" + packageName + "\"")
                        + "): the package of the revisions is not given (an unset setting?); name it, e.g."
                        + " .classpath(loader, \"com.example.migrations\") or .classpath(loader, \"db/migration\")");
            }
            this.classpathLocations.add(new dev.retort.script.ClasspathRevisions.Location(loader, packageName));
            return this;
        }

        /** Already-loaded scripts (saves reading the folder again). */
        public Builder scripts(ScriptDirectory scripts) {
            Objects.requireNonNull(scripts);
            this.scripts = () -> scripts;
            return this;
        }

        /** Where the scripts come from when first needed (called once); by default the configured folders. */
        public Builder scripts(Supplier<ScriptDirectory> scripts) {
            this.scripts = Objects.requireNonNull(scripts);
            return this;
        }

        /** Where revision code comes from, for revisions built in code; defaults to the script directory. */
        public Builder source(RevisionSource source) {
            this.source = source;
            return this;
        }

        /**
         * The schema model the drift check compares the database with ({@code jpa:com.example.entities},
         * {@code class:com.example.Schema}, {@code sql:schema.sql}), overriding the config's {@code target_metadata};
         * see {@code DriftCheck.lines(Retort)}.
         */
        public Builder targetMetadata(String model) {
            if (model == null || model.isBlank()) {
                throw new RetortException(".targetMetadata(" + (model == null ? "null" : "\"" + model + "\"")
                        + "): the schema model is not given; name it, e.g. .targetMetadata(\"jpa:com.example.entities\")");
            }
            TargetMetadata.parse(model, ".targetMetadata(...)");
            this.targetMetadata = model;
            return this;
        }

        public Builder transactionPerMigration(boolean perMigration) {
            this.transactionPerMigration = perMigration;
            return this;
        }

        /** How long a run waits for another's lock: from zero to 24 days (PostgreSQL's limit), as lock_timeout. */
        public Builder lockTimeout(java.time.Duration timeout) {
            if (timeout == null) { // .lockTimeout(settings.getDuration("x")) with the setting unset (t41-3)
                throw new RetortException(".lockTimeout(null): the lock timeout given is null (an unset setting?); give a"
                        + " duration, e.g. .lockTimeout(Duration.ofSeconds(60)), or leave .lockTimeout(...) out to use the"
                        + " config's lock_timeout (60 s by default)");
            }
            // the file's lock_timeout refuses these; a quiet 60 s or 24 days instead surprised
            if (timeout.isNegative()) throw new RetortException("lockTimeout(" + timeout + ") must not be negative");
            if (timeout.compareTo(RetortConfig.MAX_LOCK_TIMEOUT) > 0) {
                throw new RetortException("lockTimeout(" + timeout + ") must be at most "
                        + RetortConfig.MAX_LOCK_TIMEOUT.toSeconds() + " seconds (24 days; PostgreSQL's limit)");
            }
            this.lockTimeout = timeout;
            return this;
        }

        public Retort build() {
            Advice words = advice != null ? advice : Advice.library(configFile != null && config == null);
            // t55-9: an unset variable given as the name; "No environment [env.] in ..." did not say so
            if (env != null && env.isBlank()) {
                throw new RetortException(".env(\"" + env + "\"): the environment's name is empty (an unset variable?);"
                        + " name one or leave .env(...) out");
            }
            if (database != null && database.isBlank()) {
                throw new RetortException(".database(\"" + database + "\"): the database section's name is empty (an unset"
                        + " variable?); name one or leave .database(...) out");
            }
            if (database != null && (config != null || configFile == null)) {
                throw new RetortException("database(\"" + database + "\") chooses a section of a retort.toml: "
                        + "give the file with .config(Path)");
            }
            // t58-2: a second source of the configuration, or an overlay with no file to apply it to, was dropped
            // without a word: an application passing its profile name got none of [env.production]'s settings
            if (config != null && configFile != null) {
                throw new RetortException(".config(Path) and .config(RetortConfig) both give the configuration: give one");
            }
            if (env != null && (config != null || configFile == null)) {
                throw new RetortException("env(\"" + env + "\") applies the [env." + env + "] table of a retort.toml: "
                        + "give the file with .config(Path)" + (config == null ? ""
                        : " (a RetortConfig given with .config(RetortConfig) is already loaded, overlays and all)"));
            }
            if (scriptLocation != null && (config != null || configFile != null)) {
                throw new RetortException("scriptLocation(" + scriptLocation + ") is for use without a configuration: "
                        + "the configuration's script_location and version_locations name the revisions' folders;"
                        + " leave out .scriptLocation(...) or .config(...)");
            }
            if (url != null && url.isBlank()) {
                // t58-3: .url(System.getenv("PROD_URL")) with the variable set to nothing; as with a file's (ConfigLoader)
                throw new RetortException(words.urlOption() + " is empty (an unset variable?); give a database URL or"
                        + " leave " + words.urlOption() + " out");
            }
            RetortConfig cfg = config;
            if (cfg == null && configFile != null) {
                // without a DataSource the URL is what connects: an unset variable in it fails the build at once
                cfg = ConfigLoader.load(configFile, env, database, url, environment, x == null ? Map.of() : x, words,
                        dataSource != null);
            }
            if (cfg == null && scriptLocation != null) cfg = RetortConfig.of(scriptLocation, null);
            // revisions only from the class path: no folder at all, whatever the working directory holds
            if (cfg == null && !classpathLocations.isEmpty()) cfg = RetortConfig.of(Path.of("."), null).withVersionLocations(List.of());
            if (cfg == null) {
                throw new RetortException("Retort needs its revisions: builder().config(retort.toml), .scriptLocation(folder)"
                        + " or .classpath(loader, package)");
            }
            if (targetMetadata != null) cfg = cfg.withTargetMetadata(targetMetadata);
            String given = url == null ? null : DatabaseUrls.toJdbc(url, cfg.baseDir());
            String jdbcUrl = given != null ? given : cfg.url();
            RetortConfig c = cfg;
            Supplier<ScriptDirectory> dir = scripts != null ? scripts
                    : !classpathLocations.isEmpty() ? fromClasspath(c, List.copyOf(classpathLocations))
                    : () -> ScriptDirectory.load(c);
            RuntimeSettings s = RuntimeSettings.from(cfg).withAdvice(words.withLockTimeoutOf(cfg, lockTimeout != null));
            // with a DataSource, messages name it: a URL given as well names no database this Retort connects to
            String display = dataSource != null ? "the application's DataSource"
                    : given != null ? DatabaseUrls.mask(url)
                    : cfg.displayUrl() != null ? cfg.displayUrl() : DatabaseUrls.mask(jdbcUrl);
            s = s.withDisplayUrl(display);
            if (transactionPerMigration != null) s = s.withTransactionPerMigration(transactionPerMigration);
            if (lockTimeout != null) s = s.withLockTimeout(lockTimeout);
            if (x != null) s = s.withX(x);
            RetortException cannotUseUrl = given == null && cfg.urlUnavailable() != null
                    ? new RetortException(cfg.urlUnavailable()) : null;
            // (not for the command line, whose advice is set: see forCommandLine)
            if (cannotUseUrl == null && dataSource == null && advice == null) cannotUseUrl = Connections.lostBetweenCalls(jdbcUrl);
            return new Retort(cfg, dataSource, dataSource != null && given == null ? null : jdbcUrl, s, dir, source,
                    cannotUseUrl);
        }
    }
}
