package dev.retort.migration;

import dev.retort.RetortException;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.AlterIdentity;
import dev.retort.ops.AlterSequence;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.ColumnSpec;
import dev.retort.ops.ConstraintSpec;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.CreateCheckConstraint;
import dev.retort.ops.CreateEnumType;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreatePrimaryKey;
import dev.retort.ops.CreateSequence;
import dev.retort.ops.CreateTable;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropEnumType;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropSequence;
import dev.retort.ops.DropTable;
import dev.retort.ops.Execute;
import dev.retort.ops.ForeignKeySpec;
import dev.retort.ops.IndexSpec;
import dev.retort.ops.Operation;
import dev.retort.ops.OperationSink;
import dev.retort.ops.QualifiedName;
import dev.retort.ops.RenameTable;
import dev.retort.ops.SetTableComment;
import dev.retort.ops.TableComment;
import dev.retort.ops.TableElement;
import dev.retort.ops.TableOptionSpec;
import dev.retort.ops.ValidateConstraint;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.TableOption;
import dev.retort.schema.UniqueConstraint;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@link Operations} a migration receives: each call becomes an {@link Operation} sent to the sink. It lives
 * beside the interface it implements rather than in {@code ops}, which holds the operations as data and so needs
 * nothing from this package (no package cycles, SPEC 9).
 */
public class DefaultOperations implements Operations {
    private final OperationSink sink;
    private final MigrationContext context;
    /** Null: names may be written schema.name; otherwise every name is taken literally in this schema. */
    private final String boundSchema;

    public DefaultOperations(OperationSink sink, MigrationContext context) {
        this(sink, context, null);
    }

    private DefaultOperations(OperationSink sink, MigrationContext context, String boundSchema) {
        this.sink = sink;
        this.context = context;
        this.boundSchema = boundSchema;
    }

    protected void emit(Operation operation) {
        sink.accept(operation);
    }

    private QualifiedName name(String text) {
        if (text == null) throw new IllegalArgumentException("a table name is required");
        return boundSchema != null ? new QualifiedName(boundSchema, text) : QualifiedName.parse(text);
    }

    // --- tables

    @Override
    public void createTable(String table, TableElement... elements) {
        emit(new CreateTable(buildTable(name(table), List.of(elements), boundSchema)));
    }

    /** Turns the elements of {@code createTable} into the schema record. */
    public static Table buildTable(QualifiedName name, List<TableElement> elements) {
        return buildTable(name, elements, null);
    }

    /** @param boundSchema that of {@code inSchema(...)}, where referenced tables are named literally in it; or null */
    private static Table buildTable(QualifiedName name, List<TableElement> elements, String boundSchema) {
        List<Column> columns = new ArrayList<>();
        List<String> pkColumns = new ArrayList<>();
        PrimaryKey pk = null;
        List<ForeignKey> fks = new ArrayList<>();
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<CheckConstraint> checks = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        String comment = null;
        String collation = null;
        Set<TableOption> options = EnumSet.noneOf(TableOption.class);
        for (TableElement e : elements) {
            if (e instanceof ColumnSpec c) {
                columns.add(c.column());
                if (c.isPrimaryKey()) pkColumns.add(c.column().name());
                if (c.isUnique()) uniques.add(new UniqueConstraint(null, List.of(c.column().name())));
                if (c.references() != null) fks.add(c.references().toForeignKey(boundSchema));
            } else if (e instanceof ConstraintSpec cs) {
                if (cs.constraint() instanceof PrimaryKey p) {
                    if (pk != null) throw new RetortException("table " + name.name() + " has two primary keys");
                    pk = p;
                } else if (cs.constraint() instanceof UniqueConstraint u) {
                    uniques.add(u);
                } else if (cs.constraint() instanceof CheckConstraint ck) {
                    checks.add(ck);
                }
            } else if (e instanceof ForeignKeySpec fk) {
                fks.add(fk.toForeignKey(boundSchema));
            } else if (e instanceof IndexSpec ix) {
                indexes.add(ix.toIndex());
            } else if (e instanceof TableComment tc) {
                comment = tc.text();
            } else if (e instanceof TableOptionSpec o) {
                options.add(o.option());
            } else if (e instanceof dev.retort.ops.TableCollation tc) {
                collation = tc.name();
            }
        }
        if (!pkColumns.isEmpty()) {
            if (pk != null) {
                throw new RetortException("table " + name.name()
                        + ": primary key given both on columns and as primaryKey(...)");
            }
            pk = new PrimaryKey(null, pkColumns);
        }
        if (pk != null) {
            // Key columns are NOT NULL on every engine; say so in the model so reflection compares equal.
            List<String> keyCols = pk.columns();
            columns.replaceAll(c -> keyCols.contains(c.name()) ? c.withNullable(false) : c);
        }
        return new Table(name.schema(), name.name(), columns, pk, fks, uniques, checks, indexes, comment, options, collation);
    }

