package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.ops.Operation;
import dev.retort.runtime.Retort;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on every engine: a sql: model, autogenerate writes a Java (or SQL) revision, Retort compiles
 * and applies it, the drift check is then clean; a changed model gives a second revision; downgrading
 * both leaves the database as it started.
 */
class AutogeneratorIT {
    private static final String V1 = """
            CREATE TABLE author (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200),
                                 created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
            CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL, title VARCHAR(200) NOT NULL,
                               price NUMERIC(8,2) DEFAULT 0,
                               CONSTRAINT fk_book_author FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE CASCADE,
                               CONSTRAINT ck_book_price CHECK (price >= 0));
            CREATE INDEX ix_book_title ON book (title);
            CREATE UNIQUE INDEX ux_author_email ON author (email);
            """;
    private static final String V2 = """
            CREATE TABLE author (id INTEGER PRIMARY KEY, name VARCHAR(150) NOT NULL, email VARCHAR(200),
                                 created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, bio TEXT);
            CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL, title VARCHAR(200) NOT NULL,
                               price NUMERIC(8,2) DEFAULT 0, isbn VARCHAR(20),
                               CONSTRAINT fk_book_author FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE CASCADE,
                               CONSTRAINT ck_book_price CHECK (price >= 0));
            CREATE INDEX ix_book_isbn ON book (isbn);
            CREATE UNIQUE INDEX ux_author_email ON author (email);
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void javaRevisionsFromTheModelAndBack(Engine engine) throws Exception {
        run(engine, false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sqlRevisionsFromTheModelAndBack(Engine engine) throws Exception {
        run(engine, true);
    }

    private void run(Engine engine, boolean sqlFile) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path project = dir.resolve(engine.name().toLowerCase());
            Files.createDirectories(project.resolve("migrations/versions"));
            Files.writeString(project.resolve("schema.sql"), V1);
            RetortConfig config = config(project, db.url());
            Clock clock = Clock.fixed(Instant.parse("2026-01-22T10:30:00Z"), ZoneOffset.UTC);

            Optional<Path> first = Autogenerator.generate(config, ScriptDirectory.load(config), request("create author and book",
                    sqlFile, "aaaaaaaaaaa1"), clock).map(RevisionGenerator.Generated::path);
            assertThat(first).isPresent();
            String text = Files.readString(first.get());
            assertThat(text).contains(sqlFile ? "-- retort:revision aaaaaaaaaaa1" : "@Revision(id = \"aaaaaaaaaaa1\"");
            if (!sqlFile) assertThat(text).contains("op.createTable(\"author\"", "op.dropTable(\"book\");");

            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as("drift after the first revision").isEmpty();
            assertThat(Autogenerator.generate(config, ScriptDirectory.load(config), "nothing", sqlFile)).isEmpty();

            Files.writeString(project.resolve("schema.sql"), V2);
            List<Operation> drift = DriftCheck.run(config);
            assertThat(drift).extracting(Operation::describe).contains("add column author.bio", "drop index ix_book_title");
            Optional<Path> second = Autogenerator.generate(config, ScriptDirectory.load(config), request("bio and isbn",
                    sqlFile, "bbbbbbbbbbb2"), clock).map(RevisionGenerator.Generated::path);
            assertThat(second).isPresent();
            assertThat(Files.readString(second.get())).contains("aaaaaaaaaaa1");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as("drift after the second revision").isEmpty();

            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
            assertThat(Schemas.reflect(db).tables()).extracting(t -> t.name())
                    .allMatch(n -> n.toLowerCase().matches("retort_(version|history|lock)"));
        }
    }

    private static RevisionGenerator.Request request(String message, boolean sql, String id) {
        return new RevisionGenerator.Request(message, sql, List.of("head"), false, List.of(), List.of(), id, null, null, null, List.of());
    }

    static RetortConfig config(Path project, String url) {
        return new RetortConfig(project.resolve("retort.toml"), project.resolve("migrations"),
                List.of(project.resolve("migrations/versions")), url, url, "{rev}_{slug}", 40, "retort_version", "",
                "retort_history", false, "sql:schema.sql", "UTC", java.time.Duration.ofSeconds(10), List.of(), Map.of(),
                List.of(), List.of());
    }
}
