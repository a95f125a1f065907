package dev.retort.autogenerate;

import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.Column;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reflection of the real MySQL schemas on MariaDB, checked against the counts in SOURCES.md. */
class MariaDbReflectorIT {

    @Test
    void reflectsSakila() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            SchemaModel m = loadAndReflect(db, "sakila.sql");
            assertThat(m.tables()).hasSize(16);
            assertThat(m.tables().stream().mapToInt(t -> t.foreignKeys().size()).sum()).isEqualTo(22);
            Table film = m.table("film").orElseThrow();
            Column id = film.column("film_id").orElseThrow();
            assertThat(id.autoincrement()).isTrue();
            assertThat(id.nullable()).isFalse();
            assertThat(id.type()).isEqualTo(SqlType.raw("smallint unsigned"));
            assertThat(film.column("rating").orElseThrow().type().enumValues()).containsExactly("G", "PG", "PG-13", "R", "NC-17");
            assertThat(film.column("rating").orElseThrow().serverDefault()).isEqualTo("'G'");
            assertThat(film.column("rental_rate").orElseThrow().type()).isEqualTo(SqlType.numeric(4, 2));
            assertThat(film.column("title").orElseThrow().type()).isEqualTo(SqlType.string(255));
            assertThat(film.primaryKey().columns()).containsExactly("film_id");
            assertThat(film.indexes()).extracting(i -> i.name()).contains("idx_title", "idx_fk_language_id");
            assertThat(m.table("film_text").orElseThrow().indexes()).anySatisfy(i -> assertThat(i.using()).isEqualTo("FULLTEXT"));
            assertThat(m.table("rental").orElseThrow().uniqueConstraints()).anySatisfy(u ->
                    assertThat(u.columns()).containsExactly("rental_date", "inventory_id", "customer_id"));
            assertThat(m.table("payment").orElseThrow().foreignKeys()).anySatisfy(fk -> {
                assertThat(fk.refTable()).isEqualTo("rental");
                assertThat(fk.onDelete()).isEqualTo("SET NULL");
                assertThat(fk.onUpdate()).isEqualTo("CASCADE");
            });
        }
    }

    @Test
    void reflectsAmbari() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            SchemaModel m = loadAndReflect(db, "ambari.sql");
            assertThat(m.tables()).hasSize(113);
            assertThat(m.tables().stream().mapToInt(t -> t.foreignKeys().size()).sum()).isEqualTo(124);
            assertThat(m.table("QRTZ_JOB_DETAILS")).isPresent();
        }
    }

    @Test
    void reflectsPhabricatorAcrossItsDatabases() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            String prefix = db.name() + "_";
            String sql = Files.readString(SchemaFiles.file("mysql", "phabricator.sql")).replace("phabricator_", prefix);
            Path tmp = Files.createTempFile("phabricator-", ".sql");
            List<String> dbs = new ArrayList<>();
            try {
                Files.writeString(tmp, sql);
                SchemaFiles.loadMariaDb(db, tmp);
                int tables = 0;
                int indexes = 0;
                try (Connection c = DriverManager.getConnection(TestDatabase.MARIADB_ADMIN_URL);
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '"
                             + prefix + "%'")) {
                    while (rs.next()) dbs.add(rs.getString(1));
                    for (String name : dbs) {
                        SchemaModel m = Dialects.forName("mariadb").reflector().reflect(c, name);
                        tables += m.tables().size();
                        for (Table t : m.tables()) {
                            indexes += t.indexes().size() + t.uniqueConstraints().size() + (t.primaryKey() == null ? 0 : 1);
                        }
                    }
                }
                assertThat(dbs).hasSize(57);
                assertThat(tables).isEqualTo(519);
                assertThat(indexes).isEqualTo(1600);
            } finally {
                Files.deleteIfExists(tmp);
                try (Connection c = DriverManager.getConnection(TestDatabase.MARIADB_ADMIN_URL); Statement s = c.createStatement()) {
                    for (String name : dbs) s.execute("DROP DATABASE IF EXISTS `" + name + "`");
                }
            }
        }
    }

    /** Loads a file from schemas/mysql into the test database (sakila's own database name rewritten to it). */
    static SchemaModel loadAndReflect(TestDatabase db, String file) throws Exception {
        String sql = Files.readString(SchemaFiles.file("mysql", file))
                .replace("sakila;", db.name() + ";").replace("sakila.", db.name() + ".");
        Path tmp = Files.createTempFile("retort-", ".sql");
        try {
            Files.writeString(tmp, sql);
            SchemaFiles.loadMariaDb(db, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (Connection c = db.connect()) {
            return Dialects.forName("mariadb").reflector().reflect(c, null);
        }
    }
}
