package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.Change;
import dev.retort.ops.CreateCheckConstraint;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreatePrimaryKey;
import dev.retort.ops.CreateUniqueConstraint;
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
 * One table's columns are {@link ColumnChanges}' (their numbering {@link NumberingChanges}'); its keys, constraints and
 * indexes are compared here. Not changed (documented): whether an existing column is auto-increment, identity or serial
 * (reported with a TODO on every engine), column order, collations (TODOs).
 */
public final class SchemaComparator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaComparator.class);

    private final ComparisonRules rules;
    private final Dialect dialect;
    private final TypeChanges types;
    private final CollationChanges collations;
    private final ConstraintEntries constraints;
    /** Made once the model is known (whether its columns' collations are). */
    private ColumnChanges columns;
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
        columns = new ColumnChanges(rules, dialect, types, collations, collationsKnown, grownEnums, recreatedGenerated,
                retypedEnumColumns);
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
            renamedColumnsOf.put(m.name(), columns.compare(current, m, plan));
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
            if (!x.name().equals(y.name()) || !columns.sameColumnShape(x, y)) return false;
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
            if (!Pairing.squeezed(x.name()).equals(Pairing.squeezed(y.name())) || !columns.renamedWithChanges(x, y) || x.nullable() != y.nullable()
                    || !Objects.equals(columns.defaultKey(x), columns.defaultKey(y))) {
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
        if (!columns.sameComment(db.comment(), model.comment())) {
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

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
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

    static String emptyToNull(String s) {
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
