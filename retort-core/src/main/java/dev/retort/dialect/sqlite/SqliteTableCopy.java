package dev.retort.dialect.sqlite;

import dev.retort.RetortException;
import dev.retort.dialect.SqlRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.sqlite.SqliteDdlParser.Clause;
import dev.retort.dialect.sqlite.SqliteDdlParser.ColumnDef;
import dev.retort.dialect.sqlite.SqliteDdlParser.Declared;
import dev.retort.dialect.sqlite.SqliteDdlParser.ParsedTable;
import dev.retort.dialect.sqlite.SqliteTableInfo.StoredSql;
import dev.retort.dialect.sqlite.SqliteTokenizer.Token;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.DropConstraint;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Constraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SQLite's "move and copy" of one table (what Alembic's batch mode does): several changes SQLite cannot
 * make in place are collected, then carried out together by creating the table anew in its target
 * shape, copying the rows, dropping the old table, renaming the new one, and restoring the indexes and
 * triggers. One instance per table and group of changes; not thread-safe.
 * <p>
 * Dropping a column also drops what depends on it, as PostgreSQL does: indexes, unique, primary key,
 * foreign key and CHECK constraints that use it.
 */
final class SqliteTableCopy {
    /** The savepoint that makes a copy outside a transaction all-or-nothing. */
    static final String SAVEPOINT = "retort_move_and_copy";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteTableCopy.class);
    private static final Pattern SIMPLE_DEFAULT = Pattern.compile(
            "(?i)[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|'([^']|'')*'|x'[0-9a-f]*'|NULL|TRUE|FALSE"
                    + "|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME");

    /** How foreign keys are kept from getting in the way while the table is dropped and recreated. */
    enum ForeignKeyMode {
        /** Enforcement is off (SQLite's default): nothing to do. */
        NONE,
        /** Enforcement is on and no transaction is open: switch it off around the copy. */
        DISABLE,
        /** Enforcement is on inside a transaction (where it cannot be switched off): defer the checks to the end. */
        DEFER
    }

    /**
     * One column of the target table and where its values come from.
     *
     * @param retyped whether the copy changes its type (else {@code declared} is the type as written)
     */
    private record Target(Column column, String declared, String from, boolean retyped) {
    }

    private final SqliteDialect dialect;
    private final SqliteTableInfo source;
    private final List<Target> columns = new ArrayList<>();
    /** Where the revision called addColumn, by the column's lower-case name: see {@link dev.retort.dialect.OperationCalls}. */
    private final java.util.Map<String, Throwable> addedAt = new java.util.HashMap<>();
    private PrimaryKey primaryKey;
    private final List<ForeignKey> foreignKeys;
    private final List<UniqueConstraint> uniques;
    private final List<CheckConstraint> checks;
    private final Set<String> droppedSourceColumns = new HashSet<>();
    private final List<String> descriptions = new ArrayList<>();
    /** The source's CREATE TABLE as written; null when the table is known from its model only (offline). */
    private final ParsedTable parsed;
    /** The declaration, as written, of each of the source's constraints (by identity), where it is known. */
    private final Map<Object, Declared> declarations = new IdentityHashMap<>();

    SqliteTableCopy(SqliteDialect dialect, SqliteTableInfo source) {
        this.dialect = dialect;
        this.source = source;
        Table t = source.table();
        for (Column c : t.columns()) {
            columns.add(new Target(c, source.declaredTypes().getOrDefault(c.name(), dialect.typeSql(c.type())),
                    c.name(), false));
        }
        primaryKey = t.primaryKey();
        foreignKeys = new ArrayList<>(t.foreignKeys());
        uniques = new ArrayList<>(t.uniqueConstraints());
        checks = new ArrayList<>(t.checkConstraints());
        parsed = source.createSql() == null ? null : SqliteDdlParser.parseCreateTable(source.createSql());
        if (parsed != null) findDeclarations(parsed);
    }

    /** Pairs the model's constraints with their declarations in the CREATE TABLE text, as the reflector read them. */
    private void findDeclarations(ParsedTable p) {
        List<Declared> pks = p.ofKind("PRIMARY KEY");
        if (primaryKey != null && !pks.isEmpty()) declarations.put(primaryKey, pks.get(0));
        List<Declared> fks = SqliteDdlParser.pairForeignKeys(p.ofKind("FOREIGN KEY"),
                foreignKeys.stream().map(ForeignKey::columns).toList(), foreignKeys.stream().map(ForeignKey::refTable).toList());
        for (int i = 0; i < foreignKeys.size(); i++) if (fks.get(i) != null) declarations.put(foreignKeys.get(i), fks.get(i));
        List<Declared> declaredChecks = p.ofKind("CHECK");
        if (declaredChecks.size() == checks.size()) {
            for (int i = 0; i < checks.size(); i++) declarations.put(checks.get(i), declaredChecks.get(i));
        }
        List<Declared> unpaired = new ArrayList<>(p.ofKind("UNIQUE"));
        for (UniqueConstraint u : uniques) {
            Declared d = unpaired.stream().filter(x -> Objects.equals(x.name(), u.name())
                    && sameNames(x.columns(), u.columns())).findFirst()
                    .orElseGet(() -> unpaired.stream().filter(x -> sameNames(x.columns(), u.columns())).findFirst().orElse(null));
            if (d == null) continue;
            unpaired.removeIf(x -> x == d);
            declarations.put(u, d);
        }
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).equalsIgnoreCase(b.get(i))) return false;
        return true;
    }

    SqliteTableInfo source() {
        return source;
    }

    String tableName() {
        return source.table().name();
    }

    /** What the changes are, for log lines and error messages. */
    List<String> descriptions() {
        return List.copyOf(descriptions);
    }

    /**
     * A column the new table generates: generated in the source (a new type keeps its GENERATED clause, t73-3), or
     * given a GENERATED type.
     */
    private boolean generated(Target c) {
        boolean kept = c.from() != null && source.generatedColumns().stream().anyMatch(g -> g.equalsIgnoreCase(c.from()));
        return kept || GENERATED.matcher(c.declared()).find();
    }

    private static final java.util.regex.Pattern GENERATED =
            java.util.regex.Pattern.compile("(?i)\\bGENERATED\\s+ALWAYS\\s+AS\\b|^\\s*AS\\s*\\(");

    // ---- changes ------------------------------------------------------------------------------

    /** @param calledAt where the revision called addColumn, for a refusal of the column found when the copy is written */
    void addColumn(Column column, Throwable calledAt) {
        if (find(column.name()) >= 0) throw error("column " + column.name() + " already exists");
        if (calledAt != null) addedAt.put(column.name().toLowerCase(Locale.ROOT), calledAt);
        // AUTOINCREMENT is allowed on INTEGER PRIMARY KEY only, spelled exactly so
        columns.add(new Target(column, column.autoincrement() ? "INTEGER" : declaredType(column.type()), null, true));
        descriptions.add("add column " + column.name());
    }

    void dropColumn(String name) {
        int i = indexOf(name);
        Target removed = columns.remove(i);
        String col = removed.column().name();
        if (removed.from() != null) droppedSourceColumns.add(removed.from().toLowerCase(Locale.ROOT));
        if (columns.isEmpty()) throw error("cannot drop " + col + ", the table's last column");
        if (primaryKey != null && containsIgnoreCase(primaryKey.columns(), col)) {
            LOG.info("Dropping column {}.{} drops the primary key {}", tableName(), col, primaryKey.columns());
            primaryKey = null;
        }
        uniques.removeIf(u -> containsIgnoreCase(u.columns(), col));
        foreignKeys.removeIf(f -> containsIgnoreCase(f.columns(), col));
        checks.removeIf(c -> mentions(c.expression(), Set.of(col.toLowerCase(Locale.ROOT))));
        descriptions.add("drop column " + col);
    }

    void alterType(String name, SqlType type) {
        int i = indexOf(name);
        Target t = columns.get(i);
        // an AUTOINCREMENT key stays INTEGER, the only type SQLite allows there (as createTable writes it), and so
        // does a rowid alias given another integer type: spelled otherwise it would stop being the rowid and, with no
        // NOT NULL, take NULL keys for the rows SQLite used to number (t73-2); INTEGER is 64-bit anyway
        // (then the column's text does not change: the type as written is kept when it already is INTEGER)
        boolean auto = t.column().autoincrement() || (rowidAlias(t) && INTEGERS.contains(type.kind()));
        String declared = !auto ? declaredType(type) : t.declared().equalsIgnoreCase("INTEGER") ? t.declared() : "INTEGER";
        boolean retyped = !auto || t.retyped() || !declared.equals(t.declared());
        columns.set(i, new Target(t.column().withType(type), declared, t.from(), retyped));
        descriptions.add("alter column " + name + " type " + declared);
    }

    private static final Set<SqlType.Kind> INTEGERS = java.util.EnumSet.of(SqlType.Kind.SMALLINT, SqlType.Kind.INTEGER,
            SqlType.Kind.BIGINT);

    /** Whether the column is the source's rowid alias: its single-column key declared exactly INTEGER, in a rowid table. */
    private boolean rowidAlias(Target c) {
        PrimaryKey pk = source.table().primaryKey();
        return c.from() != null && pk != null && pk.columns().size() == 1 && pk.columns().get(0).equalsIgnoreCase(c.from())
                && "INTEGER".equalsIgnoreCase(source.declaredTypes().getOrDefault(c.from(), "").strip()) && rowidTable();
    }

    /** Whether the new table's key is a rowid alias: a single column declared exactly INTEGER, in a rowid table. */
    private boolean targetRowidAlias() {
        return primaryKey != null && primaryKey.columns().size() == 1 && rowidTable()
                && "INTEGER".equalsIgnoreCase(columns.get(indexOf(primaryKey.columns().get(0))).declared().strip());
    }

    /**
     * The name the copy carries the rowid over by, or null where it is not to: in a WITHOUT ROWID table, where the
     * new table's key is the rowid alias (its values become the rowids), or where columns take all three names.
     */
    private String rowidName() {
        if (!rowidTable() || targetRowidAlias()) return null;
        for (String name : List.of("rowid", "_rowid_", "oid")) {
            boolean taken = columns.stream().anyMatch(c -> c.column().name().equalsIgnoreCase(name))
                    || source.table().columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(name))
                    || source.generatedColumns().stream().anyMatch(g -> g.equalsIgnoreCase(name));
            if (!taken) return name;
        }
        return null;
    }

    private boolean rowidTable() {
        return !source.options().toUpperCase(Locale.ROOT).contains("WITHOUT");
    }

    /** The type as the new column declares it: in a STRICT table, one of the types STRICT allows. */
    private String declaredType(SqlType type) {
        String sql = dialect.typeSql(type);
        if (!SqliteTypes.isStrict(source.options())) return sql;
        String strict = SqliteTypes.strictType(type);
        if (strict == null) {
            throw error("it is a STRICT table, whose columns take only INT, INTEGER, REAL, TEXT, BLOB or ANY, and "
                    + sql + " is none of them");
        }
        return strict;
    }

    void alterNullable(String name, boolean nullable) {
        int i = indexOf(name);
        Target t = columns.get(i);
        columns.set(i, new Target(t.column().withNullable(nullable), t.declared(), t.from(), t.retyped()));
        descriptions.add("alter column " + name + (nullable ? " drop not null" : " set not null"));
    }

    /** @param serverDefault SQL text, null to drop the default */
    void alterDefault(String name, String serverDefault) {
        int i = indexOf(name);
        Target t = columns.get(i);
        columns.set(i, new Target(t.column().withServerDefault(serverDefault), t.declared(), t.from(), t.retyped()));
        descriptions.add("alter column " + name + (serverDefault == null ? " drop default" : " set default"));
    }

    void addPrimaryKey(PrimaryKey pk) {
        if (primaryKey != null) throw error("it already has a primary key " + primaryKey.columns());
        // key columns are NOT NULL, as createTable writes them and as every other engine makes them: SQLite would
        // let a key that is not the rowid hold NULL, any number of them (t73-8)
        for (String name : pk.columns()) {
            int i = indexOf(name);
            Target t = columns.get(i);
            columns.set(i, new Target(t.column().withNullable(false), t.declared(), t.from(), t.retyped()));
        }
        primaryKey = pk;
        descriptions.add("add primary key " + pk.columns());
    }

    void addUnique(UniqueConstraint uc) {
        uc.columns().forEach(this::indexOf);
        uniques.add(uc);
        descriptions.add("add unique constraint " + Objects.requireNonNullElse(uc.name(), uc.columns().toString()));
    }

    void addForeignKey(ForeignKey fk) {
        fk.columns().forEach(this::indexOf);
        foreignKeys.add(fk);
        descriptions.add("add foreign key " + Objects.requireNonNullElse(fk.name(), fk.columns().toString()));
    }

    void addCheck(CheckConstraint ck) {
        checks.add(ck);
        descriptions.add("add check constraint " + Objects.requireNonNullElse(ck.name(), ck.expression()));
    }

    /**
     * Drops the named constraint; {@code type} (null: any kind) narrows the search. A primary key may be
     * dropped without a name.
     */
    void dropConstraint(String name, ConstraintType type) {
        boolean any = type == null;
        if ((any || type == ConstraintType.PRIMARY_KEY) && primaryKey != null
                && (name == null ? type == ConstraintType.PRIMARY_KEY : name.equalsIgnoreCase(primaryKey.name()))) {
            primaryKey = null;
        } else if (name == null) {
            throw error("it has no primary key");
        } else if ((any || type == ConstraintType.UNIQUE) && uniques.removeIf(u -> name.equalsIgnoreCase(u.name()))) {
            LOG.debug("dropped unique constraint {}", name);
        } else if ((any || type == ConstraintType.FOREIGN_KEY) && foreignKeys.removeIf(f -> name.equalsIgnoreCase(f.name()))) {
            LOG.debug("dropped foreign key {}", name);
        } else if ((any || type == ConstraintType.CHECK) && checks.removeIf(c -> name.equalsIgnoreCase(c.name()))) {
            LOG.debug("dropped check constraint {}", name);
        } else {
            String kind = any ? "" : type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " ";
            throw error("it has no " + kind + "constraint named " + name
                    + " (SQLite constraints declared without CONSTRAINT <name> cannot be dropped by name)");
        }
        descriptions.add("drop constraint " + (name == null ? "primary key" : name));
    }

    /**
     * Drops the unnamed constraint {@code c} describes (SQLite constraints are usually unnamed): a foreign key
     * with the same columns, referenced table and referenced columns (either side may leave those out: the
     * primary key), preferring one with the same ON DELETE / ON UPDATE; a unique constraint with the same
     * columns; a check with the same condition (spacing and case aside).
     */
    void dropByDefinition(Constraint c) {
        boolean dropped;
        if (c instanceof ForeignKey f) {
            List<ForeignKey> candidates = foreignKeys.stream().filter(k -> k.name() == null
                    && equalsIgnoreCase(k.columns(), f.columns()) && k.refTable().equalsIgnoreCase(f.refTable())
                    && (k.refColumns().isEmpty() || f.refColumns().isEmpty() || equalsIgnoreCase(k.refColumns(), f.refColumns())))
                    .toList();
            ForeignKey match = candidates.stream().filter(k -> sameAction(k.onDelete(), f.onDelete())
                    && sameAction(k.onUpdate(), f.onUpdate()) && k.deferral() == f.deferral()).findFirst()
                    .orElse(candidates.isEmpty() ? null : candidates.get(0));
            dropped = match != null && foreignKeys.remove(match);
        } else if (c instanceof UniqueConstraint u) {
            dropped = uniques.stream().filter(k -> k.name() == null && equalsIgnoreCase(k.columns(), u.columns()))
                    .findFirst().map(uniques::remove).orElse(false);
        } else if (c instanceof CheckConstraint ck) {
            dropped = checks.stream().filter(k -> k.name() == null && condition(k.expression()).equals(condition(ck.expression())))
                    .findFirst().map(checks::remove).orElse(false);
        } else {
            dropConstraint(null, ConstraintType.PRIMARY_KEY);
            return;
        }
        if (!dropped) throw error("it has no unnamed " + DropConstraint.definition(c));
        descriptions.add("drop " + DropConstraint.definition(c));
    }

    private static boolean sameAction(String a, String b) {
        return action(a).equals(action(b));
    }

    private static String action(String a) {
        return a == null ? "NO ACTION" : a.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    /**
     * A check's condition for comparison: its tokens without spacing, words and names in lower case, string and
     * blob literals exactly as written ({@code 'a'} is not {@code 'A'}), without parentheses around the whole.
     */
    private static String condition(String expression) {
        StringBuilder e = new StringBuilder();
        for (SqliteTokenizer.Token t : SqliteTokenizer.tokenize(expression)) {
            e.append(t.kind() == SqliteTokenizer.Kind.STRING ? t.text() : t.text().toLowerCase(Locale.ROOT)).append('\u0001');
        }
        String c = e.toString();
        while (c.startsWith("(\u0001") && c.endsWith(")\u0001")) c = c.substring(2, c.length() - 2);
        return c;
    }

    private static boolean equalsIgnoreCase(List<String> a, List<String> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).equalsIgnoreCase(b.get(i))) return false;
        return true;
    }

    /** The table as it will be after the copy. */
    Table target() {
        Table t = source.table();
        return new Table(t.schema(), t.name(), columns.stream().map(Target::column).toList(), primaryKey,
                foreignKeys, uniques, checks, t.indexes().stream().filter(ix -> ix.elements().stream()
                .noneMatch(e -> e.column() != null && droppedSourceColumns.contains(e.column().toLowerCase(Locale.ROOT))))
                .toList(), t.comment(), t.options());
    }

    // ---- statements ---------------------------------------------------------------------------

    /**
     * The statements that carry out the copy.
     *
     * @param legacyAlterTableOn whether {@code PRAGMA legacy_alter_table} is already on (then it is left alone)
     */
    List<SqlStatement> statements(ForeignKeyMode fkMode, boolean legacyAlterTableOn) {
        return statements(fkMode, legacyAlterTableOn, false);
    }

    /**
     * The statements that carry out the copy.
     *
     * @param legacyAlterTableOn whether {@code PRAGMA legacy_alter_table} is already on (then it is left alone)
     * @param deferForeignKeysOn whether {@code PRAGMA defer_foreign_keys} is already on (then it is left alone)
     */
    List<SqlStatement> statements(ForeignKeyMode fkMode, boolean legacyAlterTableOn, boolean deferForeignKeysOn) {
        for (Target c : columns) {
            boolean wholeKey = primaryKey != null && primaryKey.columns().size() == 1
                    && primaryKey.columns().get(0).equalsIgnoreCase(c.column().name());
            if (c.column().autoincrement() && !wholeKey) {
                // SQLite numbers only an INTEGER PRIMARY KEY; anything else would silently leave the column empty
                throw dev.retort.dialect.OperationCalls.at(error("AUTOINCREMENT column " + c.column().name()
                        + " must be the whole primary key (INTEGER PRIMARY KEY) in SQLite"),
                        addedAt.get(c.column().name().toLowerCase(Locale.ROOT)));
            }
        }
        for (Target c : columns) {
            // the new table would fail on it ("no such column"), naming neither the column nor what to change; as
            // PostgreSQL does, refuse before anything runs (t32-5)
            ColumnDef def = columnDef(c);
            List<String> dropped = generated(c) ? mentioned(def != null ? def.text() : c.declared(), droppedSourceColumns) : List.of();
            if (!dropped.isEmpty()) {
                throw error("generated column " + c.column().name() + " is computed from " + (dropped.size() == 1
                        ? "column " + dropped.get(0) : "columns " + String.join(", ", dropped))
                        + ", which this revision drops; drop the generated column first (op.dropColumn), or change its expression");
            }
        }
        refuseLostParentKeys();
        Table t = source.table();
        String schemaPrefix = t.schema() == null || t.schema().isEmpty() ? "" : dialect.quote(t.schema()) + ".";
        String table = schemaPrefix + dialect.quote(t.name());
        String tmpName = "_retort_tmp_" + t.name();
        String tmp = schemaPrefix + dialect.quote(tmpName);
        List<SqlStatement> out = new ArrayList<>();

        switch (fkMode) {
            case DISABLE -> out.add(SqlStatement.of("PRAGMA foreign_keys = OFF"));
            case DEFER -> {
                if (!deferForeignKeysOn) out.add(SqlStatement.of("PRAGMA defer_foreign_keys = ON"));
            }
            case NONE -> { }
        }
        List<String> nullable = newKeyColumnsHoldingNull();
        if (!nullable.isEmpty()) {
            // a rowid alias would number the NULLs by itself, anything else fail on NOT NULL naming the temporary table
            out.addAll(failIfAny("_retort_key_check", "column" + (nullable.size() == 1 ? " " : "s ") + String.join(", ", nullable)
                    + " of table " + t.name() + " holds NULL, which a primary key column cannot: give those rows a key first",
                    "SELECT count(*) FROM " + table + " WHERE " + String.join(" OR ",
                            nullable.stream().map(n -> dialect.quote(n) + " IS NULL").toList())));
        }
        out.add(SqlStatement.of(createTable(tmp)));

        boolean keepSequence = columns.stream().anyMatch(c -> c.column().autoincrement() && c.from() != null)
                && t.columns().stream().anyMatch(Column::autoincrement);
        if (keepSequence) {
            // AUTOINCREMENT must never reuse an id, even one of a row deleted long ago: carry the counter over
            out.add(SqlStatement.of("INSERT INTO " + schemaPrefix + "sqlite_sequence (name, seq) SELECT "
                    + dialect.literal(tmpName) + ", seq FROM " + schemaPrefix + "sqlite_sequence WHERE name = "
                    + dialect.literal(t.name())));
        }
        // generated columns compute their values in the new table: they are not copied (SQLite refuses it)
        List<Target> copied = columns.stream().filter(c -> c.from() != null && !generated(c)).toList();
        if (!copied.isEmpty()) {
            // a rowid no column aliases is carried over too: numbered anew, the rows would move under what is keyed
            // on their rowids (an external-content FTS index, R*Tree side tables), which is not told of it (t73-1)
            String rowid = rowidName();
            String keep = rowid == null ? "" : rowid + ", ";
            // OR ABORT: the new table keeps the ON CONFLICT REPLACE / IGNORE clauses as written, and a plain INSERT
            // would be resolved by them, deleting or skipping rows that collide under the new shape (t32-1); an
            // INSERT's own clause overrides the table's, so such a collision fails the copy and rolls it back
            out.add(SqlStatement.of("INSERT OR ABORT INTO " + tmp + " (" + keep
                    + String.join(", ", copied.stream().map(c -> dialect.quote(c.column().name())).toList())
                    + ") SELECT " + keep + String.join(", ", copied.stream().map(c -> dialect.quote(c.from())).toList())
                    + " FROM " + table));
        }
        out.add(SqlStatement.of("DROP TABLE " + table));
        // Modern RENAME re-checks every view and trigger of the schema, and fails on those that name the
        // table just dropped; the legacy form renames only (the new table takes the old name, so they are right again).
        if (!legacyAlterTableOn) out.add(SqlStatement.of("PRAGMA legacy_alter_table = ON"));
        out.add(SqlStatement.of("ALTER TABLE " + tmp + " RENAME TO " + dialect.quote(t.name())));
        if (!legacyAlterTableOn) out.add(SqlStatement.of("PRAGMA legacy_alter_table = OFF"));

        for (StoredSql index : source.indexes()) {
            if (mentions(afterOn(index.sql()), droppedSourceColumns)) {
                LOG.info("Index {} is dropped with the column(s) it uses on table {}", index.name(), t.name());
                continue;
            }
            out.add(SqlStatement.of(inSchema(index.sql(), schemaPrefix)));
        }
        // SQLite's own DROP COLUMN refuses this too; the copy would leave the view failing on use
        refuseViewsUsing(t.name(), source.views(), droppedSourceColumns);
        refuseTriggersUsing(tableName(), source.triggers(), droppedSourceColumns);
        refuseTriggersUsing(tableName(), source.otherTriggers(), droppedSourceColumns);
        for (StoredSql trigger : source.triggers()) out.add(SqlStatement.of(inSchema(trigger.sql(), schemaPrefix)));
        // As SQLite's own procedure for table changes: check when keys are enforced. Where they are not,
        // rows that break them are allowed and may predate this revision, so they must not stop it.
        if (fkMode != ForeignKeyMode.NONE) out.addAll(foreignKeyCheck(schemaPrefix));
        if (fkMode == ForeignKeyMode.DISABLE) out.add(SqlStatement.of("PRAGMA foreign_keys = ON"));
        // SQLite sets it back only at COMMIT: the rest of the run's transaction (later revisions too) would have its
        // key violations reported there, unattributed, rather than by the statement that makes them (t73-6)
        if (fkMode == ForeignKeyMode.DEFER && !deferForeignKeysOn) out.add(SqlStatement.of("PRAGMA defer_foreign_keys = OFF"));
        return out;
    }

    /**
     * Refuses, naming the referencing table, when a foreign key points at columns the new table no longer keys (its
     * unique constraint, primary key or column dropped): SQLite would take the table as it is, then fail every write
     * to either table with "foreign key mismatch" once keys are enforced, as an application does while migrations
     * often run without. PostgreSQL refuses the same drop (t73-4).
     */
    private void refuseLostParentKeys() {
        List<SqliteTableInfo.Reference> references = new ArrayList<>(source.references());
        for (ForeignKey f : foreignKeys) {
            if (f.refTable().equalsIgnoreCase(tableName())) {
                references.add(new SqliteTableInfo.Reference(tableName(), f.columns(), f.refColumns()));
            }
        }
        Table after = target();
        for (SqliteTableInfo.Reference r : references) {
            if (!parentKey(source.table(), r.refColumns()) || parentKey(after, r.refColumns())) continue;
            String what = r.refColumns().isEmpty() ? "its primary key"
                    : (r.refColumns().size() == 1 ? "column " : "columns ") + String.join(", ", r.refColumns());
            throw error("the foreign key (" + String.join(", ", r.columns()) + ") of table " + r.table() + " references "
                    + what + ", which this revision leaves without " + (r.refColumns().isEmpty() ? "a primary key"
                    : "a primary key or unique constraint") + "; drop that foreign key first (op.dropConstraint on "
                    + r.table() + "), or keep the key");
        }
    }

    /** Whether SQLite takes the columns (none: the primary key) of the table as the parent key of a foreign key. */
    private static boolean parentKey(Table t, List<String> columns) {
        if (columns.isEmpty()) return t.primaryKey() != null;
        Set<String> key = lower(columns);
        if (t.primaryKey() != null && lower(t.primaryKey().columns()).equals(key)) return true;
        if (t.uniqueConstraints().stream().anyMatch(u -> lower(u.columns()).equals(key))) return true;
        return t.indexes().stream().anyMatch(ix -> ix.unique() && ix.where() == null
                && ix.elements().stream().allMatch(e -> e.column() != null)
                && lower(ix.elements().stream().map(e -> e.column()).toList()).equals(key));
    }

    private static Set<String> lower(List<String> names) {
        Set<String> out = new HashSet<>();
        for (String n : names) out.add(n.toLowerCase(Locale.ROOT));
        return out;
    }

    /**
     * SQLite reports foreign key violations as rows of a pragma, never as an error. This turns any row into
     * a failed statement with a readable message: a temporary table whose CHECK constraint is named by the
     * message receives the count of violations.
     */
    private List<SqlStatement> foreignKeyCheck(String schemaPrefix) {
        String name = tableName();
        String schemaArg = schemaPrefix.isEmpty() ? "" : ", " + dialect.literal(source.table().schema());
        List<String> counts = new ArrayList<>();
        counts.add("(SELECT count(*) FROM pragma_foreign_key_check(" + dialect.literal(name) + schemaArg + "))");
        for (String child : source.referencedBy()) {
            if (child.equalsIgnoreCase(name)) continue;
            // of the other tables, only their keys that point at this one: the rest is not this revision's business
            counts.add("(SELECT count(*) FROM pragma_foreign_key_check(" + dialect.literal(child) + schemaArg
                    + ") WHERE parent = " + dialect.literal(name) + ")");
        }
        String message = "foreign key violations after move-and-copy of table " + name
                + ", see PRAGMA foreign_key_check";
        return failIfAny("_retort_fk_check", message, "SELECT " + String.join(" + ", counts));
    }

    /**
     * Statements that fail, with {@code message}, where {@code count} (a query of one number) is not 0: a temporary
     * table whose CHECK constraint is named by the message receives the count.
     */
    private static List<SqlStatement> failIfAny(String tempTable, String message, String count) {
        return List.of(
                // a failed check outside a transaction leaves the table behind; start clean
                SqlStatement.of("DROP TABLE IF EXISTS temp." + tempTable),
                SqlStatement.of("CREATE TEMP TABLE " + tempTable + " (violations INTEGER CONSTRAINT "
                        + "\"" + message.replace("\"", "\"\"") + "\""
                        + " CHECK (violations = 0))"),
                SqlStatement.of("INSERT INTO temp." + tempTable + " (violations) " + count),
                SqlStatement.of("DROP TABLE temp." + tempTable));
    }

    /**
     * The columns of a new primary key (or of a key that becomes the rowid alias) that may hold NULL in the source:
     * the copy must fail on a NULL there rather than let SQLite number it or keep it (t73-8).
     */
    private List<String> newKeyColumnsHoldingNull() {
        if (primaryKey == null) return List.of();
        PrimaryKey was = source.table().primaryKey();
        boolean sameKey = was != null && lower(was.columns()).equals(lower(primaryKey.columns()));
        if (sameKey && !targetRowidAlias()) return List.of();
        List<String> out = new ArrayList<>();
        for (String name : primaryKey.columns()) {
            Target c = columns.get(indexOf(name));
            if (c.from() != null && source.table().column(c.from()).map(Column::nullable).orElse(true)) out.add(c.from());
        }
        return out;
    }

    /**
     * The CREATE TABLE of the target shape. Where the source's text is known, a column the copy does not change
     * is written exactly as declared, a changed one keeps the clauses the change does not touch (ON CONFLICT,
     * constraint names, COLLATE, ...), and a table constraint that stays is written as declared.
     */
    String createTable(String qualifiedName) {
        Set<Declared> live = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object c : constraints()) {
            Declared d = declarations.get(c);
            if (d != null) live.add(d);
        }
        List<String> parts = new ArrayList<>();
        List<Object> partKeys = new ArrayList<>(); // what each part is in the source (for its comments), or null
        boolean inlinePk = primaryKey != null && primaryKey.columns().size() == 1
                && columns.stream().anyMatch(c -> c.column().autoincrement()
                && c.column().name().equalsIgnoreCase(primaryKey.columns().get(0)));
        for (Target c : columns) {
            Column col = c.column();
            ColumnDef def = columnDef(c);
            boolean pkHere = inlinePk && col.name().equalsIgnoreCase(primaryKey.columns().get(0))
                    && !inColumn(primaryKey);
            partKeys.add(def);
            if (def != null) {
                parts.add(asDeclared(c, def, live, pkHere));
                continue;
            }
            StringBuilder b = new StringBuilder(dialect.quote(col.name()));
            if (!c.declared().isBlank()) b.append(' ').append(c.declared());
            if (pkHere) b.append(primaryKeyClause());
            if (!col.nullable()) b.append(" NOT NULL");
            if (col.serverDefault() != null) b.append(" DEFAULT ").append(defaultClause(col.serverDefault()));
            // a kept column keeps its declared collation; a new one takes the model's
            String collation = c.from() == null ? col.collation() : source.collations().get(c.from());
            if (collation != null) b.append(" COLLATE ").append(dialect.quote(collation));
            parts.add(b.toString());
        }
        // table constraints: those that stay in the order declared, new ones after them
        List<Object> tableLevel = new ArrayList<>();
        List<String> tableParts = new ArrayList<>();
        if (primaryKey != null && !inlinePk && !inColumn(primaryKey)) {
            tableLevel.add(primaryKey);
            tableParts.add(asDeclared(primaryKey, () -> constraintName(primaryKey.name()) + "PRIMARY KEY ("
                    + quoteAll(primaryKey.columns()) + ")"));
        }
        for (UniqueConstraint u : uniques) {
            if (inColumn(u)) continue;
            tableLevel.add(u);
            tableParts.add(asDeclared(u, () -> constraintName(u.name()) + "UNIQUE (" + quoteAll(u.columns()) + ")"));
        }
        for (ForeignKey f : foreignKeys) {
            if (inColumn(f)) continue;
            tableLevel.add(f);
            tableParts.add(asDeclared(f, () -> {
                StringBuilder b = new StringBuilder(constraintName(f.name())).append("FOREIGN KEY (")
                        .append(quoteAll(f.columns())).append(") REFERENCES ").append(dialect.quote(f.refTable()));
                if (!f.refColumns().isEmpty()) b.append(" (").append(quoteAll(f.refColumns())).append(')');
                if (f.onDelete() != null) b.append(" ON DELETE ").append(SqlRenderer.referentialAction(f.onDelete()));
                if (f.onUpdate() != null) b.append(" ON UPDATE ").append(SqlRenderer.referentialAction(f.onUpdate()));
                if (f.deferral().deferrable()) b.append(' ').append(f.deferral().sql());
                return b.toString();
            }));
        }
        for (CheckConstraint c : checks) {
            if (inColumn(c)) continue;
            tableLevel.add(c);
            tableParts.add(asDeclared(c, () -> constraintName(c.name()) + "CHECK (" + c.expression() + ")"));
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < tableLevel.size(); k++) order.add(k);
        order.sort(java.util.Comparator.comparingInt(k -> declaredPosition(tableLevel.get(k))));
        for (int k : order) {
            parts.add(tableParts.get(k));
            Declared d = declarations.get(tableLevel.get(k));
            partKeys.add(d != null && d.column() == null ? d : null);
        }
        String options = source.options().isBlank() ? "" : " " + source.options();
        StringBuilder b = new StringBuilder("CREATE TABLE ").append(qualifiedName).append(" (");
        for (int k = 0; k < parts.size(); k++) {
            // the comments written around a definition that stays go with it
            SqliteDdlParser.Comments comments = parsed == null ? SqliteDdlParser.Comments.NONE : parsed.commentsOf(partKeys.get(k));
            b.append("\n    ");
            if (!comments.before().isEmpty()) {
                boolean ownLine = comments.before().contains("\n") || SqliteDdlParser.endsWithLineComment(comments.before());
                b.append(comments.before()).append(ownLine ? "\n    " : " ");
            }
            b.append(parts.get(k));
            if (k < parts.size() - 1) b.append(',');
            if (!comments.after().isEmpty()) b.append(' ').append(comments.after());
        }
        return b.append("\n)").append(options).toString();
    }

    private String primaryKeyClause() {
        return (primaryKey.name() != null ? " CONSTRAINT " + dialect.quote(primaryKey.name()) : "") + " PRIMARY KEY AUTOINCREMENT";
    }

    /** Every constraint the target keeps. */
    private List<Object> constraints() {
        List<Object> all = new ArrayList<>();
        if (primaryKey != null) all.add(primaryKey);
        all.addAll(uniques);
        all.addAll(foreignKeys);
        all.addAll(checks);
        return all;
    }

    /** The source's definition of the column a target column is copied from, or null (new column, or no text). */
    private ColumnDef columnDef(Target c) {
        return parsed == null || c.from() == null ? null : parsed.columnDef(c.from());
    }

    /** Whether the constraint is declared inside a column definition that the target writes from its text. */
    private boolean inColumn(Object constraint) {
        Declared d = declarations.get(constraint);
        return d != null && d.column() != null
                && columns.stream().anyMatch(c -> c.from() != null && c.from().equalsIgnoreCase(d.column())
                && columnDef(c) != null);
    }

    /** Where a table constraint stands in the source's CREATE TABLE; after all of them when it is new. */
    private int declaredPosition(Object constraint) {
        Declared d = declarations.get(constraint);
        if (d == null || d.column() != null || parsed == null) return Integer.MAX_VALUE;
        for (int k = 0; k < parsed.constraints().size(); k++) if (parsed.constraints().get(k) == d) return k;
        return Integer.MAX_VALUE;
    }

    /** A table constraint as declared in the source, or as {@code generated} when it is new. */
    private String asDeclared(Object constraint, java.util.function.Supplier<String> generated) {
        Declared d = declarations.get(constraint);
        return d != null && d.column() == null ? d.text() : generated.get();
    }

    /** A column copied from the source: as declared, with only what the copy changes changed. */
    private String asDeclared(Target c, ColumnDef def, Set<Declared> live, boolean pkHere) {
        Column col = c.column();
        Column was = source.table().column(c.from()).orElseThrow();
        boolean nullabilitySame = col.nullable() == was.nullable();
        boolean defaultSame = Objects.equals(col.serverDefault(), was.serverDefault());
        List<Clause> kept = def.clauses().stream().filter(k -> k.declared() == null || live.contains(k.declared())).toList();
        if (!c.retyped() && nullabilitySame && defaultSame && !pkHere && kept.size() == def.clauses().size()) {
            return def.text();
        }
        StringBuilder b = new StringBuilder(def.nameText());
        String type = c.retyped() ? c.declared() : def.typeText();
        if (!type.isBlank()) b.append(' ').append(type);
        if (pkHere) b.append(primaryKeyClause());
        boolean notNull = false;
        boolean dflt = false;
        for (Clause k : kept) {
            switch (k.kind()) {
                case "NOT NULL" -> {
                    if (col.nullable()) continue;
                    notNull = true;
                }
                case "NULL" -> {
                    if (!col.nullable()) continue;
                }
                case "GENERATED" -> {
                    // a new type replaces it where it carries a GENERATED clause of its own, else only the type changes:
                    // dropped, the column would turn plain, its values frozen (t73-3)
                    if (c.retyped() && GENERATED.matcher(c.declared()).find()) continue;
                }
                case "DEFAULT" -> {
                    if (col.serverDefault() == null) continue;
                    dflt = true;
                    if (!defaultSame) {
                        b.append(' ').append(k.head()).append("DEFAULT ").append(defaultClause(col.serverDefault()));
                        continue;
                    }
                }
                default -> { }
            }
            b.append(' ').append(k.text());
        }
        // only what the change asks for is added: a key column the model reports NOT NULL (a rowid alias,
        // any primary key) declared without it stays so; but a rowid alias given a type that is not INTEGER stops
        // being one, and would then take NULL keys where it could hold none (t73-2)
        boolean leavesRowid = rowidAlias(c) && !"INTEGER".equalsIgnoreCase(type.strip());
        if (!col.nullable() && !notNull && (!nullabilitySame || leavesRowid)) b.append(" NOT NULL");
        if (col.serverDefault() != null && !dflt && !defaultSame) b.append(" DEFAULT ").append(defaultClause(col.serverDefault()));
        return b.toString();
    }

    /** A default as SQLite's DEFAULT takes it: a literal as is, an expression in parentheses. */
    static String defaultClause(String d) {
        String s = d.trim();
        if (SIMPLE_DEFAULT.matcher(s).matches()) return s;
        List<Token> t = SqliteTokenizer.tokenize(s);
        boolean wrapped = t.size() > 1 && t.get(0).isPunct('(') && SqliteTokenizer.matchParen(t, 0) == t.size() - 1;
        return wrapped ? s : "(" + s + ")";
    }

    private String constraintName(String name) {
        return name == null ? "" : "CONSTRAINT " + dialect.quote(name) + " ";
    }

    private String quoteAll(List<String> names) {
        return String.join(", ", names.stream().map(dialect::quote).toList());
    }

    boolean hasColumn(String name) {
        return find(name) >= 0;
    }

    private int find(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).column().name().equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    private int indexOf(String name) {
        int i = find(name);
        if (i < 0) throw error("it has no column " + name);
        return i;
    }

    private RetortException error(String why) {
        return error(tableName(), why);
    }

    private static RetortException error(String table, String why) {
        return new RetortException("Cannot change SQLite table " + table + ": " + why);
    }

    /**
     * Refuses, naming the view, when one of the views names any of the (lower-case) columns being dropped:
     * by move-and-copy, which would leave the view failing on use, or in place ({@code ALTER TABLE ... DROP
     * COLUMN}), which SQLite refuses for an unquoted name and, for a quoted one, turns into a string literal.
     */
    static void refuseViewsUsing(String table, List<StoredSql> views, Set<String> droppedColumns) {
        for (StoredSql view : views) {
            if (mentions(view.sql(), droppedColumns)) {
                throw error(table, "view " + view.name() + " uses a column this revision drops; drop the view first"
                        + " (op.execute(\"DROP VIEW " + view.name() + "\")) and create it anew without the column");
            }
        }
    }

    /**
     * Refuses, naming the trigger, when one of the triggers names any of the (lower-case) columns being dropped:
     * SQLite checks a trigger's body only when it fires, so the table would be left with writes that fail
     * ("no such column"). The triggers are the table's own or, for both copy and in-place drop, those of other
     * tables whose SQL names the table (t20-3).
     */
    static void refuseTriggersUsing(String table, List<StoredSql> triggers, Set<String> droppedColumns) {
        for (StoredSql trigger : triggers) {
            if (mentions(trigger.sql(), droppedColumns)) {
                throw error(table, "trigger " + trigger.name() + " uses a column this revision drops; drop the trigger first"
                        + " (op.execute(\"DROP TRIGGER " + trigger.name() + "\")) and create it anew if still wanted");
            }
        }
    }

    /**
     * A stored CREATE INDEX / CREATE TRIGGER with its name qualified by the schema: SQLite stores them
     * unqualified, and run as such they would land in {@code main}.
     */
    static String inSchema(String sql, String schemaPrefix) {
        if (schemaPrefix.isEmpty()) return sql;
        List<Token> t = SqliteTokenizer.tokenize(sql);
        int i = 0;
        while (i < t.size() && !(t.get(i).isWord("INDEX") || t.get(i).isWord("TRIGGER"))) i++;
        i++;
        if (i + 2 < t.size() && t.get(i).isWord("IF")) i += 3;
        if (i >= t.size() || (i + 1 < t.size() && t.get(i + 1).isPunct('.'))) return sql;
        int at = t.get(i).start();
        return sql.substring(0, at) + schemaPrefix + sql.substring(at);
    }

    /** The part of a CREATE INDEX after "ON table": its elements and WHERE clause. */
    private static String afterOn(String indexSql) {
        List<Token> tokens = SqliteTokenizer.tokenize(indexSql);
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("ON") && i + 1 < tokens.size()) {
                int from = tokens.get(i + 1).end();
                return indexSql.substring(from);
            }
        }
        return indexSql;
    }

    /** Whether the SQL fragment names any of the (lower-case) identifiers. */
    static boolean mentions(String sql, Set<String> lowerNames) {
        return !mentioned(sql, lowerNames).isEmpty();
    }

    /** Which of {@code lowerNames} {@code sql} names as identifiers, in its order, each once, as written there. */
    static List<String> mentioned(String sql, Set<String> lowerNames) {
        if (lowerNames.isEmpty() || sql == null) return List.of();
        java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
        for (Token t : SqliteTokenizer.tokenize(sql)) {
            if ((t.kind() == SqliteTokenizer.Kind.WORD || t.kind() == SqliteTokenizer.Kind.QUOTED_ID)
                    && lowerNames.contains(t.identifier().toLowerCase(Locale.ROOT))) {
                found.putIfAbsent(t.identifier().toLowerCase(Locale.ROOT), t.identifier());
            }
        }
        return List.copyOf(found.values());
    }

    private static boolean containsIgnoreCase(List<String> list, String s) {
        return list.stream().anyMatch(x -> x.equalsIgnoreCase(s));
    }
}
