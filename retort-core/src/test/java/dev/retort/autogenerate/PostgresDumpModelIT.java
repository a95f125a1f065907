package dev.retort.autogenerate;

import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.Column;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model made with pg_dump empties the search_path, so PostgreSQL qualifies names with the schema while
 * it is read back in that session (as the sql: model source does); the database, read normally, does not.
 */
class PostgresDumpModelIT {
    private static final String DUMP = """
            SELECT pg_catalog.set_config('search_path', '', false);
            CREATE SEQUENCE public.item_id_seq;
            CREATE TABLE public.item (id integer DEFAULT nextval('public.item_id_seq'::regclass) NOT NULL, name text,
                released public.year, note text DEFAULT 'public.x'::text);
            """;

    @Test
    void schemaQualifiersOfTheSchemaItselfAreNotDrift() throws Exception {
        try (TestDatabase scratch = TestDatabase.create(Engine.POSTGRESQL); TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(scratch, "CREATE DOMAIN public.year AS integer CHECK (VALUE >= 1901 AND VALUE <= 2155)");
            Schemas.execute(db, "CREATE DOMAIN public.year AS integer CHECK (VALUE >= 1901 AND VALUE <= 2155)");
            SchemaModel model;
            try (Connection c = scratch.connect(); Statement s = c.createStatement()) {
                for (String sql : dev.retort.script.SqlSplitter.postgresql().split(DUMP)) s.execute(sql);
                model = Dialects.forName("postgresql").reflector().reflect(c, "public");
            }
            Column note = model.tables().get(0).column("note").orElseThrow();
            assertThat(note.serverDefault()).as("a string literal is data").contains("'public.x'");

            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
    }
}
