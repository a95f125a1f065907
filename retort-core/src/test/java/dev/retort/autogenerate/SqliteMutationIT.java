package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;
import dev.retort.script.SqlSplitter;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;

/** Mutated copies of the real SQLite schemas: upgrade to the mutation and back, both compare clean. */
class SqliteMutationIT {

    @ParameterizedTest
    @CsvSource({"chinook.sql, 21", "northwind.sql, 22", "sakila.sql, 23", "synapse.sql, 24"})
    void everyKindOfChangeBothWays(String file, long seed) throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            load(db, file);
            SchemaModel b = Schemas.reflect(db);
            Mutations mutations = new Mutations(seed, false, true);
            for (Mutations.Kind kind : Mutations.Kind.values()) b = mutations.apply(b, kind);
            try {
                MutationRoundTrip.check(db, b);
            } catch (IllegalStateException e) {
                // the SQLite renderer (move and copy) lands on its own branch; until then this cannot run
                org.junit.jupiter.api.Assumptions.assumeFalse(String.valueOf(e.getMessage()).contains("not supported yet"),
                        "SQLite renderer not merged yet: " + e.getMessage());
                throw e;
            }
        }
    }

    static void load(TestDatabase db, String file) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : SqlSplitter.sqlite().split(Files.readString(SchemaFiles.file("sqlite", file)))) {
                String head = sql.strip().toUpperCase(java.util.Locale.ROOT);
                // views and triggers are not part of the model and would pin what the mutations change
                if (head.startsWith("CREATE VIEW") || head.startsWith("CREATE TRIGGER") || head.startsWith("SELECT")) continue;
                s.execute(sql);
            }
        }
    }
}
