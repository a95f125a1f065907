package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.graph.Direction;
import dev.retort.graph.Plan;
import dev.retort.graph.Step;
import dev.retort.migration.DefaultOperations;
import dev.retort.migration.Migration;
import dev.retort.migration.MigrationContext;
import dev.retort.script.RevisionScript;

import java.util.Map;

/**
 * Offline mode ({@code --sql}): a plan written as one SQL script, Alembic's layout: each statement
 * followed by its terminator and a blank line, {@code -- Running upgrade A -> B} before each step,
 * {@code BEGIN;}/{@code COMMIT;} where DDL is transactional, version-table DDL when starting from base (the
 * history table's alone, {@code IF NOT EXISTS}, otherwise), version-table and history-table updates after each step. It starts with a comment saying how to run it with
 * the engine's client (stopping at the first error) and, where the client needs it, a statement declaring its
 * encoding (UTF-8). Nothing connects to a database.
 */
public final class OfflineScript {
    private final Dialect dialect;
    private final RuntimeSettings settings;
    private final RevisionSource source;
    private final VersionTable versions;
    private final HistoryTable history;
    /** The embedded database file the script is for, named in its first line; null when none or unknown. */
    private final java.nio.file.Path databaseFile;

    public OfflineScript(Dialect dialect, RuntimeSettings settings, RevisionSource source) {
        this(dialect, settings, source, null);
    }

    /** @param jdbcUrl the URL of the database the script is for (its file is named in how to run it), or null */
    public OfflineScript(Dialect dialect, RuntimeSettings settings, RevisionSource source, String jdbcUrl) {
        this.databaseFile = Connections.sqliteFile(jdbcUrl);
        settings.checkNames(dialect);
        this.dialect = dialect;
        this.settings = settings;
        this.source = source;
        this.versions = new VersionTable(dialect, settings.versionTableSchema(), settings.versionTable());
        this.history = new HistoryTable(dialect, settings.versionTableSchema(), settings.historyTable());
    }

    /**
     * @param createTables start with the version and history tables' DDL (a run from base)
     * @param tag          recorded in the history rows (may be null)
     */
    public String render(Plan plan, boolean createTables, String tag) {
        return render(plan, createTables, tag, java.util.List.of());
    }

    /**
     * @param earlier upgrade steps up to the script's start, rendered first with their output discarded, so that the
     *                renderer knows the tables they made ({@link Dialect#offlineKnowsEarlierRevisions()}, t54-7)
     */
    public String render(Plan plan, boolean createTables, String tag, java.util.List<Step> earlier) {
        return render(plan, createTables, java.util.Set.of(), tag, earlier);
    }

    /**
     * The script of a run from {@code start}, the version rows of FROM:TO (empty: from base, with the tables' DDL and
     * the guard that the database is at base). From FROM it begins with a guard that stops it unless the version
     * table holds exactly those rows (t56-4).
     */
    public String render(Plan plan, java.util.Set<String> start, String tag, java.util.List<Step> earlier) {
        return render(plan, start.isEmpty(), start, tag, earlier);
    }

    private String render(Plan plan, boolean createTables, java.util.Set<String> start, String tag, java.util.List<Step> earlier) {
        if (tag != null && tag.length() > HistoryTable.TEXT_LENGTH) {
            throw new RetortException("The tag is " + tag.length() + " characters long; the history table holds "
                    + HistoryTable.TEXT_LENGTH + ". No SQL was written.");
        }
        Map<String, Migration> loaded = PlanRevisions.prepare(source, plan, "no SQL was written");
        StringBuilder out = new StringBuilder();
        try (OperationRenderer renderer = dialect.renderer(RenderContext.offline())) {
            learn(earlier, renderer);
            write(plan, createTables, start, tag, loaded, new ScriptSink(dialect, renderer, out));
            // first of all: how to run it so that it stops at an error, and the encoding it is written in (t13-7, t13-1)
            StringBuilder head = new StringBuilder();
            ScriptSink preamble = new ScriptSink(dialect, renderer, head);
            preamble.comment(dialect.offlineRunAdvice(databaseFile));
            if (dialect.offlineEncodingStatement() != null) preamble.statement(dialect.offlineEncodingStatement());
            out.insert(0, head);
        }
        return out.toString();
    }

