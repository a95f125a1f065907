package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Clauses of a PostgreSQL model that the schema model does not carry: a revision made from it still runs. */
class PostgresModelClausesIT {
    @Test
    void aNoInheritCheckIsCreatedAsAPlainCheck() throws Exception {
        SchemaModel model = Schemas.model(Engine.POSTGRESQL,
                "CREATE TABLE t (a int, CONSTRAINT t_a_pos CHECK (a > 0) NO INHERIT);");
        assertThat(model.tables().get(0).checkConstraints().get(0).expression()).isEqualTo("a > 0");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
    }
}
