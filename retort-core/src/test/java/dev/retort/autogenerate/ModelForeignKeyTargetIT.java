package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.runtime.Retort;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t66-2: a model's foreign key to a table that neither the model nor the database has (a typo: artists for artist)
 * was let through: SQLite got a key referring to nothing, PostgreSQL a revision failing at upgrade. It is refused
 * before anything is written, as the model's other inconsistencies are; a table outside the model that the
 * database has (another application's, one the filters leave out) is still the key's to refer to.
 */
class ModelForeignKeyTargetIT {
    private static final String MODEL = """
            import dev.retort.autogenerate.ModelDefinition;
            import dev.retort.schema.*;
            import java.util.List;

            public class Schema implements ModelDefinition {
                @Override public SchemaModel model() {
                    return SchemaBuilder.schema()
                        .table("artist", t -> t.column("artist_id", SqlType.of(SqlType.Kind.BIGINT), c -> c.primaryKey()))
                        .table("album", t -> t
                            .column("album_id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                            .column("artist_id", SqlType.of(SqlType.Kind.BIGINT))
                            .column("label_id", SqlType.of(SqlType.Kind.BIGINT))
                            .foreignKey("fk_album_artist", List.of("artist_id"), "ARTIST_TABLE", List.of("artist_id"))
                            .foreignKey("fk_album_label", List.of("label_id"), "label", List.of("label_id")))
                        .build();
                }
            }
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL", "MARIADB"})
    void aClassModelsKeyToATableNeitherHasIsRefusedOneTheDatabaseHasIsNot(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            // label is the database's, not the model's (another application's table, which the filters leave out)
            Schemas.execute(db, "CREATE TABLE label (label_id BIGINT PRIMARY KEY)");
            RetortConfig config = project(db, "class:model/Schema.java");
            Files.writeString(dir.resolve("model/Schema.java"), MODEL.replace("ARTIST_TABLE", "artists"));

            assertThatThrownBy(() -> DriftCheck.run(config)).isInstanceOf(RetortException.class)
                    .hasMessageContaining("class:model/Schema.java: the model is inconsistent, so no revision could create it")
                    .hasMessageContaining("table album: foreign key fk_album_artist refers to table artists, which neither"
                            + " the model nor the database has")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("label"));
            assertThatThrownBy(() -> Autogenerator.generate(config, ScriptDirectory.load(config), "typo", false))
                    .isInstanceOf(RetortException.class).hasMessageContaining("refers to table artists");
            try (var files = Files.list(dir.resolve("migrations/versions"))) {
                assertThat(files.toList()).as("nothing written").isEmpty();
            }

            // the key to the model's own table, and the one to the database's: generated and run
            Files.writeString(dir.resolve("model/Schema.java"), MODEL.replace("ARTIST_TABLE", "artist"));
            assertThat(Autogenerator.generate(config, ScriptDirectory.load(config), "albums", false)).isPresent();
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.lines(config)).isEmpty();
            Schemas.execute(db, "INSERT INTO label VALUES (7)");
            Schemas.execute(db, "INSERT INTO artist VALUES (1)");
            Schemas.execute(db, "INSERT INTO album VALUES (1, 1, 7)");
        }
    }

    /** The same for a sql: model on SQLite, which creates a foreign key to a table it does not have without a word. */
    @Test
    void aSqliteSqlModelsKeyToATableNeitherHasIsRefused() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Schemas.execute(db, "CREATE TABLE label (label_id INTEGER PRIMARY KEY)");
            RetortConfig config = project(db, "sql:schema.sql");
            String model = "CREATE TABLE artist (artist_id INTEGER PRIMARY KEY);\n"
                    + "CREATE TABLE album (album_id INTEGER PRIMARY KEY, artist_id INTEGER REFERENCES ARTIST_TABLE (artist_id),"
                    + " label_id INTEGER REFERENCES label (label_id));";
            Files.writeString(dir.resolve("schema.sql"), model.replace("ARTIST_TABLE", "artists"));
            assertThatThrownBy(() -> DriftCheck.run(config)).isInstanceOf(RetortException.class)
                    .hasMessageContaining("sql:schema.sql: the model is inconsistent")
                    .hasMessageContaining("table album: foreign key (unnamed) refers to table artists, which neither the"
                            + " model nor the database has");
            Files.writeString(dir.resolve("schema.sql"), model.replace("ARTIST_TABLE", "artist"));
            assertThat(DriftCheck.run(config)).extracting(dev.retort.ops.Operation::describe)
                    .containsExactly("create table artist", "create table album");
        }
    }

    private RetortConfig project(TestDatabase db, String model) throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.createDirectories(dir.resolve("model"));
        return new RetortConfig(dir.resolve("retort.toml"), dir.resolve("migrations"),
                List.of(dir.resolve("migrations/versions")), db.url(), db.url(), "{rev}_{slug}", 40, "retort_version", "",
                "retort_history", false, model, "UTC", java.time.Duration.ofSeconds(10), List.of(),
                Map.of(), List.of(), List.of("label"));
    }
}
