package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.ops.Operation;
import dev.retort.runtime.Retort;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.Stderr;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static dev.retort.autogenerate.GeneratedRevisions.generate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * t57-6, t57-8: a column or table renamed together with a change made in place without loss (a naming convention's
 * {@code firstName varchar(50)} -> {@code first_name varchar(80)}, {@code customer} -> {@code client} with its id
 * widened) keeps its data through the revision and back; a rename that comes with another change is a drop and an
 * add whose drop is noted in the revision and warned of.
 */
class RenameWithChangesIT {
    @TempDir
    Path tmp;
    private int projects;

    private RetortConfig project(TestDatabase db) throws Exception {
        Path dir = tmp.resolve("project" + ++projects);
        Files.createDirectories(dir.resolve("migrations/versions"));
        return AutogeneratorIT.config(dir, db.url());
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aColumnRenamedAndWidenedKeepsItsData(Engine engine) throws Exception {
        String q = engine == Engine.POSTGRESQL ? "\"" : "`";
        String before = "CREATE TABLE person (id int PRIMARY KEY, " + q + "firstName" + q + " varchar(50), "
                + q + "userId" + q + " int NOT NULL);";
        try (TestDatabase db = TestDatabase.create(engine)) {
            RetortConfig config = project(db);
            Schemas.execute(db, before + "INSERT INTO person VALUES (1, 'Ann', 7);");
            Path model = config.baseDir().resolve("schema.sql");
            Files.writeString(model, "CREATE TABLE person (id int PRIMARY KEY, first_name varchar(80), user_id bigint NOT NULL);");
            String text = generate(config, "snake", "dddddddddd01");
            assertThat(text).contains("// RENAMED? column person.firstName -> first_name", "// RENAMED? column person.userId -> user_id")
                    .doesNotContain("op.dropColumn");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT first_name, user_id FROM person")).isEqualTo("Ann 7");

            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
            Files.writeString(model, before);
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT " + q + "firstName" + q + ", " + q + "userId" + q + " FROM person")).isEqualTo("Ann 7");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aTableRenamedWithAColumnWidenedKeepsItsRows(Engine engine) throws Exception {
        String before = "CREATE TABLE customer (id int PRIMARY KEY, email varchar(100));";
        try (TestDatabase db = TestDatabase.create(engine)) {
            RetortConfig config = project(db);
            Schemas.execute(db, before + "INSERT INTO customer VALUES (1, 'a@example.org');");
            Path model = config.baseDir().resolve("schema.sql");
            Files.writeString(model, "CREATE TABLE client (id bigint PRIMARY KEY, email varchar(100));");
            String text = generate(config, "client", "dddddddddd02");
            assertThat(text).contains("// RENAMED? table customer -> client").doesNotContain("op.dropTable");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT id, email FROM client")).isEqualTo("1 a@example.org");

            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
            Files.writeString(model, before);
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT id, email FROM customer")).isEqualTo("1 a@example.org");
        }
    }

    /** A rename that comes with a change that may lose data is not proposed: the drops carry a note and a warning. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aRenameWithANarrowerTypeIsANotedDrop(Engine engine) throws Exception {
        String q = engine == Engine.POSTGRESQL ? "\"" : "`";
        try (TestDatabase db = TestDatabase.create(engine)) {
            RetortConfig config = project(db);
            Schemas.execute(db, "CREATE TABLE person (id int PRIMARY KEY, " + q + "firstName" + q + " varchar(80));"
                    + "CREATE TABLE customer (id bigint PRIMARY KEY, email varchar(100));");
            Files.writeString(config.baseDir().resolve("schema.sql"), "CREATE TABLE person (id int PRIMARY KEY, first_name varchar(50));"
                    + "CREATE TABLE client (id int PRIMARY KEY, email varchar(100));");
            String[] text = new String[1];
            String log = Stderr.of(() -> text[0] = generate(config, "narrower", "dddddddddd03"));
            assertThat(text[0]).contains("// NOT RENAMED? column person.firstName is dropped while person.first_name is added",
                    "// NOT RENAMED? table customer is dropped while client is added");
            assertThat(text[0].indexOf("// NOT RENAMED? table customer")).isLessThan(text[0].indexOf("op.dropTable(\"customer\")"));
            assertThat(log).contains("WARN", "Column 'person.firstName' is dropped, with its data, while person.first_name is added",
                    "Table 'customer' is dropped, with its rows, while client is added");
        }
    }

    /**
     * t69-1: MariaDB's own integer types widened with a rename (sakila's keys: TINYINT UNSIGNED to SMALLINT UNSIGNED,
     * MEDIUMINT to INT, signed TINYINT to SMALLINT) are renames that keep the values, not a drop and an add that
     * fills the new column with 0.
     */
    @Test
    void aMariaDbColumnRenamedWithAWiderIntegerKeepsItsData() throws Exception {
        String before = "CREATE TABLE store_item (id int PRIMARY KEY, store_id TINYINT UNSIGNED NOT NULL,"
                + " qty_no SMALLINT UNSIGNED NOT NULL, shelf_no TINYINT, bin_no MEDIUMINT UNSIGNED);";
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            RetortConfig config = project(db);
            Schemas.execute(db, before + "INSERT INTO store_item VALUES (1, 255, 65535, -128, 16777215);");
            Path model = config.baseDir().resolve("schema.sql");
            Files.writeString(model, "CREATE TABLE store_item (id int PRIMARY KEY, storeId SMALLINT UNSIGNED NOT NULL,"
                    + " qtyNo INT UNSIGNED NOT NULL, shelfNo SMALLINT, binNo BIGINT);");
            String text = generate(config, "wider", "dddddddddd04");
            assertThat(text).contains("// RENAMED? column store_item.store_id -> storeId", "// RENAMED? column store_item.qty_no -> qtyNo",
                    "// RENAMED? column store_item.shelf_no -> shelfNo", "// RENAMED? column store_item.bin_no -> binNo")
                    .doesNotContain("op.dropColumn", "NOT RENAMED?");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT storeId, qtyNo FROM store_item")).isEqualTo("255 65535");
            assertThat(row(db, "SELECT shelfNo, binNo FROM store_item")).isEqualTo("-128 16777215");

            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
            Files.writeString(model, before);
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT store_id, qty_no FROM store_item")).isEqualTo("255 65535");
        }
    }

    /** t69-1: sakila's language renamed with its TINYINT UNSIGNED key (and film's foreign key column) widened. */
    @Test
    void aMariaDbTableRenamedWithItsUnsignedKeyWidenedKeepsItsRows() throws Exception {
        String before = "CREATE TABLE language (language_id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name CHAR(20) NOT NULL);"
                + "CREATE TABLE film (film_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY, language_id TINYINT UNSIGNED NOT NULL,"
                + " CONSTRAINT fk_film_language FOREIGN KEY (language_id) REFERENCES language (language_id));";
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            RetortConfig config = project(db);
            Schemas.execute(db, before + "INSERT INTO language VALUES (1, 'English'), (2, 'Italian');"
                    + "INSERT INTO film VALUES (1, 2);");
            Path model = config.baseDir().resolve("schema.sql");
            Files.writeString(model, "CREATE TABLE lang (language_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name CHAR(20) NOT NULL);"
                    + "CREATE TABLE film (film_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY, language_id SMALLINT UNSIGNED NOT NULL,"
                    + " CONSTRAINT fk_film_language FOREIGN KEY (language_id) REFERENCES lang (language_id));");
            String text = generate(config, "lang", "dddddddddd05");
            assertThat(text).contains("// RENAMED? table language -> lang").doesNotContain("op.dropTable", "NOT RENAMED?");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT l.name, f.film_id FROM film f JOIN lang l ON l.language_id = f.language_id")).isEqualTo("Italian 1");

            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
            Files.writeString(model, before);
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT l.name, f.film_id FROM film f JOIN language l ON l.language_id = f.language_id")).isEqualTo("Italian 1");
        }
    }

