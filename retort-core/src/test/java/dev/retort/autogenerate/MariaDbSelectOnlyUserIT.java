package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.ops.Operation;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A MariaDB user with SELECT only on the application's database (a CI or read-only user), comparing it with a
 * {@code sql:} model. t59-8: MariaDB shows such a user no rows of REFERENTIAL_CONSTRAINTS, and the database's foreign
 * keys were not reflected at all: every one was "missing" and its index "extra". t59-7: without the right to create
 * the scratch database the user got MariaDB's bare "Access denied", and a dump's views could not be loaded at all
 * ({@code DEFINER=} needs SUPER).
 */
class MariaDbSelectOnlyUserIT {
    private static final String SCHEMA = """
            CREATE TABLE p (id INT PRIMARY KEY, k INT, UNIQUE KEY uk (id, k));
            CREATE TABLE c (id INT PRIMARY KEY, p_id INT, p_k INT, qty INT,
                CONSTRAINT fk_c_p FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE,
                CONSTRAINT `fk two` FOREIGN KEY (p_id, p_k) REFERENCES p (id, k) ON DELETE SET NULL ON UPDATE CASCADE,
                CONSTRAINT chk_qty CHECK (qty > 0), UNIQUE KEY uq (qty));
            CREATE TABLE d (id INT PRIMARY KEY, c_id INT, CONSTRAINT fk_d_c FOREIGN KEY (c_id) REFERENCES c (id));
            """;

    @TempDir
    Path dir;

    @Test
    void foreignKeysAreSeenByASelectOnlyUser() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            String user = "t598u" + Long.toString(System.nanoTime(), 36);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String statement : SCHEMA.split(";")) if (!statement.isBlank()) s.execute(statement);
                s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'ro-pass-12'");
            }
            try {
                grant("GRANT SELECT ON `" + db.name() + "`.* TO '" + user + "'@'%'");
                grant("GRANT ALL ON `retort\\_scratch\\_%`.* TO '" + user + "'@'%'");
                Files.createDirectories(dir.resolve("migrations/versions"));
                RetortConfig config = AutogeneratorIT.config(dir, db.urlAs(user, "ro-pass-12"));
                Files.writeString(dir.resolve("schema.sql"), SCHEMA);
                assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();

                // the actions are read too: a changed one is still found
                Files.writeString(dir.resolve("schema.sql"), SCHEMA.replace("ON DELETE SET NULL ON UPDATE CASCADE", "ON DELETE SET NULL"));
                assertThat(DriftCheck.lines(config)).anySatisfy(l -> assertThat(l).contains("fk two"));
                Files.writeString(dir.resolve("schema.sql"), SCHEMA.replace("REFERENCES p (id) ON DELETE CASCADE", "REFERENCES p (id)"));
                assertThat(DriftCheck.lines(config)).anySatisfy(l -> assertThat(l).contains("fk_c_p"));
            } finally {
                grant("DROP USER '" + user + "'@'%'");
            }
        }
    }

    @Test
    void withoutScratchRightsTheErrorNamesTheGrantAndADumpsDefinersAreLeftOut() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            String user = "t597u" + Long.toString(System.nanoTime(), 36);
            String view = "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW v AS SELECT id FROM p";
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String statement : SCHEMA.split(";")) if (!statement.isBlank()) s.execute(statement);
                s.execute(view);
                s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'ro-pass-12'");
            }
            try {
                grant("GRANT SELECT ON `" + db.name() + "`.* TO '" + user + "'@'%'");
                Files.createDirectories(dir.resolve("migrations/versions"));
                RetortConfig config = AutogeneratorIT.config(dir, db.urlAs(user, "ro-pass-12"));
                Files.writeString(dir.resolve("schema.sql"), SCHEMA + view + ";\n");
                assertThatThrownBy(() -> DriftCheck.run(config)).isInstanceOf(dev.retort.RetortException.class)
                        .hasMessageContaining("Cannot load the model " + dir.resolve("schema.sql"))
                        .hasMessageContaining("it is loaded into a temporary database retort_scratch_")
                        .hasMessageContaining("Access denied")
                        .hasMessageEndingWith("GRANT ALL ON `retort\\_scratch\\_%`.* TO '" + user + "'@'%'");

                grant("GRANT ALL ON `retort\\_scratch\\_%`.* TO '" + user + "'@'%'");
                assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();
            } finally {
                grant("DROP USER '" + user + "'@'%'");
            }
        }
    }

    private static void grant(String sql) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(TestDatabase.MARIADB_ADMIN_URL); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
