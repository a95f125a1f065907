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
 * t56-2: an adoption baseline generated from a dump silently left out the model's views, routines and triggers, which
 * autogenerate does not create: those the database lacks are now named in a warning.
 */
class UncreatedObjectsIT {
    @TempDir
    Path dir;

    @Test
    void postgresViewsFunctionsAndTriggersOfTheModelAreNamed() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            RetortConfig config = project(db);
            Files.writeString(dir.resolve("schema.sql"), """
                    CREATE TABLE public.film (id int PRIMARY KEY, title text, updated timestamp);
                    CREATE VIEW public.film_list AS SELECT id, title FROM public.film;
                    CREATE MATERIALIZED VIEW public.film_count AS SELECT count(*) AS n FROM public.film;
                    CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN NEW.updated := now(); RETURN NEW; END $$;
                    CREATE TRIGGER film_touch BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION public.touch();
                    """);
            String log = captured(() -> DriftCheck.diff(config));
            assertThat(log).contains("schema.sql: the model has 2 views (film_count, film_list), 1 function or procedure"
                    + " (touch), 1 trigger (film_touch on film), which this database lacks and autogenerate does not create");
            assertThat(log).contains("add them to a revision by hand");

            // an adopted database that has them (and its table): nothing to say
            Schemas.execute(db, Files.readString(dir.resolve("schema.sql")));
            assertThat(captured(() -> DriftCheck.diff(config))).doesNotContain("autogenerate does not create");
        }
    }

    @Test
    void mariaDbViewsRoutinesAndTriggersOfTheModelAreNamed() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            RetortConfig config = project(db);
            Files.writeString(dir.resolve("schema.sql"), """
                    CREATE TABLE film (id INT PRIMARY KEY, title VARCHAR(50), updated DATETIME);
                    CREATE VIEW film_list AS SELECT id, title FROM film;
                    CREATE TRIGGER film_touch BEFORE UPDATE ON film FOR EACH ROW SET NEW.updated = NOW();
                    CREATE FUNCTION film_title(i INT) RETURNS VARCHAR(50) READS SQL DATA RETURN (SELECT title FROM film WHERE id = i);
                    """);
            String log = captured(() -> DriftCheck.diff(config));
            assertThat(log).contains("schema.sql: the model has 1 view (film_list), 1 function or procedure (film_title),"
                    + " 1 trigger (film_touch), which this database lacks and autogenerate does not create");

            Schemas.execute(db, "CREATE TABLE film (id INT PRIMARY KEY, title VARCHAR(50), updated DATETIME);\n"
                    + "CREATE VIEW film_list AS SELECT id, title FROM film;");
            assertThat(captured(() -> DriftCheck.diff(config)))
                    .contains("the model has 1 function or procedure (film_title), 1 trigger (film_touch), which this database lacks")
                    .doesNotContain("film_list");
        }
    }

    /**
     * f3-1: MariaDB shows a SELECT-only user no routines and no triggers; the warning said the database "lacks" them.
     * It now says they could not be read and which grant shows them; views, which it sees, are still compared.
     */
    @Test
    void mariaDbRoutinesAndTriggersHiddenFromTheUserAreNotCalledMissing() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            String schema = """
                    CREATE TABLE film (id INT PRIMARY KEY, title VARCHAR(50), updated DATETIME);
                    CREATE VIEW film_list AS SELECT id, title FROM film;
                    CREATE VIEW film_ids AS SELECT id FROM film;
                    CREATE TRIGGER film_touch BEFORE UPDATE ON film FOR EACH ROW SET NEW.updated = NOW();
                    CREATE FUNCTION film_title(i INT) RETURNS VARCHAR(50) READS SQL DATA RETURN (SELECT title FROM film WHERE id = i);
                    """;
            Files.writeString(dir.resolve("schema.sql"), schema);
            Schemas.execute(db, schema.replace("CREATE VIEW film_ids AS SELECT id FROM film;\n", ""));
            String user = "f31u" + Long.toString(System.nanoTime(), 36);
            admin("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'ro-pass-12'");
            try {
                admin("GRANT SELECT ON `" + db.name() + "`.* TO '" + user + "'@'%'");
                admin("GRANT ALL ON `retort\\_scratch\\_%`.* TO '" + user + "'@'%'");
                Files.createDirectories(dir.resolve("migrations/versions"));
                RetortConfig config = AutogeneratorIT.config(dir, db.urlAs(user, "ro-pass-12"));
                String grantee = "'" + user + "'@'%'";

                String log = captured(() -> DriftCheck.diff(config));
                assertThat(log).contains("schema.sql: the model has 1 view (film_ids), which this database lacks")
                        .doesNotContain("film_title), 1 trigger (film_touch), which this database lacks")
                        .contains("schema.sql: the model has 1 function or procedure (film_title), 1 trigger (film_touch),"
                                + " which autogenerate does not create; whether this database has them could not be read")
                        .contains("GRANT EXECUTE ON `" + db.name() + "`.* TO " + grantee)
                        .contains("GRANT TRIGGER ON `" + db.name() + "`.* TO " + grantee + " shows the triggers");

                // with the rights to see them, the database has them: nothing more to say of them
                admin("GRANT EXECUTE, TRIGGER ON `" + db.name() + "`.* TO '" + user + "'@'%'");
                assertThat(captured(() -> DriftCheck.diff(config))).doesNotContain("film_title").doesNotContain("film_touch")
                        .contains("the model has 1 view (film_ids), which this database lacks");
            } finally {
                admin("DROP USER '" + user + "'@'%'");
            }
        }
    }

    /**
     * t66-6: on SQLite the model's views, triggers and virtual (FTS) tables were left out without a word, while
     * PostgreSQL and MariaDB named them. Named alike now, compared by name as SQLite compares names (ASCII case).
     */
    @Test
    void sqliteViewsTriggersAndVirtualTablesOfTheModelAreNamed() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            RetortConfig config = project(db);
            Files.writeString(dir.resolve("schema.sql"), """
                    CREATE TABLE film (id INTEGER PRIMARY KEY, title TEXT, updated TEXT);
                    CREATE VIEW film_list AS SELECT id, title FROM film;
                    CREATE VIEW film_ids AS SELECT id FROM film;
                    CREATE TRIGGER film_touch AFTER UPDATE ON film BEGIN
                        UPDATE film SET updated = datetime('now') WHERE id = NEW.id;
                    END;
                    CREATE VIRTUAL TABLE film_text USING fts5(title, description);
                    CREATE VIRTUAL TABLE film_old_text USING fts4(title);
                    """);
            String log = captured(() -> DriftCheck.diff(config));
            assertThat(log).contains("schema.sql: the model has 2 views (film_ids, film_list), 1 trigger (film_touch),"
                    + " 2 virtual tables (film_old_text, film_text), which this database lacks and autogenerate does not"
                    + " create").contains("add them to a revision by hand");
            // the shadow tables of the FTS tables are neither named nor part of the model
            assertThat(log).doesNotContain("film_text_data").doesNotContain("film_old_text_content");
            assertThat(DriftCheck.diff(config).upgrade()).hasSize(1);

            // the database has some of them, one spelt in another case, which SQLite takes for the same name
            Schemas.execute(db, """
                    CREATE TABLE film (id INTEGER PRIMARY KEY, title TEXT, updated TEXT);
                    CREATE VIEW FILM_LIST AS SELECT id, title FROM film;
                    CREATE VIRTUAL TABLE film_text USING fts5(title, description);
                    """);
            assertThat(captured(() -> DriftCheck.diff(config)))
                    .contains("the model has 1 view (film_ids), 1 trigger (film_touch), 1 virtual table (film_old_text),"
                            + " which this database lacks")
                    .doesNotContain("film_list").doesNotContain("FILM_LIST").doesNotContain("(film_text");
        }
    }

    /** t66-6: sakila's SQLite dump, 5 views (actor_info is commented out there) and 30 triggers, named (ten of each). */
    @Test
    void sqliteSakilaDumpsViewsAndTriggersAreNamed() throws Exception {
        Path sakila = SchemaFiles.file("sqlite", "sakila.sql");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(sakila), sakila + " not found; skipping");
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            RetortConfig config = project(db);
            Files.copy(sakila, dir.resolve("schema.sql"));
            assertThat(captured(() -> DriftCheck.diff(config))).contains("schema.sql: the model has 5 views ("
                    + "customer_list, film_list, sales_by_film_category, sales_by_store, staff_list), 30 triggers"
                    + " (actor_trigger_ai, actor_trigger_au, address_trigger_ai,").contains(", ... 20 more)")
                    .contains("which this database lacks and autogenerate does not create");
        }
    }

    private static void admin(String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestDatabase.MARIADB_ADMIN_URL);
             java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private RetortConfig project(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        return AutogeneratorIT.config(dir, db.url());
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
