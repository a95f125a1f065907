package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL: an index of the model that needs an operator class or a function the database lacks is named in a
 * warning when the revision is generated, as a column type the database lacks is (t7-6).
 */
class IndexDependenciesIT {
    @TempDir
    Path dir;

    @Test
    void missingOperatorClassAndFunctionAreWarnedAbout() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Files.writeString(dir.resolve("schema.sql"), """
                    CREATE EXTENSION IF NOT EXISTS pg_trgm;
                    CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
                    CREATE TABLE a (id int PRIMARY KEY, n text, m text);
                    CREATE INDEX ix_a_trgm ON a USING gin (n gin_trgm_ops);
                    CREATE INDEX ix_a_norm ON a (norm(n));
                    CREATE INDEX ix_a_lower ON a (lower(m)) WHERE m <> 'x(';
                    """);
            String log = captured(() -> DriftCheck.diff(config));
            assertThat(log).contains("Index ix_a_trgm on a uses operator class 'gin_trgm_ops', which this database does not have",
                    "Index ix_a_norm on a uses function 'norm', which this database does not have");
            assertThat(log).doesNotContain("function 'lower'");

            Schemas.execute(db, "CREATE EXTENSION IF NOT EXISTS pg_trgm; "
                    + "CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;");
            assertThat(captured(() -> DriftCheck.diff(config))).doesNotContain("which this database does not have");
        }
    }

    /** r9-8: a column's collation the database lacks (netbox's natural_sort) is named likewise. */
    @Test
    void missingCollationIsWarnedAbout() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Files.writeString(dir.resolve("schema.sql"), """
                    CREATE COLLATION natural_sort (provider = icu, locale = 'und-u-kn-true');
                    CREATE TABLE d (id int PRIMARY KEY, name varchar(64) COLLATE natural_sort, c text COLLATE "C.utf8");
                    """);
            String log = captured(() -> DriftCheck.diff(config));
            assertThat(log).contains("Column d.name has collation natural_sort, which this database does not have")
                    .doesNotContain("C.utf8");
            Schemas.execute(db, "CREATE COLLATION natural_sort (provider = icu, locale = 'und-u-kn-true')");
            assertThat(captured(() -> DriftCheck.diff(config))).doesNotContain("which this database does not have");
        }
    }

    /** t57-16: an array of an enum type the same revision creates is no unknown type; one of a domain still is. */
    @Test
    void anArrayOfAnEnumTheRevisionCreatesIsNotWarnedAbout() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Files.writeString(dir.resolve("schema.sql"), """
                    CREATE TYPE mood AS ENUM ('sad', 'ok');
                    CREATE TYPE "Level" AS ENUM ('lo', 'hi');
                    CREATE DOMAIN pos AS int CHECK (VALUE > 0);
                    CREATE TABLE t (id int PRIMARY KEY, moods mood[] DEFAULT '{ok}', grid mood[][], levels "Level"[], ps pos[]);
                    """);
            String log = captured(() -> DriftCheck.diff(config));
            assertThat(log).doesNotContain("Column t.moods").doesNotContain("Column t.grid").doesNotContain("Column t.levels")
                    .contains("Column t.ps has type 'pos', which this database does not have");
        }
    }

    private static String captured(Runnable r) {
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true));
        try {
            r.run();
        } finally {
            System.setErr(err);
        }
        return out.toString();
    }
}
