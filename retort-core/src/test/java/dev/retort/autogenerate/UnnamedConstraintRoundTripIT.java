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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t7-3: CHECK, UNIQUE and FOREIGN KEY constraints a model adds without a name are created under a name where the
 * engine drops constraints only by name, so that the downgrade removes them (no leftovers, no duplicates on the
 * next upgrade), and neither a database built by the revisions nor one loaded from the model file drifts.
 */
class UnnamedConstraintRoundTripIT {
    private static final String START = """
            CREATE TABLE staff (staff_id INT PRIMARY KEY, username VARCHAR(16) NOT NULL);
            CREATE TABLE payment (payment_id INT PRIMARY KEY, staff_id INT NOT NULL, amount NUMERIC(7, 2) NOT NULL);
            """;
    private static final String MODEL = """
            CREATE TABLE staff (staff_id INT PRIMARY KEY, username VARCHAR(16) NOT NULL, UNIQUE (username));
            CREATE TABLE payment (payment_id INT PRIMARY KEY, staff_id INT NOT NULL, amount NUMERIC(7, 2) NOT NULL CHECK (amount >= 0),
                FOREIGN KEY (staff_id) REFERENCES staff (staff_id));
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void downgradeRemovesWhatTheUpgradeAdded(Engine engine) throws Exception {
        try (TestDatabase built = TestDatabase.create(engine); TestDatabase loaded = TestDatabase.create(engine)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, built.url());
            Files.writeString(dir.resolve("schema.sql"), START);
            generate(config, "start", "bbbbbbbbbbb1");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");

            Files.writeString(dir.resolve("schema.sql"), MODEL);
            String text = generate(config, "constraints", "bbbbbbbbbbb2");
            assertThat(text).doesNotContain("(null", "not reversible", "TODO");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(drift(config)).as("revision:\n%s", text).isEmpty();

            Schemas.execute(loaded, MODEL);
            RetortConfig loadedConfig = AutogeneratorIT.config(dir, loaded.url());
            Retort.of(loadedConfig, ScriptDirectory.load(loadedConfig)).stamp("head", false);
            assertThat(drift(loadedConfig)).as("loaded from the model file").isEmpty();

            Retort.of(config, ScriptDirectory.load(config)).downgrade("bbbbbbbbbbb1");
            Files.writeString(dir.resolve("schema.sql"), START);
            assertThat(drift(config)).as("after the downgrade, revision:\n%s", text).isEmpty();

            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            Files.writeString(dir.resolve("schema.sql"), MODEL);
            assertThat(drift(config)).as("upgraded again").isEmpty();
        }
    }

    private static List<String> drift(RetortConfig config) {
        return DriftCheck.run(config).stream().map(Operation::describe).toList();
    }

    private String generate(RetortConfig config, String message, String id) throws Exception {
        Path rev = Autogenerator.generate(config, ScriptDirectory.load(config),
                new RevisionGenerator.Request(message, false, List.of("head"), false, List.of(), List.of(), id, null, null, null,
                        List.of()), Clock.fixed(Instant.parse("2026-01-22T10:30:00Z"), ZoneOffset.UTC)).orElseThrow().path();
        return Files.readString(rev);
    }
}