    @Override
    public void createTable(Table table) {
        emit(new CreateTable(table));
    }

    @Override
    public void dropTable(String table) {
        QualifiedName n = name(table);
        emit(new DropTable(n.schema(), n.name(), null, false));
    }

    @Override
    public void dropTable(Table table) {
        emit(DropTable.of(table));
    }

    @Override
    public void renameTable(String table, String newName) {
        QualifiedName n = name(table);
        if (newName == null) throw new IllegalArgumentException("renameTable(" + table + ", null): a new name is required");
        emit(new RenameTable(n.schema(), n.name(), newName(n, newName)));
    }

    /**
     * The new name of a rename, which stays in the table's schema: {@code schema.name} is read as everywhere
     * else, so a schema is accepted only if it is the table's own (and dropped); another one is refused rather
     * than becoming part of the name. In {@code inSchema} the name is taken literally, as all names there.
     */
    private String newName(QualifiedName table, String newName) {
        if (boundSchema != null) return newName;
        QualifiedName to = QualifiedName.parse(newName);
        if (to.schema() == null) return newName;
        if (to.schema().equals(table.schema())) return to.name();
        // An unqualified table is found through the search path, which offline is not known and online may
        // not be to.schema(): "public.b" would then rename a table of another schema. Both modes refuse alike.
        String both = table.schema() == null
                ? " or, if the table is in " + to.schema() + ", name its schema on both sides: renameTable(\""
                        + to.schema() + "." + table.name() + "\", \"" + newName + "\")"
                : "";
        throw new RetortException("renameTable(" + display(table) + ", \"" + newName + "\"): a table is renamed within its"
                + " schema, " + (table.schema() == null ? "the default one" : table.schema()) + "; write the new name"
                + " without a schema: renameTable(" + display(table) + ", \"" + to.name() + "\")" + both + ". Moving a table to another schema is another operation"
                + " (PostgreSQL: ALTER TABLE ... SET SCHEMA, through op.execute). For a name containing a dot,"
                + " use op.inSchema(schema).renameTable(...)");
    }

    private static String display(QualifiedName n) {
        return "\"" + (n.schema() == null ? "" : n.schema() + ".") + n.name() + "\"";
    }

    @Override
    public void setTableComment(String table, String comment) {
        QualifiedName n = name(table);
        emit(new SetTableComment(n.schema(), n.name(), comment, null));
    }

    @Override
    public void dropTableComment(String table) {
        setTableComment(table, null);
    }

    // --- columns

    @Override
    public void addColumn(String table, ColumnSpec column) {
        QualifiedName n = name(table);
        emit(new AddColumn(n.schema(), n.name(), column.column()));
        String col = column.column().name();
        if (column.isPrimaryKey()) emit(new CreatePrimaryKey(n.schema(), n.name(), new PrimaryKey(null, List.of(col))));
        if (column.isUnique()) {
            emit(new CreateUniqueConstraint(n.schema(), n.name(), new UniqueConstraint(n.name() + "_" + col + "_key", List.of(col))));
        }
        if (column.references() != null) {
            ForeignKey fk = column.references().toForeignKey(boundSchema);
            if (fk.name() == null) {
                fk = fk.withName(n.name() + "_" + col + "_fkey");
            }
            emit(new CreateForeignKey(n.schema(), n.name(), fk));
        }
    }

