package dev.retort.ops;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.retort.migration.Migration.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each operation's reverse, and that reversing twice gives the operation back. */
class OperationTest {
    private static final Column NAME = Column.of("name", string(50)).withNullable(false).withServerDefault("'x'");
    private static final Table T = Table.of("t", List.of(Column.of("id", INTEGER).withNullable(false), NAME));
    private static final Index IX = new Index("ix", List.of(IndexElement.column("name")), true, "id > 0");

    private static void assertRoundTrip(Operation op) {
        Operation reversed = op.reverse().orElseThrow();
        assertThat(reversed).isNotEqualTo(op);
        assertThat(reversed.reverse()).contains(op);
    }

    @Test
    void reversibleOperationsReverseToTheirInverseAndBack() {
        assertRoundTrip(new CreateTable(T));
        assertRoundTrip(DropTable.of(T));
        assertRoundTrip(new RenameTable("s", "a", "b"));
        assertRoundTrip(new AddColumn("s", "t", NAME));
        assertRoundTrip(new DropColumn("s", "t", "name", NAME, false));
        assertRoundTrip(new CreateIndex("s", "t", IX, true, false));
        assertRoundTrip(new DropIndex("s", "t", "ix", IX, false, false));
        assertRoundTrip(new CreatePrimaryKey("s", "t", new PrimaryKey("pk", List.of("id"))));
        assertRoundTrip(new CreateUniqueConstraint("s", "t", new UniqueConstraint("uq", List.of("name"))));
        assertRoundTrip(new CreateCheckConstraint("s", "t", new CheckConstraint("ck", "id > 0")));
        assertRoundTrip(new CreateForeignKey("s", "t", new ForeignKey("fk", List.of("id"), null, "p", List.of("id"), "CASCADE", null)));
        assertRoundTrip(new CreateSequence(new Sequence("s", "seq", 10L, 2L)));
        assertRoundTrip(new CreateEnumType(new EnumType("s", "mood", List.of("a", "b"))));
        assertRoundTrip(new SetTableComment("s", "t", "new", Change.to("old")));
        assertRoundTrip(new SetTableComment("s", "t", null, Change.to("old")));
    }

    /** t37-4: a set or dropped ON UPDATE reverses to the clause the column had; without it known, it cannot. */
    @Test
    void onUpdateChangesReverseToTheExistingClause() {
        AlterColumn set = AlterColumn.builder(null, "t", "u").serverOnUpdate("CURRENT_TIMESTAMP").existingOnUpdate(null).build();
        assertRoundTrip(set);
        AlterColumn back = (AlterColumn) set.reverse().orElseThrow();
        assertThat(back.onUpdate()).isEqualTo(Change.remove());
        assertThat(back.existingOnUpdate()).isEqualTo(Change.to("CURRENT_TIMESTAMP"));
        assertThat(AlterColumn.builder(null, "t", "u").dropServerOnUpdate().build().reverse()).isEmpty();
        // a change of something else keeps the column's clause in the reverse's existing state, and the target has it
        AlterColumn other = AlterColumn.builder(null, "t", "u").nullable(true).existing(Column.of("u", TIMESTAMP)
                .withNullable(false).withOnUpdate("CURRENT_TIMESTAMP")).build();
        assertThat(((AlterColumn) other.reverse().orElseThrow()).existingOnUpdate()).isEqualTo(Change.to("CURRENT_TIMESTAMP"));
        assertThat(other.existingColumn().onUpdate()).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(set.target(Column.of("u", TIMESTAMP)).onUpdate()).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(set.isRenameOnly()).isFalse();
    }

    @Test
    void dropsWithoutTheirDefinitionAndDataOperationsAreIrreversible() {
        assertThat(new DropTable(null, "t", null, false).reverse()).isEmpty();
        assertThat(new DropColumn(null, "t", "c").reverse()).isEmpty();
        assertThat(new DropIndex(null, "t", "ix").reverse()).isEmpty();
        assertThat(new DropConstraint(null, "t", "c", null, null).reverse()).isEmpty();
        assertThat(new DropSequence(null, "s", null, false).reverse()).isEmpty();
        assertThat(new DropEnumType(null, "e", null, false).reverse()).isEmpty();
        assertThat(new SetTableComment(null, "t", "x", null).reverse()).isEmpty();
        assertThat(Execute.of("DELETE FROM t").reverse()).isEmpty();
        assertThat(new BulkInsert(null, "t", List.of(Map.of("id", 1))).reverse()).isEmpty();
        assertThat(new AddEnumValue(null, "e", "v", null, null, false).reverse()).isEmpty();
        assertThat(new CreateUniqueConstraint(null, "t", new UniqueConstraint(null, List.of("a"))).reverse())
                .as("an unnamed constraint cannot be dropped by name").isEmpty();
    }

    @Test
    void alterColumnReversesWhatItChangesFromTheExistingState() {
        AlterColumn op = AlterColumn.builder("s", "t", "name").type(TEXT).nullable(true).dropServerDefault()
                .comment("c").newName("title").existing(NAME).build();
        AlterColumn back = (AlterColumn) op.reverse().orElseThrow();
        assertThat(back.column()).isEqualTo("title");
        assertThat(back.newName()).isEqualTo("name");
        assertThat(back.type()).isEqualTo(string(50));
        assertThat(back.nullable()).isFalse();
        assertThat(back.serverDefault()).isEqualTo(Change.to("'x'"));
        assertThat(back.comment()).isEqualTo(Change.remove());
        assertThat(back.existingType()).isEqualTo(TEXT);
        assertThat(back.reverse()).contains(op);
    }

