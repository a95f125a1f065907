package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Direction;
import dev.retort.runtime.Retort;
import dev.retort.script.ScriptDirectory;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t69-6: the key of an AUTO_INCREMENT column changed (a wider primary key, a unique key renamed) is swapped in one
 * ALTER TABLE on MariaDB, which refuses to leave the column without a key between two statements: online and in
 * the offline script, both ways, the rows kept.
 */
class MariaDbAutoIncrementKeyIT {
    private static final String START = """
            CREATE TABLE inventory (inventory_id INT NOT NULL AUTO_INCREMENT, store_id INT NOT NULL, PRIMARY KEY (inventory_id));
            CREATE TABLE t (id INT NOT NULL PRIMARY KEY, seq INT NOT NULL AUTO_INCREMENT, UNIQUE KEY uq_seq (seq));
            """;
    private static final String ROWS = """
            INSERT INTO inventory (store_id) VALUES (1), (2);
            INSERT INTO t (id) VALUES (10), (20);
            """;
    private static final String MODEL = """
            CREATE TABLE inventory (inventory_id INT NOT NULL AUTO_INCREMENT, store_id INT NOT NULL, PRIMARY KEY (inventory_id, store_id));
            CREATE TABLE t (id INT NOT NULL PRIMARY KEY, seq INT NOT NULL AUTO_INCREMENT, UNIQUE KEY uq_t_seq (seq));
            """;

    @TempDir
    Path dir;

    @Test
    void keyOfAnAutoIncrementColumnIsSwappedInOneStatement() throws Exception {
        try (TestDatabase online = TestDatabase.create(Engine.MARIADB); TestDatabase offline = TestDatabase.create(Engine.MARIADB)) {
            for (TestDatabase db : List.of(online, offline)) Schemas.execute(db, START + ROWS);
            List<String> before = showCreate(online);
            Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(dir.resolve("schema.sql"), MODEL);
            RetortConfig onConfig = AutogeneratorIT.config(dir, online.url());
            RetortConfig offConfig = AutogeneratorIT.config(dir, offline.url());

            String text = GeneratedRevisions.generate(onConfig, "keys", "ddddddddd696");

            Retort.of(onConfig, ScriptDirectory.load(onConfig)).upgrade("head");
            String up = Retort.of(offConfig, ScriptDirectory.load(offConfig)).sql(Direction.UPGRADE, "head", null);
            assertThat(up).as(text).contains("DROP PRIMARY KEY, ADD PRIMARY KEY (inventory_id, store_id)");
            SchemaFiles.feedMariaDb(offline, up);
            List<String> upgraded = showCreate(online);
            assertThat(showCreate(offline)).as("offline script:\n%s", up).isEqualTo(upgraded);
            assertThat(upgraded.get(0)).contains("PRIMARY KEY (`inventory_id`,`store_id`)");
            assertThat(upgraded.get(1)).contains("UNIQUE KEY `uq_t_seq` (`seq`)").doesNotContain("uq_seq`");
            assertThat(DriftCheck.run(onConfig)).isEmpty();
            assertThat(DriftCheck.run(offConfig)).isEmpty();
            for (TestDatabase db : List.of(online, offline)) assertThat(rows(db)).containsExactly("1:1", "2:2", "10:1", "20:2");

            Retort.of(onConfig, ScriptDirectory.load(onConfig)).downgrade("-1");
            String down = Retort.of(offConfig, ScriptDirectory.load(offConfig)).sql(Direction.DOWNGRADE, "head:base", null);
            SchemaFiles.feedMariaDb(offline, down);
            assertThat(showCreate(online)).isEqualTo(before);
            assertThat(showCreate(offline)).as("offline downgrade:\n%s", down).isEqualTo(before);
            for (TestDatabase db : List.of(online, offline)) assertThat(rows(db)).containsExactly("1:1", "2:2", "10:1", "20:2");
            // the original model is matched again
            Files.writeString(dir.resolve("schema.sql"), START);
            try (Connection c = online.connect()) {
                assertThat(Autogenerator.diff(onConfig, Dialects.forName("mariadb"), c).entries()).isEmpty();
            }
        }
    }

