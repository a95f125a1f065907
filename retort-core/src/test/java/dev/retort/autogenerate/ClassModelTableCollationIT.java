package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.runtime.Retort;
import dev.retort.schema.SchemaModel;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * f3-2: a {@code class:} model could not give a MariaDB table its collation, which a {@code sql:} model's
 * {@code COLLATE=} does: {@code t.collation("utf8mb4_bin")} now does, and is created and compared the same way.
 */
class ClassModelTableCollationIT {
    private static final String MODEL = """
            import dev.retort.autogenerate.ModelDefinition;
            import dev.retort.schema.*;

            public class Schema implements ModelDefinition {
                @Override public SchemaModel model() {
                    return SchemaBuilder.schema()
                        .table("tag", t -> t.collation("utf8mb4_bin")
                            .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                            .column("code", SqlType.string(20), c -> c.notNull())
                            .unique("uq_tag_code", "code"))
                        .table("named", t -> t.collation("utf8mb4_unicode_ci")
                            .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey()))
                        .table("plain", t -> t
                            .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey()))
                        .build();
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aClassModelsTableCollationIsCreatedAndCompared() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Schemas.execute(db, "ALTER DATABASE " + db.name() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            Files.createDirectories(dir.resolve("migrations/versions"));
            Files.createDirectories(dir.resolve("model"));
            Files.writeString(dir.resolve("model/Schema.java"), MODEL);
            RetortConfig config = config(db.url());

            Path revision = Autogenerator.generate(config, ScriptDirectory.load(config), "tags", false).orElseThrow();
            String text = Files.readString(revision);
            assertThat(text).contains("tableCollation(\"utf8mb4_bin\")");
            // the database's default, named: as a table without one
            assertThat(text).doesNotContain("utf8mb4_unicode_ci");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            SchemaModel live = Schemas.reflect(db);
            assertThat(live.table("tag").orElseThrow().collation()).isEqualTo("utf8mb4_bin");
            assertThat(live.table("named").orElseThrow().collation()).isNull();
            assertThat(DriftCheck.lines(config)).isEmpty();
            Schemas.execute(db, "INSERT INTO tag VALUES (1, 'A'), (2, 'a')"); // case-sensitive, as the model asks

            // converted to the default by hand: drift, with the statement that converts it back
            Schemas.execute(db, "DELETE FROM tag WHERE id = 2;\nALTER TABLE tag CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            assertThat(DriftCheck.lines(config)).anySatisfy(l -> assertThat(l)
                    .contains("table tag has the database's default collation in the database and collation utf8mb4_bin in the model"));
            assertThat(String.join("\n", DriftCheck.lines(config))).contains("ALTER TABLE tag CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");

            // t64-3: a table the model names the default for, made another by hand, is drift too (it was "no drift")
            Schemas.execute(db, "ALTER TABLE named CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            assertThat(DriftCheck.lines(config)).anySatisfy(l -> assertThat(l)
                    .contains("table named has collation utf8mb4_bin in the database and collation utf8mb4_unicode_ci in the model"));
            assertThat(String.join("\n", DriftCheck.lines(config)))
                    .contains("ALTER TABLE named CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            // while the plain table, naming none, still leaves a collation of its own alone
            Schemas.execute(db, "ALTER TABLE plain CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            assertThat(String.join("\n", DriftCheck.lines(config))).doesNotContain("table plain");
        }
    }

    /** Other engines have no table collations: left out, with a warning naming the tables. */
    @Test
    void elsewhereTableCollationsAreLeftOutWithAWarning() throws Exception {
        SchemaModel model = dev.retort.schema.SchemaBuilder.schema()
                .table("tag", t -> t.collation("utf8mb4_bin").column("id", dev.retort.schema.SqlType.of(
                        dev.retort.schema.SqlType.Kind.INTEGER), c -> c.primaryKey()))
                .build();
        String[] out = new String[1];
        String log = dev.retort.testing.Stderr.of(() -> out[0] = String.valueOf(ClassModelSource.tableCollations(model,
                new ModelContext(null, dev.retort.dialect.registry.Dialects.forName("postgresql"), null, null), "class:S")
                .tables().get(0).collation()));
        assertThat(out[0]).isEqualTo("null");
        assertThat(log).contains("class:S: table collations (tables [tag]) are MariaDB's and MySQL's; postgresql has none");
    }

    private RetortConfig config(String url) {
        return new RetortConfig(dir.resolve("retort.toml"), dir.resolve("migrations"),
                List.of(dir.resolve("migrations/versions")), url, url, "{rev}_{slug}", 40, "retort_version", "",
                "retort_history", false, "class:model/Schema.java", "UTC", java.time.Duration.ofSeconds(10), List.of(),
                Map.of(), List.of(), List.of());
    }
}
