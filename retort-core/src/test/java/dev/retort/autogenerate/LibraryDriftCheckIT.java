package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.runtime.Retort;
import dev.retort.testing.Engine;
import dev.retort.testing.StubDataSource;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The drift check from an application (library-api.md, "Checking the schema model"): a test asserting that the
 * migrations build the schema the model describes, on the application's DataSource.
 */
class LibraryDriftCheckIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theMigrationsAreComparedWithTheModelOnTheApplicationsDataSource(Engine engine) throws Exception {
        Path model = Files.writeString(dir.resolve("model.sql"),
                "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50), email VARCHAR(100));\n");
        writeRevision("CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50));");
        try (TestDatabase db = TestDatabase.create(engine)) {
            StubDataSource pool = () -> DriverManager.getConnection(db.url());
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).dataSource(pool)
                    .targetMetadata("sql:" + model.toAbsolutePath()).build();

            assertThat(DriftCheck.lines(retort)).containsExactly("create table account");
            retort.upgrade("head");
            assertThat(DriftCheck.lines(retort)).as("a revision that forgot a column")
                    .containsExactly("add column account.email");
            assertThat(DriftCheck.diff(retort).upgrade()).extracting(o -> o.describe())
                    .containsExactly("add column account.email");

            Files.writeString(model, "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50));\n");
            assertThat(DriftCheck.lines(retort)).as("the model the revisions build").isEmpty();
        }
    }

    /** A SQLite file not created yet is an empty database, and reading it does not create it. */
    @Test
    void aMissingSqliteFileIsReadAsEmptyAndNotCreated() throws Exception {
        Path model = Files.writeString(dir.resolve("model.sql"), "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
        writeRevision("CREATE TABLE a (id INTEGER PRIMARY KEY);");
        Path file = dir.resolve("data/app.db");
        Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:sqlite:" + file)
                .targetMetadata("sql:" + model.toAbsolutePath()).build();

        assertThat(DriftCheck.lines(retort)).containsExactly("create table a");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void withoutAModelTheMessageSaysHowToGiveOne() throws Exception {
        writeRevision("CREATE TABLE a (id INTEGER PRIMARY KEY);");
        Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:sqlite:" + dir.resolve("app.db")).build();

        assertThatThrownBy(() -> DriftCheck.lines(retort)).isInstanceOf(RetortException.class)
                .hasMessageContaining("needs the schema model").hasMessageContaining(".targetMetadata(\"jpa:");
        assertThatThrownBy(() -> Retort.builder().targetMetadata("com.example.entities"))
                .isInstanceOf(RetortException.class).hasMessageContaining("has no prefix");
        assertThatThrownBy(() -> Retort.builder().targetMetadata(null))
                .isInstanceOf(RetortException.class).hasMessageContaining("not given");
    }

    private void writeRevision(String create) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(versions.resolve("a.sql"), """
                -- retort:revision aaaa00000001
                -- retort:message accounts
                -- retort:upgrade
                %s
                -- retort:downgrade
                DROP TABLE %s;
                """.formatted(create, create.replaceFirst("CREATE TABLE (\\w+).*", "$1")));
    }
}
