package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.runtime.Retort;
import dev.retort.schema.SchemaModel;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An appended PostgreSQL enum value: the downgrade leaves it, so the upgrade must run again after it. */
class EnumValueIT {
    @TempDir
    Path dir;

    @Test
    void upgradeDowngradeUpgrade() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE person (id int PRIMARY KEY, m mood);");
            SchemaModel model = Schemas.model(Engine.POSTGRESQL,
                    "CREATE TYPE mood AS ENUM ('sad', 'ok', 'meh'); CREATE TABLE person (id int PRIMARY KEY, m mood);");
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            assertThat(RevisionSource.javaBodies(diff).upgrade()).contains("op.addEnumValueIfNotExists(\"mood\", \"meh\", List.of(\"sad\", \"ok\"));");
            Schemas.apply(db, diff.upgrade());
            Schemas.apply(db, diff.downgrade());
            Schemas.apply(db, diff.upgrade());
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
    }

    /** A value inserted between others goes in its place, BEFORE the next existing value (t7-4). */
    @Test
    void insertedValuesGoBeforeTheirNextNeighbour() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE p (id int PRIMARY KEY, m mood);");
            SchemaModel model = Schemas.model(Engine.POSTGRESQL,
                    "CREATE TYPE mood AS ENUM ('meh0', 'sad', 'meh', 'meh2', 'ok', 'happy', 'glad'); CREATE TABLE p (id int PRIMARY KEY, m mood);");
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            assertThat(RevisionSource.javaBodies(diff).upgrade()).contains(
                    "op.invoke(new AddEnumValue(null, \"mood\", \"meh\", \"ok\", null, true, List.of(\"meh0\", \"sad\", \"ok\", \"happy\")));",
                    "op.addEnumValueIfNotExists(\"mood\", \"glad\", List.of(\"meh0\", \"sad\", \"meh\", \"meh2\", \"ok\", \"happy\"));");
            Schemas.apply(db, diff.upgrade());
            assertThat(Schemas.reflect(db).enums().get(0).values()).containsExactly("meh0", "sad", "meh", "meh2", "ok", "happy", "glad");
            assertThat(SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything()).entries()).isEmpty();
        }
    }

    /** A removed or reordered value cannot be generated, but it is a difference: a TODO in the revision, drift for check. */
    @Test
    void reorderedValuesAreDriftThatCheckReports() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Files.writeString(dir.resolve("schema.sql"), "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE p (id INT PRIMARY KEY, m mood);");
            generate(config, "aaaaaaaaaaa1", false);
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.diff(config).entries()).isEmpty();
            Files.writeString(dir.resolve("schema.sql"), "CREATE TYPE mood AS ENUM ('ok', 'sad', 'happy'); CREATE TABLE p (id INT PRIMARY KEY, m mood);");
            SchemaComparator.Diff drift = DriftCheck.diff(config);
            assertThat(drift.entries()).singleElement().satisfies(e -> {
                assertThat(e.operation()).isNull();
                assertThat(e.note()).startsWith("TODO: enum type mood is [sad, ok, happy] in the database and [ok, sad, happy]");
            });
            assertThat(generate(config, "aaaaaaaaaaa2", false)).contains("// TODO: enum type mood");
        }
    }

    /**
     * A new value used in the same revision (here as a default): PostgreSQL refuses its use before the
     * ADD VALUE commits, so the generated revision runs outside a transaction, and says why.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNewValueUsedInTheSameRevision(boolean sqlFile) throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Files.writeString(dir.resolve("schema.sql"), "CREATE TYPE mood AS ENUM ('happy', 'sad'); CREATE TABLE p (id INT PRIMARY KEY, m mood);");
            generate(config, "aaaaaaaaaaa1", sqlFile);
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            Files.writeString(dir.resolve("schema.sql"),
                    "CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok'); CREATE TABLE p (id INT PRIMARY KEY, m mood DEFAULT 'ok');");
            String text = generate(config, "aaaaaaaaaaa2", sqlFile);
            assertThat(text).contains(sqlFile ? "-- retort:transactional false" : "transactional = false)", "PostgreSQL lets a new enum value");

            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).isEmpty();
            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
        }
    }

    private static String generate(RetortConfig config, String id, boolean sqlFile) throws Exception {
        RevisionGenerator.Request request = new RevisionGenerator.Request("change", sqlFile, List.of("head"), false,
                List.of(), List.of(), id, null, null, null, List.of());
        Path file = Autogenerator.generate(config, ScriptDirectory.load(config), request, Clock.systemUTC()).orElseThrow().path();
        String text = Files.readString(file);
        assertThat(text).as("the first revision runs in a transaction").satisfies(t -> {
            if (id.endsWith("1")) assertThat(t).doesNotContain("transactional");
        });
        return text;
    }
}
