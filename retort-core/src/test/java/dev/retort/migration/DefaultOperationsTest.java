package dev.retort.migration;

import dev.retort.RetortException;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.AlterSequence;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateSequence;
import dev.retort.ops.CreateTable;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.OperationSink;
import dev.retort.ops.RenameTable;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.retort.migration.Migration.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each {@code op.*} call sends to the sink. */
class DefaultOperationsTest {

    private static List<Operation> emitted(Consumer<Operations> body) {
        List<Operation> out = new ArrayList<>();
        OperationSink sink = new OperationSink() {
            @Override public void accept(Operation operation) { out.add(operation); }
            @Override public Optional<Connection> connection() { return Optional.empty(); }
        };
        body.accept(new DefaultOperations(sink, MigrationContext.of("postgresql", true, Map.of())));
        return out;
    }

    @Test
    void createTableGathersInlineKeysAndConstraints() {
        List<Operation> ops = emitted(op -> op.createTable("shop.book",
                column("id", INTEGER).primaryKey(),
                column("isbn", string(13)).notNull().unique(),
                column("author_id", INTEGER).references("shop.author", "id").onDelete("CASCADE"),
                check("id > 0").named("ck_id"),
                index("ix_isbn", "isbn"),
                tableComment("books")));
        Table t = ((CreateTable) ops.get(0)).table();
        assertThat(t.schema()).isEqualTo("shop");
        assertThat(t.name()).isEqualTo("book");
        assertThat(t.primaryKey()).isEqualTo(new PrimaryKey(null, List.of("id")));
        assertThat(t.column("id")).map(Column::nullable).contains(false);
        assertThat(t.uniqueConstraints()).containsExactly(new UniqueConstraint(null, List.of("isbn")));
        assertThat(t.foreignKeys()).containsExactly(new ForeignKey(null, List.of("author_id"), "shop", "author",
                List.of("id"), "CASCADE", null));
        assertThat(t.checkConstraints()).extracting(c -> c.name()).containsExactly("ck_id");
        assertThat(t.indexes()).extracting(i -> i.name()).containsExactly("ix_isbn");
        assertThat(t.comment()).isEqualTo("books");
    }

    @Test
    void twoPrimaryKeysAreAnError() {
        assertThatThrownBy(() -> emitted(op -> op.createTable("t", column("id", INTEGER).primaryKey(), primaryKey("id"))))
                .isInstanceOf(RetortException.class).hasMessageContaining("primary key given both");
    }

    @Test
    void alterColumnLambdaBuildsOneOperation() {
        List<Operation> ops = emitted(op -> op.alterColumn("t", "c",
                a -> a.type(BIGINT).nullable(false).serverDefault("0").newName("n")));
        assertThat(ops).containsExactly(AlterColumn.builder(null, "t", "c").type(BIGINT).nullable(false)
                .serverDefault("0").newName("n").build());
    }

    @Test
    void inSchemaTakesNamesLiterallyAndQualifiesReferences() {
        List<Operation> ops = emitted(op -> {
            op.inSchema("audit").createTable("odd.name", column("id", INTEGER));
            op.inSchema("audit").createForeignKey("fk", "log", List.of("p"), "parent", List.of("id"));
            op.inSchema("audit").createSequence("s");
        });
        assertThat(((CreateTable) ops.get(0)).table().schema()).isEqualTo("audit");
        assertThat(((CreateTable) ops.get(0)).table().name()).isEqualTo("odd.name");
        assertThat(((CreateForeignKey) ops.get(1)).foreignKey().refSchema()).isEqualTo("audit");
        assertThat(((CreateSequence) ops.get(2)).sequence().schema()).isEqualTo("audit");
    }

    /** The new name of a rename stays in the table's schema: its own schema is dropped, another refused (t9-14). */
    @Test
    void renameTableKeepsTheSchema() {
        List<Operation> ops = emitted(op -> {
            op.renameTable("public.a", "public.b");
            op.renameTable("public.a", "b");
            op.inSchema("s").renameTable("a", "x.y");
        });
        assertThat(ops).containsExactly(new RenameTable("public", "a", "b"), new RenameTable("public", "a", "b"),
                new RenameTable("s", "a", "x.y"));
        assertThatThrownBy(() -> emitted(op -> op.renameTable("public.a", "audit.b")))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("renamed within its schema, public").hasMessageContaining("Moving a table to another schema");
        assertThatThrownBy(() -> emitted(op -> op.renameTable("a", "audit.b")))
                .isInstanceOf(RetortException.class).hasMessageContaining("the default one");
        // r3-10: the message says how to write it
        assertThatThrownBy(() -> emitted(op -> op.renameTable("a", "public.b")))
                .isInstanceOf(RetortException.class).hasMessageContaining("renameTable(\"a\", \"b\")")
                .hasMessageContaining("renameTable(\"public.a\", \"public.b\")");
    }

