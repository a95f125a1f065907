package dev.retort.autogenerate;

import dev.retort.autogenerate.SchemaComparator.Entry;
import dev.retort.dialect.Dialect;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropTable;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tables only the model has, created in dependency order, and those only the database has, dropped. */
final class CreatedAndDroppedTables {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaComparator.class);

    private final Dialect dialect;
    private final ConstraintEntries constraints;
    /** Added tables that might be renamed ones, with the note naming the candidates. */
    private final Map<String, String> addedTableNotes;
    /** Dropped tables that might be renamed ones (t57-8), with the note their dropTable carries. */
    private final Map<String, String> droppedTableNotes;

    CreatedAndDroppedTables(Dialect dialect, ConstraintEntries constraints, Map<String, String> addedTableNotes,
                            Map<String, String> droppedTableNotes) {
        this.dialect = dialect;
        this.constraints = constraints;
        this.addedTableNotes = addedTableNotes;
        this.droppedTableNotes = droppedTableNotes;
    }

    /** New tables in dependency order; a foreign key to a table created later (a cycle) is added afterwards. */
    void createTables(List<Table> added, Set<String> existing, Plan plan) {
        Set<String> available = new HashSet<>(existing);
        List<Table> pending = new ArrayList<>(added);
        while (!pending.isEmpty()) {
            Table next = null;
            for (Table t : pending) {
                if (t.foreignKeys().stream().allMatch(f -> available.contains(f.refTable()) || f.refTable().equals(t.name())
                        || !isPending(pending, f.refTable()))) {
                    next = t;
                    break;
                }
            }
            if (next == null) next = pending.get(0); // a cycle: break it here
            pending.remove(next);
            available.add(next.name());
            List<ForeignKey> inline = new ArrayList<>();
            for (ForeignKey f : next.foreignKeys()) {
                if (isPending(pending, f.refTable()) && !f.refTable().equals(next.name())) {
                    ForeignKey later = constraints.named(f, next);
                    plan.createForeignKeys.add(constraints.createConstraint(new CreateForeignKey(next.schema(), next.name(), later),
                            next.schema(), next.name(), later));
                } else {
                    inline.add(f);
                }
            }
            LOG.info("Detected added table '{}'", next.name());
            List<Index> plain = new ArrayList<>();
            List<Entry> raw = new ArrayList<>();
            for (Index ix : next.indexes()) {
                if (RawIndex.needed(dialect, ix)) raw.add(constraints.createIndex(next.schema(), next.name(), ix));
                else plain.add(ix);
            }
            Table created = next.withForeignKeys(inline);
            created = created.withIndexes(plain);
            plan.createTables.add(new Entry(new CreateTable(created), addedTableNotes.get(next.name())));
            plan.createTables.addAll(raw);
        }
    }

    /**
     * Removed tables, referencing ones first; foreign keys in a cycle among them are dropped beforehand.
     * An unnamed one (SQLite) cannot be dropped by name and need not be: SQLite drops tables that reference
     * each other in any order, and recreates them with forward references; it only stops counting for the order.
     */
    void dropTables(List<Table> removed, Plan plan) {
        List<Table> pending = new ArrayList<>(removed);
        List<Entry> drops = new ArrayList<>();
        java.util.Set<ForeignKey> ignored = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Table next = null;
            for (Table t : pending) {
                boolean referenced = pending.stream().anyMatch(o -> o != t && o.foreignKeys().stream()
                        .anyMatch(f -> !ignored.contains(f) && f.refTable().equals(t.name())));
                if (!referenced) {
                    next = t;
                    break;
                }
            }
            if (next == null) {
                // a cycle: cut the foreign keys of one table in it to the others (dropped up front; the
                // downgrade adds them back after creating the tables without them), then look again. The
                // table cut must have such keys, or nothing changes and this would go round forever.
                int at = 0;
                while (cycleKeys(pending.get(at), pending, ignored).isEmpty()) at++;
                Table cut = pending.get(at);
                List<ForeignKey> cycle = cycleKeys(cut, pending, ignored);
                for (ForeignKey f : cycle) {
                    if (f.name() != null) plan.dropForeignKeys.add(new Entry(DropConstraint.of(cut.schema(), cut.name(), f), null));
                    else ignored.add(f);
                }
                pending.set(at, cut.withForeignKeys(cut.foreignKeys().stream()
                        .filter(f -> f.name() == null || !cycle.contains(f)).toList()));
                continue;
            }
            Table dropping = next;
            List<Index> rawIndexes = dropping.indexes().stream().filter(ix -> RawIndex.needed(dialect, ix)).toList();
            if (!rawIndexes.isEmpty()) {
                // dropped with the table; listed first so that the downgrade recreates them after it
                for (Index ix : rawIndexes) drops.add(constraints.dropIndex(dropping.schema(), dropping.name(), ix));
                dropping = dropping.withIndexes(dropping.indexes().stream().filter(ix -> !RawIndex.needed(dialect, ix)).toList());
            }
            Table droppingTable = dropping;
            pending.removeIf(t -> t.name().equals(droppingTable.name()));
            LOG.info("Detected removed table '{}'", droppingTable.name());
            drops.add(new Entry(DropTable.of(droppingTable), droppedTableNotes.get(droppingTable.name())));
        }
        plan.dropTables.addAll(drops);
    }

    /** {@code t}'s foreign keys, not yet cut, to another table still to be dropped. */
    private static List<ForeignKey> cycleKeys(Table t, List<Table> pending, java.util.Set<ForeignKey> ignored) {
        return t.foreignKeys().stream().filter(f -> !ignored.contains(f) && !f.refTable().equals(t.name())
                && isPending(pending, f.refTable())).toList();
    }

    private static boolean isPending(List<Table> pending, String name) {
        return pending.stream().anyMatch(t -> t.name().equals(name));
    }
}
