package dev.retort.cli.commands;

import dev.retort.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code revision --autogenerate} and the drift part of {@code check}, end to end on SQLite. */
class AutogenerateCommandsIT {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("-c", dir.resolve("retort.toml").toString(), "--no-color"));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void autogenerateUpgradeCheckAndDrift() throws IOException {
        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "sqlite:///data/app.db"
                target_metadata = "sql:schema.sql"
                """);
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE author (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200));
                CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author (id),
                                   title VARCHAR(200) NOT NULL);
                CREATE INDEX ix_book_title ON book (title);
                """);

        Result gen = run("revision", "--autogenerate", "-m", "author and book", "--rev-id", "aaaa00000001");
        assertThat(gen.code()).as(gen.err()).isZero();
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

        Result pending = run("check");
        assertThat(pending.code()).isEqualTo(1);
        assertThat(pending.out()).contains("Target database is not up to date");

        assertThat(run("upgrade", "head").code()).isZero();
        Result clean = run("check");
        assertThat(clean.code()).isZero();
        assertThat(clean.out()).contains("No pending revisions").endsWith("; it matches the model (no drift).\n");
        assertThat(run("--json", "check").out()).isEqualToIgnoringWhitespace(
                "{\"up_to_date\": true, \"pending\": [], \"drift\": []}");

        Result nothing = run("revision", "--autogenerate", "-m", "nothing");
        assertThat(nothing.code()).isZero();
        assertThat(nothing.out()).isEmpty();
        assertThat(nothing.err()).contains("No changes in schema detected; no revision file written.");

        Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE author (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, mail VARCHAR(200));
                CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author (id),
                                   title VARCHAR(200) NOT NULL, isbn VARCHAR(20));
                """);
        Result drift = run("check");
        assertThat(drift.code()).isEqualTo(1);
        assertThat(drift.out()).isEqualTo("""
                The database differs from the model (3 change(s) would be generated):
                  drop index ix_book_title
                  alter column author.email -- RENAMED? column author.email -> mail: a dropped and an added column of the same type. Confirm, or replace with dropColumn + addColumn.
                  add column book.isbn
                """);
        Result json = run("--json", "check");
        assertThat(json.code()).isEqualTo(1);
        assertThat(json.out()).contains("\"drift\"", "add column book.isbn")
                .startsWith("{\n  \"up_to_date\" : false,\n  \"pending\" : [ ],\n  \"drift\" : [");

        Result second = run("revision", "--autogenerate", "-m", "rename and isbn");
        assertThat(second.code()).isZero();
        assertThat(run("upgrade", "head").code()).isZero();
        assertThat(run("check").code()).isZero();
        assertThat(run("downgrade", "base").code()).isZero();
    }
}
