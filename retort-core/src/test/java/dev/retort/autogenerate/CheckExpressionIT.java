package dev.retort.autogenerate;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Check constraints as the engines rewrite them compare equal to the model's own spelling. */
class CheckExpressionIT {

    /** PostgreSQL stores label IN ('x', 'y') on a varchar as label::text = ANY (ARRAY['x'::character varying, ...]::text[]). */
    @Test
    void postgresInListOnAVarchar() throws Exception {
        SchemaModel model = SchemaBuilder.schema().table("tag", t -> t
                .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                .column("label", SqlType.string(10))
                .check("ck_label", "label IN ('x','y')")
                .check("ck_not", "label NOT IN ('z', 'w')")
                .check("ck_one", "label NOT IN ('q')")).build();
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
    }

    /** H2 stores balance >= 0 as "BALANCE" >= CAST(0 AS NUMERIC(1)). */
    @Test
    void h2CastOfALiteral() throws Exception {
        SchemaModel model = SchemaBuilder.schema().table("account", t -> t
                .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                .column("balance", SqlType.numeric(10, 2))
                .column("kind", SqlType.string(10))
                .check("ck_balance", "balance >= 0")
                .check("ck_kind", "kind <> 'x' AND balance < 1000000.50")).build();
        try (TestDatabase db = TestDatabase.create(Engine.H2)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            // read back readably, as it would be written by hand
            assertThat(Schemas.reflect(db).tables().get(0).checkConstraints()).extracting(CheckConstraint::expression)
                    .contains("balance >= 0");
        }
    }
}
