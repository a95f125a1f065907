package dev.retort.dialect;

import dev.retort.ops.AddColumn;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.CreateCheckConstraint;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreatePrimaryKey;
import dev.retort.ops.CreateTable;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Offline, what the script written so far created: where online a renderer reads the catalog, it can use
 * this for the objects the same script made. Nothing is assumed about objects it did not make.
 * <p>
 * Two levels: the constraints the script created by name (their kind), on any table; and the full
 * column definitions and foreign keys of the tables the script created.
 */
public final class ScriptCatalog {
    private final UnaryOperator<String> fold;
    /** table key -> constraint name (folded) -> kind. */
    private final Map<String, Map<String, ConstraintType>> kinds = new HashMap<>();
    private final Map<String, Known> tables = new HashMap<>();
    /** The key of a table's primary key among {@link Known#keys} (no name folds to it). */
    private static final String PRIMARY = "\0primary";

    /** @param fold a name as the engine compares it (MariaDB: lower case; H2: as stored) */
    public ScriptCatalog(UnaryOperator<String> fold) {
        this.fold = fold;
    }

    /** A table the script created: its columns as they are now, and its foreign keys. */
    public static final class Known {
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private final List<ForeignKey> foreignKeys = new ArrayList<>();
        /** Index name (folded) -> its columns, for indexes made of columns only. */
        private final Map<String, List<String>> indexes = new HashMap<>();
        /** Unique constraint name (folded), or {@link #PRIMARY} -> its columns: the indexes the engine makes for them. */
        private final Map<String, List<String>> keys = new HashMap<>();

        public Optional<Column> column(UnaryOperator<String> fold, String name) {
            return Optional.ofNullable(columns.get(fold.apply(name)));
        }

        public List<ForeignKey> foreignKeys() {
            return List.copyOf(foreignKeys);
        }

        private void index(UnaryOperator<String> fold, Index ix) {
            if (ix.elements().stream().noneMatch(IndexElement::isExpression)) {
                indexes.put(fold.apply(ix.name()), ix.elements().stream().map(IndexElement::column).toList());
            }
        }
    }

    /** The columns of an index made of columns only, from its definition or from the script that created it. */
    public Optional<List<String>> indexColumns(String schema, String table, String name, Index definition) {
        if (definition != null) {
            if (definition.elements().stream().anyMatch(IndexElement::isExpression)) return Optional.empty();
            return Optional.of(definition.elements().stream().map(IndexElement::column).toList());
        }
        return table(schema, table).map(t -> t.indexes.get(fold.apply(name)));
    }

    /**
     * Whether an index or key of a table the script created, other than the index {@code dropped}, starts with
     * {@code columns} (it can serve a foreign key on them). False for a table the script did not create.
     */
    public boolean servedByAnother(String schema, String table, String dropped, List<String> columns) {
        List<String> wanted = columns.stream().map(fold).toList();
        return table(schema, table).map(t -> {
            List<List<String>> others = new ArrayList<>(t.keys.values());
            t.indexes.forEach((name, cols) -> { if (!name.equals(fold.apply(dropped))) others.add(cols); });
            return others.stream().map(cols -> cols.stream().map(fold).toList())
                    .anyMatch(cols -> cols.size() >= wanted.size() && cols.subList(0, wanted.size()).equals(wanted));
        }).orElse(false);
    }

    /** The kind of a constraint the script created under that name on that table, while it has not dropped it. */
    public Optional<ConstraintType> kind(String schema, String table, String name) {
        if (name == null) return Optional.empty();
        return Optional.ofNullable(kinds.getOrDefault(key(schema, table), Map.of()).get(fold.apply(name)));
    }