    @Test
    void alterColumnWithoutTheExistingStateOfWhatItChangesIsIrreversible() {
        assertThat(AlterColumn.builder(null, "t", "c").type(TEXT).build().reverse()).isEmpty();
        assertThat(AlterColumn.builder(null, "t", "c").nullable(false).existingType(TEXT).build().reverse()).isEmpty();
        assertThat(AlterColumn.builder(null, "t", "c").newName("d").build().reverse())
                .as("a rename alone needs nothing more")
                .contains(AlterColumn.builder(null, "t", "d").newName("c").build());
    }

    @Test
    void alterSequenceReversesWhatItChangesFromTheExistingValues() {
        AlterSequence op = AlterSequence.builder("s", "seq").increment(10).existingIncrement(5).existingStart(1000).build();
        assertThat(op.reverse()).contains(new AlterSequence("s", "seq", null, 5L, 1000L, 10L));
        assertRoundTrip(op);
        assertThat(AlterSequence.builder(null, "seq").start(7).build().reverse()).isEmpty();
    }

    /** t57-2: the options too; a bound that was the default comes back as NO MAXVALUE; one not known is irreversible. */
    @Test
    void alterSequenceReversesItsOptionsFromTheExistingValues() {
        AlterSequence op = AlterSequence.builder(null, "seq").maxValue(2000).cycle(false).defaultCache()
                .existingMaxValue(null).existingCycle(true).existingCache(20L).existingMinValue(0L).build();
        AlterSequence back = (AlterSequence) op.reverse().orElseThrow();
        assertThat(back.options()).isEqualTo(new SequenceChange(null, null, Change.remove(), Change.to(20L), true));
        assertThat(back.existingOptions()).isEqualTo(new SequenceChange(null, Change.to(0L), Change.to(2000L), Change.remove(), false));
        assertRoundTrip(op);
        assertThat(AlterSequence.builder(null, "seq").maxValue(5).build().reverse()).isEmpty();
        assertThat(AlterIdentity.builder(null, "t", "id").sequenceType(BIGINT).existingSequenceType(INTEGER).build().reverse())
                .map(o -> ((AlterIdentity) o).options().type()).contains(INTEGER);
    }

    @Test
    void alterIdentityReversesWhatItChangesFromTheExistingValues() {
        AlterIdentity op = AlterIdentity.builder("s", "t", "id").start(600).existingStart(500).existingIncrement(10).build();
        assertThat(op.reverse()).contains(new AlterIdentity("s", "t", "id", 500L, null, 600L, 10L));
        assertRoundTrip(op);
        assertThat(AlterIdentity.builder(null, "t", "id").increment(7).build().reverse()).isEmpty();
        assertThatThrownBy(() -> AlterIdentity.builder(null, "t", "id").increment(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** f9-1: what autogenerate builds, the counting from the builder and the options from a comparison. */
    @Test
    void withOptionsKeepsTheCountingAndTakesTheOptions() {
        SequenceChange change = new SequenceChange(BIGINT, null, Change.to(2000L), null, true);
        SequenceChange existing = new SequenceChange(INTEGER, null, Change.remove(), null, false);
        AlterSequence seq = AlterSequence.builder("s", "seq").increment(10).existingIncrement(5).build().withOptions(change, existing);
        assertThat(seq).isEqualTo(new AlterSequence("s", "seq", null, 10L, null, 5L, change, existing));
        assertRoundTrip(seq);
        AlterIdentity id = AlterIdentity.builder("s", "t", "id").start(600).existingStart(500).build().withOptions(change, existing);
        assertThat(id).isEqualTo(new AlterIdentity("s", "t", "id", 600L, null, 500L, null, change, existing));
        assertRoundTrip(id);
    }

    @Test
    void dropConstraintNeedsANameExceptForAPrimaryKey() {
        assertThatThrownBy(() -> new DropConstraint(null, "t", null, ConstraintType.UNIQUE, null))
                .isInstanceOf(IllegalArgumentException.class);
        DropConstraint pk = DropConstraint.of(null, "t", new PrimaryKey(null, List.of("id")));
        assertThat(pk.type()).isEqualTo(ConstraintType.PRIMARY_KEY);
        assertThat(pk.reverse()).contains(new CreatePrimaryKey(null, "t", new PrimaryKey(null, List.of("id"))));
    }

    @Test
    void describeNamesTheThing() {
        assertThat(new AddColumn("s", "t", NAME).describe()).isEqualTo("add column s.t.name");
        assertThat(Execute.of("UPDATE   t\n SET a = 1").describe()).isEqualTo("execute UPDATE t SET a = 1");
        assertThat(new DropConstraint(null, "t", "fk", ConstraintType.FOREIGN_KEY, null).describe())
                .isEqualTo("drop foreign key fk on t");
    }

    @Test
    void bulkInsertKeepsNullsAndColumnOrder() {
        BulkInsert b = new BulkInsert(null, "t", List.of(row("b", 1, "a", null), row("c", 2)));
        assertThat(b.columns()).containsExactly("b", "a", "c");
        assertThat(b.rows().get(0)).containsEntry("a", null);
    }
}
