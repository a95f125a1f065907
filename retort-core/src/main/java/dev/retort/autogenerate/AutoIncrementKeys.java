package dev.retort.autogenerate;

import dev.retort.autogenerate.SchemaComparator.Entry;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.IndexElement;
import dev.retort.schema.Table;

import java.util.List;

/**
 * MariaDB/MySQL: an {@code AUTO_INCREMENT} column must be the first column of some key at every moment. When the
 * primary key moves off such a column and a new key or index of the model keeps it indexed, that key is created
 * before the primary key is dropped, not after with the other creates: else the drop is refused (ERROR 1075), in
 * the upgrade and, as the downgrade undoes the plan in reverse, in the downgrade too (t75-2).
 */
final class AutoIncrementKeys {
    private AutoIncrementKeys() {
    }

    /**
     * @param firstDrop   where this table's drops start in {@code plan.dropConstraints}
     * @param firstCreate where this table's creates start in {@code plan.createConstraints}
     */
    static void createKeyBeforePrimaryKeyDrop(Table db, Table model, Plan plan, int firstDrop, int firstCreate) {
        if (db.primaryKey() == null) return;
        int drop = -1;
        for (int i = firstDrop; i < plan.dropConstraints.size(); i++) {
            if (plan.dropConstraints.get(i).operation() instanceof DropConstraint d && d.type() == ConstraintType.PRIMARY_KEY) drop = i;
        }
        if (drop < 0) return;
        for (String name : db.primaryKey().columns()) {
            boolean autoIncrement = db.column(name).map(Column::autoincrement).orElse(false)
                    && model.column(name).map(Column::autoincrement).orElse(false);
            if (!autoIncrement) continue;
            for (int i = firstCreate; i < plan.createConstraints.size(); i++) {
                if (startsWith(plan.createConstraints.get(i), name)) {
                    plan.dropConstraints.add(drop, plan.createConstraints.remove(i));
                    return;
                }
            }
        }
    }

    private static boolean startsWith(Entry e, String column) {
        List<String> columns = e.operation() instanceof CreateUniqueConstraint u ? u.constraint().columns()
                : e.operation() instanceof CreateIndex ix && !ix.index().elements().isEmpty()
                && !ix.index().elements().get(0).isExpression()
                ? ix.index().elements().stream().map(IndexElement::column).toList() : List.of();
        return !columns.isEmpty() && columns.get(0) != null && columns.get(0).equalsIgnoreCase(column);
    }
}
