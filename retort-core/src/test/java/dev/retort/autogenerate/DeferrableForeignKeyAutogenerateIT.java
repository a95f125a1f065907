package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.ops.Operation;
import dev.retort.runtime.Retort;
import dev.retort.schema.Deferral;
import dev.retort.schema.ForeignKey;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.Stderr;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.retort.autogenerate.GeneratedRevisions.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * t37-4: a sql: model with deferrable foreign keys (as Django makes them, added by ALTER TABLE) gives a Java
 * revision that writes the deferral, compiles and runs; the drift check is clean then, reports a key whose deferral
 * alone changed, and a second revision re-creates it; no warning says the clause is lost.
 */
class DeferrableForeignKeyAutogenerateIT {
    private static final String V1 = """
            CREATE TABLE p (id INTEGER PRIMARY KEY);
            CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER, q_id INTEGER, r_id INTEGER,
                CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED,
                CONSTRAINT c_q_fk FOREIGN KEY (q_id) REFERENCES p (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
                CONSTRAINT c_r_fk FOREIGN KEY (r_id) REFERENCES p (id));
            """;
    /** Only the deferrals differ: deferred becomes immediate, deferrable becomes deferred, the plain key deferrable. */
    private static final String V2 = """
            CREATE TABLE p (id INTEGER PRIMARY KEY);
            CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER, q_id INTEGER, r_id INTEGER,
                CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id),
                CONSTRAINT c_q_fk FOREIGN KEY (q_id) REFERENCES p (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                CONSTRAINT c_r_fk FOREIGN KEY (r_id) REFERENCES p (id) DEFERRABLE);
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "SQLITE"})
    void autogenerateWritesTheDeferralAndCheckComparesIt(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path project = dir.resolve(engine.name().toLowerCase());
            Files.createDirectories(project.resolve("migrations/versions"));
            Files.writeString(project.resolve("schema.sql"), V1);
            RetortConfig config = AutogeneratorIT.config(project, db.url());
            Clock clock = Clock.fixed(Instant.parse("2026-01-22T10:30:00Z"), ZoneOffset.UTC);

            String[] text = new String[1];
            String err = Stderr.of(() -> {
                Path first = Autogenerator.generate(config, ScriptDirectory.load(config), request("keys", "aaaaaaaaaaa1"), clock)
                        .map(RevisionGenerator.Generated::path).orElseThrow();
                text[0] = Files.readString(first);
            });
            assertThat(err).doesNotContain("DEFERRABLE");
            assertThat(text[0]).contains("foreignKey(\"p_id\").references(\"p\", \"id\").named(\"c_p_fk\").initiallyDeferred()",
                    "foreignKey(\"q_id\").references(\"p\", \"id\").named(\"c_q_fk\").onDelete(\"CASCADE\").deferrable()",
                    "foreignKey(\"r_id\").references(\"p\", \"id\").named(\"c_r_fk\"));");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(deferrals(db)).isEqualTo(Map.of("c_p_fk", Deferral.INITIALLY_DEFERRED,
                    "c_q_fk", Deferral.INITIALLY_IMMEDIATE, "c_r_fk", Deferral.NOT_DEFERRABLE));
            assertThat(DriftCheck.run(config)).as("drift after the first revision").isEmpty();

            Files.writeString(project.resolve("schema.sql"), V2);
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).containsExactlyInAnyOrder(
                    "drop foreign key c_p_fk on c", "drop foreign key c_q_fk on c", "drop foreign key c_r_fk on c",
                    "create foreign key c_p_fk on c", "create foreign key c_q_fk on c", "create foreign key c_r_fk on c");
            Path second = Autogenerator.generate(config, ScriptDirectory.load(config), request("deferrals", "bbbbbbbbbbb2"), clock)
                    .map(RevisionGenerator.Generated::path).orElseThrow();
            assertThat(Files.readString(second)).contains(
                    "op.createForeignKey(\"c_q_fk\", \"c\", foreignKey(\"q_id\").references(\"p\", \"id\").onDelete(\"CASCADE\").initiallyDeferred());",
                    "op.createForeignKey(\"c_r_fk\", \"c\", foreignKey(\"r_id\").references(\"p\", \"id\").deferrable());",
                    "op.createForeignKey(\"c_p_fk\", \"c\", foreignKey(\"p_id\").references(\"p\", \"id\"));");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(deferrals(db)).isEqualTo(Map.of("c_p_fk", Deferral.NOT_DEFERRABLE,
                    "c_q_fk", Deferral.INITIALLY_DEFERRED, "c_r_fk", Deferral.INITIALLY_IMMEDIATE));
            assertThat(DriftCheck.run(config)).as("drift after the second revision").isEmpty();

            Retort.of(config, ScriptDirectory.load(config)).downgrade("aaaaaaaaaaa1");
            assertThat(deferrals(db)).isEqualTo(Map.of("c_p_fk", Deferral.INITIALLY_DEFERRED,
                    "c_q_fk", Deferral.INITIALLY_IMMEDIATE, "c_r_fk", Deferral.NOT_DEFERRABLE));
            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
        }
    }

    /** By name on PostgreSQL; SQLite keeps a key's CONSTRAINT name in its CREATE TABLE, which reflection reads. */
    private static Map<String, Deferral> deferrals(TestDatabase db) throws Exception {
        return Schemas.reflect(db).tables().stream().filter(t -> t.name().equals("c")).findFirst().orElseThrow()
                .foreignKeys().stream().collect(Collectors.toMap(ForeignKey::name, ForeignKey::deferral));
    }
}