    /** Whether the script created a constraint of that name, on any table of the schema, and has not dropped it. */
    public boolean constraintNamed(String schema, String name) {
        String prefix = (schema == null || schema.isEmpty() ? "" : fold.apply(schema)) + ".";
        return kinds.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix)
                && e.getKey().indexOf('.', prefix.length()) < 0 && e.getValue().containsKey(fold.apply(name)));
    }

    /** The table when the script created it. */
    public Optional<Known> table(String schema, String table) {
        return Optional.ofNullable(tables.get(key(schema, table)));
    }

    /** The column's definition when the script created its table. */
    public Optional<Column> column(String schema, String table, String column) {
        return table(schema, table).flatMap(t -> t.column(fold, column));
    }

    /** Follows one operation, as rendered (a renderer passes a CreateTable with the names it gave). */
    public void track(Operation op) {
        if (op instanceof CreateTable o) {
            Table t = o.table();
            String key = key(t.schema(), t.name());
            Known known = new Known();
            for (Column c : t.columns()) known.columns.put(fold.apply(c.name()), c);
            known.foreignKeys.addAll(t.foreignKeys());
            t.indexes().forEach(ix -> known.index(fold, ix));
            if (t.primaryKey() != null) known.keys.put(PRIMARY, t.primaryKey().columns());
            t.uniqueConstraints().forEach(u -> known.keys.put(u.name() == null ? "\0" + u.columns() : fold.apply(u.name()), u.columns()));
            tables.put(key, known);
            Map<String, ConstraintType> k = new HashMap<>();
            if (t.primaryKey() != null && t.primaryKey().name() != null) k.put(fold.apply(t.primaryKey().name()), ConstraintType.PRIMARY_KEY);
            t.uniqueConstraints().forEach(u -> put(k, u.name(), ConstraintType.UNIQUE));
            t.checkConstraints().forEach(c -> put(k, c.name(), ConstraintType.CHECK));
            t.foreignKeys().forEach(f -> put(k, f.name(), ConstraintType.FOREIGN_KEY));
            kinds.put(key, k);
        } else if (op instanceof DropTable o) {
            tables.remove(key(o.schema(), o.name()));
            kinds.remove(key(o.schema(), o.name()));
        } else if (op instanceof RenameTable o) {
            Known t = tables.remove(key(o.schema(), o.name()));
            if (t != null) tables.put(key(o.schema(), o.newName()), t);
            Map<String, ConstraintType> k = kinds.remove(key(o.schema(), o.name()));
            if (k != null) kinds.put(key(o.schema(), o.newName()), k);
        } else if (op instanceof AddColumn o) {
            table(o.schema(), o.table()).ifPresent(t -> t.columns.put(fold.apply(o.column().name()), o.column()));
        } else if (op instanceof DropColumn o) {
            table(o.schema(), o.table()).ifPresent(t -> {
                t.columns.remove(fold.apply(o.column()));
                t.foreignKeys.removeIf(f -> f.columns().stream().anyMatch(c -> fold.apply(c).equals(fold.apply(o.column()))));
            });
        } else if (op instanceof AlterColumn o) {
            table(o.schema(), o.table()).ifPresent(t -> {
                Column before = t.columns.remove(fold.apply(o.column()));
                // a new type other than a character one takes no collation (PostgreSQL, MariaDB drop it)
                if (before != null) t.columns.put(fold.apply(o.finalName()),
                        o.keepsCollation() ? o.target(before) : o.target(before).withCollation(null));
            });
        } else if (op instanceof CreateIndex o) {
            table(o.schema(), o.table()).ifPresent(t -> t.index(fold, o.index()));
        } else if (op instanceof DropIndex o) {
            if (o.table() != null) table(o.schema(), o.table()).ifPresent(t -> t.indexes.remove(fold.apply(o.name())));
        } else if (op instanceof CreatePrimaryKey o) {
            put(kindsOf(o.schema(), o.table()), o.primaryKey().name(), ConstraintType.PRIMARY_KEY);
            table(o.schema(), o.table()).ifPresent(t -> t.keys.put(PRIMARY, o.primaryKey().columns()));
        } else if (op instanceof CreateUniqueConstraint o) {
            put(kindsOf(o.schema(), o.table()), o.constraint().name(), ConstraintType.UNIQUE);
            if (o.constraint().name() != null) {
                table(o.schema(), o.table()).ifPresent(t -> t.keys.put(fold.apply(o.constraint().name()), o.constraint().columns()));
            }
        } else if (op instanceof CreateCheckConstraint o) {
            put(kindsOf(o.schema(), o.table()), o.constraint().name(), ConstraintType.CHECK);
        } else if (op instanceof CreateForeignKey o) {
            put(kindsOf(o.schema(), o.table()), o.foreignKey().name(), ConstraintType.FOREIGN_KEY);
            table(o.schema(), o.table()).ifPresent(t -> t.foreignKeys.add(o.foreignKey()));
        } else if (op instanceof DropConstraint o) {
            Map<String, ConstraintType> k = kinds.get(key(o.schema(), o.table()));
            boolean primary = o.type() == ConstraintType.PRIMARY_KEY
                    || (k != null && o.name() != null && k.get(fold.apply(o.name())) == ConstraintType.PRIMARY_KEY);
            table(o.schema(), o.table()).ifPresent(t -> {
                if (primary) t.keys.remove(PRIMARY);
                if (o.name() != null) t.keys.remove(fold.apply(o.name()));
            });
            if (k != null && o.name() != null) k.remove(fold.apply(o.name()));
            if (k != null && o.type() == ConstraintType.PRIMARY_KEY) k.values().remove(ConstraintType.PRIMARY_KEY);
            table(o.schema(), o.table()).ifPresent(t -> t.foreignKeys.removeIf(f -> f.name() != null && o.name() != null
                    && fold.apply(f.name()).equals(fold.apply(o.name()))));
        }
    }

    private Map<String, ConstraintType> kindsOf(String schema, String table) {
        return kinds.computeIfAbsent(key(schema, table), k -> new HashMap<>());
    }

    private void put(Map<String, ConstraintType> k, String name, ConstraintType type) {
        if (name != null) k.put(fold.apply(name), type);
    }

    private String key(String schema, String table) {
        return (schema == null || schema.isEmpty() ? "" : fold.apply(schema)) + "." + fold.apply(table);
    }
}
