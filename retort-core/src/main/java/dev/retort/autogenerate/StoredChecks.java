package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.CreateTable;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.SchemaModel;
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
 * are created, with their columns and checks only, in a scratch database (as a {@code sql:} model is loaded) and read
 * back. A check then compares equal when the engine stores both alike, and a changed constant still differs.
 * <p>
 * Only when a check differs as written: a database that matches the model costs no scratch. When the scratch cannot
 * be made (no right to create one, a type the engine lacks there) the comparison stays as written, logged.
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
            List<String> stored = d.checkConstraints().stream().map(c -> rules.expressionKey(c.expression())).toList();
            boolean differs = m.checkConstraints().stream().anyMatch(c -> !stored.contains(rules.expressionKey(c.expression())));
            if (differs) asked.add(m);
        }
        if (asked.isEmpty()) return Map.of();
        List<SqlSplitter.Statement> statements = new ArrayList<>();
        OperationRenderer renderer = dialect.renderer(RenderContext.offline());
        for (int t = 0; t < asked.size(); t++) {
            Table m = asked.get(t);
            // names of our own, unique in the scratch (H2's constraint names are the schema's), to read each one back
            List<CheckConstraint> checks = new ArrayList<>();
            for (int i = 0; i < m.checkConstraints().size(); i++) {
                checks.add(new CheckConstraint(name(t, i), m.checkConstraints().get(i).expression()));
            }
            // the columns' types only: defaults, identities and keys may need objects the scratch lacks
            List<Column> columns = m.columns().stream().map(c -> new Column(c.name(), c.type(), c.nullable(), null, false, null))
                    .toList();
            Table bare = new Table(null, m.name(), columns, null, List.of(), List.of(), checks, List.of(), null);
            try {
                for (SqlStatement s : renderer.render(new CreateTable(bare))) if (!s.isNote()) statements.add(new SqlSplitter.Statement(s.sql(), 1));
            } catch (RuntimeException notRenderable) {
                LOG.debug("The checks of {} are compared as written: {}", m.name(), notRenderable.getMessage());
            }
        }
        SchemaModel scratch;
        try {
            String origin = (context.config() == null ? "" : context.config().targetMetadata() + ": ") + "check constraints";
            scratch = SqlFileModelSource.ScratchDatabase.reflect(context, statements, origin);
        } catch (java.sql.SQLException | RuntimeException e) {
            if (ScratchDatabases.stopping()) throw e instanceof RuntimeException r ? r : new dev.retort.RetortException(e.getMessage(), e);
            LOG.info("Check constraints are compared as written, not as {} stores them (could not ask it in a scratch database: {})",
                    dialect.name(), e.getMessage());
            return Map.of();
        }
        Map<String, String> byName = new HashMap<>();
        for (Table t : scratch.tables()) for (CheckConstraint c : t.checkConstraints()) {
            if (c.name() != null) byName.put(c.name().toLowerCase(java.util.Locale.ROOT), c.expression());
        }
        Map<String, Map<String, String>> out = new HashMap<>();
        for (int t = 0; t < asked.size(); t++) {
            Table m = asked.get(t);
            Map<String, String> spellings = new HashMap<>();
            for (int i = 0; i < m.checkConstraints().size(); i++) {
                String stored = byName.get(name(t, i));
                if (stored != null) spellings.put(m.checkConstraints().get(i).expression(), stored);
            }
            out.put(m.name(), spellings);
        }
        return out;
    }

    private static String name(int table, int check) {
        return "retort_ck_" + table + "_" + check;
    }
}
