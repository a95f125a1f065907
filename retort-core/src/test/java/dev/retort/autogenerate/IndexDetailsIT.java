package dev.retort.autogenerate;

import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.schema.Column;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.IndexElement;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Index details beyond a list of columns: kept by autogenerate and seen by check. */
class IndexDetailsIT {

    /** MariaDB 10.8+ keeps a descending key part; it was read as ascending. */
    @Test
    void mariadbDescendingKeyPart() throws Exception {
        String desc = "CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, INDEX ix_t_ab (a, b DESC));";
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            SchemaModel model = Schemas.model(Engine.MARIADB, desc);
            assertThat(model.table("t").orElseThrow().indexes()).singleElement()
                    .satisfies(ix -> assertThat(ix.elements()).containsExactly(IndexElement.column("a"),
                            IndexElement.expression("`b` DESC")));

            List<Operation> ops = SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db));
            assertThat(ops).as("a column with a sort order is an index operation, not raw SQL").noneMatch(o -> o instanceof Execute);
            Schemas.apply(db, ops);
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();

            // the same index ascending is a change
            SchemaModel ascending = Schemas.model(Engine.MARIADB, desc.replace("b DESC", "b"));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), ascending, Schemas.dialect(db)))
                    .extracting(Operation::describe).contains("drop index ix_t_ab", "create index ix_t_ab on t");
        }
    }

    /**
     * A model spelling a mixed-case column the ANSI way (a JPA model, another engine's sql: file): on MariaDB the
     * index operation quotes it with backticks; it was raw SQL with double quotes, a syntax error there.
     */
    @Test
    void mariadbDescendingMixedCaseColumnOfAModel() throws Exception {
        Table orders = new Table(null, "orders", List.of(
                new Column("id", SqlType.of(SqlType.Kind.BIGINT), false, null, false, null),
                new Column("placedAt", SqlType.of(SqlType.Kind.TIMESTAMP), true, null, false, null),
                new Column("total", SqlType.of(SqlType.Kind.INTEGER), true, null, false, null)),
                new PrimaryKey(null, List.of("id")), List.of(), List.of(), List.of(), List.of(
                new Index("ix_a", List.of(IndexElement.expression("\"placedAt\" DESC")), false, null),
                new Index("ix_b", List.of(IndexElement.expression("total DESC"), IndexElement.column("id")), false, null)), null);
        SchemaModel model = new SchemaModel(List.of(orders), List.of(), List.of());
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            List<Operation> ops = SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db));
            assertThat(ops).noneMatch(o -> o instanceof Execute);
            Schemas.apply(db, ops);
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            assertThat(Schemas.reflect(db).table("orders").orElseThrow().indexes())
                    .extracting(Index::name, Index::elements).containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("ix_a", List.of(IndexElement.expression("`placedAt` DESC"))),
                            org.assertj.core.groups.Tuple.tuple("ix_b", List.of(IndexElement.expression("`total` DESC"),
                                    IndexElement.column("id"))));
        }
    }

    /** SQLite keeps descending columns and expressions of an index; they were read as ascending. */
    @Test
    void sqliteDescendingElements() throws Exception {
        String desc = "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT, \"Odd Name\" INT);"
                + " CREATE INDEX ix_t_ab ON t (a, b DESC, \"Odd Name\" DESC, (a + b) DESC);";
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            SchemaModel model = Schemas.model(Engine.SQLITE, desc);
            assertThat(model.table("t").orElseThrow().indexes()).singleElement()
                    .satisfies(ix -> assertThat(ix.elements()).containsExactly(IndexElement.column("a"),
                            IndexElement.expression("b DESC"), IndexElement.expression("\"Odd Name\" DESC"),
                            IndexElement.expression("(a + b) DESC")));

            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            assertThat(SqliteAutogenerateIT.query(db, "SELECT sum(\"desc\") FROM pragma_index_xinfo('ix_t_ab')"))
                    .containsExactly("3");

            SchemaModel ascending = Schemas.model(Engine.SQLITE, desc.replace(" DESC", ""));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), ascending, Schemas.dialect(db)))
                    .extracting(Operation::describe).contains("drop index ix_t_ab", "create index ix_t_ab on t");
        }
    }
}
