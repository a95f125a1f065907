package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.CreateTable;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.script.SqlSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's check constraints as the engine stores them (chk-drift): H2 and MariaDB rewrite more than casts,
 * parentheses and case, which is all {@link ComparisonRules#expressionKey} undoes. H2 stores {@code length(x)} as
 * {@code CHAR_LENGTH(x)}, {@code substr(x, 1, 1)} as {@code SUBSTRING(x FROM 1 FOR 1)}, {@code NOT (x < 0)} as
 * {@code x >= 0} and reorders {@code OR}; MariaDB stores {@code length} as {@code octet_length}, {@code lower} as
 * {@code lcase}; PostgreSQL {@code CAST(x AS t)} as {@code x::t} and {@code LIKE} as {@code ~~}. No list of such
 * rules is ever complete, so the engine itself is asked: the model's tables whose checks differ from the database's
 * are created, with their columns and checks only, and read back. A check then compares equal when the engine stores
 * both alike, and a changed constant still differs.
 * <p>
 * Where: on PostgreSQL and MariaDB as temporary tables in the user's own session ({@link SessionChecks}; rolled back or
 * dropped, the database untouched), which has the database's types, domains and functions and costs no CREATE DATABASE
 * (t53-1, t53-5); on H2, and where the session may not make temporary tables, in a scratch database as a {@code sql:}
 * model is loaded. Each table on its own (t53-1): one that fails is asked again with the database's types for its raw
 * and enum columns (a domain the scratch lacks), then check by check, so that only what cannot be asked (a mistyped
 * check) is compared as written, logged.
 * <p>
 * Only when a check differs as written: a database that matches the model costs nothing here.
 */
final class StoredChecks {
    private static final Logger LOG = LoggerFactory.getLogger(StoredChecks.class);

    private StoredChecks() {
    }

    /** Per model table: its check expressions as written, each to the engine's spelling of it; empty when none is needed. */
    static Map<String, Map<String, String>> of(SchemaModel db, SchemaModel model, ModelContext context) {
        Dialect dialect = context.dialect();
        if (context.connection() == null || dialect.name().equals("sqlite")) return Map.of(); // SQLite keeps the text
        ComparisonRules rules = new ComparisonRules(dialect);
        Map<String, Table> dbTables = new HashMap<>();
        for (Table t : db.tables()) dbTables.put(t.name(), t);
        List<Table> asked = new ArrayList<>();
        for (Table m : model.tables()) {
            Table d = dbTables.get(m.name());
            if (d == null || m.checkConstraints().isEmpty()) continue;
            Map<String, SqlType> dTypes = ComparisonRules.columnTypes(d);
            Map<String, SqlType> mTypes = ComparisonRules.columnTypes(m);
            List<String> stored = d.checkConstraints().stream().map(c -> rules.expressionKey(c.expression(), dTypes)).toList();
            boolean differs = m.checkConstraints().stream().anyMatch(c -> !stored.contains(rules.expressionKey(c.expression(), mTypes)));
            if (differs) asked.add(m);
        }
        if (asked.isEmpty()) return Map.of();
        // names of our own, unique in the session or scratch (H2's constraint names are the schema's), to read each back
        String tag = java.util.UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> failures = new java.util.LinkedHashMap<>();
        List<SessionChecks.Probe> first = new ArrayList<>();
        for (int t = 0; t < asked.size(); t++) probe(first, asked.get(t), tag, t, -1, null, dialect);
        Map<String, String> stored = ask(context, model, first, failures, true);
        // a table that failed with a type the session or scratch lacks (a domain of the database on H2's in-memory
        // scratch, say): again with the database's own type of such a column, which its checks accept; one that still
        // fails, once per check, so that a mistyped check costs only itself
        List<SessionChecks.Probe> again = new ArrayList<>();
        for (int t = 0; t < asked.size(); t++) {
            Table m = asked.get(t);
            if (!failures.containsKey(m.name())) continue;
            Table d = dbTables.get(m.name());
            if (d != null && m.columns().stream().anyMatch(c -> typeOf(c, d) != c.type())) probe(again, m, tag, t, -1, d, dialect);
            if (m.checkConstraints().size() > 1) {
                for (int i = 0; i < m.checkConstraints().size(); i++) probe(again, m, tag, t, i, d, dialect);
            }
        }
        if (!again.isEmpty()) {
            Map<String, String> stillFailing = new java.util.LinkedHashMap<>();
            Map<String, String> found = ask(context, model, again, stillFailing, false);
            found.forEach(stored::putIfAbsent);
            for (Table m : asked) {
                if (!failures.containsKey(m.name())) continue;
                int t = asked.indexOf(m);
                boolean all = java.util.stream.IntStream.range(0, m.checkConstraints().size()).allMatch(i -> stored.containsKey(name(tag, t, i)));
                if (all) failures.remove(m.name());
                else if (stillFailing.containsKey(m.name())) failures.put(m.name(), stillFailing.get(m.name()));
            }
        }
        // one line per reason: a user without the right to make temporary tables fails every table alike
        Map<String, List<String>> byReason = new java.util.LinkedHashMap<>();
        failures.forEach((table, why) -> byReason.computeIfAbsent(why, w -> new ArrayList<>()).add(table));
        byReason.forEach((why, tables) -> LOG.info("The check constraints of {} are compared as written, not as {} stores"
                + " them (could not ask it: {})", tables.size() <= 3 ? String.join(", ", tables) : String.join(", ",
                tables.subList(0, 3)) + " and " + (tables.size() - 3) + " more tables", dialect.name(), why));
        Map<String, Map<String, String>> out = new HashMap<>();
        for (int t = 0; t < asked.size(); t++) {
            Table m = asked.get(t);
            Map<String, String> spellings = new HashMap<>();
            for (int i = 0; i < m.checkConstraints().size(); i++) {
                String s = stored.get(name(tag, t, i));
                if (s != null) spellings.put(m.checkConstraints().get(i).expression(), s);
            }
            out.put(m.name(), spellings);
        }
        return out;
    }

