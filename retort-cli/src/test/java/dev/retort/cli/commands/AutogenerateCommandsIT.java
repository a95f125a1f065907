package dev.retort.cli.commands;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code revision --autogenerate} and the drift part of {@code check}, end to end on SQLite. */
class AutogenerateCommandsIT {
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.runNoColor(dir.resolve("retort.toml"), args);
    }

    /** A project at {@code url} whose model is the file schema.sql holding {@code schema}. */
    private void modelProject(String url, String schema) throws IOException {
        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "%s"
                target_metadata = "sql:schema.sql"
                """.formatted(url));
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("schema.sql"), schema);
    }

    @Test
    void autogenerateUpgradeCheckAndDrift() throws IOException {
        modelProject("sqlite:///data/app.db", """
                CREATE TABLE author (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200));
                CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author (id),
                                   title VARCHAR(200) NOT NULL);
                CREATE INDEX ix_book_title ON book (title);
                """);

        CliRun gen = run("revision", "--autogenerate", "-m", "author and book", "--rev-id", "aaaa00000001");
        assertThat(gen.exit()).as(gen.err()).isZero();
        assertThat(gen.out()).startsWith("Generating ").contains("aaaa00000001_author_and_book.java ...  done");
        assertThat(gen.err()).contains("INFO  [retort] Detected added table 'author'", "Detected added table 'book'");
        Path file;
        try (Stream<Path> files = Files.list(dir.resolve("migrations/versions"))) {
            file = files.filter(p -> p.toString().endsWith(".java")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(file)).contains(String.join("\n",
                "        op.createTable(\"author\",",
                "                column(\"id\", INTEGER).notNull(),",
                "                column(\"name\", string(100)).notNull(),",
                "                column(\"email\", string(200)),",
                "                primaryKey(\"id\"));"), "op.dropTable(\"author\");");

        CliRun pending = run("check");
        assertThat(pending.exit()).isEqualTo(1);
        assertThat(pending.out()).contains("Target database is not up to date");
        // the step of adopting a database most often forgotten is its stamp: the message names what is pending and
        // both ways on, Alembic's sentence first (t37-6)
        CliRun behind = run("revision", "--autogenerate", "-m", "next");
        assertThat(behind.exit()).isEqualTo(1);
        assertThat(behind.err()).isEqualTo("FAILED: Target database is not up to date. 1 revision(s) pending:"
                + " aaaa00000001 (author and book). Apply them first with 'retort upgrade', or, if the database already"
                + " has their schema (a database adopted from another tool, not yet stamped), record that with"
                + " 'retort stamp aaaa00000001', then generate again.\n");

        assertThat(run("upgrade", "head").exit()).isZero();
        CliRun clean = run("check");
        assertThat(clean.exit()).isZero();
        assertThat(clean.out()).contains("No pending revisions").endsWith("; it matches the model (no drift).\n");
        assertThat(run("--json", "check").out()).isEqualToIgnoringWhitespace(
                "{\"up_to_date\": true, \"pending\": [], \"drift\": [], \"edited\": []}");

        CliRun nothing = run("revision", "--autogenerate", "-m", "nothing");
        assertThat(nothing.exit()).isZero();
        assertThat(nothing.out()).isEmpty();
        assertThat(nothing.err()).contains("No changes in schema detected; no revision file written.");

        Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE author (id INTEGER PRIMARY KEY, name VARCHAR(150), mail VARCHAR(200));
                CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author (id),
                                   title VARCHAR(200) NOT NULL DEFAULT 'untitled', isbn VARCHAR(20));
                """);
        CliRun drift = run("-q", "check");
        assertThat(drift.exit()).isEqualTo(1);
        // an altered column says what changes (t12-7), also with -q, which hides the "Detected ..." lines
        assertThat(drift.out()).isEqualTo("""
                The database differs from the model (5 change(s) would be generated):
                  drop index ix_book_title
                  alter column author.email -- RENAMED? column author.email -> mail: a dropped and an added column of the same type. Confirm, or replace with dropColumn + addColumn.
                  alter column author.name: type VARCHAR(100) -> VARCHAR(150), NULL
                  add column book.isbn
                  alter column book.title: default none -> 'untitled'
                """);
        CliRun json = run("--json", "check");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.out()).contains("\"drift\"", "add column book.isbn",
                        "\"alter column author.name: type VARCHAR(100) -> VARCHAR(150), NULL\"")
                .startsWith("{\n  \"up_to_date\" : false,\n  \"pending\" : [ ],\n  \"drift\" : [");

        CliRun second = run("revision", "--autogenerate", "-m", "rename and isbn");
        assertThat(second.exit()).isZero();
        // as docs/autogenerate.md shows them (t12-8)
        assertThat(second.err()).contains("INFO  [retort] Detected type change from VARCHAR(100) to VARCHAR(150) on 'author.name'",
                "INFO  [retort] Detected NULL on column 'author.name'");
        assertThat(run("upgrade", "head").exit()).isZero();
        assertThat(run("check").exit()).isZero();
        assertThat(run("downgrade", "base").exit()).isZero();
    }

    /** docs/autogenerate.md's class: model compiles as printed and gives the revision (t12-2). */
    @Test
    void theDocumentedClassModelCompilesAsPrinted() throws IOException {
        String page = Files.readString(Path.of("../docs/autogenerate.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```java\n((?:(?!```).)*implements ModelDefinition.*?)```",
                java.util.regex.Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("the class: model example of docs/autogenerate.md").isTrue();
        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "sqlite:///data/app.db"
                target_metadata = "class:model/Schema.java"
                """);
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(Files.createDirectories(dir.resolve("model")).resolve("Schema.java"), m.group(1));
        CliRun gen = run("revision", "--autogenerate", "-m", "add invoices", "--rev-id", "aaaa00000001");
        assertThat(gen.exit()).as(gen.err()).isZero();
        assertThat(gen.err()).contains("Detected added table 'account'");
    }

    /** A pg_dump model's domain, which autogenerate does not create: said at once, naming the column (it failed only at upgrade). */
    @Test
    void aTypeTheDatabaseDoesNotHaveIsNamedOnPostgres() throws IOException {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            modelProject(db.url(), """
                    CREATE DOMAIN year AS integer CHECK (VALUE >= 1901);
                    CREATE TABLE film (id int PRIMARY KEY, title varchar(20), release_year year, tags text[]);
                    """);
            CliRun check = run("check");
            assertThat(check.exit()).isEqualTo(1);
            assertThat(check.err()).contains("WARN  [retort] Column film.release_year has type 'year', which this database does not have")
                    .doesNotContain("film.title").doesNotContain("film.tags");
        }
    }

    /**
     * t18-4 and t18-1 end to end: a mariadb-dump --databases file is one database, and its case-sensitive key
     * keeps its collation through the generated revision, so both rows the model database takes are taken.
     */
    @Test
    void aMariaDbDumpsKeyKeepsItsCollation() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            modelProject(db.url(), """
                    CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;

                    USE `shop`;

                    CREATE TABLE `k` (
                      `name` varchar(50) COLLATE utf8mb4_bin NOT NULL,
                      PRIMARY KEY (`name`)
                    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                    """);
            CliRun gen = run("revision", "--autogenerate", "-m", "init", "--rev-id", "aaaa00000001");
            assertThat(gen.exit()).as(gen.err()).isZero();
            Path file;
            try (Stream<Path> files = Files.list(dir.resolve("migrations/versions"))) {
                file = files.filter(p -> p.toString().endsWith(".java")).findFirst().orElseThrow();
            }
            assertThat(Files.readString(file)).contains("column(\"name\", string(50)).notNull().collation(\"utf8mb4_bin\")");
            CliRun up = run("upgrade", "head");
            assertThat(up.exit()).as(up.err()).isZero();
            CliRun check = run("check");
            assertThat(check.exit()).as(check.out() + check.err()).isZero();
            try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
                st.execute("INSERT INTO k VALUES ('a'), ('A')");
            }
        }
    }
}