    /** t69-1: H2's TINYINT widened to SMALLINT with a rename. */
    @Test
    void anH2TinyintRenamedAndWidenedKeepsItsData() throws Exception {
        String before = "CREATE TABLE film (film_id int PRIMARY KEY, language_id TINYINT NOT NULL);";
        try (TestDatabase db = TestDatabase.create(Engine.H2)) {
            RetortConfig config = project(db);
            Schemas.execute(db, before + "INSERT INTO film VALUES (1, 127);");
            Path model = config.baseDir().resolve("schema.sql");
            Files.writeString(model, "CREATE TABLE film (film_id int PRIMARY KEY, \"languageId\" SMALLINT NOT NULL);");
            String text = generate(config, "wider", "dddddddddd06");
            assertThat(text).contains("// RENAMED? column film.language_id -> languageId").doesNotContain("op.dropColumn");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT film_id, \"languageId\" FROM film")).isEqualTo("1 127");

            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
            Files.writeString(model, before);
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT film_id, language_id FROM film")).isEqualTo("1 127");
        }
    }

    /**
     * t69-4: where column names ignore case (MariaDB, SQLite), {@code name CHAR(20)} -> {@code Name VARCHAR(30)} is one
     * column renamed and altered, also with a change that is not a widening ({@code code INT} -> {@code Code SMALLINT}):
     * an add of {@code Name} next to {@code name} fails "Duplicate column name", and a drop and add would lose the data.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "SQLITE"})
    void aColumnWhoseNameChangesOnlyInCaseIsRenamedWhereNamesIgnoreCase(Engine engine) throws Exception {
        String before = "CREATE TABLE language (id int PRIMARY KEY, name CHAR(20) NOT NULL, code int);";
        try (TestDatabase db = TestDatabase.create(engine)) {
            RetortConfig config = project(db);
            Schemas.execute(db, before + "INSERT INTO language VALUES (1, 'English', 7);");
            Path model = config.baseDir().resolve("schema.sql");
            Files.writeString(model, "CREATE TABLE language (id int PRIMARY KEY, Name VARCHAR(30) NOT NULL, Code smallint);");
            String[] text = new String[1];
            String log = Stderr.of(() -> text[0] = generate(config, "case", "dddddddddd07"));
            assertThat(text[0]).contains("// RENAMED? column language.name -> Name: names that differ only in case",
                    "// RENAMED? column language.code -> Code: names that differ only in case", "op.renameColumn(\"language\", \"name\", \"Name\")")
                    .doesNotContain("op.dropColumn", "op.addColumn", "NOT RENAMED?");
            assertThat(log).contains("WARN", "Column 'language.name' is 'Name' in the model");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as(text[0]).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT Name, Code FROM language")).isEqualTo("English 7");

            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
            Files.writeString(model, before);
            assertThat(DriftCheck.run(config)).as(text[0]).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT name, code FROM language")).isEqualTo("English 7");
        }
    }

    /**
     * t69-7: a column renamed that generated columns read: one whose expression only follows the rename is left to the
     * engine, which rewrites it (no alterColumn, whose downgrade came before the rename back and named a column not
     * there yet); one whose expression changes too is altered in the new names, and back in them before the rename back.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void aColumnThatGeneratedColumnsReadIsRenamedBothWays(Engine engine) throws Exception {
        String as = engine == Engine.MARIADB ? " AS (%s) VIRTUAL" : " GENERATED ALWAYS AS (%s)";
        String before = "CREATE TABLE inv (id int PRIMARY KEY, note varchar(40), note_len int" + as.formatted("char_length(note)")
                + ", note_more int" + as.formatted("char_length(note) + 1") + ");";
        try (TestDatabase db = TestDatabase.create(engine)) {
            RetortConfig config = project(db);
            Schemas.execute(db, before + "INSERT INTO inv (id, note) VALUES (1, 'hello');");
            Path model = config.baseDir().resolve("schema.sql");
            Files.writeString(model, "CREATE TABLE inv (id int PRIMARY KEY, no_te varchar(40), note_len int" + as.formatted("char_length(no_te)")
                    + ", note_more int" + as.formatted("char_length(no_te) + 2") + ");");
            String text = generate(config, "rename", "dddddddddd08");
            assertThat(text).contains("op.renameColumn(\"inv\", \"note\", \"no_te\")").doesNotContain("\"note_len\"");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT note_len, note_more FROM inv")).isEqualTo("5 7");

            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
            Files.writeString(model, before);
            assertThat(DriftCheck.run(config)).as(text).extracting(Operation::describe).isEmpty();
            assertThat(row(db, "SELECT note, note_more FROM inv")).isEqualTo("hello 6");
        }
    }

    private static String row(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1) + " " + rs.getString(2);
        }
    }
}
