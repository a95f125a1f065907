package dev.retort.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * A small fluent way to write a {@link SchemaModel} in Java, for {@code target_metadata = "class:..."}:
 * <pre>{@code
 * SchemaModel model = SchemaBuilder.schema()
 *     .table("account", t -> t
 *         .column("id", SqlType.of(SqlType.Kind.BIGINT), c -> c.notNull().autoincrement())
 *         .column("email", SqlType.string(200), c -> c.notNull())
 *         .column("created_at", SqlType.timestamp(true), c -> c.serverDefault("CURRENT_TIMESTAMP"))
 *         .primaryKey("id")
 *         .unique("uq_account_email", "email"))
 *     .build();
 * }</pre>
 */
public final class SchemaBuilder {
    private final List<Table> tables = new ArrayList<>();
    private final List<Sequence> sequences = new ArrayList<>();
    private final List<EnumType> enums = new ArrayList<>();

    private SchemaBuilder() {
    }

    public static SchemaBuilder schema() {
        return new SchemaBuilder();
    }

    public SchemaBuilder table(String name, Consumer<TableBuilder> body) {
        TableBuilder t = new TableBuilder(name);
        body.accept(t);
        tables.add(t.build());
        return this;
    }

    public SchemaBuilder sequence(String name) {
        return sequence(name, null, null);
    }

    public SchemaBuilder sequence(String name, Long start, Long increment) {
        sequences.add(new Sequence(null, name, start, increment));
        return this;
    }

    /** A sequence with options: {@code sequence("countdown", 100L, -1L, SequenceOptions.DEFAULT.withMinValue(0L).withMaxValue(100L))}. */
    public SchemaBuilder sequence(String name, Long start, Long increment, SequenceOptions options) {
        sequences.add(new Sequence(null, name, start, increment, options));
        return this;
    }

    /** A named enum type (PostgreSQL); use {@link SqlType#enumOf} with the same name for its columns. */
    public SchemaBuilder enumType(String name, String... values) {
        enums.add(new EnumType(null, name, Arrays.asList(values)));
        return this;
    }

    public SchemaModel build() {
        return new SchemaModel(tables, sequences, enums);
    }

    /**
     * What in a model no database would take, each as a sentence naming the table: a column defined twice, a
     * primary key, unique constraint, index or foreign key naming a column its table lacks, a foreign key to
     * columns a table of the model lacks, or with more or fewer columns than it refers to. Empty for a sound
     * model. Names are matched ignoring case, as the engines that fold names do. A foreign key to a table
     * outside the model is not named here, where no database is at hand: see {@link #problems(SchemaModel, BiPredicate)}.
     */
    public static List<String> problems(SchemaModel model) {
        return problems(model, (schema, table) -> true);
    }

