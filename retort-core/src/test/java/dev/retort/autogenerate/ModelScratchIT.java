package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sql: model is loaded into a scratch database and must never change the user's own: a dump's
 * {@code DROP SCHEMA x; CREATE SCHEMA x; USE x;} on MariaDB (where it once dropped and refilled a real
 * database), and whatever the file does outside the scratch schema on PostgreSQL when the user may not
 * create databases.
 */
class ModelScratchIT {
    @TempDir
    Path dir;

    @Test
    void mariaDbDumpPreambleStaysInTheScratchDatabase() throws Exception {
        try (TestDatabase target = TestDatabase.create(Engine.MARIADB); TestDatabase victim = TestDatabase.create(Engine.MARIADB)) {
            try (Connection c = DriverManager.getConnection(victim.url()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE important (id INT PRIMARY KEY, v TEXT)");
                s.execute("INSERT INTO important VALUES (1, 'precious')");
            }
            String v = victim.name();
            Files.writeString(dir.resolve("schema.sql"), """
                    DROP SCHEMA IF EXISTS %1$s;
                    CREATE SCHEMA %1$s;
                    USE %1$s;
                    CREATE TABLE important (id INT PRIMARY KEY, v TEXT, extra INT);
                    CREATE VIEW important_ids AS SELECT i.id FROM %1$s.important i;
                    """.formatted(v));
            SchemaModel model = load(target);
            assertThat(model.tables()).extracting(t -> t.name()).contains("important");
            assertThat(model.tables().stream().filter(t -> t.name().equals("important")).findFirst().orElseThrow().columns())
                    .extracting(c -> c.name()).contains("extra");
            try (Connection c = DriverManager.getConnection(victim.url()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM important")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("precious");
            }

            Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id INT);\nDROP TABLE " + v + ".important;\n");
            assertThatThrownBy(() -> load(target)).isInstanceOf(RetortException.class)
                    .hasMessageContaining("schema.sql line 2").hasMessageContaining("'" + v + "'");
        }
    }

    @Test
    void postgresWithoutCreatedbRightLeavesTheTargetUntouched() throws Exception {
        try (TestDatabase target = TestDatabase.create(Engine.POSTGRESQL)) {
            String role = target.name() + "_user";
            try (Connection c = DriverManager.getConnection(target.url()); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB");
                s.execute("ALTER DATABASE " + target.name() + " OWNER TO " + role);
                s.execute("CREATE TABLE public.keepme (id INT)");
                s.execute("ALTER TABLE public.keepme OWNER TO " + role);
            }
            try {
                Files.writeString(dir.resolve("schema.sql"), """
                        CREATE TABLE item (id INT PRIMARY KEY);
                        SELECT pg_catalog.set_config('search_path', '', false);
                        DROP TABLE public.keepme;
                        CREATE TABLE public.leaked (id INT);
                        """);
                String url = target.urlAs(role, null);
                SchemaModel model;
                try (Connection c = DriverManager.getConnection(url)) {
                    model = load(config(url), target.engine(), c);
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW search_path")) {
                        rs.next();
                        assertThat(rs.getString(1)).as("the session's search_path afterwards").contains("public");
                    }
                }
                // public stands in for the compared schema, public: its table is the model's, made in the scratch (t57-12)
                assertThat(model.tables()).extracting(t -> t.name()).containsExactlyInAnyOrder("item", "leaked");
                try (Connection c = DriverManager.getConnection(target.url()); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables"
                             + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("keepme");
                }
            } finally {
                try (Connection c = DriverManager.getConnection(TestDatabase.PG_ADMIN_URL); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + target.name() + " WITH (FORCE)");
                    s.execute("DROP ROLE IF EXISTS " + role);
                }
            }
        }
    }

    /**
     * t30-4: a user that may neither create databases nor schemas (a CI or read-only user) loads the model in the
     * session's temporary schema, which the default TEMP right allows; a failure there names the rights that give
     * the file a scratch of its own.
     */
    @Test
    void postgresWithoutCreateRightsUsesTheTemporarySchema() throws Exception {
        try (TestDatabase target = TestDatabase.create(Engine.POSTGRESQL)) {
            String role = target.name() + "_ro";
            try (Connection c = DriverManager.getConnection(target.url()); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB");
                s.execute("CREATE TABLE public.keepme (id INT)");
            }
            try {
                Files.writeString(dir.resolve("schema.sql"), """
                        CREATE TYPE mood AS ENUM ('calm', 'busy');
                        CREATE TABLE account (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL, m mood);
                        CREATE TABLE item (id INT PRIMARY KEY, account_id INT REFERENCES account (id));
                        CREATE INDEX item_account ON item (account_id);
                        """);
                String url = target.urlAs(role, null);
                SchemaModel model;
                try (Connection c = DriverManager.getConnection(url)) {
                    model = load(config(url), target.engine(), c);
                }
                assertThat(model.tables()).extracting(t -> t.name()).containsExactlyInAnyOrder("account", "item");
                dev.retort.schema.Table item = model.tables().stream().filter(t -> t.name().equals("item")).findFirst().orElseThrow();
                // in the compared schema, as from a scratch schema of its own: no pg_temp_N in the model
                assertThat(item.foreignKeys()).singleElement().satisfies(fk -> {
                    assertThat(fk.refTable()).isEqualTo("account");
                    assertThat(fk.refSchema()).isNull();
                });
                assertThat(item.indexes()).extracting(i -> i.name()).contains("item_account");
                try (Connection c = DriverManager.getConnection(target.url()); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables"
                             + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("keepme");
                }

                Files.writeString(dir.resolve("schema.sql"), """
                        CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1';
                        CREATE TABLE t (id INT DEFAULT one());
                        """);
                try (Connection c = DriverManager.getConnection(url)) {
                    assertThatThrownBy(() -> load(config(url), target.engine(), c)).isInstanceOf(RetortException.class)
                            .hasMessageContaining("schema.sql line 2")
                            .hasMessageContaining("temporary schema")
                            .hasMessageContaining("CREATEDB, or CREATE on database " + target.name());
                }
            } finally {
                try (Connection c = DriverManager.getConnection(TestDatabase.PG_ADMIN_URL); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + target.name() + " WITH (FORCE)");
                    s.execute("DROP ROLE IF EXISTS " + role);
                }
            }
        }
    }

    /** A class model's table in another schema than the one compared: refused, naming it, instead of drift forever. */
    @Test
    void aClassModelTableInAnotherSchemaIsRefused() throws Exception {
        try (TestDatabase target = TestDatabase.create(Engine.POSTGRESQL); Connection c = target.connect()) {
            assertThatThrownBy(() -> ModelSources.load("class:" + AuditModel.class.getName(), new ModelContext(config(target.url()),
                    Dialects.forName("postgresql"), c, ModelScratchIT.class.getClassLoader())))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("table audit.audit_log is in schema 'audit', but autogenerate compares one schema, 'public'");
        }
    }

    public static final class AuditModel implements ModelDefinition {
        @Override
        public SchemaModel model() {
            return dev.retort.schema.SchemaBuilder.schema().table("audit_log", t -> t.schema("audit")
                    .column("id", dev.retort.schema.SqlType.of(dev.retort.schema.SqlType.Kind.INTEGER), col -> col.primaryKey())).build();
        }
    }

    /**
     * t57-11: the scratch database of a MariaDB sql: model has the application's database's default collation, so a
     * table's COLLATE= means there what it means in the database: phabricator's databases are utf8mb4_bin, and so are
     * its tables; neither a table that names it nor one that does not is drift.
     */
    @Test
    void mariaDbScratchHasTheDatabasesDefaultCollation() throws Exception {
        try (TestDatabase target = TestDatabase.create(Engine.MARIADB)) {
            String ddl = "CREATE TABLE named (id INT PRIMARY KEY, k VARCHAR(10)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;\n"
                    + "CREATE TABLE plain (id INT PRIMARY KEY, k VARCHAR(10));\n";
            Schemas.execute(target, "ALTER DATABASE " + target.name() + " COLLATE utf8mb4_bin");
            Schemas.execute(target, ddl);
            Files.writeString(dir.resolve("schema.sql"), ddl);
            SchemaModel model = load(target);
            assertThat(model.tables()).allSatisfy(t -> assertThat(t.collation()).as(t.name()).isNull());
            assertThat(SchemaComparator.compare(Schemas.reflect(target), model, Schemas.dialect(target))).isEmpty();
        }
    }

    /**
     * f3-3: a file whose CREATE DATABASE states utf8mb4_bin makes its tables utf8mb4_bin where they name none; the
     * scratch took the application database's default instead, so such a table was "the database's default" in the
     * model, and a database made from the file was drift. Told against the database's default, a table with the
     * file's default now has it, and one naming the database's default has none.
     */
    @Test
    void mariaDbScratchHasTheFilesCreateDatabaseDefaults() throws Exception {
        try (TestDatabase target = TestDatabase.create(Engine.MARIADB)) {
            Schemas.execute(target, "ALTER DATABASE " + target.name() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            Files.writeString(dir.resolve("schema.sql"), """
                    CREATE DATABASE /*!32312 IF NOT EXISTS*/ `app` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin */;
                    USE `app`;
                    CREATE TABLE plain (id INT PRIMARY KEY, k VARCHAR(10));
                    CREATE TABLE named (id INT PRIMARY KEY, k VARCHAR(10)) COLLATE=utf8mb4_unicode_ci;
                    CREATE TABLE other (id INT PRIMARY KEY, k VARCHAR(10)) COLLATE=utf8mb4_general_ci;
                    """);
            SchemaModel model = load(target);
            assertThat(model.table("plain").orElseThrow().collation()).isEqualTo("utf8mb4_bin");
            assertThat(model.table("named").orElseThrow().collation()).isNull();
            assertThat(model.table("other").orElseThrow().collation()).isEqualTo("utf8mb4_general_ci");

            // the database made from the file (in the application's database, with its own default) is no drift
            Schemas.execute(target, "CREATE TABLE plain (id INT PRIMARY KEY, k VARCHAR(10)) COLLATE=utf8mb4_bin;\n"
                    + "CREATE TABLE named (id INT PRIMARY KEY, k VARCHAR(10));\n"
                    + "CREATE TABLE other (id INT PRIMARY KEY, k VARCHAR(10)) COLLATE=utf8mb4_general_ci;");
            assertThat(SchemaComparator.compare(Schemas.reflect(target), model, Schemas.dialect(target))).isEmpty();

            // a collation the server does not have: named with the file's line
            Files.writeString(dir.resolve("schema.sql"), "CREATE DATABASE app COLLATE utf8mb4_nonesuch;\nUSE app;\n"
                    + "CREATE TABLE t (id INT);\n");
            assertThatThrownBy(() -> load(target)).isInstanceOf(RetortException.class)
                    .hasMessageContaining("schema.sql line 1: the database's COLLATE utf8mb4_nonesuch cannot be given");
        }
    }

    private SchemaModel load(TestDatabase target) throws Exception {
        try (Connection c = target.connect()) {
            return load(config(target.url()), target.engine(), c);
        }
    }

    private static SchemaModel load(RetortConfig config, Engine engine, Connection c) {
        return ModelSources.load("sql:schema.sql", new ModelContext(config, Dialects.forName(engine.dialectName()), c,
                ModelScratchIT.class.getClassLoader()));
    }

    private RetortConfig config(String url) {
        return AutogeneratorIT.config(dir, url);
    }
}