    /** Inside inSchema a referenced table is named literally too, dots included (t9-16). */
    @Test
    void inSchemaTakesReferencedTablesLiterally() {
        List<Operation> ops = emitted(op -> {
            Operations s = op.inSchema("audit");
            s.createTable("kid", column("id", INTEGER).primaryKey(), column("wid", INTEGER).references("we.ird", "id"),
                    foreignKey("id").references("o.dd", "id"));
            s.createForeignKey("fk", "kid", List.of("wid"), "we.ird", List.of("id"));
            s.addColumn("kid", column("x", INTEGER).references("we.ird.id"));
        });
        Table kid = ((CreateTable) ops.get(0)).table();
        assertThat(kid.foreignKeys()).extracting(ForeignKey::refSchema, ForeignKey::refTable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("audit", "we.ird"), org.assertj.core.groups.Tuple.tuple("audit", "o.dd"));
        ForeignKey created = ((CreateForeignKey) ops.get(1)).foreignKey();
        assertThat(List.of(created.refSchema(), created.refTable())).containsExactly("audit", "we.ird");
        ForeignKey added = ((CreateForeignKey) ops.get(3)).foreignKey();
        assertThat(List.of(added.refSchema(), added.refTable(), added.refColumns().get(0))).containsExactly("audit", "we.ird", "id");
    }

    @Test
    void addColumnWithInlineConstraintsAddsNamedConstraintsAfterIt() {
        List<Operation> ops = emitted(op -> op.addColumn("t", column("p", INTEGER).unique().references("parent.id")));
        assertThat(ops).hasSize(3);
        assertThat(ops.get(1)).isEqualTo(new CreateUniqueConstraint(null, "t", new UniqueConstraint("t_p_key", List.of("p"))));
        assertThat(((CreateForeignKey) ops.get(2)).foreignKey().name()).isEqualTo("t_p_fkey");
        assertThat(((CreateForeignKey) ops.get(2)).foreignKey().refTable()).isEqualTo("parent");
    }

    @Test
    void dataAndMiscellany() {
        List<Operation> ops = emitted(op -> {
            op.execute("UPDATE t SET a = ?", 1);
            op.bulkInsert("t", List.of(row("a", 1)));
            op.createIndex("ix", "t", i -> i.columns("a").unique().where("a > 0").concurrently());
            op.dropIndex("s.ix");
            op.dropConstraint("c", "t", ConstraintType.CHECK);
            op.createEnumType("mood", "a", "b");
            op.addEnumValue("mood", "c");
            op.setTableComment("t", "x");
            op.renameColumn("t", "a", "b");
            op.addEnumValueIfNotExists("mood", "d");
            op.alterSequence("s.seq", s -> s.increment(2).existingIncrement(1));
        });
        assertThat(ops.get(9)).isEqualTo(new AddEnumValue(null, "mood", "d", null, null, true));
        assertThat(ops.get(10)).isEqualTo(new AlterSequence("s", "seq", null, 2L, null, 1L));
        assertThat(ops.get(0)).isEqualTo(Execute.of("UPDATE t SET a = ?", 1));
        assertThat(((CreateIndex) ops.get(2)).concurrently()).isTrue();
        assertThat(((CreateIndex) ops.get(2)).index().where()).isEqualTo("a > 0");
        assertThat(ops.get(3)).isEqualTo(new DropIndex("s", null, "ix"));
        assertThat(ops.get(4)).isEqualTo(new DropConstraint(null, "t", "c", ConstraintType.CHECK, null));
        assertThat(ops).extracting(Operation::describe).contains("add value 'c' to enum type mood",
                "set comment on table t", "alter column t.a");
    }

    @Test
    void connectionIsRefusedOffline() {
        assertThatThrownBy(() -> emitted(Operations::connection)).isInstanceOf(RetortException.class)
                .hasMessageContaining("offline");
    }
}
