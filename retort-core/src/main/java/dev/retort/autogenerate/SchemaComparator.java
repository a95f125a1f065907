package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.Feature;
import dev.retort.dialect.SqlRenderer;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.AlterIdentity;
import dev.retort.ops.SequenceChange;
import dev.retort.ops.Change;
import dev.retort.ops.CreateCheckConstraint;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreatePrimaryKey;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.ops.SetTableComment;
import dev.retort.ops.ValidateConstraint;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.TableOption;
import dev.retort.schema.UniqueConstraint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the live database with the target model: a pure function from two models and a dialect to
 * the operations that turn the first into the second, in an order every engine accepts (types and
 * sequences first; foreign keys dropped before what they point at, and dropped tables with them; then the
 * changes to existing tables; new tables in dependency order; new foreign keys; drops of sequences and
 * types at the end).
 * <p>
 * Not changed (documented): whether an existing column is autoincrement/identity (reported with a TODO on MariaDB and
 * H2; a changed START WITH /
 * INCREMENT BY is altered in place, except H2's START WITH, a TODO entry), column order, collations.
 */
public final class SchemaComparator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaComparator.class);
    private static final Set<SqlType.Kind> INTEGERS = java.util.EnumSet.of(SqlType.Kind.SMALLINT, SqlType.Kind.INTEGER, SqlType.Kind.BIGINT);

    private final ComparisonRules rules;
    private final Dialect dialect;
    private final TypeChanges types;
    private final CollationChanges collations;
    private final ConstraintEntries constraints;
    /** The model's columns without a collation have the default one (a sql: model), so a database's own is drift. */
    private boolean collationsKnown;
    private final SchemaFilter filter;
    /** Per model table, its check expressions as the engine stores them (StoredChecks); compared, never written. */
    private Map<String, Map<String, String>> storedChecks = Map.of();
    /** Proposed table renames, old name to new: a foreign key to the old name follows its table. */
    private final Map<String, String> renamedTo = new LinkedHashMap<>();
    /** Proposed column renames per table (by the table's name in the model), old name to new. */
    private final Map<String, Map<String, String>> renamedColumnsOf = new HashMap<>();
    /** Added tables that might be renamed ones, with the note naming the candidates. */
    private final Map<String, String> addedTableNotes = new HashMap<>();
    /** Dropped tables that might be renamed ones (t57-8), with the note their dropTable carries. */
    private final Map<String, String> droppedTableNotes = new HashMap<>();
    /** Foreign keys of the database that the plan drops (and recreates where they change). */
    private final Set<ForeignKey> droppedForeignKeys = new HashSet<>();
    /** By table (the model's name): the generated columns dropped and added again around a type change (t59-6). */
    private final Map<String, List<String>> recreatedGenerated = new HashMap<>();
    /** By table (the model's name): PostgreSQL columns whose type changes to, from or between enum types (t75-9). */
    private final Map<String, List<String>> retypedEnumColumns = new HashMap<>();
    /** Enum types (on engines without named ones) that this plan adds values to, with their values before. */
    private final Map<String, List<String>> grownEnums = new HashMap<>();
    /** Constraint and index names in use on either side or given by this plan, lower case: a made-up name avoids them. */
    private final Set<String> takenNames = new HashSet<>();
    /** The names the model gives, which a dropped database constraint does not free. */
    private final Set<String> modelNames = new HashSet<>();

    private SchemaComparator(Dialect dialect, SchemaFilter filter) {
        this.rules = new ComparisonRules(dialect);
        this.dialect = dialect;
        this.types = new TypeChanges(rules, dialect);
        this.collations = new CollationChanges(rules, dialect, types);
        this.constraints = new ConstraintEntries(dialect, takenNames, modelNames);
        this.filter = filter;
    }

    /** The operations that move {@code db} to {@code model} on {@code dialect}; empty when they agree. */
    public static List<Operation> compare(SchemaModel db, SchemaModel model, Dialect dialect) {
        return diff(db, model, dialect, SchemaFilter.everything()).upgrade();
    }

    public static Diff diff(SchemaModel db, SchemaModel model, Dialect dialect, SchemaFilter filter) {
        return diff(db, model, dialect, filter, Map.of());
    }

    /**
     * As {@link #diff(SchemaModel, SchemaModel, Dialect, SchemaFilter)}, with the model's check expressions compared
     * as the engine stores them ({@link StoredChecks}: per table, each expression as written to its stored spelling).
     */
    static Diff diff(SchemaModel db, SchemaModel model, Dialect dialect, SchemaFilter filter,
                     Map<String, Map<String, String>> storedChecks) {
        SchemaComparator comparator = new SchemaComparator(dialect, filter);
        comparator.storedChecks = storedChecks;
        return comparator.run(db, model);
    }

    // ------------------------------------------------------------------ the whole schema

    private Diff run(SchemaModel dbModel, SchemaModel targetModel) {
        collationsKnown = targetModel.collationsKnown();
        Map<String, Table> db = tables(dbModel);
        Map<String, Table> model = tables(targetModel);
        for (Table t : targetModel.tables()) ConstraintEntries.names(t).forEach(n -> modelNames.add(n.toLowerCase(Locale.ROOT)));
        for (SchemaModel m : List.of(dbModel, targetModel)) for (Table t : m.tables()) ConstraintEntries.names(t).forEach(constraints::take);
        db.replaceAll((name, t) -> withReferencedKeys(t, db, model));
        model.replaceAll((name, t) -> withReferencedKeys(t, model, db));
        Plan plan = new Plan();

        new EnumTypeChanges(dialect, filter, grownEnums).compare(dbModel, targetModel, plan);
        new SequenceChanges(rules, dialect, filter).compare(dbModel, targetModel, plan);

        List<Table> added = new ArrayList<>();
        List<Table> removed = new ArrayList<>();
        for (Table t : model.values()) if (!db.containsKey(t.name())) added.add(t);
        for (Table t : db.values()) if (!model.containsKey(t.name())) removed.add(t);

        // A removed and an added table of the same shape: propose a rename.
        Map<String, Table> renamedFrom = new LinkedHashMap<>();
        Pairing<Table> pairing = Pairing.pairRenames(removed, added, this::sameShape, this::sameColumns, this::sameColumns, Table::name);
        pairing.renames().forEach((a, r) -> renamedFrom.put(a.name(), r));
        pairing.ambiguous().forEach((a, candidates) -> {
            List<String> names = candidates.stream().map(Table::name).toList();
            LOG.warn("Table '{}' is added while {} of the same columns {} dropped: which one, if any, was renamed cannot be told,"
                    + " so none is proposed as a rename; confirm the drop(s)", a.name(), names, names.size() == 1 ? "is" : "are");
            addedTableNotes.put(a.name(), "NOT RENAMED? table " + a.name() + " is added while " + String.join(", ", names)
                    + " with the same columns " + (names.size() == 1 ? "is" : "are") + " dropped, and which one, if any, was"
                    + " renamed cannot be told:\nwritten as a create and a drop, which loses the dropped table's rows. If "
                    + a.name() + " is one of them renamed, replace this createTable and that dropTable with renameTable.");
        });
        for (Map.Entry<String, Table> e : renamedFrom.entrySet()) {
            Table r = e.getValue();
            renamedTo.put(r.name(), e.getKey());
            added.removeIf(t -> t.name().equals(e.getKey()));
            removed.remove(r);
            LOG.info("Detected renamed table '{}' -> '{}' (proposed; confirm or split)", r.name(), e.getKey());
            plan.renames.add(new Entry(new RenameTable(r.schema(), r.name(), e.getKey()),
                    "RENAMED? table " + r.name() + " -> " + e.getKey() + (sameShape(r, model.get(e.getKey()))
                            ? ": a dropped and an added table of the same shape. Confirm, or replace with dropTable + createTable."
                            : ": a dropped and an added table with the same columns, some of a wider type or named the same"
                            + " but for case and separators;\nthe changes to its columns are made after it. Confirm, or replace with"
                            + " dropTable + createTable.")));
        }
        tableLookAlikes(removed, added, pairing);

        // the columns of every table first: a foreign key of one table to a renamed column of another follows it
        Map<String, Table> compared = new LinkedHashMap<>();
        Map<String, String> before = new HashMap<>();
        for (Table m : model.values()) {
            Table current = db.get(m.name());
            before.put(m.name(), m.name());
            if (current == null && renamedFrom.containsKey(m.name())) {
                before.put(m.name(), renamedFrom.get(m.name()).name());
                current = rename(renamedFrom.get(m.name()), m.name());
            }
            if (current == null) continue;
            compared.put(m.name(), current);
            renamedColumnsOf.put(m.name(), columns(current, m, plan));
        }
        List<DroppedKey> droppedKeys = new ArrayList<>();
        for (Map.Entry<String, Table> e : compared.entrySet()) {
            compareTable(e.getValue(), model.get(e.getKey()), before.get(e.getKey()), plan, droppedKeys);
        }
        recreateReferencingKeys(droppedKeys, db, model, plan);
        if (rules.mariadb()) recreateKeysAroundTypeChanges(db, model, plan);
        CreatedAndDroppedTables createdAndDropped = new CreatedAndDroppedTables(dialect, constraints, addedTableNotes, droppedTableNotes);
        createdAndDropped.createTables(added, db.keySet(), plan);
        createdAndDropped.dropTables(removed, plan);
        return plan.toDiff();
    }

    /**
     * A foreign key naming no referenced columns (SQL's {@code REFERENCES t}, as a model or a SQLite table may
     * have it) means the referenced table's primary key: it is given those columns, so that it compares equal
     * to the same key written out (as the other engines read it back).
     */
    private static Table withReferencedKeys(Table t, Map<String, Table> side, Map<String, Table> other) {
        if (t.foreignKeys().stream().noneMatch(f -> f.refColumns().isEmpty())) return t;
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey f : t.foreignKeys()) {
            Table target = side.getOrDefault(f.refTable(), other.get(f.refTable()));
            if (f.refColumns().isEmpty() && target != null && target.primaryKey() != null) {
                f = f.withRefColumns(target.primaryKey().columns());
            }
            fks.add(f);
        }
        return t.withForeignKeys(fks);
    }

    private Map<String, Table> tables(SchemaModel m) {
        Map<String, Table> out = new LinkedHashMap<>();
        for (Table t : m.tables()) {
            if (filter.includes(SchemaFilter.Kind.TABLE, t.name())) out.put(t.name(), filtered(t));
        }
        return out;
    }

    /** The table with the columns, indexes and constraints the filter leaves out removed, normalised for the engine. */
    private Table filtered(Table t) {
        // Key columns are NOT NULL as Retort creates them on every engine; SQLite alone reads a key column
        // declared without NOT NULL as nullable, which would be a change after every revision that creates it.
        List<String> key = t.primaryKey() == null ? List.of() : t.primaryKey().columns();
        List<Column> cols = t.columns().stream()
                .filter(c -> filter.includes(SchemaFilter.Kind.COLUMN, t.name() + "." + c.name()))
                .map(c -> key.contains(c.name()) ? c.withNullable(false) : c).toList();
        List<Index> indexes = new ArrayList<>();
        List<UniqueConstraint> uniques = new ArrayList<>(t.uniqueConstraints().stream()
                .filter(u -> u.name() == null || filter.includes(SchemaFilter.Kind.CONSTRAINT, u.name())).toList());
        for (Index i : t.indexes()) {
            if (!filter.includes(SchemaFilter.Kind.INDEX, i.name())) continue;
            if (rules.uniqueIndexIsConstraint() && i.unique() && i.where() == null && i.using() == null
                    && i.elements().stream().noneMatch(IndexElement::isExpression)) {
                uniques.add(new UniqueConstraint(i.name(), i.elements().stream().map(IndexElement::column).toList()));
            } else {
                indexes.add(i);
            }
        }
        return new Table(t.schema(), t.name(), cols, t.primaryKey(),
                t.foreignKeys().stream().filter(f -> f.name() == null || filter.includes(SchemaFilter.Kind.CONSTRAINT, f.name())).toList(),
                uniques,
                t.checkConstraints().stream().filter(c -> c.name() == null || filter.includes(SchemaFilter.Kind.CONSTRAINT, c.name())).toList(),
                indexes, t.comment(), t.options(), t.collation());
    }

    private static Table rename(Table t, String newName) {
        return t.withName(newName);
    }

    private boolean sameShape(Table a, Table b) {
        if (a.columns().size() != b.columns().size() || a.columns().isEmpty()) return false;
        for (int i = 0; i < a.columns().size(); i++) {
            Column x = a.columns().get(i);
            Column y = b.columns().get(i);
            if (!x.name().equals(y.name()) || !sameColumnShape(x, y)) return false;
        }
        return true;
    }

    /**
     * t57-8: a table renamed with changes made in place without loss: its columns in the same order, each named the
     * same but for case and separators, with the same nullability and default, its type the same or wider of the
     * same family ({@code id int} to {@code id bigint}). The changes follow the rename.
     */
    private boolean sameColumns(Table a, Table b) {
        if (a.columns().size() != b.columns().size() || a.columns().isEmpty()) return false;
        for (int i = 0; i < a.columns().size(); i++) {
            Column x = a.columns().get(i);
            Column y = b.columns().get(i);
            if (!Pairing.squeezed(x.name()).equals(Pairing.squeezed(y.name())) || !renamedWithChanges(x, y) || x.nullable() != y.nullable()
                    || !Objects.equals(defaultKey(x), defaultKey(y))) {
                return false;
            }
        }
        return true;
    }

    /**
     * t57-8: the dropped tables that may be renamed as one of the added ones but are not proposed as such (a candidate
     * of an added one that had several; one named the same but for case and separators; one whose columns are named
     * as an added one's): the dropTable, which loses the rows, carries a note and a warning.
     */
    private void tableLookAlikes(List<Table> removed, List<Table> added, Pairing<Table> pairing) {
        Map<Table, List<Table>> lookAlikes = pairing.lookAlikes(removed, added, Table::name,
                (r, a) -> columnNames(a).equals(columnNames(r)));
        for (Table r : removed) {
            if (!lookAlikes.containsKey(r)) continue;
            List<String> like = lookAlikes.get(r).stream().map(Table::name).toList();
            LOG.warn("Table '{}' is dropped, with its rows, while {} {} added: not proposed as a rename (it is not clear which,"
                    + " or the changes to its columns are not ones made in place without loss); confirm the drop",
                    r.name(), String.join(", ", like), like.size() == 1 ? "is" : "are");
            droppedTableNotes.put(r.name(), "NOT RENAMED? table " + r.name() + " is dropped while " + String.join(", ", like)
                    + (like.size() == 1 ? " is" : " are") + " added, which may be it renamed: not proposed as a rename, as it"
                    + " is not clear which, or the changes to its columns are not ones made in place without loss.\nWritten as a"
                    + " drop and a create, which loses the table's rows. If it was renamed, replace this dropTable and that"
                    + " createTable with renameTable, and the operations for the changes to its columns.");
        }
    }

    private static Set<String> columnNames(Table t) {
        Set<String> out = new HashSet<>();
        for (Column c : t.columns()) out.add(Pairing.squeezed(c.name()));
        return out;
    }

    private boolean sameColumnShape(Column x, Column y) {
        return columnTypeKey(x).equals(columnTypeKey(y)) && x.nullable() == y.nullable()
                && Objects.equals(defaultKey(x), defaultKey(y));
    }

    // ------------------------------------------------------------------ one table

    /**
     * @param before the table's name in the database: what drops, which run before the renames, call it
     */
    private void compareTable(Table db, Table model, String before, Plan plan, List<DroppedKey> droppedKeys) {
        String schema = db.schema();
        String table = model.name();
        int firstDrop = plan.dropConstraints.size();
        int firstCreate = plan.createConstraints.size();
        Map<String, String> renamedColumns = renamedColumnsOf.get(table);
        // the database's keys, constraints and indexes compared as they read once the proposed column renames
        // have run (every engine carries them over to the new name); what is dropped is dropped as it is now
        Map<Object, Object> now = new IdentityHashMap<>();
        List<UniqueConstraint> dbUniques = Renames.afterColumnRenames(db.uniqueConstraints(), now,
                u -> new UniqueConstraint(u.name(), Renames.renamed(u.columns(), renamedColumns)));
        List<Index> dbIndexes = Renames.afterColumnRenames(db.indexes(), now, ix -> new Index(ix.name(), ix.elements().stream()
                .map(e -> e.isExpression() ? IndexElement.expression(Renames.renamedIn(e.expression(), renamedColumns))
                        : IndexElement.column(renamedColumns.getOrDefault(e.column(), e.column())))
                .toList(), ix.unique(), Renames.renamedIn(ix.where(), renamedColumns), ix.using()));
        List<CheckConstraint> dbChecks = Renames.afterColumnRenames(db.checkConstraints(), now,
                c -> c.withExpression(Renames.renamedIn(c.expression(), renamedColumns)));
        List<ForeignKey> dbForeignKeys = Renames.afterColumnRenames(db.foreignKeys(), now, f -> f.withColumns(Renames.renamed(f.columns(), renamedColumns))
                .withRefColumns(refColumnsAfterRenames(f)));
        // the columns' types by the names the expressions use, each side its own: PostgreSQL's casts of a column are
        // told from the user's by what they do to the column's values (ComparisonRules.expressionKey)
        Map<String, SqlType> dbTypes = ComparisonRules.columnTypes(db, renamedColumns);
        Map<String, SqlType> modelTypes = ComparisonRules.columnTypes(model);
        Map<String, SqlType> eitherTypes = new HashMap<>(dbTypes);
        eitherTypes.putAll(modelTypes);

        // primary key
        PrimaryKey pkDb = db.primaryKey();
        PrimaryKey pkDbRenamed = pkDb == null ? null : new PrimaryKey(pkDb.name(), Renames.renamed(pkDb.columns(), renamedColumns));
        PrimaryKey pkModel = model.primaryKey();
        boolean pkChanged = pkDb == null ? pkModel != null
                : pkModel == null || !pkDbRenamed.columns().equals(pkModel.columns())
                || (pkDb.name() != null && pkModel.name() != null && !pkDb.name().equals(pkModel.name()));
        if (pkChanged) {
            if (pkDb != null) {
                LOG.info("Detected removed primary key on '{}'", table);
                plan.dropConstraints.add(new Entry(DropConstraint.of(schema, before, pkDb), null));
                droppedKeys.add(new DroppedKey(before, pkDb.columns(), true));
            }
            if (pkModel != null) {
                LOG.info("Detected added primary key on '{}'", table);
                plan.createConstraints.add(new Entry(new CreatePrimaryKey(schema, table, pkModel), null));
            }
        }

        // unique constraints
        matchAll(dbUniques, model.uniqueConstraints(), UniqueConstraint::name,
                u -> String.join(",", u.columns()), (a, b) -> a.columns().equals(b.columns()),
                renamedRemoved -> {
                    UniqueConstraint removed = Renames.asNow(renamedRemoved, now);
                    LOG.info("Detected removed unique constraint {} on '{}'", label(removed.name(), removed.columns()), table);
                    plan.dropConstraints.add(constraints.dropConstraint(schema, before, removed));
                    droppedKeys.add(new DroppedKey(before, removed.columns(), false));
                },
                unnamed -> {
                    UniqueConstraint added = constraints.named(unnamed, model);
                    LOG.info("Detected added unique constraint {} on '{}'", label(added.name(), added.columns()), table);
                    plan.createConstraints.add(constraints.createConstraint(new CreateUniqueConstraint(schema, table, added), schema, table, added));
                });

        // check constraints: the model's as the engine stores them, where it was asked; written as the model says
        Map<String, String> spellings = storedChecks.getOrDefault(table, Map.of());
        Map<Object, Object> written = new IdentityHashMap<>();
        List<CheckConstraint> modelChecks = model.checkConstraints().stream().map(c -> {
            String stored = spellings.get(c.expression());
            if (stored == null) return c;
            CheckConstraint asStored = c.withExpression(stored);
            written.put(asStored, c);
            return asStored;
        }).toList();
        matchAll(dbChecks, modelChecks, CheckConstraint::name,
                c -> rules.expressionKey(c.expression(), eitherTypes),
                (a, b) -> rules.expressionKey(a.expression(), dbTypes).equals(rules.expressionKey(b.expression(), modelTypes)),
                (kept, m) -> {
                    if (kept.notValid() && !m.notValid()) plan.createConstraints.add(validate(schema, table, kept.name()));
                },
                renamedRemoved -> {
                    CheckConstraint removed = Renames.asNow(renamedRemoved, now);
                    LOG.info("Detected removed check constraint {} on '{}'", label(removed.name(), removed.expression()), table);
                    plan.dropConstraints.add(constraints.dropConstraint(schema, before, removed));
                },
                unnamedAsStored -> {
                    CheckConstraint added = constraints.named(Renames.asNow(unnamedAsStored, written), model);
                    LOG.info("Detected added check constraint {} on '{}'", label(added.name(), added.expression()), table);
                    plan.createConstraints.add(constraints.createConstraint(new CreateCheckConstraint(schema, table, added), schema, table, added));
                });

        // indexes (always named)
        matchAll(dbIndexes, model.indexes(), Index::name, Index::name, (a, b) -> sameIndex(a, dbTypes, b, modelTypes),
                renamedRemoved -> {
                    Index removed = Renames.asNow(renamedRemoved, now);
                    LOG.info("Detected removed index '{}' on '{}'", removed.name(), table);
                    plan.dropConstraints.add(constraints.dropIndex(schema, before, removed));
                    // t57-17: PostgreSQL lets a foreign key reference the columns of a unique index, and then refuses
                    // to drop the index under it, as for a unique constraint (SQLite's keys do not hold on to an index)
                    if (canBeReferenced(removed) && !rules.sqlite()) {
                        droppedKeys.add(new DroppedKey(before, ForeignKeyIndexBridges.keyColumns(removed), false));
                    }
                },
                added -> {
                    LOG.info("Detected added index '{}' on '{}'", added.name(), table);
                    plan.createConstraints.add(constraints.createIndex(schema, table, added));
                });

        // foreign keys
        matchAll(dbForeignKeys, model.foreignKeys(), ForeignKey::name, this::fkSignature, this::sameForeignKey,
                (kept, m) -> {
                    if (kept.notValid() && !m.notValid()) plan.createForeignKeys.add(validate(schema, table, kept.name()));
                },
                renamedRemoved -> {
                    ForeignKey removed = Renames.asNow(renamedRemoved, now);
                    LOG.info("Detected removed foreign key {} on '{}'", label(removed.name(), removed.columns()), table);
                    droppedForeignKeys.add(removed);
                    plan.dropForeignKeys.add(constraints.dropConstraint(schema, before, removed));
                },
                unnamed -> {
                    ForeignKey added = constraints.named(unnamed, model);
                    LOG.info("Detected added foreign key {} on '{}'", label(added.name(), added.columns()), table);
                    plan.createForeignKeys.add(constraints.createConstraint(new CreateForeignKey(schema, table, added), schema, table, added));
                });

        recreateAroundGenerated(db, model, before, plan, firstDrop, droppedKeys, now, dbIndexes, dbUniques, dbChecks, dbForeignKeys);
        recreateAroundEnumChanges(db, model, before, plan, firstDrop, now, dbIndexes, dbChecks);
        if (rules.mariadb()) {
            new ForeignKeyIndexBridges(renamedColumnsOf, droppedForeignKeys).bridgeForeignKeyIndexes(db, model, before, plan, firstDrop,
                    firstCreate);
            AutoIncrementKeys.createKeyBeforePrimaryKeyDrop(db, model, plan, firstDrop, firstCreate);
        }

        if (rules.sqlite() && !db.options().equals(model.options())) {
            // SQLite cannot change them in place, and a rebuild of a table is not something to generate unseen
            LOG.warn("Table '{}' is {} in the model and {} in the database; SQLite changes that only by rebuilding"
                    + " the table: write that migration by hand", table, describe(model.options()), describe(db.options()));
            plan.comments.add(new Entry(null, "TODO: table " + table + " is " + describe(model.options()) + " in the model and "
                    + describe(db.options()) + " in the database; SQLite changes that only by rebuilding the table:"
                    + " write that migration by hand."));
        }
        if (rules.mariadb() && (model.collation() != null || collationsKnown)
                && !java.util.Objects.equals(lower(db.collation()), lower(model.collation()))) {
            plan.tableCollations.add(collations.tableCollationByHand(table, db.collation(), model.collation()));
        }
        if (!sameComment(db.comment(), model.comment())) {
            LOG.info("Detected changed comment on table '{}'", table);
            plan.comments.add(new Entry(new SetTableComment(schema, table, emptyToNull(model.comment()),
                    Change.ofNullable(emptyToNull(db.comment()))), null));
        }
    }

    /**
     * f2-3: the indexes, unique and check constraints and foreign keys on a generated column dropped and added again
     * around a type change of a column it reads (t59-6) would go with its drop: each that the plan leaves as it is
     * is dropped before the column and created again, as the model has it, after it; the downgrade, in reverse, does
     * the same. A unique constraint's drop takes the other tables' foreign keys to it along (recreateReferencingKeys).
     * The lists are the database's as they read after the column renames ({@code now} maps them back).
     */
    private void recreateAroundGenerated(Table db, Table model, String before, Plan plan, int firstDrop, List<DroppedKey> droppedKeys,
                                         Map<Object, Object> now, List<Index> dbIndexes, List<UniqueConstraint> dbUniques,
                                         List<CheckConstraint> dbChecks, List<ForeignKey> dbForeignKeys) {
        List<String> generated = recreatedGenerated.getOrDefault(model.name(), List.of());
        if (generated.isEmpty()) return;
        String schema = db.schema();
        String table = model.name();
        java.util.function.Predicate<String> named = namedAndNotDropped(plan, firstDrop);
        java.util.function.Predicate<String> mentions = sql -> sql != null && generated.stream().anyMatch(g -> GeneratedColumns.mentionsColumn(sql, g));
        java.util.function.Predicate<List<String>> holds = columns -> columns.stream().anyMatch(c -> generated.stream()
                .anyMatch(c::equalsIgnoreCase));
        List<Entry> drops = new ArrayList<>();
        for (Index ix : dbIndexes) {
            Index m = byName(model.indexes(), Index::name, ix.name());
            if (m == null || !named.test(ix.name()) || !(mentions.test(ix.where()) || ix.elements().stream().anyMatch(e ->
                    e.isExpression() ? mentions.test(e.expression()) : holds.test(List.of(e.column()))))) continue;
            drops.add(constraints.dropIndex(schema, before, Renames.asNow(ix, now)));
            plan.createConstraints.add(constraints.createIndex(schema, table, m));
            if (canBeReferenced(ix)) droppedKeys.add(new DroppedKey(before, ForeignKeyIndexBridges.keyColumns(Renames.asNow(ix, now)), false));
        }
        for (UniqueConstraint u : dbUniques) {
            UniqueConstraint m = byName(model.uniqueConstraints(), UniqueConstraint::name, u.name());
            if (m == null || !named.test(u.name()) || !holds.test(u.columns())) continue;
            drops.add(constraints.dropConstraint(schema, before, Renames.asNow(u, now)));
            plan.createConstraints.add(constraints.createConstraint(new CreateUniqueConstraint(schema, table, m), schema, table, m));
            droppedKeys.add(new DroppedKey(before, Renames.asNow(u, now).columns(), false));
        }
        for (CheckConstraint c : dbChecks) {
            CheckConstraint m = byName(model.checkConstraints(), CheckConstraint::name, c.name());
            if (m == null || !named.test(c.name()) || !mentions.test(c.expression())) continue;
            drops.add(constraints.dropConstraint(schema, before, Renames.asNow(c, now)));
            plan.createConstraints.add(constraints.createConstraint(new CreateCheckConstraint(schema, table, m), schema, table, m));
        }
        for (ForeignKey f : dbForeignKeys) {
            ForeignKey original = Renames.asNow(f, now);
            ForeignKey m = byName(model.foreignKeys(), ForeignKey::name, f.name());
            if (m == null || droppedForeignKeys.contains(original) || !holds.test(f.columns())) continue;
            droppedForeignKeys.add(original);
            plan.dropForeignKeys.add(constraints.dropConstraint(schema, before, original));
            plan.createForeignKeys.add(constraints.createConstraint(new CreateForeignKey(schema, table, m), schema, table, m));
        }
        if (!drops.isEmpty()) LOG.info("Indexes and constraints on generated column(s) {} of '{}' dropped before and created again after",
                generated, table);
        plan.dropConstraints.addAll(drops);
    }

    /** Whether an index or constraint has a name and the table's drops so far (from {@code firstDrop}) leave it there. */
    private static java.util.function.Predicate<String> namedAndNotDropped(Plan plan, int firstDrop) {
        Set<String> dropped = new HashSet<>();
        for (Entry e : plan.dropConstraints.subList(firstDrop, plan.dropConstraints.size())) {
            if (e.operation() instanceof DropIndex d) dropped.add(d.name().toLowerCase(Locale.ROOT));
            else if (e.operation() instanceof DropConstraint d && d.name() != null) dropped.add(d.name().toLowerCase(Locale.ROOT));
        }
        return name -> name != null && !dropped.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * t75-9: PostgreSQL rebuilds a partial index's predicate, an index expression and a check with the column's new type
     * during ALTER COLUMN ... TYPE, and a label compared with an enum column there keeps the old type
     * ({@code m = 'happy'::mood}), so a change to, from or between enum types fails ("operator does not exist:
     * feeling = mood"). Each such index or check the plan leaves as it is is dropped before the change and created
     * again, as the model has it, after it; the downgrade, in reverse, does the same.
     */
    private void recreateAroundEnumChanges(Table db, Table model, String before, Plan plan, int firstDrop,
                                           Map<Object, Object> now, List<Index> dbIndexes, List<CheckConstraint> dbChecks) {
        List<String> retyped = retypedEnumColumns.getOrDefault(model.name(), List.of());
        if (retyped.isEmpty()) return;
        String schema = db.schema();
        String table = model.name();
        java.util.function.Predicate<String> named = namedAndNotDropped(plan, firstDrop);
        java.util.function.Predicate<String> mentions = sql -> sql != null && retyped.stream().anyMatch(c -> GeneratedColumns.mentionsColumn(sql, c));
        List<String> again = new ArrayList<>();
        for (Index ix : dbIndexes) {
            Index m = byName(model.indexes(), Index::name, ix.name());
            if (m == null || !named.test(ix.name()) || !(mentions.test(ix.where())
                    || ix.elements().stream().anyMatch(e -> e.isExpression() && mentions.test(e.expression())))) continue;
            plan.dropConstraints.add(constraints.dropIndex(schema, before, Renames.asNow(ix, now)));
            plan.createConstraints.add(constraints.createIndex(schema, table, m));
            again.add(ix.name());
        }
        for (CheckConstraint c : dbChecks) {
            CheckConstraint m = byName(model.checkConstraints(), CheckConstraint::name, c.name());
            if (m == null || !named.test(c.name()) || !mentions.test(c.expression())) continue;
            plan.dropConstraints.add(constraints.dropConstraint(schema, before, Renames.asNow(c, now)));
            plan.createConstraints.add(constraints.createConstraint(new CreateCheckConstraint(schema, table, m), schema, table, m));
            again.add(c.name());
        }
        if (!again.isEmpty()) LOG.info("Indexes and checks {} of '{}' read enum column(s) {} whose type changes: dropped before"
                + " and created again after", again, table, retyped);
    }

    /** The one of {@code in} named {@code wanted} (case aside), or null; unnamed ones never match. */
    private static <T> T byName(List<T> in, java.util.function.Function<T, String> name, String wanted) {
        for (T x : in) if (name.apply(x) != null && name.apply(x).equalsIgnoreCase(wanted)) return x;
        return null;
    }

    /** A unique index of plain columns, not partial: what a foreign key can reference, as a unique constraint. */
    private static boolean canBeReferenced(Index ix) {
        return ix.unique() && ix.where() == null && ix.elements().stream().noneMatch(IndexElement::isExpression);
    }

    /** The columns a foreign key references once the proposed renames of its table and their columns have run. */
    private List<String> refColumnsAfterRenames(ForeignKey f) {
        Map<String, String> renames = renamedColumnsOf.get(afterRenames(f.refTable()));
        return renames == null || renames.isEmpty() ? f.refColumns() : Renames.renamed(f.refColumns(), renames);
    }

    private static String describe(Set<TableOption> options) {
        return options.isEmpty() ? "a plain table"
                : options.stream().map(TableOption::sql).collect(java.util.stream.Collectors.joining(", "));
    }

    /** A primary key or unique constraint the plan drops (to recreate it changed): what foreign keys may point at. */
    private record DroppedKey(String table, List<String> columns, boolean primary) {
        boolean referencedBy(ForeignKey f) {
            if (!table.equals(f.refTable())) return false;
            // no columns named: the key points at the primary key
            return f.refColumns().isEmpty() ? primary : new HashSet<>(columns).equals(new HashSet<>(f.refColumns()));
        }
    }

    /**
     * A key that is dropped and recreated (a new name, other columns) cannot go while foreign keys of other
     * tables point at it: those are dropped before it and added again after it, on the tables' new names.
     */
    private void recreateReferencingKeys(List<DroppedKey> droppedKeys, Map<String, Table> db, Map<String, Table> model,
                                         Plan plan) {
        if (droppedKeys.isEmpty()) return;
        for (Table t : db.values()) {
            String now = afterRenames(t.name());
            if (!model.containsKey(now)) continue; // dropped with its table
            for (ForeignKey f : t.foreignKeys()) {
                if (droppedForeignKeys.contains(f)) continue;
                if (droppedKeys.stream().noneMatch(k -> k.referencedBy(f))) continue;
                LOG.info("Foreign key {} on '{}' is dropped and added again around the key it references",
                        label(f.name(), f.columns()), now);
                droppedForeignKeys.add(f);
                plan.dropForeignKeys.add(constraints.dropConstraint(t.schema(), t.name(), f));
                ForeignKey again = f.withRefTable(afterRenames(f.refTable())).withRefColumns(refColumnsAfterRenames(f));
                plan.createForeignKeys.add(constraints.createConstraint(new CreateForeignKey(t.schema(), now, again), t.schema(), now, again));
            }
        }
    }

    /**
     * MariaDB/MySQL refuse to change the type of a column a foreign key uses, on either side ("Cannot change column
     * 'parent_id': used in a foreign key constraint"), where PostgreSQL and H2 alter it in place and SQLite copies
     * the table. A key widened with the columns that reference it (an entity's id from Integer to Long) is therefore
     * dropped before the columns change and added again, as it was, after them: the downgrade, in reverse, does the
     * same around the columns' old types. (Alembic leaves this to the user; the revision it writes fails on MySQL.)
     */
    private void recreateKeysAroundTypeChanges(Map<String, Table> db, Map<String, Table> model, Plan plan) {
        Set<String> changed = new HashSet<>();
        for (Entry e : plan.columns) {
            if (e.operation() instanceof AlterColumn a && a.type() != null) {
                changed.add(a.table().toLowerCase(Locale.ROOT) + "." + a.column().toLowerCase(Locale.ROOT));
                changed.add(a.table().toLowerCase(Locale.ROOT) + "." + a.finalName().toLowerCase(Locale.ROOT));
            }
        }
        if (changed.isEmpty()) return;
        for (Table t : db.values()) {
            String now = afterRenames(t.name());
            if (!model.containsKey(now)) continue; // dropped with its table
            for (ForeignKey f : t.foreignKeys()) {
                if (f.name() == null || droppedForeignKeys.contains(f)) continue;
                String target = afterRenames(f.refTable()).toLowerCase(Locale.ROOT);
                // a column renamed and retyped (t57-6) is altered under its new name
                List<String> columns = new ArrayList<>(f.columns());
                columns.addAll(Renames.renamed(f.columns(), renamedColumnsOf.getOrDefault(now, Map.of())));
                List<String> refColumns = new ArrayList<>(f.refColumns());
                refColumns.addAll(refColumnsAfterRenames(f));
                boolean uses = columns.stream().anyMatch(c -> changed.contains(now.toLowerCase(Locale.ROOT) + "."
                        + c.toLowerCase(Locale.ROOT)))
                        || refColumns.stream().anyMatch(c -> changed.contains(target + "." + c.toLowerCase(Locale.ROOT)));
                if (!uses) continue;
                LOG.info("Foreign key {} on '{}' is dropped and added again around the type change of its columns",
                        label(f.name(), f.columns()), now);
                droppedForeignKeys.add(f);
                plan.dropForeignKeys.add(constraints.dropConstraint(t.schema(), t.name(), f));
                Map<String, String> renames = renamedColumnsOf.getOrDefault(now, Map.of());
                // as it was, deferral and NOT VALID included: a key left unchecked on old rows may fail on them
                ForeignKey again = f.withColumns(Renames.renamed(f.columns(), renames)).withRefTable(afterRenames(f.refTable()))
                        .withRefColumns(refColumnsAfterRenames(f));
                plan.createForeignKeys.add(constraints.createConstraint(new CreateForeignKey(t.schema(), now, again), t.schema(), now, again));
            }
        }
    }

    /** Compares the columns; returns the proposed renames, old name to new. */
    private Map<String, String> columns(Table db, Table model, Plan plan) {
        Map<String, String> renames = new LinkedHashMap<>();
        String schema = db.schema();
        String table = model.name();
        List<Column> added = new ArrayList<>();
        List<Column> removed = new ArrayList<>();
        for (Column c : model.columns()) if (db.column(c.name()).isEmpty()) added.add(c);
        for (Column c : db.columns()) if (model.column(c.name()).isEmpty()) removed.add(c);

        java.util.function.BiPredicate<Column, Column> sameShape = (r, a) -> sameColumnShape(r, a)
                && a.autoincrement() == r.autoincrement() && sameComment(r.comment(), a.comment());
        // t69-4: where column names ignore case, one named as another but for case is that column: it cannot be added
        // next to it ("Duplicate column name"), so it pairs whatever its other changes, which an alterColumn makes
        java.util.function.BiPredicate<Column, Column> clearlyNamed = (r, a) -> renamedWithChanges(r, a) || sameToTheEngine(r, a);
        Pairing<Column> pairing = Pairing.pairRenames(removed, added, sameShape, clearlyNamed, sameShape, Column::name);
        // a renamed column whose other changes follow as an alterColumn: compared as the database has it, renamed
        Map<String, Column> renamedColumns = new HashMap<>();
        for (Map.Entry<Column, Column> e : pairing.renames().entrySet()) {
            Column a = e.getKey();
            Column r = e.getValue();
            LOG.info("Detected renamed column '{}.{}' -> '{}' (proposed; confirm or split)", table, r.name(), a.name());
            boolean same = sameShape.test(r, a);
            boolean oneColumn = !same && !renamedWithChanges(r, a);
            if (oneColumn) {
                LOG.warn("Column '{}.{}' is '{}' in the model, which {} takes as the same name: renamed, and altered for its"
                        + " other changes, which may fail or change values as any alterColumn", table, r.name(), a.name(),
                        dialect.displayName());
            }
            plan.columns.add(new Entry(AlterColumn.builder(schema, table, r.name()).newName(a.name()).existing(r).build(),
                    "RENAMED? column " + table + "." + r.name() + " -> " + a.name() + (same
                            ? ": a dropped and an added column of the same type. Confirm, or replace with dropColumn + addColumn."
                            : oneColumn
                            ? ": names that differ only in case, which " + dialect.displayName() + " column names ignore: one column,"
                            + " which cannot be added next to the other;\nan alterColumn of the column makes its other changes, not"
                            + " all of which are made without loss: check them."
                            : ": a dropped and an added column whose names differ only in case and separators, the added one"
                            + " of the same or a wider type;\nan alterColumn of the column makes its other changes. Confirm, or"
                            + " replace both with dropColumn + addColumn.")));
            if (!same) renamedColumns.put(a.name(), r.withName(a.name()));
            renames.put(r.name(), a.name());
            added.remove(a);
            removed.remove(r);
        }
        // also the only one dropped where only one is added, of the same family of types
        boolean oneForOne = removed.size() == 1 && added.size() == 1;
        Map<Column, List<Column>> lookAlikes = pairing.lookAlikes(removed, added, Column::name,
                (r, a) -> oneForOne && rules.sameFamily(r.type(), a.type()));
        // t57-10: a generated column reads other columns of its table, which must exist when it is added and may
        // not be dropped while it exists: added after the plain ones, dropped before them (the downgrade, in
        // reverse, adds them back plain first). Among themselves, as the table lists them (an engine that lets one
        // generated column read another wants it defined after that one), dropped the other way round.
        added = GeneratedColumns.withGeneratedLast(added);
        List<Column> generatedRemoved = new ArrayList<>(removed.stream().filter(GeneratedColumns::generated).toList());
        java.util.Collections.reverse(generatedRemoved);
        List<Column> plainRemoved = removed.stream().filter(c -> !GeneratedColumns.generated(c)).toList();
        removed = new ArrayList<>(generatedRemoved);
        removed.addAll(plainRemoved);
        // t66-1: PostgreSQL refuses to change the type of a column while a generated column reads it: one added is
        // added after the change, one dropped is dropped before it, and one kept is dropped and added again around it
        List<String> retyping = typeChangedColumns(db, model, renamedColumns, renames);
        java.util.function.Predicate<Column> readsRetyped = c -> GeneratedColumns.postgresGenerated(c)
                && retyping.stream().anyMatch(r -> GeneratedColumns.readsColumn(c, r));
        Set<String> readers = new HashSet<>();
        for (Column g : db.columns()) {
            Column m = model.column(g.name()).orElse(null);
            if (m != null && GeneratedColumns.postgresGenerated(m) && (readsRetyped.test(g) || readsRetyped.test(m))) readers.add(g.name());
        }
        List<Entry> beforeTypeChanges = new ArrayList<>();
        List<Entry> afterTypeChanges = new ArrayList<>();
        for (Column a : added) {
            LOG.info("Detected added column '{}.{}'", table, a.name());
            List<Column> from = pairing.ambiguous().get(a);
            String note = null;
            if (from != null) {
                List<String> names = from.stream().map(c -> table + "." + c.name()).toList();
                LOG.warn("Column '{}.{}' is added while {} of the same type {} dropped: which one, if any, was renamed cannot be"
                        + " told, so none is proposed as a rename; confirm the drop(s)", table, a.name(), names,
                        names.size() == 1 ? "is" : "are");
                note = "NOT RENAMED? column " + table + "." + a.name() + " is added while " + String.join(", ", names)
                        + " of the same type " + (names.size() == 1 ? "is" : "are") + " dropped, and which one, if any, was"
                        + " renamed cannot be told:\nwritten as an add and a drop, which loses the dropped column's data. If "
                        + a.name() + " is one of them renamed, replace this addColumn and that dropColumn with renameColumn.";
            }
            (readsRetyped.test(a) ? afterTypeChanges : plan.columns).add(new Entry(new AddColumn(schema, table, a), note));
        }
        int alterFrom = plan.columns.size();
        for (Column m : model.columns()) {
            Column d = db.column(m.name()).orElse(renamedColumns.get(m.name()));
            // dropped and added again as the model has it (recreateGeneratedReaders), which makes its other changes
            if (d == null || readers.contains(d.name())) continue;
            d = asRenamesLeaveIt(d, renames);
            AlterColumn.Builder b = AlterColumn.builder(schema, table, m.name()).existing(d);
            boolean changed = false;
            boolean retyped = false;
            if (!columnTypeKey(d).equals(columnTypeKey(m)) && !grownWithItsEnum(d, m)
                    && rules.postgres() && (GeneratedColumns.postgresGenerated(d) || GeneratedColumns.postgresGenerated(m))) {
                // made generated, or plain, by hand: a generated one reading a column whose type changes is not there
                // during the change (its DROP EXPRESSION before it, its ADD COLUMN after it)
                Entry byHand = generatedByHand(table, d, m);
                if (readsRetyped.test(d)) beforeTypeChanges.add(byHand);
                else if (readsRetyped.test(m)) afterTypeChanges.add(byHand);
                else plan.columns.add(byHand);
            } else if (!columnTypeKey(d).equals(columnTypeKey(m)) && rules.mariadb()
                    && (GeneratedColumns.generated(d) != GeneratedColumns.generated(m)
                    || GeneratedColumns.mariaDbVirtual(d) != GeneratedColumns.mariaDbVirtual(m))) {
                // a type change keeps a column generated (alterColumn restates the expression): made plain or generated,
                // or VIRTUAL or not, is written by hand (t75-3)
                boolean virtual = GeneratedColumns.mariaDbVirtual(d) || GeneratedColumns.mariaDbVirtual(m);
                LOG.warn("Column '{}.{}' is {} in the database and {} in the model; write the change by hand", table, m.name(),
                        types.typeText(d.type()), types.typeText(m.type()));
                String column = dialect.quote(m.name()) + " " + types.typeText(m.type()) + (m.nullable() ? "" : " NOT NULL");
                plan.columns.add(new Entry(null, GeneratedColumns.mariaDbByHand(table, m.name(), types.typeText(d.type()),
                        types.typeText(m.type()), virtual, "ALTER TABLE " + dialect.quote(table) + (virtual
                                ? " DROP COLUMN " + dialect.quote(m.name()) + ", ADD COLUMN " + column
                                : " MODIFY COLUMN " + column))));
            } else if (!columnTypeKey(d).equals(columnTypeKey(m)) && !grownWithItsEnum(d, m) && !sqliteRowidKey(db, d, model, m)) {
                LOG.info("Detected type change from {} to {} on '{}.{}'", types.typeText(d.type()), types.typeText(m.type()), table, m.name());
                b.type(m.type());
                if (rules.postgres() && rules.needsCast(d.type(), m.type())) b.using(types.usingCast(m.name(), d.type(), m.type()));
                // PostgreSQL's TYPE gives the new type's default collation: the column's own is restated, both ways;
                // none is stated too (null), else the offline script warns that one may be lost (t51-1)
                if (rules.postgres() && (d.collation() != null || AlterColumn.characters(d.type())
                        || AlterColumn.characters(m.type()))) {
                    b.existingCollation(d.collation());
                }
                changed = true;
                retyped = true;
                if (rules.postgres() && (d.type().kind() == SqlType.Kind.ENUM || m.type().kind() == SqlType.Kind.ENUM)) {
                    retypedEnumColumns.computeIfAbsent(table, k -> new ArrayList<>()).add(m.name());
                }
            }
            // PostgreSQL: an identity added by hand (autoincrementByHand) takes the column's default and nullability along
            boolean identityAdded = rules.postgres() && m.autoincrement() && !d.autoincrement();
            if (d.nullable() != m.nullable() && !identityAdded) {
                LOG.info("Detected {} on column '{}.{}'", m.nullable() ? "NULL" : "NOT NULL", table, m.name());
                b.nullable(m.nullable());
                changed = true;
            }
            if (!Objects.equals(defaultKey(d), defaultKey(m)) && !identityAdded) {
                LOG.info("Detected server default change from {} to {} on '{}.{}'", d.serverDefault(), m.serverDefault(), table, m.name());
                if (m.serverDefault() == null) b.dropServerDefault();
                else b.serverDefault(m.serverDefault());
                changed = true;
            } else if (retyped && rules.postgres() && m.serverDefault() != null
                    && !m.serverDefault().equals(d.serverDefault())) {
                // the same default cast to the old type ('{}'::text[] for a varchar(100)[] column): PostgreSQL keeps
                // the old cast through a type change, so the model's spelling is set with it
                b.serverDefault(m.serverDefault());
            } else if (retyped && followsPrecision(d.serverDefault(), m.serverDefault())) {
                // CURRENT_TIMESTAMP(3) on a TIMESTAMP(3) and (6) on a (6) are both "now at the column's precision",
                // but a new precision does not carry the old (3) along (MariaDB's MODIFY, H2's SET DATA TYPE keep
                // it): set with the type, so that check is clean after it and the downgrade sets the (3) back
                LOG.info("Detected server default change from {} to {} on '{}.{}'", d.serverDefault(), m.serverDefault(), table, m.name());
                b.serverDefault(m.serverDefault());
            }
            if (dialect.supports(Feature.COLUMN_ON_UPDATE)) {
                boolean onUpdateChanged = !Objects.equals(rules.defaultKey(d.onUpdate(), d.type()), rules.defaultKey(m.onUpdate(), m.type()))
                        || retyped && followsPrecision(d.onUpdate(), m.onUpdate());
                if (onUpdateChanged) {
                    LOG.info("Detected ON UPDATE change from {} to {} on '{}.{}'", d.onUpdate(), m.onUpdate(), table, m.name());
                    if (m.onUpdate() == null) b.dropServerOnUpdate();
                    else b.serverOnUpdate(m.onUpdate());
                    changed = true;
                }
                // MariaDB's MODIFY restates the clause (offline from this); a change needs it to be reversed
                if (onUpdateChanged || rules.mariadb()) b.existingOnUpdate(d.onUpdate());
            }
            if (!sameComment(d.comment(), m.comment())) {
                LOG.info("Detected changed comment on column '{}.{}'", table, m.name());
                b.comment(emptyToNull(m.comment()));
                changed = true;
            }
            if (d.autoincrement() && m.autoincrement() && comparesIdentity() && !Objects.equals(d.identity(), m.identity())) {
                AlterIdentity.Builder n = AlterIdentity.builder(schema, table, m.name());
                if (d.identityStart() != m.identityStart()) n.start(m.identityStart()).existingStart(d.identityStart());
                if (d.identityIncrement() != m.identityIncrement()) n.increment(m.identityIncrement()).existingIncrement(d.identityIncrement());
                // the sequence's bounds, cache and cycle, and (a serial's) its type: one the database's column leaves to
                // the column's type is the model's column type after the type change, which moves it (t57-3)
                SequenceChange options = SequenceChange.between(d.identityOptions(), m.identityOptions(), m.type());
                AlterIdentity alter = n.build().withOptions(options, SequenceChange.existing(d.identityOptions(), d.type(), options));
                boolean turns = d.identityIncrement() > 0 != m.identityIncrement() > 0;
                if (alter.isEmpty()) {
                    // a serial's sequence type that the column's own type change moves to the model's
                } else if (rules.postgres() && turns) {
                    plan.columns.add(turnedIdentity(table, d, m, alter));
                } else if (rules.postgres() || alter.start() == null && !turns) {
                    LOG.info("Detected changed numbering of column '{}.{}'", table, m.name());
                    plan.columns.add(new Entry(alter, null));
                } else {
                    // H2 changes an identity's start only by restarting it: reported, so that check sees it and the
                    // revision says what to write
                    String from = numbering(d);
                    String to = numbering(m);
                    LOG.warn("Column '{}.{}' is numbered {} in the database and {} in the model; write that change by hand",
                            table, m.name(), from, to);
                    // H2 sets an identity's START WITH only by redefining the column, which restarts its numbering
                    // and drops its comment: what a RESTART alone leaves, check would report for ever
                    String sql = "ALTER TABLE " + dialect.quote(table) + " ALTER COLUMN " + dialect.quote(m.name()) + " "
                            + types.typeText(d.type()) + " GENERATED BY DEFAULT AS IDENTITY (START WITH " + m.identityStart()
                            + " INCREMENT BY " + m.identityIncrement() + SqlRenderer.sequenceOptions(m.identityOptions()) + ")";
                    plan.columns.add(new Entry(null, "TODO: column " + table + "." + m.name() + " is numbered " + from
                            + " in the database and " + to + " in the model; H2 changes an identity's start only by"
                            + " redefining the column, which restarts its numbering at the start and drops its comment:\n"
                            + "write it by hand where that is meant, e.g. " + dev.retort.ops.Execute.javaCall(sql)
                            + (d.comment() != null ? " and set its comment again" : "") + "."));
                }
            }
            if (d.autoincrement() != m.autoincrement()) {
                plan.columns.add(autoincrementByHand(table, d, m));
            }
            // H2 has no column collations
            if (m.collation() != null && !dialect.name().equals("h2") && !collations.sameCollation(d.collation(), m.collation())) {
                plan.columns.add(collations.collationByHand(table, d, m));
            } else if (m.collation() == null && d.collation() != null && collationsKnown && !dialect.name().equals("h2")) {
                plan.columns.add(collations.defaultCollationByHand(table, d));
            }
            if (changed && types.largeObjects(d, m)) {
                plan.columns.add(types.fromLargeObjects(b, d, m, table));
            } else if (changed) {
                AlterColumn alter = b.build();
                plan.columns.add(new Entry(alter, retyped ? types.retypeNote(table, d, m) : null,
                        alter.type() != null && rules.postgres() && rules.needsCast(m.type(), d.type())
                        ? types.reverseWithUsing(alter, d, m) : null));
            }
        }
        recreateGeneratedReaders(db, model, plan, retyping, readers, beforeTypeChanges);
        plan.columns.addAll(afterTypeChanges);
        for (Column r : removed) {
            LOG.info("Detected removed column '{}.{}'", table, r.name());
            String note = null;
            List<Column> like = lookAlikes.get(r);
            if (like != null) {
                // t57-6: the drop is what loses data; the reviewer is pointed at it, not only at the add
                List<String> names = like.stream().map(c -> table + "." + c.name()).toList();
                LOG.warn("Column '{}.{}' is dropped, with its data, while {} {} added: not proposed as a rename (it is not"
                        + " clear which, or the other changes are not ones made in place without loss); confirm the drop",
                        table, r.name(), String.join(", ", names), names.size() == 1 ? "is" : "are");
                note = "NOT RENAMED? column " + table + "." + r.name() + " is dropped while " + String.join(", ", names)
                        + (names.size() == 1 ? " is" : " are") + " added, which may be it renamed: not proposed as a rename,"
                        + " as it is not clear which, or the other changes are not ones made in place without loss.\nWritten"
                        + " as a drop and an add, which loses the column's data. If it was renamed, replace this dropColumn and"
                        + " that addColumn with renameColumn, and alterColumn for the other changes.";
            }
            (readsRetyped.test(r) ? beforeTypeChanges : plan.dropColumns).add(new Entry(new DropColumn(schema, table, r.name(), r, false), note));
        }
        plan.columns.addAll(alterFrom, beforeTypeChanges);
        return renames;
    }

    /**
     * PostgreSQL's columns of the table whose type the plan changes in place, by their names in the model and, for a
     * renamed one, in the database too (a generated column of the database reads it by that).
     */
    private List<String> typeChangedColumns(Table db, Table model, Map<String, Column> renamedColumns, Map<String, String> renames) {
        if (!rules.postgres()) return List.of();
        List<String> out = new ArrayList<>();
        for (Column m : model.columns()) {
            Column d = db.column(m.name()).orElse(renamedColumns.get(m.name()));
            if (d == null || GeneratedColumns.postgresGenerated(d) || GeneratedColumns.postgresGenerated(m)) continue;
            if (columnTypeKey(d).equals(columnTypeKey(m)) || grownWithItsEnum(d, m)) continue;
            out.add(m.name());
            renames.forEach((from, to) -> {
                if (to.equals(m.name())) out.add(from);
            });
        }
        return out;
    }

    /**
     * PostgreSQL refuses to change the type of a column that a generated column reads ("cannot alter type of a column
     * used by a generated column"), t59-6: such a generated column is dropped before the table's column changes and
     * added again, as the model has it, after them, which recomputes its values; the downgrade, in reverse, does the
     * same around the change back. Its expression as PostgreSQL stores it may change with the type
     * ({@code (ts / 1000)} of a bigint is {@code (ts / (1000)::numeric)} of a numeric), t66-1: that is made by the same
     * drop and add, not left as a change by hand. An index or constraint on it goes with the drop and is created again
     * (recreateAroundGenerated).
     */
    private void recreateGeneratedReaders(Table db, Table model, Plan plan, List<String> retyped, Set<String> readers,
                                          List<Entry> drops) {
        for (Column g : db.columns()) {
            if (!readers.contains(g.name())) continue;
            Column m = model.column(g.name()).orElseThrow();
            List<String> read = retyped.stream().filter(c -> GeneratedColumns.readsColumn(g, c)
                    || GeneratedColumns.readsColumn(m, c)).toList();
            boolean same = columnTypeKey(g).equals(columnTypeKey(m));
            LOG.info("Generated column '{}.{}' reads {}, whose type changes: dropped before and added again after",
                    model.name(), g.name(), read);
            String note = "Generated column " + model.name() + "." + g.name() + " reads " + String.join(", ", read)
                    + ", whose type changes, which PostgreSQL refuses while it exists: it is dropped here and added again"
                    + (same ? "" : " as the model has it (" + types.typeText(m.type()) + ", from " + types.typeText(g.type()) + ")")
                    + " after the change,\nwhich recomputes its values (both ways); its indexes and constraints are"
                    + " dropped before it and created again after it.";
            drops.add(new Entry(new DropColumn(db.schema(), model.name(), g.name(), g, false), note));
            plan.columns.add(new Entry(new AddColumn(db.schema(), model.name(), m), null));
            recreatedGenerated.computeIfAbsent(model.name(), k -> new ArrayList<>()).add(g.name());
        }
    }

    /**
     * t57-6: a column pair that is a rename by its names (the same but for case and separators), whose other changes
     * are made in place without loss: its type the same or wider of the same family ({@code varchar(50)} to
     * {@code varchar(80)}, {@code int} to {@code bigint}); nullability, default and comment may change with it. A
     * generated or auto-increment column pairs only with its like.
     */
    private boolean renamedWithChanges(Column r, Column a) {
        if (r.autoincrement() != a.autoincrement() || GeneratedColumns.generated(r) != GeneratedColumns.generated(a)) return false;
        if (columnTypeKey(r).equals(columnTypeKey(a))) return true;
        return !GeneratedColumns.generated(r) && rules.widens(r.type(), a.type());
    }

    /**
     * t69-7: a generated column that reads a renamed column, as the rename leaves it: MariaDB, H2 and SQLite rewrite
     * its expression to the new name themselves. An alterColumn that only followed the rename would come back in the
     * downgrade before the rename back, naming a column not there yet. PostgreSQL's generated columns have their
     * own handling (t59-6, t66-1).
     */
    private Column asRenamesLeaveIt(Column d, Map<String, String> renames) {
        if (renames.isEmpty() || rules.postgres() || !GeneratedColumns.generated(d)) return d;
        return d.withType(SqlType.raw(Renames.renamedIn(d.type().raw(), renames)));
    }

    /** t69-4: two column names that are one name to an engine whose column names ignore case (MariaDB, SQLite). */
    private boolean sameToTheEngine(Column r, Column a) {
        return rules.columnNamesIgnoreCase() && r.name().equalsIgnoreCase(a.name());
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /**
     * PostgreSQL alters neither a generated column's expression nor a plain column into a generated one in place
     * (a type change with USING is refused), and makes a generated column plain only with DROP EXPRESSION, which
     * has no inverse. Like Alembic, which leaves computed columns alone, the change is reported for the user to write:
     * a drop and add of the column loses its values and the indexes and constraints on it.
     */
    private Entry generatedByHand(String table, Column d, Column m) {
        LOG.warn("Column '{}.{}' is {} in the database and {} in the model; PostgreSQL cannot change that in place:"
                + " write the change by hand", table, m.name(), types.typeText(d.type()), types.typeText(m.type()));
        String q = dialect.quote(table);
        String c = dialect.quote(m.name());
        String sql = GeneratedColumns.postgresGenerated(d) && !GeneratedColumns.postgresGenerated(m) && types.typeText(m.type()).equalsIgnoreCase(
                d.type().raw().replaceAll("(?i)\\s+GENERATED\\s+ALWAYS\\s+AS\\s*\\(.*$", "").strip())
                ? "ALTER TABLE " + q + " ALTER COLUMN " + c + " DROP EXPRESSION"
                : "ALTER TABLE " + q + " DROP COLUMN " + c + ", ADD COLUMN " + c + " " + types.typeText(m.type())
                        + (m.nullable() ? "" : " NOT NULL");
        return new Entry(null, "TODO: column " + table + "." + m.name() + " is " + types.typeText(d.type()) + " in the database and "
                + types.typeText(m.type()) + " in the model; PostgreSQL cannot alter a generated column's expression in place:"
                + " write it by hand,\ne.g. " + dev.retort.ops.Execute.javaCall(sql)
                + (sql.contains("DROP COLUMN") ? " and create the indexes and constraints on the column again" : "")
                + ", and the downgrade's inverse.");
    }

    /**
     * t69-2: AUTO_INCREMENT (H2, PostgreSQL: identity or serial; SQLite: an AUTOINCREMENT key) turned on or off on an
     * existing column, which no operation does: reported with the statement to write (SQLite: a rebuild by hand), so
     * that check sees it.
     */
    private Entry autoincrementByHand(String table, Column d, Column m) {
        if (rules.sqlite()) {
            // an INTEGER PRIMARY KEY numbers rows either way; AUTOINCREMENT only never reuses the ids of deleted rows
            String from = d.autoincrement() ? "AUTOINCREMENT" : "not AUTOINCREMENT";
            String to = m.autoincrement() ? "AUTOINCREMENT" : "not AUTOINCREMENT";
            LOG.warn("Column '{}.{}' is {} in the database and {} in the model; SQLite changes that only by rebuilding the"
                    + " table: write that migration by hand", table, m.name(), from, to);
            return new Entry(null, "TODO: column " + table + "." + m.name() + " is " + from + " in the database and " + to
                    + " in the model; SQLite changes that only by rebuilding the table: write that migration by hand"
                    + " (sqlite.org's \"12 steps\", see docs/sqlite.md).");
        }
        String numbered = rules.postgres() ? "an identity (or serial) column" : "AUTO_INCREMENT";
        String from = d.autoincrement() ? numbered : "not " + numbered;
        String to = m.autoincrement() ? numbered : "not " + numbered;
        LOG.warn("Column '{}.{}' is {} in the database and {} in the model; write that change by hand", table, m.name(), from, to);
        String q = dialect.quote(table);
        String c = dialect.quote(m.name());
        String column = q + " " + (rules.mariadb() ? "MODIFY " : "ALTER COLUMN ") + c;
        String how;
        if (rules.postgres()) {
            // the identity added is NOT NULL without a default: its statement makes the column so (the alteration of
            // the column leaves that out), and the downgrade's gives back what the column was
            how = m.autoincrement()
                    ? postgresIdentityOn(q, c, d, m) + ",\nand in the downgrade " + postgresIdentityOff(table, q, d, d) + "."
                    : postgresIdentityOff(table, q, d, null) + ",\nand in the downgrade " + postgresIdentityOn(q, c, d, d) + ".";
        } else {
            String sql = "ALTER TABLE " + column + (rules.mariadb()
                    ? " " + types.typeText(d.type()) + (d.nullable() ? " NULL" : " NOT NULL") + (m.autoincrement() ? " AUTO_INCREMENT" : "")
                    : m.autoincrement() ? " " + types.typeText(d.type()) + " GENERATED BY DEFAULT AS IDENTITY" : " DROP IDENTITY");
            how = dev.retort.ops.Execute.javaCall(sql)
                    + (rules.mariadb() ? " (restating the column's default and comment where it has one)." : ".");
        }
        return new Entry(null, "TODO: column " + table + "." + m.name() + " is " + from + " in the database and " + to
                + " in the model; no operation changes that: write it by hand"
                + (m.autoincrement() && rules.mariadb() ? " (the column must be the first column of a key)" : "")
                + ",\ne.g. " + how);
    }

    /**
     * PostgreSQL: an identity added to a column that has rows would number from its start again, onto ids already
     * there: the sequence is moved past the largest one. The column must be NOT NULL and without a default first.
     */
    private String postgresIdentityOn(String q, String c, Column from, Column to) {
        String identity = "GENERATED BY DEFAULT AS IDENTITY" + (to.identity() == null ? "" : " (START WITH " + to.identityStart()
                + " INCREMENT BY " + to.identityIncrement() + SqlRenderer.sequenceOptions(to.identityOptions()) + ")");
        String alter = "ALTER TABLE " + q + (from.serverDefault() != null ? " ALTER COLUMN " + c + " DROP DEFAULT," : "")
                + (from.nullable() ? " ALTER COLUMN " + c + " SET NOT NULL," : "") + " ALTER COLUMN " + c + " ADD " + identity;
        String call = dev.retort.ops.Execute.javaCall(alter);
        if (to.identityIncrement() < 0) return call;
        String setval = "SELECT setval(pg_get_serial_sequence('" + q.replace("'", "''") + "', '" + to.name().replace("'", "''")
                + "'), max(" + c + ")) FROM " + q + " HAVING max(" + c + ") >= " + to.identityStart();
        return call + " then " + dev.retort.ops.Execute.javaCall(setval) + " (so that it numbers after the rows there)";
    }

    /**
     * PostgreSQL: the statements that end an identity's or a serial's numbering (a serial's is its default, and its
     * sequence, owned by the column, would stay: an identity added later would not be the column's sequence that
     * pg_get_serial_sequence finds). With {@code was}, the column's default and nullability before the identity come back.
     */
    private String postgresIdentityOff(String table, String q, Column column, Column was) {
        String c = " ALTER COLUMN " + dialect.quote(column.name());
        return dev.retort.ops.Execute.javaCall("ALTER TABLE " + q + c + " DROP IDENTITY IF EXISTS," + c
                + (was != null && was.serverDefault() != null ? " SET DEFAULT " + was.serverDefault() : " DROP DEFAULT")
                + (was != null && was.nullable() ? "," + c + " DROP NOT NULL" : ""))
                + " then " + dev.retort.ops.Execute.javaCall("DROP SEQUENCE IF EXISTS "
                + dialect.quote(table + "_" + column.name() + "_seq")) + " (a serial's, where that is its name)";
    }

    /**
     * PostgreSQL and H2 read a column's numbering back (START WITH, INCREMENT BY of its sequence); MariaDB's table
     * AUTO_INCREMENT is the next number, not the start, and SQLite has none.
     */
    private boolean comparesIdentity() {
        return rules.postgres() || dialect.name().equals("h2");
    }

    /**
     * f2-2: a PostgreSQL identity turned from ascending to descending or back: altered with the new direction's bounds
     * and a RESTART at its start (the renderer's, r9-12), which changes the numbers it gives, both ways (the downgrade
     * restarts at the old start, below keys it handed out since): a warning and a note say so, as for a turned sequence.
     */
    private Entry turnedIdentity(String table, Column d, Column m, AlterIdentity alter) {
        String from = d.identityIncrement() > 0 ? "ascending" : "descending";
        String to = m.identityIncrement() > 0 ? "ascending" : "descending";
        LOG.warn("Column '{}.{}' is numbered {} in the database and {} in the model: its numbering restarts at {}, both"
                + " ways, which changes the numbers it gives", table, m.name(), from, to, m.identityStart());
        return new Entry(alter, "Column " + table + "." + m.name() + " is numbered " + from + " in the database and " + to
                + " in the model: its bounds turn with the direction and its numbering restarts at " + m.identityStart()
                + "\n(the downgrade's at " + d.identityStart() + ", where keys it handed out may lie since): check the keys"
                + " read from it.");
    }

    private static String numbering(Column c) {
        return "from " + c.identityStart() + " by " + c.identityIncrement();
    }

    /** Comments compare only where the engine keeps them: SQLite has none, and its renderer ignores them. */
    private boolean sameComment(String a, String b) {
        return !dialect.supports(Feature.COMMENTS) || Objects.equals(emptyToNull(a), emptyToNull(b));
    }

    /** The column's type as the engine makes it: SQLite writes any integer AUTOINCREMENT key as INTEGER, the only type it allows there. */
    /**
     * The column's ENUM(...) is its enum type's values before the values this plan adds to the type; or, on
     * SQLite, where an enum column is VARCHAR(longest value) of no enforced length, it is a VARCHAR of any length
     * (an added longer value changes nothing there).
     */
    private boolean grownWithItsEnum(Column d, Column m) {
        if (rules.sqlite() && m.type().kind() == SqlType.Kind.ENUM) {
            String key = columnTypeKey(d);
            return key.startsWith("STRING(") || key.equals(rules.typeKey(SqlType.of(SqlType.Kind.TEXT)));
        }
        if (m.type().kind() != SqlType.Kind.ENUM || m.type().enumName() == null || d.type().kind() != SqlType.Kind.ENUM) return false;
        List<String> before = grownEnums.get(m.type().enumName());
        return before != null && before.equals(d.type().enumValues());
    }

    /**
     * t73-2: a SQLite rowid alias ({@code id INTEGER PRIMARY KEY}) that the model keys with any integer type is the
     * same column, as an AUTOINCREMENT key is ({@link #columnTypeKey}): the alias is 64-bit, and spelled otherwise it
     * would stop being the rowid.
     */
    private boolean sqliteRowidKey(Table db, Column d, Table model, Column m) {
        return rules.sqlite() && d.type().kind() == SqlType.Kind.INTEGER && INTEGERS.contains(m.type().kind())
                && onlyKey(db, d) && onlyKey(model, m) && !db.has(TableOption.SQLITE_WITHOUT_ROWID);
    }

    private static boolean onlyKey(Table t, Column c) {
        return t.primaryKey() != null && t.primaryKey().columns().size() == 1
                && t.primaryKey().columns().get(0).equalsIgnoreCase(c.name());
    }

    private String columnTypeKey(Column c) {
        if (rules.sqlite() && c.autoincrement() && INTEGERS.contains(c.type().kind())) return rules.typeKey(SqlType.of(SqlType.Kind.INTEGER));
        return rules.typeKey(c.type());
    }

    /**
     * Whether a CURRENT_TIMESTAMP(n) default or ON UPDATE that equals the model's only at each column's own
     * precision (ComparisonRules.defaultKey) is spelt at another precision: a type change must set it too.
     */
    private boolean followsPrecision(String db, String model) {
        return db != null && model != null && !Objects.equals(rules.defaultKey(db), rules.defaultKey(model));
    }

    /** The default as the engine sees it; an identity/serial column's generated default is not a default. */
    private String defaultKey(Column c) {
        if (c.autoincrement()) return null;
        return rules.defaultKey(c.serverDefault(), c.type());
    }

    /** Whether two indexes are the same, each's expressions read with its own table's column types. */
    private boolean sameIndex(Index a, Map<String, SqlType> aTypes, Index b, Map<String, SqlType> bTypes) {
        if (a.unique() != b.unique()) return false;
        if (!Objects.equals(rules.expressionKey(a.where(), aTypes), rules.expressionKey(b.where(), bTypes))) return false;
        if (!Objects.equals(method(a.using()), method(b.using()))) return false;
        if (a.elements().size() != b.elements().size()) return false;
        for (int i = 0; i < a.elements().size(); i++) {
            if (!elementKey(a.elements().get(i), aTypes).equals(elementKey(b.elements().get(i), bTypes))) return false;
        }
        return true;
    }

    private String elementKey(IndexElement e, Map<String, SqlType> types) {
        return e.isExpression() ? rules.expressionKey(e.expression(), types) : rules.expressionKey(e.column(), types);
    }

    private static String method(String using) {
        if (using == null) return null;
        String u = using.toLowerCase(Locale.ROOT);
        return u.equals("btree") ? null : u;
    }

    private String fkSignature(ForeignKey f) {
        return f.columns() + "->" + afterRenames(f.refTable()) + f.refColumns();
    }

    /** A table's name once the proposed renames have run: the engines carry foreign keys over to the new name. */
    private String afterRenames(String table) {
        return renamedTo.getOrDefault(table, table);
    }

    private boolean sameForeignKey(ForeignKey a, ForeignKey b) {
        return a.columns().equals(b.columns()) && afterRenames(a.refTable()).equals(afterRenames(b.refTable()))
                && a.refColumns().equals(b.refColumns()) && Objects.equals(emptyToNull(a.refSchema()), emptyToNull(b.refSchema()))
                && Objects.equals(action(a.onDelete()), action(b.onDelete()))
                && Objects.equals(action(a.onUpdate()), action(b.onUpdate()))
                // as Alembic's three-state sig: a key that differs only in when it is checked is dropped and added
                && a.deferral() == b.deferral();
    }

    private String action(String a) {
        return rules.foreignKeyAction(a);
    }

    /**
     * Pairs objects by name where both sides have one, else by signature; calls back for each one only
     * in the database (or changed) and each one only in the model (or changed).
     */
    private static <T> void matchAll(List<T> db, List<T> model, java.util.function.Function<T, String> name,
                                     java.util.function.Function<T, String> signature,
                                     java.util.function.BiPredicate<T, T> same,
                                     java.util.function.Consumer<T> onRemoved, java.util.function.Consumer<T> onAdded) {
        matchAll(db, model, name, signature, same, (kept, m) -> { }, onRemoved, onAdded);
    }

    /** As above; {@code onKept} is called with each database object the model has as it is, and the model's. */
    private static <T> void matchAll(List<T> db, List<T> model, java.util.function.Function<T, String> name,
                                     java.util.function.Function<T, String> signature,
                                     java.util.function.BiPredicate<T, T> same,
                                     java.util.function.BiConsumer<T, T> onKept,
                                     java.util.function.Consumer<T> onRemoved, java.util.function.Consumer<T> onAdded) {
        List<T> unmatchedDb = new ArrayList<>(db);
        List<T> toAdd = new ArrayList<>();
        for (T m : model) {
            T match = null;
            for (T d : unmatchedDb) {
                String nd = name.apply(d);
                String nm = name.apply(m);
                boolean paired = nd != null && nm != null ? nd.equals(nm) : signature.apply(d).equals(signature.apply(m));
                // of several with one signature (two unnamed keys on a column), the one that is the same
                if (paired && (match == null || (!same.test(match, m) && same.test(d, m)))) match = d;
                if (match != null && (nd != null && nm != null || same.test(match, m))) break;
            }
            if (match == null) {
                toAdd.add(m);
            } else {
                unmatchedDb.remove(match);
                if (!same.test(match, m)) {
                    onRemoved.accept(match);
                    toAdd.add(m);
                } else {
                    onKept.accept(match, m);
                }
            }
        }
        unmatchedDb.forEach(onRemoved);
        toAdd.forEach(onAdded);
    }

    /**
     * t57-13: a check or key the database has NOT VALID (PostgreSQL; old rows unchecked) where the model has it
     * valid: validated, which checks those rows. The other way round (the model's NOT VALID, the database's valid)
     * is no change: a valid constraint holds for every row, which is all a NOT VALID one asks of the new ones.
     */
    private static Entry validate(String schema, String table, String name) {
        LOG.info("Detected NOT VALID constraint '{}' on '{}' that the model has valid", name, table);
        return new Entry(new ValidateConstraint(schema, table, name), "Constraint " + name + " is NOT VALID in the database"
                + " (rows from before it was added unchecked) and valid in the model:\nthis checks those rows, and fails"
                + " on one that breaks it.");
    }

    private static String label(String name, Object what) {
        return name != null ? "'" + name + "'" : String.valueOf(what);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ------------------------------------------------------------------ the result

    /** One operation of the upgrade, with a note for the reader (a rename to confirm), or null. */
    public record Entry(Operation operation, String note, Operation inverse) {
        public Entry(Operation operation, String note) {
            this(operation, note, null);
        }

        /** What undoes this entry: the explicit inverse where the operation cannot say (raw SQL), else its reverse. */
        public java.util.Optional<Operation> undo() {
            return inverse != null ? java.util.Optional.of(inverse) : operation.reverse();
        }
    }

    /**
     * What autogenerate found.
     *
     * @param entries the upgrade, in order
     */
    public record Diff(List<Entry> entries) {
        public Diff {
            entries = List.copyOf(entries);
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        public List<Operation> upgrade() {
            return entries.stream().map(Entry::operation).filter(Objects::nonNull).toList();
        }

        /** The exact inverse: each operation's reverse, in reverse order; empty entries where none exists. */
        public List<Entry> downgradeEntries() {
            List<Entry> out = new ArrayList<>();
            for (int i = entries.size() - 1; i >= 0; i--) {
                Entry e = entries.get(i);
                if (e.operation() == null) continue;
                if (e.operation() instanceof ValidateConstraint v) {
                    // nothing to undo, and nothing that could: PostgreSQL cannot make a constraint NOT VALID again
                    out.add(new Entry(null, "Constraint " + v.name() + " on " + Operation.display(v.schema(), v.table())
                            + " stays validated: a constraint cannot be made NOT VALID again,\nand a valid one holds"
                            + " for the rows the NOT VALID one did."));
                    continue;
                }
                e.undo().ifPresentOrElse(
                        r -> out.add(new Entry(r, e.note() != null && e.note().startsWith("RENAMED?") ? e.note() : null,
                                e.operation())),
                        () -> out.add(new Entry(null, "TODO: not reversible: " + e.operation().describe()
                                + (e.note() == null ? "" : " (" + e.note() + ")"))));
            }
            return out;
        }

        public List<Operation> downgrade() {
            return downgradeEntries().stream().map(Entry::operation).filter(Objects::nonNull).toList();
        }
    }
}
