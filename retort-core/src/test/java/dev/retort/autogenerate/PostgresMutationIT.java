package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mutated copies of the real PostgreSQL schemas: upgrade to the mutation and back, both compare clean. */
class PostgresMutationIT {

    @ParameterizedTest
    @CsvSource({"synapse.sql, 1", "netbox.sql, 2", "pagila.sql, 3", "liberapay.sql, 4", "danbooru.sql, 5"})
    void everyKindOfChangeBothWays(String file, long seed) throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            SchemaFiles.loadPostgres(db, SchemaFiles.file("postgresql", file));
            dropViews(db);
            SchemaModel b = Schemas.reflect(db);
            Mutations mutations = new Mutations(seed, true, true);
            mutations.avoidTargets = java.util.Set.of("rate_limits");
            for (Mutations.Kind kind : Mutations.Kind.values()) b = mutations.apply(b, kind);
            MutationRoundTrip.check(db, b);
        }
    }

    /** Views are not part of the model; they would pin the columns and tables the mutations change. */
    static void dropViews(TestDatabase db) throws Exception {
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            java.util.List<String> drops = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery("SELECT CASE relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, "
                    + "oid::regclass::text FROM pg_class WHERE relkind IN ('v', 'm') AND relnamespace = 'public'::regnamespace "
                    + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = pg_class.oid AND d.deptype = 'e')")) {
                while (rs.next()) drops.add("DROP " + rs.getString(1) + " IF EXISTS " + rs.getString(2) + " CASCADE");
            }
            for (String d : drops) s.execute(d);
        }
    }
}
