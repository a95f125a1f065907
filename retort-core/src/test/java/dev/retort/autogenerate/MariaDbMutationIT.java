package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Mutated copies of the real MySQL schemas on MariaDB: upgrade to the mutation and back, both compare clean. */
class MariaDbMutationIT {

    @ParameterizedTest
    @CsvSource({"sakila.sql, 11", "ambari.sql, 12"})
    void everyKindOfChangeBothWays(String file, long seed) throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            MariaDbReflectorIT.loadAndReflect(db, file);
            dropViews(db);
            SchemaModel b = Schemas.reflect(db);
            Mutations mutations = new Mutations(seed, true, true);
            for (Mutations.Kind kind : Mutations.Kind.values()) b = mutations.apply(b, kind);
            MutationRoundTrip.check(db, b);
        }
    }

    private static void dropViews(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<String> views = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()")) {
                while (rs.next()) views.add(rs.getString(1));
            }
            for (String v : views) s.execute("DROP VIEW `" + v + "`");
        }
    }
}
