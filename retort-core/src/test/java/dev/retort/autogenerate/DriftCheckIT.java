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
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The drift check (and autogenerate) on the database the migrations write to. */
class DriftCheckIT {
    @TempDir
    Path dir;

    @Test
    void aMissingSqliteFileAndFolderAreAnEmptyDatabase() throws Exception {
        Path project = project("CREATE TABLE a (id INTEGER PRIMARY KEY);");
        Path file = project.resolve("data/app.db");
        RetortConfig config = config(project, "jdbc:sqlite:" + file, "");

        List<Operation> drift = DriftCheck.run(config);

        assertThat(drift).extracting(Operation::describe).containsExactly("create table a");
        assertThat(project.resolve("data")).as("reading creates nothing").doesNotExist();
    }

    @Test
    void aMissingH2FileIsAnEmptyDatabase() throws Exception {
        Path project = project("CREATE TABLE a (id INTEGER PRIMARY KEY);");
        RetortConfig config = config(project, "jdbc:h2:" + project.resolve("data/app").toAbsolutePath(), "");

        assertThat(DriftCheck.run(config)).extracting(Operation::describe).containsExactly("create table a");
        assertThat(project.resolve("data")).doesNotExist();
    }

    /** The version table in a schema of its own: the tables the revisions create are still compared. */
    @Test
    void versionTableSchemaIsNotTheComparedSchema() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA audit");
                s.execute("CREATE TABLE audit.other (x INT)");
            }
            Path project = project("CREATE TABLE kv (k VARCHAR(20) PRIMARY KEY, v TEXT);");
            RetortConfig config = config(project, db.url(), "audit");
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).containsExactly("create table kv");

            assertThat(Autogenerator.generate(config, ScriptDirectory.load(config), "init", false)).isPresent();
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");

            assertThat(DriftCheck.run(config)).as("drift after the revision").isEmpty();
            assertThat(Autogenerator.generate(config, ScriptDirectory.load(config), "again", false)).isEmpty();
        }
    }

    /**
     * Two multidb sections in one database: the drift check and autogenerate of one proposed dropping the other's
     * version table (t33-3). Every section's version and history tables of the file are Retort's own.
     */
    @Test
    void anotherSectionsTablesInTheSameDatabaseAreNotDrift() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Path project = Files.createDirectories(dir.resolve("multi"));
            Files.writeString(project.resolve("main.sql"), "CREATE TABLE acct (id INT PRIMARY KEY);");
            Files.writeString(project.resolve("retort.toml"), """
                    [retort]
                    script_location = "mig"
                    [databases.main]
                    url = "%1$s"
                    version_locations = ["mig/main"]
                    target_metadata = "sql:main.sql"
                    [databases.audit]
                    url = "%1$s"
                    version_locations = ["mig/audit"]
                    version_table = "audit_version"
                    history_table = "audit_history"
                    """.formatted(db.url()));
            Files.createDirectories(project.resolve("mig/audit"));
            Files.writeString(Files.createDirectories(project.resolve("mig/main")).resolve("m1.sql"),
                    "-- retort:revision m1\n-- retort:upgrade\nCREATE TABLE acct (id INT PRIMARY KEY);\n"
                            + "-- retort:downgrade\nDROP TABLE acct;\n");
            Files.writeString(project.resolve("mig/audit/a1.sql"), "-- retort:revision a1\n-- retort:upgrade\nSELECT 1;\n"
                    + "-- retort:downgrade\nSELECT 1;\n");
            RetortConfig main = dev.retort.config.ConfigLoader.load(project.resolve("retort.toml"), null, "main", null,
                    Map.of(), Map.of());
            RetortConfig audit = dev.retort.config.ConfigLoader.load(project.resolve("retort.toml"), null, "audit", null,
                    Map.of(), Map.of());
            Retort.of(main, ScriptDirectory.load(main)).upgrade("heads");
            Retort.of(audit, ScriptDirectory.load(audit)).upgrade("heads");

            assertThat(DriftCheck.run(main)).as("audit's version and history tables are not drift").isEmpty();
            assertThat(Autogenerator.generate(main, ScriptDirectory.load(main), "sync", false)).isEmpty();
        }
    }

    /**
     * t66-3: on SQLite the unnamed key and check the model wants were listed as "create foreign key on album", the
     * ones they replace with their definitions: both now say what they are.
     */
    @Test
    void unnamedConstraintsAreListedWithTheirDefinitionsBothWays() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            String table = "CREATE TABLE artist (artist_id BIGINT PRIMARY KEY);\n"
                    + "CREATE TABLE album (album_id INTEGER PRIMARY KEY, artist_id BIGINT, price NUMERIC(10, 2), %s,"
                    + " FOREIGN KEY (artist_id) REFERENCES artist (artist_id) ON DELETE %s);";
            Schemas.execute(db, table.formatted("CHECK (price >= 0)", "CASCADE"));
            Path project = project(table.formatted("CHECK (price > 0), UNIQUE (artist_id, price)", "SET NULL"));
            assertThat(DriftCheck.lines(config(project, db.url(), ""))).containsExactlyInAnyOrder(
                    "drop foreign key FOREIGN KEY (artist_id) REFERENCES artist (artist_id) ON DELETE CASCADE on album",
                    "drop check constraint CHECK (price >= 0) on album",
                    "create check constraint CHECK (price > 0) on album",
                    "create unique constraint UNIQUE (artist_id, price) on album",
                    "create foreign key FOREIGN KEY (artist_id) REFERENCES artist (artist_id) ON DELETE SET NULL on album");
        }
    }

    private Path project(String schemaSql) throws Exception {
        Path project = Files.createDirectories(dir.resolve("p"));
        Files.createDirectories(project.resolve("migrations/versions"));
        Files.writeString(project.resolve("schema.sql"), schemaSql);
        return project;
    }

    private static RetortConfig config(Path project, String url, String versionTableSchema) {
        return new RetortConfig(project.resolve("retort.toml"), project.resolve("migrations"),
                List.of(project.resolve("migrations/versions")), url, url, "{rev}_{slug}", 40, "retort_version",
                versionTableSchema, "retort_history", false, "sql:schema.sql", "UTC", java.time.Duration.ofSeconds(10),
                List.of(), Map.of(), List.of(), List.of());
    }
}
