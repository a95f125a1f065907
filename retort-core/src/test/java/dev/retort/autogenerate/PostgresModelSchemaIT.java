package dev.retort.autogenerate;

import dev.retort.dialect.registry.Dialects;
import dev.retort.ops.Operation;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A PostgreSQL {@code sql:} model is read from the schema the database is compared in, the connection's own:
 * a project on {@code ?currentSchema=app} with a {@code pg_dump -n app} model (t56-8, t57-4), and a user who may
 * not create databases with a {@code public.}-qualified dump (t57-12) or not even schemas (t56-9).
 */
class PostgresModelSchemaIT {
    /** What {@code pg_dump -s -n app} writes for {@link #APP}. */
    private static final String APP_DUMP = """
            SET statement_timeout = 0;
            SELECT pg_catalog.set_config('search_path', '', false);
            SET client_min_messages = warning;
            CREATE SCHEMA app;
            ALTER SCHEMA app OWNER TO postgres;
            CREATE TYPE app.mood AS ENUM ('sad', 'ok');
            ALTER TYPE app.mood OWNER TO postgres;
            CREATE TABLE app.customer (id integer NOT NULL, email text NOT NULL, m app.mood DEFAULT 'ok'::app.mood);
            ALTER TABLE app.customer OWNER TO postgres;
            CREATE SEQUENCE app.customer_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
            ALTER TABLE app.customer_id_seq OWNER TO postgres;
            ALTER SEQUENCE app.customer_id_seq OWNED BY app.customer.id;
            CREATE TABLE app.orders (id integer NOT NULL, customer_id integer NOT NULL, total numeric(10,2));
            ALTER TABLE app.orders OWNER TO postgres;
            ALTER TABLE ONLY app.customer ALTER COLUMN id SET DEFAULT nextval('app.customer_id_seq'::regclass);
            ALTER TABLE ONLY app.customer ADD CONSTRAINT customer_email_key UNIQUE (email);
            ALTER TABLE ONLY app.customer ADD CONSTRAINT customer_pkey PRIMARY KEY (id);
            ALTER TABLE ONLY app.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
            CREATE INDEX orders_total ON app.orders USING btree (total);
            ALTER TABLE ONLY app.orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app.customer(id);
            REVOKE USAGE ON SCHEMA app FROM PUBLIC;
            GRANT SELECT ON TABLE app.orders TO PUBLIC;
            """;
    private static final String APP = """
            CREATE SCHEMA app;
            CREATE TYPE app.mood AS ENUM ('sad', 'ok');
            CREATE TABLE app.customer (id serial PRIMARY KEY, email text NOT NULL UNIQUE, m app.mood DEFAULT 'ok');
            CREATE TABLE app.orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES app.customer (id), total numeric(10,2));
            CREATE INDEX orders_total ON app.orders (total);
            INSERT INTO app.customer (email) VALUES ('a@example.org');
            """;

    @TempDir
    Path dir;