    /**
     * As {@link #problems(SchemaModel)}, and a foreign key to a table outside the model is one when {@code elsewhere}
     * does not have it either: {@code elsewhere.test(refSchema, refTable)} (refSchema null for the model's own
     * schema) says whether the database the model is compared with has the table. A table outside the model
     * that the database has (one the filters leave out, another application's) is the key's to refer to; one
     * neither has is a typo that would make a revision failing at upgrade, or a dangling key on SQLite.
     */
    public static List<String> problems(SchemaModel model, BiPredicate<String, String> elsewhere) {
        List<String> out = new ArrayList<>();
        for (Table t : model.tables()) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Column c : t.columns()) {
                if (!seen.add(c.name())) out.add("table " + t.name() + " defines column " + c.name() + " twice");
            }
            if (t.primaryKey() != null) missing(t, t.primaryKey().columns(), "its primary key", out);
            for (UniqueConstraint u : t.uniqueConstraints()) missing(t, u.columns(), "unique constraint " + label(u.name()), out);
            for (Index ix : t.indexes()) {
                List<String> cols = ix.elements().stream().filter(e -> !e.isExpression()).map(IndexElement::column).toList();
                missing(t, cols, "index " + label(ix.name()), out);
            }
            for (ForeignKey fk : t.foreignKeys()) {
                String what = "foreign key " + label(fk.name());
                missing(t, fk.columns(), what, out);
                boolean otherSchema = fk.refSchema() != null && !fk.refSchema().isEmpty()
                        && !fk.refSchema().equalsIgnoreCase(t.schema());
                Table target = otherSchema ? null
                        : model.tables().stream().filter(x -> x.name().equalsIgnoreCase(fk.refTable())).findFirst().orElse(null);
                if (target == null) {
                    // another schema's table, one autogenerate excludes, one the application does not own: the
                    // database's, if it has it; its columns are the database's business
                    if (!elsewhere.test(otherSchema ? fk.refSchema() : null, fk.refTable())) {
                        String named = otherSchema ? fk.refSchema() + "." + fk.refTable() : fk.refTable();
                        out.add("table " + t.name() + ": " + what + " refers to table " + named
                                + ", which neither the model nor the database has");
                    }
                    continue;
                }
                if (fk.refColumns().isEmpty()) {
                    // no columns named: the target's primary key
                    if (target.primaryKey() == null) {
                        out.add("table " + t.name() + ": " + what + " names no columns of " + fk.refTable()
                                + ", which means its primary key, and " + fk.refTable() + " has none");
                    } else if (target.primaryKey().columns().size() != fk.columns().size()) {
                        out.add("table " + t.name() + ": " + what + " has " + fk.columns().size() + " column(s) but refers to "
                                + "the primary key of " + fk.refTable() + ", which has " + target.primaryKey().columns().size());
                    }
                    continue;
                }
                if (fk.refColumns().size() != fk.columns().size()) {
                    out.add("table " + t.name() + ": " + what + " has " + fk.columns().size() + " column(s) but refers to "
                            + fk.refColumns().size());
                }
                for (String c : fk.refColumns()) {
                    if (target.columns().stream().noneMatch(x -> x.name().equalsIgnoreCase(c))) {
                        out.add("table " + t.name() + ": " + what + " refers to column " + fk.refTable() + "." + c
                                + ", which table " + fk.refTable() + " does not have");
                    }
                }
            }
        }
        return out;
    }

    private static void missing(Table t, List<String> cols, String what, List<String> out) {
        for (String c : cols) {
            if (t.columns().stream().noneMatch(x -> x.name().equalsIgnoreCase(c))) {
                out.add("table " + t.name() + ": " + what + " names column " + c + ", which the table does not have (it has "
                        + String.join(", ", t.columns().stream().map(Column::name).toList()) + ")");
            }
        }
    }

    private static String label(String name) {
        return name == null || name.isEmpty() ? "(unnamed)" : name;
    }

    /** One table being written. */
    public static final class TableBuilder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private final List<ForeignKey> foreignKeys = new ArrayList<>();
        private final List<UniqueConstraint> uniques = new ArrayList<>();
        private final List<CheckConstraint> checks = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private PrimaryKey primaryKey;
        private String comment;
        private String schema;
        private String collation;

        private TableBuilder(String name) {
            this.name = name;
        }

        public TableBuilder schema(String schemaName) {
            this.schema = schemaName;
            return this;
        }

        public TableBuilder column(String columnName, SqlType type) {
            return column(columnName, type, c -> { });
        }

        public TableBuilder column(String columnName, SqlType type, Consumer<ColumnBuilder> body) {
            ColumnBuilder c = new ColumnBuilder(columnName, type);
            body.accept(c);
            columns.add(c.build());
            if (c.primaryKey) {
                List<String> cols = new ArrayList<>(primaryKey == null ? List.of() : primaryKey.columns());
                cols.add(columnName);
                primaryKey = new PrimaryKey(primaryKey == null ? null : primaryKey.name(), cols);
            }
            return this;
        }

        public TableBuilder primaryKey(String... cols) {
            primaryKey = new PrimaryKey(null, Arrays.asList(cols));
            return this;
        }

        public TableBuilder primaryKeyNamed(String constraintName, String... cols) {
            primaryKey = new PrimaryKey(constraintName, Arrays.asList(cols));
            return this;
        }

        public TableBuilder unique(String constraintName, String... cols) {
            uniques.add(new UniqueConstraint(constraintName, Arrays.asList(cols)));
            return this;
        }

        public TableBuilder check(String constraintName, String expression) {
            checks.add(new CheckConstraint(constraintName, expression));
            return this;
        }

        /** A check as a record (one that is NOT VALID). */
        public TableBuilder check(CheckConstraint check) {
            checks.add(check);
            return this;
        }

        public TableBuilder index(String indexName, String... cols) {
            indexes.add(new Index(indexName, Arrays.stream(cols).map(IndexElement::column).toList(), false, null));
            return this;
        }

        public TableBuilder uniqueIndex(String indexName, String... cols) {
            indexes.add(new Index(indexName, Arrays.stream(cols).map(IndexElement::column).toList(), true, null));
            return this;
        }

        /** Any index: expression elements, a partial-index predicate, a method. */
        public TableBuilder index(Index index) {
            indexes.add(index);
            return this;
        }

        public TableBuilder foreignKey(String constraintName, List<String> cols, String refTable, List<String> refCols) {
            return foreignKey(constraintName, cols, refTable, refCols, null, null);
        }

        public TableBuilder foreignKey(String constraintName, List<String> cols, String refTable, List<String> refCols,
                                       String onDelete, String onUpdate) {
            foreignKeys.add(new ForeignKey(constraintName, cols, null, refTable, refCols, onDelete, onUpdate));
            return this;
        }

        /** A foreign key as a record (one that is deferrable, or references another schema). */
        public TableBuilder foreignKey(ForeignKey fk) {
            foreignKeys.add(fk);
            return this;
        }

        public TableBuilder comment(String text) {
            this.comment = text;
            return this;
        }

        /**
         * MariaDB/MySQL: the table's default collation ({@code COLLATE=utf8mb4_bin}), which its character columns
         * without one of their own have; null (as not calling it) for the database's default, which is then not
         * compared. Other engines have none and leave it out.
         */
        public TableBuilder collation(String name) {
            this.collation = name;
            return this;
        }

        Table build() {
            return new Table(schema, name, columns, primaryKey, foreignKeys, uniques, checks, indexes, comment, Set.of(),
                    collation);
        }
    }

    /** One column being written. */
    public static final class ColumnBuilder {
        private final String name;
        private final SqlType type;
        private boolean nullable = true;
        private String serverDefault;
        private boolean autoincrement;
        private String comment;
        private Column.Identity identity;
        private String collation;
        private String onUpdate;
        private boolean primaryKey;

        private ColumnBuilder(String name, SqlType type) {
            this.name = name;
            this.type = type;
        }

        public ColumnBuilder notNull() {
            nullable = false;
            return this;
        }

        public ColumnBuilder serverDefault(String sql) {
            serverDefault = sql;
            return this;
        }

        public ColumnBuilder autoincrement() {
            autoincrement = true;
            return this;
        }

        /** Autoincrement numbered from {@code start} by {@code increment} ({@code START WITH}, {@code INCREMENT BY}). */
        public ColumnBuilder identity(long start, long increment) {
            autoincrement = true;
            identity = new Column.Identity(start, increment);
            return this;
        }

        /** The column's own collation, as the engine names it; null for the default. */
        public ColumnBuilder collation(String name) {
            collation = name;
            return this;
        }

        public ColumnBuilder comment(String text) {
            comment = text;
            return this;
        }

        /**
         * MariaDB/MySQL and H2: {@code ON UPDATE sql}, the value the column takes whenever its row is updated
         * ({@code CURRENT_TIMESTAMP}); null for none.
         */
        public ColumnBuilder serverOnUpdate(String sql) {
            onUpdate = sql;
            return this;
        }

        /** Part of the table's primary key (in column order); implies NOT NULL. */
        public ColumnBuilder primaryKey() {
            primaryKey = true;
            nullable = false;
            return this;
        }

        Column build() {
            return new Column(name, type, nullable, serverDefault, autoincrement, comment, identity, collation, onUpdate);
        }
    }
}
