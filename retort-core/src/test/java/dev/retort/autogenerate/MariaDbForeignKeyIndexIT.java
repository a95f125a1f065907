package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.ops.Operation;
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
import java.util.Map;
import java.util.TreeMap;

import static dev.retort.autogenerate.GeneratedRevisions.generate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * t7-5: InnoDB will not drop the last index a foreign key uses. A model that leaves out sakila's
 * {@code KEY idx_fk_city_id (city_id)} (the key itself kept, so InnoDB makes its own index named after it),
 * or replaces such an index by another, gives a revision that runs and reaches the model, with no drift
 * afterwards on a database built by the revisions and on ones loaded from the files.
 */
class MariaDbForeignKeyIndexIT {
    private static final String START = """
            CREATE TABLE city (city_id INT PRIMARY KEY, city VARCHAR(50) NOT NULL);
            CREATE TABLE address (address_id INT PRIMARY KEY, city_id INT NOT NULL,
                KEY idx_fk_city_id (city_id),
                CONSTRAINT fk_address_city FOREIGN KEY (city_id) REFERENCES city (city_id));
            CREATE TABLE store (store_id INT PRIMARY KEY, address_id INT NOT NULL, manager INT NOT NULL,
                KEY idx_fk_address_id (address_id),
                CONSTRAINT fk_store_address FOREIGN KEY (address_id) REFERENCES address (address_id));
            CREATE TABLE staff (staff_id INT PRIMARY KEY, store_id INT NOT NULL, username VARCHAR(16) NOT NULL,
                KEY idx_fk_store_id (store_id),
                CONSTRAINT fk_staff_store FOREIGN KEY (store_id) REFERENCES store (store_id));
            """;
    /** address: the index left out; store: replaced by a wider one; staff: the same name over more columns. */
    private static final String MODEL = """
            CREATE TABLE city (city_id INT PRIMARY KEY, city VARCHAR(50) NOT NULL);
            CREATE TABLE address (address_id INT PRIMARY KEY, city_id INT NOT NULL,
                CONSTRAINT fk_address_city FOREIGN KEY (city_id) REFERENCES city (city_id));
            CREATE TABLE store (store_id INT PRIMARY KEY, address_id INT NOT NULL, manager INT NOT NULL,
                KEY idx_address_manager (address_id, manager),
                CONSTRAINT fk_store_address FOREIGN KEY (address_id) REFERENCES address (address_id));
            CREATE TABLE staff (staff_id INT PRIMARY KEY, store_id INT NOT NULL, username VARCHAR(16) NOT NULL,
                KEY idx_fk_store_id (store_id, username),
                CONSTRAINT fk_staff_store FOREIGN KEY (store_id) REFERENCES store (store_id));
            """;

    @TempDir
    Path dir;

    @Test
    void droppingAnIndexAForeignKeyUsesRunsAndReachesTheModel() throws Exception {
        try (TestDatabase built = TestDatabase.create(Engine.MARIADB); TestDatabase loaded = TestDatabase.create(Engine.MARIADB);
             TestDatabase fromModel = TestDatabase.create(Engine.MARIADB)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, built.url());

            Files.writeString(dir.resolve("schema.sql"), START);
            generate(config, "start", "aaaaaaaaaaa1");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            Map<String, String> startIndexes = indexes(built);

            Files.writeString(dir.resolve("schema.sql"), MODEL);
            String text = generate(config, "indexes", "aaaaaaaaaaa2");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).as("revision:\n%s", text).isEmpty();

            // exactly the indexes a database loaded from the model file has, InnoDB's own included
            Schemas.execute(fromModel, MODEL);
            assertThat(indexes(built)).as("revision:\n%s", text).isEqualTo(indexes(fromModel));

            // a database loaded from the first file, at the first revision, takes the same step
            Schemas.execute(loaded, START);
            RetortConfig loadedConfig = AutogeneratorIT.config(dir, loaded.url());
            Retort.of(loadedConfig, ScriptDirectory.load(loadedConfig)).stamp("aaaaaaaaaaa1", false);
            Retort.of(loadedConfig, ScriptDirectory.load(loadedConfig)).upgrade("head");
            assertThat(DriftCheck.run(loadedConfig)).extracting(Operation::describe).isEmpty();
            assertThat(indexes(loaded)).isEqualTo(indexes(fromModel));

            // and back
            Retort.of(config, ScriptDirectory.load(config)).downgrade("aaaaaaaaaaa1");
            assertThat(indexes(built)).isEqualTo(startIndexes);
            Files.writeString(dir.resolve("schema.sql"), START);
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();
        }
    }

    /**
     * t40-10: an index covering a foreign key added by a revision, which InnoDB's own index of the key gives way to;
     * the downgrade puts the key's index back (explicitly, named after the key), and the re-upgrade removes it again:
     * the round trip leaves the indexes of the first upgrade and no drift.
     */
    @Test
    void downgradeAndReupgradeOfACoveringIndexLeaveNoKeyIndexBehind() throws Exception {
        try (TestDatabase built = TestDatabase.create(Engine.MARIADB)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, built.url());
            String one = """
                    CREATE TABLE parent (id INT PRIMARY KEY);
                    CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, name VARCHAR(20),
                        CONSTRAINT fk_child_parent_id FOREIGN KEY (parent_id) REFERENCES parent (id));
                    """;
            Files.writeString(dir.resolve("schema.sql"), one);
            generate(config, "one", "aaaaaaaaaaa1");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            Files.writeString(dir.resolve("schema.sql"), one.replace("name VARCHAR(20),", "name VARCHAR(20),\n    KEY ix_child_parent_name (parent_id, name),"));
            String text = generate(config, "two", "aaaaaaaaaaa2");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            Map<String, String> upgraded = indexes(built);
            assertThat(upgraded).doesNotContainKey("child.fk_child_parent_id");

            Retort.of(config, ScriptDirectory.load(config)).downgrade("aaaaaaaaaaa1");
            assertThat(indexes(built)).containsEntry("child.fk_child_parent_id", "parent_id");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(indexes(built)).as("revision:\n%s", text).isEqualTo(upgraded);
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();
            // and once more, as the revision's downgrade and upgrade are written (IF EXISTS where the key's index may be gone)
            Retort.of(config, ScriptDirectory.load(config)).downgrade("aaaaaaaaaaa1");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(indexes(built)).isEqualTo(upgraded);
        }
    }

    /** table.index -> its columns, every index InnoDB has (its own for foreign keys included). */
    private static Map<String, String> indexes(TestDatabase db) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, INDEX_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) FROM information_schema.STATISTICS"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT LIKE 'retort%' GROUP BY TABLE_NAME, INDEX_NAME")) {
            while (rs.next()) out.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3));
        }
        return out;
    }
}
