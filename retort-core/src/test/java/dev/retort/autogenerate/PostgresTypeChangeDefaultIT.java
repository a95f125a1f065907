package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.graph.Direction;
import dev.retort.ops.Operation;
import dev.retort.runtime.Retort;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.retort.autogenerate.GeneratedRevisions.generate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * t44-3: a string column with a default turned into an enum, and another into an integer, need USING; PostgreSQL
 * refuses to cast their defaults itself. The generated revision runs up and down, online with rows and offline.
 */
class PostgresTypeChangeDefaultIT {
    private static final String ONE = """
            CREATE TABLE account (id INT PRIMARY KEY, tier VARCHAR(10) NOT NULL DEFAULT 'basic',
                level VARCHAR(5) NOT NULL DEFAULT '1', note VARCHAR(5) DEFAULT '0');
            """;
    /** tier and level get a new default of the new type; note's default goes with its type change. */
    private static final String TWO = """
            CREATE TYPE account_tier AS ENUM ('basic', 'gold');
            CREATE TABLE account (id INT PRIMARY KEY, tier account_tier NOT NULL DEFAULT 'basic',
                level INTEGER NOT NULL DEFAULT 1, note INTEGER);
            """;

    @TempDir
    Path dir;

    @Test
    void typeChangesWithUsingOnColumnsWithDefaultsRunUpAndDownOnlineAndOffline() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); TestDatabase offline = TestDatabase.create(Engine.POSTGRESQL)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Files.writeString(dir.resolve("schema.sql"), ONE);
            generate(config, "one", "aaaaaaaaaaa1");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO account (id, tier, level, note) VALUES (1, 'gold', '3', '7')");
                s.execute("INSERT INTO account (id) VALUES (2)");
            }

            Files.writeString(dir.resolve("schema.sql"), TWO);
            String text = generate(config, "typed", "aaaaaaaaaaa2");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as("revision:\n%s", text).extracting(Operation::describe).isEmpty();
            assertThat(rows(db)).containsExactly("1 gold 3 7", "2 basic 1 0");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO account (id) VALUES (3)");
            }
            assertThat(rows(db)).containsExactly("1 gold 3 7", "2 basic 1 0", "3 basic 1 null");

            Retort.of(config, ScriptDirectory.load(config)).downgrade("aaaaaaaaaaa1");
            Files.writeString(dir.resolve("schema.sql"), ONE);
            assertThat(DriftCheck.run(config)).as("revision:\n%s", text).extracting(Operation::describe).isEmpty();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO account (id) VALUES (4)");
            }
            assertThat(rows(db)).containsExactly("1 gold 3 7", "2 basic 1 0", "3 basic 1 null", "4 basic 1 0");

            // offline: the whole history, then its downgrade, fed to psql
            Clients.feed(Engine.POSTGRESQL, offline, Retort.of(config, ScriptDirectory.load(config)).sql(Direction.UPGRADE, "aaaaaaaaaaa1", null));
            Clients.feed(Engine.POSTGRESQL, offline, "INSERT INTO account (id, tier, level, note) VALUES (1, 'gold', '3', '7');");
            Clients.feed(Engine.POSTGRESQL, offline, Retort.of(config, ScriptDirectory.load(config)).sql(Direction.UPGRADE, "aaaaaaaaaaa1:head", null));
            assertThat(rows(offline)).containsExactly("1 gold 3 7");
            Clients.feed(Engine.POSTGRESQL, offline, "INSERT INTO account (id) VALUES (2);");
            assertThat(rows(offline)).containsExactly("1 gold 3 7", "2 basic 1 null");
            Clients.feed(Engine.POSTGRESQL, offline, Retort.of(config, ScriptDirectory.load(config)).sql(Direction.DOWNGRADE, "aaaaaaaaaaa2:aaaaaaaaaaa1", null));
            Clients.feed(Engine.POSTGRESQL, offline, "INSERT INTO account (id) VALUES (3);");
            assertThat(rows(offline)).containsExactly("1 gold 3 7", "2 basic 1 null", "3 basic 1 0");
        }
    }

    /**
     * t46-2: DEFAULT NULL, which PostgreSQL keeps as NULL::character varying, counts as no default, so the revision
     * gives none; putting back the varchar NULL after the type failed the revision.
     */
    @Test
    void aTypeChangeWithUsingOnAColumnWithDefaultNullRunsUpAndDown() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); TestDatabase offline = TestDatabase.create(Engine.POSTGRESQL)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            String one = "CREATE TABLE account (id INT PRIMARY KEY, score VARCHAR(8) DEFAULT NULL, n VARCHAR(3) DEFAULT NULL);";
            Files.writeString(dir.resolve("schema.sql"), one);
            generate(config, "one", "bbbbbbbbbbb1");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO account (id, score, n) VALUES (1, '2.5', '7')");
            }
            Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE account (id INT PRIMARY KEY, score NUMERIC(6,2), n INTEGER);");
            String text = generate(config, "typed", "bbbbbbbbbbb2");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as("revision:\n%s", text).extracting(Operation::describe).isEmpty();
            Retort.of(config, ScriptDirectory.load(config)).downgrade("bbbbbbbbbbb1");
            Files.writeString(dir.resolve("schema.sql"), one);
            assertThat(DriftCheck.run(config)).as("revision:\n%s", text).extracting(Operation::describe).isEmpty();
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");

            Clients.feed(Engine.POSTGRESQL, offline, Retort.of(config, ScriptDirectory.load(config)).sql(Direction.UPGRADE, "head", null));
            Clients.feed(Engine.POSTGRESQL, offline, Retort.of(config, ScriptDirectory.load(config)).sql(Direction.DOWNGRADE, "bbbbbbbbbbb2:bbbbbbbbbbb1", null));
        }
    }

    private static List<String> rows(TestDatabase db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, tier, level, note FROM account ORDER BY id")) {
            while (rs.next()) out.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }
        return out;
    }
}
