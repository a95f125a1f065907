package dev.retort.autogenerate;

import dev.retort.autogenerate.SchemaComparator.Diff;
import dev.retort.autogenerate.SchemaComparator.Entry;

import java.util.ArrayList;
import java.util.List;

/** The upgrade's operations grouped into the phases that make the order safe. */
final class Plan {
    final List<Entry> first = new ArrayList<>();
    final List<Entry> dropForeignKeys = new ArrayList<>();
    final List<Entry> dropConstraints = new ArrayList<>();
    final List<Entry> renames = new ArrayList<>();
    final List<Entry> createTables = new ArrayList<>();
    final List<Entry> tableCollations = new ArrayList<>();
    final List<Entry> columns = new ArrayList<>();
    final List<Entry> dropColumns = new ArrayList<>();
    final List<Entry> createConstraints = new ArrayList<>();
    final List<Entry> createForeignKeys = new ArrayList<>();
    final List<Entry> comments = new ArrayList<>();
    final List<Entry> dropTables = new ArrayList<>();
    final List<Entry> last = new ArrayList<>();

    Diff toDiff() {
        List<Entry> all = new ArrayList<>();
        all.addAll(first);
        all.addAll(dropForeignKeys);
        // tables go before any other change: their keys may depend on a key dropped next, a new table
        // may take an index or constraint name of an old one (PostgreSQL's are per schema), and the
        // downgrade, in reverse, recreates them after renames and keys are restored, so that their
        // foreign keys find what they point at under the old names
        all.addAll(dropTables);
        all.addAll(dropConstraints);
        all.addAll(renames);
        // a table's CONVERT (a TODO) converts every character column, also one with a collation of its own: the
        // columns' TODOs that restate those follow it (t59-4)
        all.addAll(tableCollations);
        all.addAll(columns);
        all.addAll(dropColumns);
        all.addAll(createConstraints);
        // new tables once the existing ones are as the model has them: a new table's foreign key may point at
        // a key or column this plan creates or renames (a renamed table's recreated primary key), and the
        // downgrade, in reverse, drops the new tables before it undoes those. Nothing else here depends on
        // a new table: the foreign keys of existing tables to new ones come next.
        all.addAll(createTables);
        all.addAll(createForeignKeys);
        all.addAll(comments);
        all.addAll(last);
        return new Diff(all);
    }
}