    /**
     * The earlier revisions' operations through {@code renderer}, their SQL thrown away. What it learns is what a
     * script from base would know; a revision that cannot be rendered offline ends the learning there (the script
     * then knows less, as before t54-7), it does not fail the script.
     */
    private void learn(java.util.List<Step> earlier, OperationRenderer renderer) {
        if (earlier.isEmpty()) return;
        MigrationContext context = MigrationContext.of(dialect.name(), true, settings.x());
        ScriptSink discard = new ScriptSink(dialect, renderer, new StringBuilder());
        for (Step step : earlier) {
            try {
                Migration migration = source.migration(step.revision().id());
                migration.upgrade(new DefaultOperations(discard, context));
                discard.flush();
            } catch (Exception e) { // a revision's checked exception (t63-1) too
                return;
            }
        }
    }

    private void write(Plan plan, boolean createTables, java.util.Set<String> fromRows, String tag, Map<String, Migration> loaded,
                       ScriptSink sink) {
        MigrationContext context = MigrationContext.of(dialect.name(), true, settings.x());
        boolean transactional = dialect.transactionalDdl();
        boolean perRevision = settings.transactionPerMigration();
        Tx tx = new Tx(transactional, sink);
        // no empty BEGIN/COMMIT pair before a first revision that runs outside a transaction
        if (!perRevision && (createTables || plan.steps().isEmpty() || PlanRevisions.transactional(source, plan.steps().get(0)))) {
            tx.begin();
        }
        if (!fromRows.isEmpty()) {
            // first of all: applied to a database at another revision, its revisions ran and its UPDATE of the version
            // row matched nothing, leaving them applied but unrecorded, and the next run ran them again (t56-4)
            String at = String.join(", ", new java.util.TreeSet<>(fromRows));
            sink.comment("Stops here unless " + versions.qualifiedName() + " holds exactly " + at + ": this script starts there");
            dialect.offlineStartGuard(versions.qualifiedName(), java.util.List.copyOf(new java.util.TreeSet<>(fromRows)),
                    versions.qualifiedName() + " is not at " + at + ", where this script starts: write one that starts where"
                            + " the database is (FROM:TO --sql, FROM as 'retort current' prints it)").forEach(sink::statement);
        }
        if (createTables) {
            // IF NOT EXISTS: a database a downgrade-to-base script (or an online downgrade base) left with its empty
            // tables takes an upgrade-from-base script again (t16-7)
            sink.statement(versions.createStatement(true).sql());
            sink.statement(history.createStatement(true).sql());
            // the command that wrote the script: a stamp script's advice named upgrade, which runs what a stamp records
            // (t61-6)
            java.util.List<String> baseGuard = dialect.offlineBaseGuard(versions.qualifiedName(), versions.qualifiedName()
                    + " holds rows: this script starts from an empty database (base); write one that starts where the"
                    + " database is (" + plan.direction().word() + " FROM:TO --sql)");
            if (!baseGuard.isEmpty()) {
                sink.comment("Stops here if " + versions.qualifiedName() + " holds rows: this script starts from base");
                baseGuard.forEach(sink::statement);
            }
        } else if (!plan.steps().isEmpty()) {
            // each step writes a history row, and a database adopted from another tool (Alembic's alembic_version as
            // the version table) has its version table but no history table until its first run: the script from
            // FROM stopped at its first INSERT there, on MariaDB after that revision had run (t37-2)
            sink.statement(history.createStatement(true).sql());
        }
        Dialect.OfflineSchemaGuard guard = dialect.offlineSchemaGuard();
        int scriptStart = 0;
        boolean guarded = false;
        sink.schemaMayHaveChanged(true);
        Dialect.SessionSettingRestore settings = dialect.sessionSettingRestore();
        java.util.List<String> settingRevisions = new java.util.ArrayList<>();
        for (Step step : plan.steps()) {
            boolean stepTx = PlanRevisions.transactional(source, step);
            if (stepTx) tx.begin(); else tx.commit();
            sink.inTransaction(stepTx && transactional);
            sink.comment(StepLine.comment(step));
            String id = step.revision() == null ? null : step.revision().id();
            if (step.direction() != Direction.STAMP) {
                Migration migration = loaded.containsKey(id) ? loaded.get(id) : source.migration(id);
                DefaultOperations op = new DefaultOperations(sink, context);
                try {
                    sink.settingChanged(true);
                    sink.ownTransaction().reset();
                    if (step.direction() == Direction.UPGRADE) migration.upgrade(op); else migration.downgrade(op);
                    sink.flush();
                    // t81-2, t81-5: as online (Migrator.restoreAutocommit), a transaction the revision opened itself and
                    // left open is committed before its version row; the client would end the script inside it and roll
                    // it back with the version rows. First: SQLite ignores the foreign_keys put back below inside it
                    OwnTransaction own = sink.ownTransaction();
                    if (own.open() && !(stepTx && transactional)) {
                        dialect.endOwnTransaction(own.autocommitOff()).forEach(sink::statement);
                    }
                    // t46-1, mdb-fkc, pg-srr: as online (Migrator, Dialect.afterOutsideTransaction/afterRevision), the
                    // next revision finds the setting as the script began; in a transaction a SQLite revision could not
                    // change it (SQLite ignores the pragma); MariaDB has no transactional DDL, so no transaction here;
                    // PostgreSQL's session_replication_role is put back in the transaction, before the version rows
                    if (settings != null && sink.settingChanged(true) && (settings.inTransactions() || !(stepTx && transactional))) {
                        // the put-back switches the user and role and back: the revision's own still hold after it
                        boolean moved = sink.schemaMayHaveChanged(false);
                        sink.statement(settings.putBack());
                        if (!moved) sink.schemaMayHaveChanged(true);
                        settingRevisions.add(id);
                    }
                } catch (RetortException e) {
                    throw new MigrationFailedException(id, "Revision " + id + PlanRevisions.where(source, id)
                            + " cannot be rendered offline: " + e.getMessage() + RevisionFrames.of(e, migration, script(id)), e);
                } catch (Throwable e) {
                    // the revision's own code failed (a checked exception thrown undeclared too): name it, as an online
                    // run does
                    throw new MigrationFailedException(id, "Revision " + id + PlanRevisions.where(source, id)
                            + " failed while its SQL was written: " + e + RevisionFrames.of(e, migration, script(id)), e);
                }
            }
            // the version table is unqualified here: after a revision that may have moved the session's schema, its
            // statements (that revision's and every later one's) run in the schema the script started in (online,
            // the run names it once at its start)
            boolean restore = guard != null && (sink.schemaMayHaveChanged(true) || guarded);
            boolean inTransaction = stepTx && transactional;
            if (restore) {
                guarded = true;
                guard.use().apply(inTransaction).forEach(sink::statement);
            }
            for (SqlStatement st : versions.transition(step.from(), step.to())) sink.statement(dialect.inline(st));
            RevisionScript script = script(id);
            sink.statement(history.offlineInsert(new HistoryTable.Entry(id, step.direction().word(),
                    String.join(", ", step.from()), String.join(", ", step.to()),
                    OsUser.name(), script == null ? null : script.checksum(), tag)));
            if (restore) guard.back().apply(inTransaction).forEach(sink::statement);
            sink.schemaMayHaveChanged(true);
            if (perRevision || !stepTx) tx.commit();
        }
        tx.commit();
        if (guarded) sink.insertStatementAt(scriptStart, guard.save()); // before anything could change it
        if (!settingRevisions.isEmpty()) {
            // the value put back after those revisions is the one the script starts with: kept (MariaDB, PostgreSQL),
            // or required, stopping the script before anything runs where it is not so (SQLite)
            String revisions = (settingRevisions.size() == 1 ? "Revision " : "Revisions ") + String.join(", ", settingRevisions);
            java.util.List<String> start = settings.atStart().apply(revisions);
            for (int i = start.size() - 1; i >= 0; i--) sink.insertStatementAt(scriptStart, start.get(i));
        }
    }

    private RevisionScript script(String id) {
        return PlanRevisions.script(source, id);
    }

    /** BEGIN/COMMIT bookkeeping; nothing at all on engines without transactional DDL. */
    private final class Tx {
        private final boolean enabled;
        private final ScriptSink sink;
        private boolean open;

        Tx(boolean enabled, ScriptSink sink) {
            this.enabled = enabled;
            this.sink = sink;
        }

        void begin() {
            if (enabled && !open) {
                sink.statement(dialect.beginTransaction());
                open = true;
            }
        }

        void commit() {
            if (open) {
                sink.statement("COMMIT");
                open = false;
            }
        }
    }
}