    /**
     * t75-2: the primary key moved off an AUTO_INCREMENT column that the model keeps indexed (a unique key, a plain
     * index): the new key is created before the primary key is dropped, and the downgrade drops it after the key is back.
     */
    @Test
    void primaryKeyMovedOffAnAutoIncrementColumnThatKeepsAKey() throws Exception {
        String start = """
                CREATE TABLE category (category_id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT, name VARCHAR(25) NOT NULL,
                    PRIMARY KEY (category_id));
                CREATE TABLE film (film_id INT NOT NULL AUTO_INCREMENT, title VARCHAR(25) NOT NULL, PRIMARY KEY (film_id));
                """;
        String model = """
                CREATE TABLE category (category_id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT, name VARCHAR(25) NOT NULL,
                    PRIMARY KEY (name), UNIQUE KEY uq_category_id (category_id));
                CREATE TABLE film (film_id INT NOT NULL AUTO_INCREMENT, title VARCHAR(25) NOT NULL, PRIMARY KEY (title),
                    KEY ix_film_id (film_id));
                """;
        try (TestDatabase online = TestDatabase.create(Engine.MARIADB); TestDatabase offline = TestDatabase.create(Engine.MARIADB)) {
            for (TestDatabase db : List.of(online, offline)) {
                Schemas.execute(db, start + "INSERT INTO category (name) VALUES ('Action'), ('Drama'); INSERT INTO film (title) VALUES ('A');");
            }
            List<String> before = showCreate(online, "category", "film");
            Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(dir.resolve("schema.sql"), model);
            RetortConfig onConfig = AutogeneratorIT.config(dir, online.url());
            RetortConfig offConfig = AutogeneratorIT.config(dir, offline.url());
            String text = GeneratedRevisions.generate(onConfig, "pk_to_name", "ddddddddd752");

            Retort.of(onConfig, ScriptDirectory.load(onConfig)).upgrade("head");
            String up = Retort.of(offConfig, ScriptDirectory.load(offConfig)).sql(Direction.UPGRADE, "head", null);
            SchemaFiles.feedMariaDb(offline, up);
            List<String> upgraded = showCreate(online, "category", "film");
            assertThat(showCreate(offline, "category", "film")).as("offline script:\n%s", up).isEqualTo(upgraded);
            assertThat(upgraded.get(0)).as(text).contains("PRIMARY KEY (`name`)", "UNIQUE KEY `uq_category_id` (`category_id`)");
            assertThat(upgraded.get(1)).as(text).contains("PRIMARY KEY (`title`)", "KEY `ix_film_id` (`film_id`)");
            assertThat(DriftCheck.run(onConfig)).isEmpty();
            assertThat(DriftCheck.run(offConfig)).isEmpty();

            Retort.of(onConfig, ScriptDirectory.load(onConfig)).downgrade("-1");
            String down = Retort.of(offConfig, ScriptDirectory.load(offConfig)).sql(Direction.DOWNGRADE, "head:base", null);
            SchemaFiles.feedMariaDb(offline, down);
            assertThat(showCreate(online, "category", "film")).as(text).isEqualTo(before);
            assertThat(showCreate(offline, "category", "film")).as("offline downgrade:\n%s", down).isEqualTo(before);
        }
    }

    private static List<String> showCreate(TestDatabase db) throws Exception {
        return showCreate(db, "inventory", "t");
    }

    private static List<String> showCreate(TestDatabase db, String... tables) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + t)) {
                    rs.next();
                    out.add(rs.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", ""));
                }
            }
        }
        return out;
    }

    private static List<String> rows(TestDatabase db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT inventory_id, store_id FROM inventory UNION ALL SELECT id, seq FROM t ORDER BY 1")) {
            while (rs.next()) out.add(rs.getInt(1) + ":" + rs.getInt(2));
        }
        return out;
    }
}
