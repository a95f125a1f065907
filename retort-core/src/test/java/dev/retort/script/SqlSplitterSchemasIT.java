package dev.retort.script;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Loads the real schemas statement by statement, as split by {@link SqlSplitter}, into the real engine:
 * a statement cut in the wrong place would fail to run or leave objects missing.
 */
class SqlSplitterSchemasIT {

    /** Expected sqlite_master rows per type, as `sqlite3 -bail new.db < file` produces them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "chinook   | index=12, table=11",
            "northwind | index=6, table=14, view=16",
            "sakila    | index=26, table=16, trigger=30, view=5",
            "synapse   | index=234, table=146, trigger=1",
    })
    void sqliteSchemasLoadWhole(String name, String expected) throws Exception {
        String text = Files.readString(TestDatabase.schemasDir().resolve("sqlite/" + name + ".sql"), StandardCharsets.UTF_8);
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            run(c, name, SqlSplitter.sqlite().split(text));
            Map<String, Integer> counts = new TreeMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT type, count(*) FROM sqlite_master GROUP BY type")) {
                while (rs.next()) counts.put(rs.getString(1), rs.getInt(2));
            }
            assertThat(counts.toString()).isEqualTo("{" + expected + "}");
        }
    }

    /** Tables (incl. partitions) in the public schema, per SOURCES.md. */
    @ParameterizedTest
    @CsvSource({"pagila, 70", "synapse, 138", "liberapay, 45", "danbooru, 66", "netbox, 189"})
    void postgresSchemasLoadWhole(String name, int tables) throws Exception {
        String text = Files.readString(TestDatabase.schemasDir().resolve("postgresql/" + name + ".sql"), StandardCharsets.UTF_8);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            if (name.equals("netbox")) {
                try (Statement s = c.createStatement()) {
                    s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'netbox') "
                            + "THEN CREATE ROLE netbox NOLOGIN; END IF; EXCEPTION WHEN unique_violation THEN NULL; END $$");
                }
            }
            List<String> statements = SqlSplitter.postgresql().split(text);
            run(c, name, statements);
            assertThat(count(c, "SELECT count(*) FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace "
                    + "WHERE n.nspname = 'public' AND k.relkind IN ('r', 'p')")).isEqualTo(tables);
        }
    }

    @ParameterizedTest
    @CsvSource({"sakila, 16", "ambari, 113"})
    void mariadbSchemasLoadWhole(String name, int tables) throws Exception {
        String text = Files.readString(TestDatabase.schemasDir().resolve("mysql/" + name + ".sql"), StandardCharsets.UTF_8);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            List<String> statements = SqlSplitter.mysql(true).split(text).stream()
                    // sakila creates and uses its own schema: keep everything inside the test database
                    .filter(st -> !st.toUpperCase(Locale.ROOT).matches("(DROP SCHEMA|CREATE SCHEMA|USE)\\b.*"))
                    .map(st -> st.replace("sakila.", db.name() + "."))
                    .toList();
            run(c, name, statements);
            assertThat(count(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                    + "AND table_type = 'BASE TABLE'")).isEqualTo(tables);
        }
    }

    private static void run(Connection c, String file, List<String> statements) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String st : statements) {
                try {
                    s.execute(st);
                    while (s.getMoreResults() || s.getUpdateCount() != -1) {
                        // drain results of probe SELECTs
                    }
                } catch (SQLException e) {
                    fail("statement of " + file + " failed: " + e.getMessage() + "\n" + st);
                }
            }
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
