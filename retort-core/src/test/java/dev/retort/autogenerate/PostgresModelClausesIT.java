package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    /** PostgreSQL cannot change a generated column's expression in place: a TODO with the SQL, no failing ALTER. */
    @Test
    void aChangedGeneratedExpressionIsLeftToTheUser() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, "CREATE TABLE t (id int PRIMARY KEY, a int, b int GENERATED ALWAYS AS (a * 2) STORED)");
            SchemaModel changed = Schemas.model(Engine.POSTGRESQL,
                    "CREATE TABLE t (id int PRIMARY KEY, a int, b int GENERATED ALWAYS AS (a * 3) STORED)");
            List<SchemaComparator.Entry> entries = SchemaComparator.diff(Schemas.reflect(db), changed, Schemas.dialect(db),
                    SchemaFilter.everything()).entries();
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e.operation()).isNull();
                assertThat(e.note()).startsWith("TODO: column t.b")
                        .contains("op.execute(\"ALTER TABLE t DROP COLUMN b, ADD COLUMN b integer GENERATED ALWAYS AS ((a * 3)) STORED\")");
            });
            // the SQL the note proposes runs, and then nothing differs
            Schemas.execute(db, "ALTER TABLE t DROP COLUMN b, ADD COLUMN b integer GENERATED ALWAYS AS ((a * 3)) STORED");
            assertThat(SchemaComparator.compare(Schemas.reflect(db), changed, Schemas.dialect(db))).isEmpty();

            SchemaModel plain = Schemas.model(Engine.POSTGRESQL, "CREATE TABLE t (id int PRIMARY KEY, a int, b int)");
            entries = SchemaComparator.diff(Schemas.reflect(db), plain, Schemas.dialect(db), SchemaFilter.everything()).entries();
            assertThat(entries).singleElement().satisfies(e -> assertThat(e.note())
                    .contains("op.execute(\"ALTER TABLE t ALTER COLUMN b DROP EXPRESSION\")"));
            Schemas.execute(db, "ALTER TABLE t ALTER COLUMN b DROP EXPRESSION");
            assertThat(SchemaComparator.compare(Schemas.reflect(db), plain, Schemas.dialect(db))).isEmpty();
        }
    }
}
