package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.testing.Engine;
import dev.retort.testing.Stderr;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t64-1: a collation the server lacks, in a MariaDB or SQLite {@code class:} model, was not warned about at check or
 * autogenerate (PostgreSQL's is), and the revision failed at upgrade. Now named in a warning; known ones are not.
 */
class UnknownCollationWarningIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "SQLITE"})
    void aCollationTheServerLacksIsNamedInAWarning(Engine engine) throws Exception {
        boolean mariadb = engine == Engine.MARIADB;
        String known = mariadb ? "utf8mb4_uca1400_ai_ci" : "nocase";
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model/Schema.java"), """
                import dev.retort.autogenerate.ModelDefinition;
                import dev.retort.schema.*;

                public class Schema implements ModelDefinition {
                    @Override public SchemaModel model() {
                        return SchemaBuilder.schema()
                            .table("newt", t -> t%s
                                .column("id", SqlType.of(SqlType.Kind.BIGINT), c -> c.primaryKey())
                                .column("s", SqlType.string(10), c -> c.collation("utf8mb4_alsonot"))
                                .column("k", SqlType.string(10), c -> c.collation("%s")))
                            .build();
                    }
                }
                """.formatted(mariadb ? ".collation(\"utf8mb4_nosuch\")" : "", known));
        try (TestDatabase db = TestDatabase.create(engine)) {
            RetortConfig config = config(db.url());
            String log = Stderr.of(() -> DriftCheck.lines(config));
            assertThat(log).contains("Column newt.s has collation utf8mb4_alsonot, which this database does not have ("
                    + (mariadb ? "SHOW COLLATION lists those it has" : "SQLite has BINARY, NOCASE and RTRIM")).doesNotContain("newt.k");
            if (mariadb) assertThat(log).contains("Table newt has collation utf8mb4_nosuch, which this database does not have");
        }
    }

    private RetortConfig config(String url) {
        return new RetortConfig(dir.resolve("retort.toml"), dir.resolve("migrations"),
                List.of(dir.resolve("migrations/versions")), url, url, "{rev}_{slug}", 40, "retort_version", "",
                "retort_history", false, "class:model/Schema.java", "UTC", java.time.Duration.ofSeconds(10), List.of(),
                Map.of(), List.of(), List.of());
    }
}