    @Override
    public void dropColumn(String table, String column) {
        QualifiedName n = name(table);
        emit(new DropColumn(n.schema(), n.name(), column));
    }

    @Override
    public void alterColumn(String table, String column, Consumer<AlterColumn.Builder> change) {
        QualifiedName n = name(table);
        AlterColumn.Builder b = AlterColumn.builder(n.schema(), n.name(), column);
        change.accept(b);
        emit(b.build());
    }

    @Override
    public void renameColumn(String table, String column, String newName) {
        alterColumn(table, column, a -> a.newName(newName));
    }

    @Override
    public void setColumnComment(String table, String column, String comment) {
        alterColumn(table, column, a -> a.comment(comment));
    }

    // --- indexes

    @Override
    public void createIndex(String name, String table, String... columns) {
        createIndex(name, table, i -> i.columns(columns));
    }

    @Override
    public void createIndex(String name, String table, Consumer<IndexSpec> options) {
        QualifiedName n = name(table);
        IndexSpec spec = new IndexSpec(name);
        options.accept(spec);
        emit(new CreateIndex(n.schema(), n.name(), spec.toIndex(), spec.isConcurrently(), spec.isIfNotExists()));
    }

    @Override
    public void createUniqueIndex(String name, String table, String... columns) {
        createIndex(name, table, i -> i.columns(columns).unique());
    }

    @Override
    public void dropIndex(String name, String table) {
        if (table == null) {
            dropIndex(name);
            return;
        }
        QualifiedName n = name(table);
        emit(new DropIndex(n.schema(), n.name(), name));
    }

    @Override
    public void dropIndex(String name) {
        QualifiedName n = name(name);
        emit(new DropIndex(n.schema(), null, n.name()));
    }

    // --- constraints

    @Override
    public void createPrimaryKey(String name, String table, String... columns) {
        QualifiedName n = name(table);
        emit(new CreatePrimaryKey(n.schema(), n.name(), new PrimaryKey(name, List.of(columns))));
    }

    @Override
    public void createUniqueConstraint(String name, String table, String... columns) {
        QualifiedName n = name(table);
        emit(new CreateUniqueConstraint(n.schema(), n.name(), new UniqueConstraint(name, List.of(columns))));
    }

    @Override
    public void createCheckConstraint(String name, String table, String condition) {
        QualifiedName n = name(table);
        emit(new CreateCheckConstraint(n.schema(), n.name(), new CheckConstraint(name, condition)));
    }

    @Override
    public void createCheckConstraint(String name, String table, ConstraintSpec check) {
        if (!(check.constraint() instanceof CheckConstraint ck)) {
            throw new IllegalArgumentException("createCheckConstraint on " + table + " takes check(...), not " + check.constraint());
        }
        QualifiedName n = name(table);
        emit(new CreateCheckConstraint(n.schema(), n.name(), name != null ? ck.withName(name) : ck));
    }

    @Override
    public void createForeignKey(String name, String table, List<String> columns, String refTable,
                                 List<String> refColumns) {
        createForeignKey(name, table, new ForeignKeySpec(name, columns, refTable, refColumns, null, null, null));
    }

    @Override
    public void createForeignKey(String name, String table, ForeignKeySpec foreignKey) {
        QualifiedName n = name(table);
        ForeignKeySpec named = name != null ? foreignKey.named(name) : foreignKey;
        emit(new CreateForeignKey(n.schema(), n.name(), named.toForeignKey(boundSchema)));
    }

    @Override
    public void dropConstraint(String name, String table) {
        dropConstraint(name, table, null);
    }

    @Override
    public void dropConstraint(String name, String table, ConstraintType type) {
        QualifiedName n = name(table);
        emit(new DropConstraint(n.schema(), n.name(), name, type, null));
    }

