package dev.retort.autogenerate;

import dev.retort.ops.AlterColumn;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/types.md: Retort's JSON is jsonb on PostgreSQL, raw("json") keeps json; the two are different types. */
class PostgresJsonIT {

    @Test
    void jsonAndJsonbAreDifferentTypes() throws Exception {
        SchemaModel fromSql = Schemas.model(Engine.POSTGRESQL, "CREATE TABLE doc (id int PRIMARY KEY, x json, y jsonb);");
        assertThat(fromSql.tables().get(0).column("x").orElseThrow().type()).isEqualTo(SqlType.raw("json"));
        assertThat(fromSql.tables().get(0).column("y").orElseThrow().type()).isEqualTo(SqlType.of(SqlType.Kind.JSON));
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), fromSql, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), fromSql, Schemas.dialect(db))).isEmpty();
            assertThat(Schemas.reflect(db).tables().get(0).column("x").orElseThrow().type()).as("json stays json")
                    .isEqualTo(SqlType.raw("json"));

            // swapped: two type changes, which run and leave no drift
            SchemaModel swapped = SchemaBuilder.schema().table("doc", t -> t
                    .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                    .column("x", SqlType.of(SqlType.Kind.JSON))
                    .column("y", SqlType.raw("json"))).build();
            assertThat(SchemaComparator.compare(Schemas.reflect(db), swapped, Schemas.dialect(db)))
                    .extracting(op -> ((AlterColumn) op).column()).containsExactly("x", "y");
            MutationRoundTrip.check(db, swapped);
        }
    }
}
