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
import java.util.Map;
import java.util.TreeMap;

import static dev.retort.autogenerate.GeneratedRevisions.generate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * t40-8: MariaDB refuses to change the type of a column a foreign key uses. A key widened with the column that
 * references it (an entity's id from Integer to Long) gives a revision that drops the foreign keys first and adds
 * them again after, in its upgrade and its downgrade, online and offline.
 */
class MariaDbKeyTypeChangeIT {
    private static final String ONE = """
            CREATE TABLE parent (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20));
            CREATE TABLE child (id BIGINT AUTO_INCREMENT PRIMARY KEY, parent_id INT,
                CONSTRAINT fk_child_parent_id FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE);
            CREATE TABLE toy (id BIGINT PRIMARY KEY, owner_id INT NOT NULL,
                CONSTRAINT fk_toy_owner FOREIGN KEY (owner_id) REFERENCES parent (id));
            """;
    private static final String TWO = ONE.replace("parent (id INT", "parent (id BIGINT").replace("parent_id INT", "parent_id BIGINT")
            .replace("owner_id INT", "owner_id BIGINT");

    @TempDir
    Path dir;

    @Test
    void widenedKeyAndReferencingColumnsOnlineAndOffline() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); TestDatabase offline = TestDatabase.create(Engine.MARIADB)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Files.writeString(dir.resolve("schema.sql"), ONE);
            generate(config, "one", "aaaaaaaaaaa1");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO parent (id, name) VALUES (1, 'p')");
                s.execute("INSERT INTO child (parent_id) VALUES (1)");
                s.execute("INSERT INTO toy (id, owner_id) VALUES (1, 1)");
            }
            Map<String, String> before = keys(db);

            Files.writeString(dir.resolve("schema.sql"), TWO);
            String text = generate(config, "two", "aaaaaaaaaaa2");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as("revision:\n%s", text).extracting(Operation::describe).isEmpty();
            assertThat(keys(db)).isEqualTo(before);

            Retort.of(config, ScriptDirectory.load(config)).downgrade("aaaaaaaaaaa1");
            Files.writeString(dir.resolve("schema.sql"), ONE);
            assertThat(DriftCheck.run(config)).as("revision:\n%s", text).extracting(Operation::describe).isEmpty();
            assertThat(keys(db)).isEqualTo(before);

            // offline: the whole history, and its downgrade, fed to the mariadb client
            String up = Retort.of(config, ScriptDirectory.load(config)).sql(Direction.UPGRADE, "head", null);
            Clients.feed(Engine.MARIADB, offline, up);
            assertThat(keys(offline)).isEqualTo(before);
            Clients.feed(Engine.MARIADB, offline, "INSERT INTO parent (id, name) VALUES (1, 'p'); INSERT INTO child (parent_id) VALUES (1);");
            String down = Retort.of(config, ScriptDirectory.load(config)).sql(Direction.DOWNGRADE, "aaaaaaaaaaa2:aaaaaaaaaaa1", null);
            Clients.feed(Engine.MARIADB, offline, down);
            assertThat(keys(offline)).isEqualTo(before);
        }
    }

    /** constraint -> its table, columns, referenced table and columns, and ON DELETE. */
    private static Map<String, String> keys(TestDatabase db) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT k.CONSTRAINT_NAME, k.TABLE_NAME, GROUP_CONCAT(k.COLUMN_NAME), k.REFERENCED_TABLE_NAME,"
                        + " GROUP_CONCAT(k.REFERENCED_COLUMN_NAME), MAX(r.DELETE_RULE)"
                        + " FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
                        + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                        + " WHERE k.TABLE_SCHEMA = DATABASE() GROUP BY k.CONSTRAINT_NAME, k.TABLE_NAME, k.REFERENCED_TABLE_NAME")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2) + "(" + rs.getString(3) + ") -> " + rs.getString(4) + "("
                        + rs.getString(5) + ") " + rs.getString(6));
            }
        }
        return out;
    }
}
