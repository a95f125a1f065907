package dev.retort.autogenerate;

import dev.retort.autogenerate.SchemaComparator.Entry;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Feature;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.DropColumn;
import dev.retort.schema.Column;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.TableOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.retort.autogenerate.SchemaComparator.emptyToNull;

/**
 * The columns of one table that both sides have, or one side: added, dropped, renamed (proposed), and altered in
 * type, nullability, default, ON UPDATE, comment and collation, in the order the engine needs around generated
 * columns; their numbering is {@link NumberingChanges}'. Also how two columns compare, which the pairing of renamed
 * tables asks.
 */
final class ColumnChanges {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaComparator.class);
    private static final Set<SqlType.Kind> INTEGERS = java.util.EnumSet.of(SqlType.Kind.SMALLINT, SqlType.Kind.INTEGER, SqlType.Kind.BIGINT);

    private final ComparisonRules rules;
    private final Dialect dialect;
    private final TypeChanges types;
    private final CollationChanges collations;
    private final NumberingChanges numbering;
    /** The model's columns without a collation have the default one (a sql: model), so a database's own is drift. */
    private final boolean collationsKnown;
    /** Enum types (on engines without named ones) that this plan adds values to, with their values before. */
    private final Map<String, List<String>> grownEnums;
    /** By table (the model's name): the generated columns dropped and added again around a type change (t59-6). */
    private final Map<String, List<String>> recreatedGenerated;
    /** By table (the model's name): PostgreSQL columns whose type changes to, from or between enum types (t75-9). */
    private final Map<String, List<String>> retypedEnumColumns;

    ColumnChanges(ComparisonRules rules, Dialect dialect, TypeChanges types, CollationChanges collations, boolean collationsKnown,
                  Map<String, List<String>> grownEnums, Map<String, List<String>> recreatedGenerated,
                  Map<String, List<String>> retypedEnumColumns) {
        this.rules = rules;
        this.dialect = dialect;
        this.types = types;
        this.collations = collations;
        this.numbering = new NumberingChanges(rules, dialect, types);
        this.collationsKnown = collationsKnown;
        this.grownEnums = grownEnums;
        this.recreatedGenerated = recreatedGenerated;
        this.retypedEnumColumns = retypedEnumColumns;
    }

    /** Compares the columns; returns the proposed renames, old name to new. */
    Map<String, String> compare(Table db, Table model, Plan plan) {
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
            numbering.compare(schema, table, d, m, plan);
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

    /** Of the same type, nullability and default, as the engine has them. */
    boolean sameColumnShape(Column x, Column y) {
        return columnTypeKey(x).equals(columnTypeKey(y)) && x.nullable() == y.nullable()
                && Objects.equals(defaultKey(x), defaultKey(y));
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
    boolean renamedWithChanges(Column r, Column a) {
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

    /** Comments compare only where the engine keeps them: SQLite has none, and its renderer ignores them. */
    boolean sameComment(String a, String b) {
        return !dialect.supports(Feature.COMMENTS) || Objects.equals(emptyToNull(a), emptyToNull(b));
    }

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

    /** The column's type as the engine makes it: SQLite writes any integer AUTOINCREMENT key as INTEGER, the only type it allows there. */
    String columnTypeKey(Column c) {
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
    String defaultKey(Column c) {
        if (c.autoincrement()) return null;
        return rules.defaultKey(c.serverDefault(), c.type());
    }
}