    @Override
    public void dropForeignKey(String table, ForeignKeySpec foreignKey) {
        QualifiedName n = name(table);
        emit(DropConstraint.of(n.schema(), n.name(), foreignKey.toForeignKey(boundSchema)));
    }

    @Override
    public void dropConstraint(String table, ConstraintSpec constraint) {
        QualifiedName n = name(table);
        emit(DropConstraint.of(n.schema(), n.name(), constraint.constraint()));
    }

    @Override
    public void validateConstraint(String table, String name) {
        QualifiedName n = name(table);
        emit(new ValidateConstraint(n.schema(), n.name(), name));
    }

    // --- sequences and enums

    @Override
    public void createSequence(String name) {
        QualifiedName n = name(name);
        emit(new CreateSequence(new Sequence(n.schema(), n.name(), null, null)));
    }

    @Override
    public void createSequence(String name, long start, long increment) {
        QualifiedName n = name(name);
        emit(new CreateSequence(new Sequence(n.schema(), n.name(), start, increment)));
    }

    @Override
    public void createSequence(String name, Consumer<CreateSequence.Builder> options) {
        QualifiedName n = name(name);
        CreateSequence.Builder b = CreateSequence.builder(n.schema(), n.name());
        options.accept(b);
        emit(b.build());
    }

    @Override
    public void alterSequence(String name, Consumer<AlterSequence.Builder> change) {
        QualifiedName n = name(name);
        AlterSequence.Builder b = AlterSequence.builder(n.schema(), n.name());
        change.accept(b);
        emit(b.build());
    }

    @Override
    public void alterIdentity(String table, String column, Consumer<AlterIdentity.Builder> change) {
        QualifiedName n = name(table);
        AlterIdentity.Builder b = AlterIdentity.builder(n.schema(), n.name(), column);
        change.accept(b);
        emit(b.build());
    }

    @Override
    public void dropSequence(String name) {
        QualifiedName n = name(name);
        emit(new DropSequence(n.schema(), n.name(), null, false));
    }

    @Override
    public void createEnumType(String name, String... values) {
        QualifiedName n = name(name);
        emit(new CreateEnumType(new EnumType(n.schema(), n.name(), List.of(values))));
    }

    @Override
    public void dropEnumType(String name) {
        QualifiedName n = name(name);
        emit(new DropEnumType(n.schema(), n.name(), null, false));
    }

    @Override
    public void addEnumValue(String typeName, String value) {
        QualifiedName n = name(typeName);
        emit(new AddEnumValue(n.schema(), n.name(), value, null, null, false));
    }

    @Override
    public void addEnumValueIfNotExists(String typeName, String value) {
        QualifiedName n = name(typeName);
        emit(new AddEnumValue(n.schema(), n.name(), value, null, null, true));
    }

    @Override
    public void addEnumValueIfNotExists(String typeName, String value, List<String> existingValues) {
        QualifiedName n = name(typeName);
        emit(new AddEnumValue(n.schema(), n.name(), value, null, null, true, existingValues));
    }

    @Override
    public void addEnumValue(String typeName, String value, List<String> existingValues) {
        QualifiedName n = name(typeName);
        emit(new AddEnumValue(n.schema(), n.name(), value, null, null, false, existingValues));
    }

    // --- data

    @Override
    public void execute(String sql, Object... params) {
        emit(Execute.of(sql, params));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void bulkInsert(String table, List<? extends Map<String, ?>> rows) {
        QualifiedName n = name(table);
        emit(new BulkInsert(n.schema(), n.name(), (List<Map<String, Object>>) rows));
    }

    @Override
    public void invoke(Operation operation) {
        emit(operation);
    }

    @Override
    public Operations inSchema(String schema) {
        return new DefaultOperations(sink, context, schema);
    }

    @Override
    public Connection connection() {
        return sink.connection().orElseThrow(() -> new RetortException(
                "op.connection() is not available in offline (--sql) mode; use op.execute(...) with parameters"));
    }

    @Override
    public MigrationContext context() {
        return context;
    }
}
