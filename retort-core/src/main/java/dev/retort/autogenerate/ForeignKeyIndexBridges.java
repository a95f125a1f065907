package dev.retort.autogenerate;

import dev.retort.autogenerate.SchemaComparator.Entry;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreatePrimaryKey;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** MariaDB/MySQL: the index a foreign key needs kept while the index it uses is dropped (InnoDB refuses that drop). */
final class ForeignKeyIndexBridges {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaComparator.class);

    /** Proposed column renames per table (by the table's name in the model), old name to new. */
    private final Map<String, Map<String, String>> renamedColumnsOf;
    /** Foreign keys of the database that the plan drops (and recreates where they change). */
    private final Set<ForeignKey> droppedForeignKeys;

    ForeignKeyIndexBridges(Map<String, Map<String, String>> renamedColumnsOf, Set<ForeignKey> droppedForeignKeys) {
        this.renamedColumnsOf = renamedColumnsOf;
        this.droppedForeignKeys = droppedForeignKeys;
    }

    /**
     * InnoDB refuses to drop the last index a foreign key can use ("needed in a foreign key constraint"), which
     * is what a model without its own index on a key's columns asks for: there InnoDB made an index itself,
     * named after the key, and reflection leaves that one out. So before this table's drops take the last such
     * index of a key that stays, that index is created under the key's name: what the model has, and what the
     * next comparison leaves out. Where the model's own new index or key serves the foreign key instead, this
     * bridge is dropped again once that one exists, as InnoDB would not have made it.
     *
     * @param firstDrop   where this table's drops start in {@code plan.dropConstraints}
     * @param firstCreate where this table's new indexes and keys start in {@code plan.createConstraints}
     */
    void bridgeForeignKeyIndexes(Table db, Table model, String before, Plan plan, int firstDrop, int firstCreate) {
        List<List<String>> dropped = new ArrayList<>();
        for (Entry e : plan.dropConstraints.subList(firstDrop, plan.dropConstraints.size())) {
            if (e.operation() instanceof DropIndex d && d.dropped() != null) dropped.add(keyColumns(d.dropped()));
            else if (e.operation() instanceof DropConstraint d && d.dropped() instanceof UniqueConstraint u) dropped.add(u.columns());
            else if (e.operation() instanceof DropConstraint d && d.dropped() instanceof PrimaryKey pk) dropped.add(pk.columns());
        }
        if (dropped.isEmpty()) return;
        List<List<String>> kept = new ArrayList<>();
        for (Index ix : db.indexes()) kept.add(keyColumns(ix));
        for (UniqueConstraint u : db.uniqueConstraints()) kept.add(u.columns());
        if (db.primaryKey() != null) kept.add(db.primaryKey().columns());
        for (List<String> d : dropped) kept.remove(d);
        List<List<String>> created = new ArrayList<>();
        for (Entry e : plan.createConstraints.subList(firstCreate, plan.createConstraints.size())) {
            if (e.operation() instanceof CreateIndex c) created.add(keyColumns(c.index()));
            else if (e.operation() instanceof CreateUniqueConstraint c) created.add(c.constraint().columns());
            else if (e.operation() instanceof CreatePrimaryKey c) created.add(c.primaryKey().columns());
        }
        Map<String, String> renames = renamedColumnsOf.getOrDefault(model.name(), Map.of());
        List<Entry> bridges = new ArrayList<>();
        for (ForeignKey f : db.foreignKeys()) {
            if (f.name() == null || droppedForeignKeys.contains(f)) continue;
            if (dropped.stream().noneMatch(d -> serves(d, f.columns())) || kept.stream().anyMatch(k -> serves(k, f.columns()))) continue;
            Index bridge = new Index(f.name(), f.columns().stream().map(IndexElement::column).toList(), false, null, null);
            LOG.info("Index for foreign key '{}' on '{}' created before the index it uses now is dropped", f.name(), model.name());
            bridges.add(new Entry(new CreateIndex(db.schema(), before, bridge), "InnoDB needs an index on " + String.join(", ", f.columns())
                    + " for foreign key " + f.name() + " while the index it uses is dropped:\nthe one InnoDB makes itself, named after the key."));
            kept.add(f.columns());
            List<String> after = Renames.renamed(f.columns(), renames);
            if (created.stream().anyMatch(c -> serves(c, after))) {
                plan.createConstraints.add(new Entry(new DropIndex(db.schema(), model.name(), f.name(), bridge, false, false),
                        null));
            }
        }
        plan.dropConstraints.addAll(firstDrop, bridges);
    }

    /** The plain columns an index leads with (a prefix or expression element ends them: InnoDB cannot use it for a key). */
    static List<String> keyColumns(Index ix) {
        List<String> out = new ArrayList<>();
        for (IndexElement e : ix.elements()) {
            if (e.isExpression()) break;
            out.add(e.column());
        }
        return out;
    }

    /** Whether an index on {@code index} columns can serve a foreign key on {@code key}: it starts with them, in order. */
    static boolean serves(List<String> index, List<String> key) {
        if (key.isEmpty() || index.size() < key.size()) return false;
        for (int i = 0; i < key.size(); i++) if (!index.get(i).equalsIgnoreCase(key.get(i))) return false;
        return true;
    }
}
