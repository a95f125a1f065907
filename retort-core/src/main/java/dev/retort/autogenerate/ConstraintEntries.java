package dev.retort.autogenerate;

import dev.retort.autogenerate.SchemaComparator.Entry;
import dev.retort.dialect.ConstraintNames;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Feature;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Operation;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The entries that create and drop constraints and indexes, and the names given to constraints the model leaves
 * unnamed where the engine drops one only by its name.
 */
final class ConstraintEntries {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaComparator.class);

    private final Dialect dialect;
    /** Constraint and index names in use on either side or given by this plan, lower case: a made-up name avoids them. */
    private final Set<String> takenNames;
    /** The names the model gives, which a dropped database constraint does not free. */
    private final Set<String> modelNames;

    ConstraintEntries(Dialect dialect, Set<String> takenNames, Set<String> modelNames) {
        this.dialect = dialect;
        this.takenNames = takenNames;
        this.modelNames = modelNames;
    }

    /**
     * Unnamed constraints cannot be dropped by name. SQLite (whose constraints are usually unnamed) finds
     * one by its definition; elsewhere (H2's reflection leaves engine-made names out) the user gets a note
     * instead of a guess.
     */
    Entry dropConstraint(String schema, String table, dev.retort.schema.Constraint c) {
        if (c.name() != null || c instanceof PrimaryKey || dialect.supports(Feature.DROP_UNNAMED_CONSTRAINT)) {
            // dropped before anything is created: its name is free again for a constraint the model leaves unnamed
            if (c.name() != null && !modelNames.contains(c.name().toLowerCase(Locale.ROOT))) {
                takenNames.remove(c.name().toLowerCase(Locale.ROOT));
            }
            return new Entry(DropConstraint.of(schema, table, c), null);
        }
        LOG.warn("Cannot drop an unnamed constraint on '{}': {}", table, sql(c));
        return new Entry(null, "TODO: the database has an unnamed constraint on " + table + " that the model does not: " + sql(c)
                + "\nRetort cannot drop a constraint without a name; recreate the table or name the constraint.");
    }

    /** The names a table and its constraints and indexes take. */
    static List<String> names(Table t) {
        List<String> out = new ArrayList<>();
        out.add(t.name()); // PostgreSQL: a unique constraint's index shares the namespace of tables
        for (dev.retort.schema.Constraint c : t.foreignKeys()) out.add(c.name());
        for (dev.retort.schema.Constraint c : t.uniqueConstraints()) out.add(c.name());
        for (dev.retort.schema.Constraint c : t.checkConstraints()) out.add(c.name());
        for (Index ix : t.indexes()) out.add(ix.name());
        if (t.primaryKey() != null) out.add(t.primaryKey().name());
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    void take(String name) {
        if (name != null) takenNames.add(name.toLowerCase(Locale.ROOT));
    }

    /**
     * A new constraint the model leaves unnamed, named where the engine can drop a constraint only by its name
     * (PostgreSQL, MariaDB, H2: a class: model's, or an H2 sql: model's, whose made-up names reflection leaves
     * out), so that the downgrade can drop it. The name is the one PostgreSQL gives an unnamed constraint
     * ({@code <table>_<columns>_key}, {@code <table>_<column>_check} or {@code <table>_check},
     * {@code <table>_<columns>_fkey}, a number added when taken); unnamed and named ones pair by definition,
     * so a database made from the model file and one made by the revisions both compare clean.
     */
    @SuppressWarnings("unchecked")
    <C extends dev.retort.schema.Constraint> C named(C c, Table table) {
        if (c.name() != null || dialect.supports(Feature.DROP_UNNAMED_CONSTRAINT)) return c;
        String base;
        if (c instanceof UniqueConstraint u) base = ConstraintNames.unique(table.name(), u.columns());
        else if (c instanceof ForeignKey f) base = ConstraintNames.foreignKey(table.name(), f.columns());
        else if (c instanceof CheckConstraint ck) {
            base = ConstraintNames.check(table.name(), ck.expression(), table.columns().stream().map(Column::name).toList());
        } else return c;
        String name = base;
        for (int n = 1; takenNames.contains(name.toLowerCase(Locale.ROOT)); n++) name = base + n;
        // longer than PostgreSQL (63) or MariaDB (64) keep: left unnamed, with the note that says so
        if (name.length() > 63) return c;
        take(name);
        if (c instanceof UniqueConstraint u) return (C) new UniqueConstraint(name, u.columns());
        if (c instanceof ForeignKey f) {
            return (C) f.withName(name);
        }
        return (C) ((CheckConstraint) c).withName(name);
    }

    /** Creating {@code c}, undone (where the engine can drop it unnamed) by dropping it by its definition. */
    Entry createConstraint(Operation create, String schema, String table, dev.retort.schema.Constraint c) {
        if (c.name() != null || !dialect.supports(Feature.DROP_UNNAMED_CONSTRAINT)) return new Entry(create, null);
        return new Entry(create, null, DropConstraint.of(schema, table, c));
    }

    /** A constraint as it reads in a CREATE TABLE, for notes and log lines (not the record's toString). */
    private static String sql(dev.retort.schema.Constraint c) {
        if (c instanceof CheckConstraint ck) return "CHECK (" + ck.expression() + ")";
        if (c instanceof UniqueConstraint u) return "UNIQUE (" + String.join(", ", u.columns()) + ")";
        if (c instanceof PrimaryKey p) return "PRIMARY KEY (" + String.join(", ", p.columns()) + ")";
        if (c instanceof ForeignKey f) {
            return "FOREIGN KEY (" + String.join(", ", f.columns()) + ") REFERENCES "
                    + Operation.display(f.refSchema(), f.refTable())
                    + (f.refColumns().isEmpty() ? "" : " (" + String.join(", ", f.refColumns()) + ")");
        }
        return String.valueOf(c);
    }

    Entry createIndex(String schema, String table, Index ix) {
        if (!RawIndex.needed(dialect, ix)) return new Entry(new CreateIndex(schema, table, ix), null);
        return new Entry(RawIndex.create(dialect, schema, table, ix), null,
                new DropIndex(schema, table, ix.name(), ix, false, false));
    }

    Entry dropIndex(String schema, String table, Index ix) {
        DropIndex drop = new DropIndex(schema, table, ix.name(), ix, false, false);
        if (!RawIndex.needed(dialect, ix)) return new Entry(drop, null);
        return new Entry(drop, null, RawIndex.create(dialect, schema, table, ix));
    }
}