    /**
     * Adds to {@code out} a CREATE TABLE for {@code m} under a name of our own (its {@code t}-th asked table), with its
     * columns' types and its checks only, or its {@code check}-th alone when that is not -1 (defaults, identities and
     * keys may need objects the scratch lacks); {@code db}, when not null, gives the types for raw and enum columns.
     */
    private static void probe(List<SessionChecks.Probe> out, Table m, String tag, int t, int check, Table db, Dialect dialect) {
        List<CheckConstraint> checks = new ArrayList<>();
        for (int i = 0; i < m.checkConstraints().size(); i++) {
            if (check < 0 || check == i) checks.add(new CheckConstraint(name(tag, t, i), m.checkConstraints().get(i).expression()));
        }
        List<Column> columns = m.columns().stream().map(c -> new Column(c.name(), typeOf(c, db), c.nullable(), null, false, null))
                .toList();
        String table = "retort_ck_" + tag + "_" + t + (check < 0 ? "" : "_" + check) + (db == null ? "" : "_d");
        Table bare = new Table(null, table, columns, null, List.of(), List.of(), checks, List.of(), null);
        try {
            List<String> sql = dialect.renderer(RenderContext.offline()).render(new CreateTable(bare)).stream()
                    .filter(s -> !s.isNote()).map(SqlStatement::sql).toList();
            if (sql.size() == 1 && sql.get(0).regionMatches(true, 0, "CREATE TABLE ", 0, 13)) {
                out.add(new SessionChecks.Probe(m.name(), sql.get(0)));
            } else {
                LOG.debug("The checks of {} are compared as written: rendered as {}", m.name(), sql);
            }
        } catch (RuntimeException notRenderable) {
            LOG.debug("The checks of {} are compared as written: {}", m.name(), notRenderable.getMessage());
        }
    }

    /** The column's type, or the database's for a raw or enum type where the database has a plain one. */
    private static dev.retort.schema.SqlType typeOf(Column c, Table db) {
        var kind = c.type().kind();
        if (db == null || (kind != dev.retort.schema.SqlType.Kind.RAW && kind != dev.retort.schema.SqlType.Kind.ENUM)) return c.type();
        for (Column d : db.columns()) {
            if (d.name().equalsIgnoreCase(c.name())) {
                var dk = d.type().kind();
                return dk == dev.retort.schema.SqlType.Kind.RAW || dk == dev.retort.schema.SqlType.Kind.ENUM ? c.type() : d.type();
            }
        }
        return c.type();
    }

    /**
     * The stored text of the probes' checks by name: in the user's session where the engine allows it
     * ({@link SessionChecks}), else (or when every table failed there: no temporary tables for this user) in a scratch
     * database, each table on its own. A table that fails is put in {@code failures} with the reason.
     */
    private static Map<String, String> ask(ModelContext context, SchemaModel model, List<SessionChecks.Probe> probes,
                                           Map<String, String> failures, boolean scratchWhenAllFail) {
        Dialect dialect = context.dialect();
        Map<String, String> inSession = null;
        Map<String, String> sessionFailures = new java.util.LinkedHashMap<>();
        try {
            inSession = SessionChecks.ask(context.connection(), dialect, model, probes, sessionFailures);
        } catch (java.sql.SQLException | RuntimeException e) {
            if (ScratchDatabases.stopping()) throw e instanceof RuntimeException r ? r : new dev.retort.RetortException(e.getMessage(), e);
            LOG.debug("Check constraints not asked in the session: {}", e.getMessage());
            probes.forEach(p -> sessionFailures.put(p.table(), e.getMessage()));
        }
        if (inSession != null && (sessionFailures.size() < probes.size() || !scratchWhenAllFail)) {
            failures.putAll(sessionFailures);
            return new HashMap<>(inSession);
        }
        List<SqlSplitter.Statement> statements = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) statements.add(new SqlSplitter.Statement(probes.get(i).createTable(), i + 1));
        Map<Integer, String> failed = new HashMap<>();
        SchemaModel scratch;
        try {
            String origin = (context.config() == null ? "" : context.config().targetMetadata() + ": ") + "check constraints";
            scratch = SqlFileModelSource.ScratchDatabase.reflect(context, statements, origin, failed);
        } catch (java.sql.SQLException | RuntimeException e) {
            if (ScratchDatabases.stopping()) throw e instanceof RuntimeException r ? r : new dev.retort.RetortException(e.getMessage(), e);
            if (inSession != null) failures.putAll(sessionFailures); // the session's reasons: the scratch was the fallback
            else probes.forEach(p -> failures.put(p.table(), "in a scratch database: " + e.getMessage()));
            return new HashMap<>();
        }
        failed.forEach((line, why) -> failures.put(probes.get(line - 1).table(), why));
        Map<String, String> byName = new HashMap<>();
        for (Table t : scratch.tables()) for (CheckConstraint c : t.checkConstraints()) {
            if (c.name() != null) byName.put(c.name().toLowerCase(java.util.Locale.ROOT), c.expression());
        }
        return byName;
    }

    private static String name(String tag, int table, int check) {
        return "retort_ck_" + tag + "_" + table + "_" + check;
    }
}
