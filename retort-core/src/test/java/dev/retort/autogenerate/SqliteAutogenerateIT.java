package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.ops.Operation;
import dev.retort.runtime.Retort;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes of a SQLite model that SQLite stores its own way (unnamed constraints, generated columns):
 * the generated Java revision runs, makes the table the model's, and leaves a clean check behind.
 */
class SqliteAutogenerateIT {
    @TempDir
    Path dir;

    /** A column rename carries its unnamed UNIQUE over: nothing else is generated for it. */
    @Test
    void renamedColumnKeepsItsUnnamedUnique() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            generateAndUpgrade(db, "CREATE TABLE account (id INTEGER PRIMARY KEY, email VARCHAR(100) UNIQUE);", "aaaaaaaaaaa1");
            String text = generateAndUpgrade(db, "CREATE TABLE account (id INTEGER PRIMARY KEY, mail VARCHAR(100) UNIQUE);",
                    "aaaaaaaaaaa2");
            assertThat(text).contains("renameColumn(\"account\", \"email\", \"mail\")").doesNotContain("UniqueConstraint");
            assertThat(query(db, "SELECT count(*) FROM pragma_index_list('account') WHERE origin = 'u'")).containsExactly("1");
            downgradeToBase(db);
        }
    }

    /** The Java revision autogenerate writes; upgrades to it and checks that no drift is left. */
    private String generateAndUpgrade(TestDatabase db, String schemaSql, String id) throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("schema.sql"), schemaSql);
        RetortConfig config = AutogeneratorIT.config(dir, db.url());
        RevisionGenerator.Request request = new RevisionGenerator.Request("change " + id, false, List.of("head"), false,
                List.of(), List.of(), id, null, null, null, List.of());
        Path file = Autogenerator.generate(config, ScriptDirectory.load(config), request, Clock.systemUTC()).orElseThrow().path();
        Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
        assertThat(DriftCheck.run(config)).extracting(Operation::describe).as("drift right after the revision").isEmpty();
        return Files.readString(file);
    }

    private void downgradeToBase(TestDatabase db) {
        RetortConfig config = AutogeneratorIT.config(dir, db.url());
        Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
    }

    static List<String> query(TestDatabase db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