    /** t56-8, t57-4: a dump of the compared schema itself is no drift; it was read from public and every table looked removed. */
    @Test
    void aDumpOfTheConnectionsSchemaMatchesTheDatabase() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, APP);
            Files.writeString(dir.resolve("schema.sql"), APP_DUMP);
            assertThat(describe(diff(db.url() + "&currentSchema=app"))).isEmpty();

            // the same model, unqualified as a hand-written file is: made in app all the same
            Files.writeString(dir.resolve("schema.sql"), APP.replace("app.", "").replace("CREATE SCHEMA app;", "")
                    .replaceAll("INSERT.*", ""));
            assertThat(describe(diff(db.url() + "&currentSchema=app"))).isEmpty();
        }
    }

    /** t56-8: the adoption baseline against an empty database on schema app creates the model's tables there. */
    @Test
    void aBaselineOnAnEmptyNonPublicSchemaCreatesTheModel() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, "CREATE SCHEMA app");
            Files.writeString(dir.resolve("schema.sql"), APP_DUMP);
            assertThat(describe(diff(db.url() + "&currentSchema=app")))
                    .contains("create enum type mood", "create table customer", "create table orders");
        }
    }

    /** What {@code pg_dump -s} writes of {@link #PUBLIC}: every name qualified with public. */
    private static final String PUBLIC_DUMP = """
            SELECT pg_catalog.set_config('search_path', '', false);
            CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
            COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';
            CREATE TYPE public.mood AS ENUM ('sad', 'ok');
            ALTER TYPE public.mood OWNER TO postgres;
            CREATE TABLE public.author (id integer NOT NULL, name text, m public.mood DEFAULT 'ok'::public.mood);
            ALTER TABLE public.author OWNER TO postgres;
            CREATE SEQUENCE public.author_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
            ALTER SEQUENCE public.author_id_seq OWNED BY public.author.id;
            CREATE TABLE public.book (id integer NOT NULL, author_id integer);
            ALTER TABLE ONLY public.author ALTER COLUMN id SET DEFAULT nextval('public.author_id_seq'::regclass);
            ALTER TABLE ONLY public.author ADD CONSTRAINT author_pkey PRIMARY KEY (id);
            ALTER TABLE ONLY public.book ADD CONSTRAINT book_pkey PRIMARY KEY (id);
            CREATE INDEX book_author ON public.book USING btree (author_id);
            ALTER TABLE ONLY public.book ADD CONSTRAINT book_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.author(id);
            GRANT SELECT ON TABLE public.book TO PUBLIC;
            """;
    private static final String PUBLIC = """
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE TYPE mood AS ENUM ('sad', 'ok');
            CREATE TABLE author (id serial PRIMARY KEY, name text, m mood DEFAULT 'ok');
            CREATE TABLE book (id integer PRIMARY KEY, author_id integer REFERENCES author (id));
            CREATE INDEX book_author ON book (author_id);
            """;

    /**
     * t57-12: a user without CREATEDB (but CREATE on the database) loads a public.-qualified dump in a scratch schema
     * on the database: its tables are the model (they were left out silently, and an empty database matched).
     */
    @Test
    void aPublicDumpIsTheModelForAUserWithoutCreatedb() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            String role = db.name() + "_user";
            admin("CREATE ROLE " + role + " LOGIN NOCREATEDB");
            try {
                Schemas.execute(db, "CREATE EXTENSION pg_trgm; GRANT CREATE ON DATABASE " + db.name() + " TO " + role
                        + "; GRANT ALL ON SCHEMA public TO " + role);
                Files.writeString(dir.resolve("schema.sql"), PUBLIC_DUMP);
                assertThat(describe(diff(db.urlAs(role, null))))
                        .containsExactlyInAnyOrder("create enum type mood", "create table author", "create table book");

                Schemas.execute(db, PUBLIC);
                assertThat(describe(diff(db.urlAs(role, null)))).isEmpty();
            } finally {
                admin("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
                admin("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    /**
     * t56-9: a read-only user (TEMP only) loads the dump in the session's temporary schema: a dump of the database
     * is no drift (it failed with "permission denied for schema public", the dump's names reaching public).
     */
    @Test
    void aPublicDumpLoadsForAReadOnlyUser() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            String role = db.name() + "_ro";
            admin("CREATE ROLE " + role + " LOGIN NOCREATEDB");
            try {
                Schemas.execute(db, PUBLIC);
                Schemas.execute(db, "GRANT USAGE ON SCHEMA public TO " + role + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
                Files.writeString(dir.resolve("schema.sql"), PUBLIC_DUMP);
                assertThat(describe(diff(db.urlAs(role, null)))).isEmpty();

                Files.writeString(dir.resolve("schema.sql"), PUBLIC_DUMP.replace("name text,", "name text, born date,"));
                assertThat(describe(diff(db.urlAs(role, null)))).containsExactly("add column author.born");
            } finally {
                admin("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
                admin("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    /**
     * t56-1: a dump of the database whose indexes use an extension's operator class and a function, which the dump
     * names with public. and the database does not: no drift (it was a DROP INDEX and CREATE INDEX of each), for
     * each kind of scratch; a different operator class is still a change.
     */
    @Test
    void schemaQualifiedIndexPartsOfADumpAreNoDrift() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            String live = """
                    CREATE EXTENSION IF NOT EXISTS pg_trgm;
                    CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower(t)';
                    CREATE TABLE c (id int PRIMARY KEY, name text, amount numeric CHECK (norm(name) <> ''));
                    CREATE INDEX c_trgm ON c USING gin (lower(name) gin_trgm_ops);
                    CREATE INDEX c_norm ON c (norm(name)) WHERE norm(name) <> 'x';
                    """;
            String dump = """
                    SELECT pg_catalog.set_config('search_path', '', false);
                    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
                    CREATE FUNCTION public.norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower(t)';
                    CREATE TABLE public.c (id integer NOT NULL, name text, amount numeric,
                        CONSTRAINT c_name_check CHECK ((public.norm(name) <> ''::text)));
                    ALTER TABLE ONLY public.c ADD CONSTRAINT c_pkey PRIMARY KEY (id);
                    CREATE INDEX c_trgm ON public.c USING gin (lower(name) public.gin_trgm_ops);
                    CREATE INDEX c_norm ON public.c USING btree (public.norm(name)) WHERE (public.norm(name) <> 'x'::text);
                    """;
            Schemas.execute(db, live);
            Files.writeString(dir.resolve("schema.sql"), dump);
            assertThat(describe(diff(db.url()))).as("in a scratch database").isEmpty();

            String role = db.name() + "_user";
            admin("CREATE ROLE " + role + " LOGIN NOCREATEDB");
            try {
                Schemas.execute(db, "GRANT CREATE ON DATABASE " + db.name() + " TO " + role + "; GRANT USAGE ON SCHEMA public TO " + role
                        + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
                assertThat(describe(diff(db.urlAs(role, null)))).as("in a scratch schema").isEmpty();
                Schemas.execute(db, "REVOKE CREATE ON DATABASE " + db.name() + " FROM " + role);
                assertThat(describe(diff(db.urlAs(role, null)))).as("in pg_temp").isEmpty();
            } finally {
                admin("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
                admin("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    /** t56-1: a real difference in such an index is still one. */
    @Test
    void aDifferentIndexKeyIsStillAChange() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, """
                    CREATE EXTENSION IF NOT EXISTS pg_trgm;
                    CREATE TABLE c (id int PRIMARY KEY, name text);
                    CREATE INDEX c_trgm ON c USING gin (lower(name) gin_trgm_ops);
                    """);
            Files.writeString(dir.resolve("schema.sql"), """
                    SELECT pg_catalog.set_config('search_path', '', false);
                    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
                    CREATE TABLE public.c (id integer PRIMARY KEY, name text);
                    CREATE INDEX c_trgm ON public.c USING gin (upper(name) public.gin_trgm_ops);
                    """);
            assertThat(describe(diff(db.url()))).containsExactly("drop index c_trgm", "create index c_trgm on c");
        }
    }

    /**
     * t59-9: a currentSchema that names no schema ({@code App} unquoted, folded to app; a typo) is refused, naming the
     * search_path and the quoted spelling; it compared nothing and said "no drift" (the warning said public).
     */
    @Test
    void aCurrentSchemaNamingNoSchemaIsRefused() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, "CREATE SCHEMA \"App\"; CREATE TABLE public.other (id int)");
            Files.writeString(dir.resolve("schema.sql"), "CREATE SCHEMA \"App\"; CREATE TABLE \"App\".person (id int PRIMARY KEY);");
            assertThatThrownBy(() -> diff(db.url() + "&currentSchema=App"))
                    .isInstanceOf(dev.retort.RetortException.class)
                    .hasMessageContaining("search_path (App")
                    .hasMessageContaining("names no schema of database " + db.name())
                    .hasMessageContaining("currentSchema=\"App\"");
            assertThatThrownBy(() -> diff(db.url() + "&currentSchema=nosuch"))
                    .isInstanceOf(dev.retort.RetortException.class)
                    .hasMessageContaining("search_path (nosuch")
                    .hasMessageContaining("Create the schema, or correct its name");
            // spelled as created: compared with App, which lacks the table
            assertThat(describe(diff(db.url() + "&currentSchema=%22App%22"))).containsExactly("create table person");
        }
    }

    /**
     * t59-1: the index of a dump's PRIMARY KEY / UNIQUE constraint (ALTER TABLE ONLY public.pay ADD CONSTRAINT pay_pkey)
     * counts as the file's: its ALTER INDEX ... ATTACH PARTITION and COMMENT ON INDEX reached the database's index
     * ("must be owner of index pay_pkey") for a user with CREATE on the database and for a read-only user.
     */
    @Test
    void aPartitionedPrimaryKeyOfADumpLoadsWithoutCreatedb() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            String cr = db.name() + "_cr";
            String ro = db.name() + "_ro";
            admin("CREATE ROLE " + cr + " LOGIN NOCREATEDB");
            admin("CREATE ROLE " + ro + " LOGIN NOCREATEDB");
            try {
                Schemas.execute(db, """
                        CREATE TABLE pay (id int, d date, PRIMARY KEY (id, d)) PARTITION BY RANGE (d);
                        CREATE TABLE pay_2022 PARTITION OF pay FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
                        CREATE TABLE x (id int PRIMARY KEY, e text NOT NULL UNIQUE);
                        COMMENT ON INDEX x_e_key IS 'ek';
                        """);
                Schemas.execute(db, "GRANT CREATE ON DATABASE " + db.name() + " TO " + cr + "; GRANT USAGE ON SCHEMA public TO "
                        + cr + ", " + ro + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + cr + ", " + ro);
                Files.writeString(dir.resolve("schema.sql"), """
                        SELECT pg_catalog.set_config('search_path', '', false);
                        CREATE TABLE public.pay (id integer NOT NULL, d date NOT NULL) PARTITION BY RANGE (d);
                        CREATE TABLE public.pay_2022 (id integer NOT NULL, d date NOT NULL);
                        CREATE TABLE public.x (id integer NOT NULL, e text NOT NULL);
                        ALTER TABLE ONLY public.pay ATTACH PARTITION public.pay_2022 FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
                        ALTER TABLE ONLY public.pay ADD CONSTRAINT pay_pkey PRIMARY KEY (id, d);
                        ALTER TABLE ONLY public.pay_2022 ADD CONSTRAINT pay_2022_pkey PRIMARY KEY (id, d);
                        ALTER TABLE ONLY public.x ADD CONSTRAINT x_e_key UNIQUE (e);
                        ALTER TABLE ONLY public.x ADD CONSTRAINT x_pkey PRIMARY KEY (id);
                        COMMENT ON INDEX public.x_e_key IS 'ek';
                        ALTER INDEX public.pay_pkey ATTACH PARTITION public.pay_2022_pkey;
                        """);
                assertThat(describe(diff(db.urlAs(cr, null)))).isEmpty();
                assertThat(describe(diff(db.urlAs(ro, null)))).isEmpty();
            } finally {
                admin("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
                admin("DROP ROLE IF EXISTS " + cr);
                admin("DROP ROLE IF EXISTS " + ro);
            }
        }
    }

    /**
     * t59-2: a dump's CREATE SCHEMA of a schema the database has (ext, for extensions) is left out in a scratch
     * schema and in pg_temp: it failed with "schema already exists" / "permission denied for database".
     */
    @Test
    void aDumpWithTheDatabasesSecondSchemaLoadsWithoutCreatedb() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            String cr = db.name() + "_cr";
            String ro = db.name() + "_ro";
            admin("CREATE ROLE " + cr + " LOGIN NOCREATEDB");
            admin("CREATE ROLE " + ro + " LOGIN NOCREATEDB");
            try {
                Schemas.execute(db, """
                        CREATE SCHEMA ext;
                        CREATE EXTENSION pg_trgm WITH SCHEMA ext;
                        CREATE TABLE c (id int PRIMARY KEY, name text);
                        CREATE INDEX c_trgm ON c USING gin (lower(name) ext.gin_trgm_ops);
                        """);
                Schemas.execute(db, "GRANT CREATE ON DATABASE " + db.name() + " TO " + cr + "; GRANT USAGE ON SCHEMA public, ext TO "
                        + cr + ", " + ro + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + cr + ", " + ro);
                Files.writeString(dir.resolve("schema.sql"), """
                        SELECT pg_catalog.set_config('search_path', '', false);
                        CREATE SCHEMA ext;
                        ALTER SCHEMA ext OWNER TO postgres;
                        COMMENT ON SCHEMA ext IS 'extensions';
                        CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ext;
                        COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';
                        CREATE TABLE public.c (id integer NOT NULL, name text);
                        ALTER TABLE ONLY public.c ADD CONSTRAINT c_pkey PRIMARY KEY (id);
                        CREATE INDEX c_trgm ON public.c USING gin (lower(name) ext.gin_trgm_ops);
                        """);
                assertThat(describe(diff(db.urlAs(cr, null)))).isEmpty();
                assertThat(describe(diff(db.urlAs(ro, null)))).isEmpty();
                assertThat(describe(diff(db.url()))).isEmpty();
            } finally {
                admin("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
                admin("DROP ROLE IF EXISTS " + cr);
                admin("DROP ROLE IF EXISTS " + ro);
            }
        }
    }

    private SchemaComparator.Diff diff(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            return Autogenerator.diff(AutogeneratorIT.config(dir, url), Dialects.forName("postgresql"), c);
        }
    }

    static java.util.List<String> describe(SchemaComparator.Diff diff) {
        return diff.upgrade().stream().map(Operation::describe).toList();
    }

    static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.PG_ADMIN_URL); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
