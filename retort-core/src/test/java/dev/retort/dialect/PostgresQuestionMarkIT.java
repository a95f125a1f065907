package dev.retort.dialect;

import dev.retort.graph.Direction;
import dev.retort.runtime.Retort;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's jsonb operators {@code ?}, {@code ?|}, {@code ?&} through the whole runtime: a SQL revision and
 * a Java revision's {@code op.execute} without parameters send them as written; with parameters {@code ??}
 * stands for {@code ?}. Online (upgrade) and offline (the script, run by psql) give the same rows.
 */
class PostgresQuestionMarkIT {
    @TempDir
    Path dir;

    private static final List<String> EXPECTED = List.of("1 has a", "1 any", "1 both", "3 has a", "3 any", "3 both", "3 b");

    @Test
    void questionMarkOperatorsAreNotPlaceholders() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        Path v = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(v.resolve("a.sql"), """
                -- retort:revision aaaa00000001
                -- retort:message docs
                -- retort:upgrade
                CREATE TABLE doc (id INTEGER PRIMARY KEY, body JSONB);
                CREATE TABLE hit (id INTEGER, how VARCHAR(10));
                INSERT INTO doc VALUES (1, '{"a": 1}'), (2, '{"b": 2}'), (3, '{"a": 1, "b": 2}');
                INSERT INTO hit SELECT id, 'has a' FROM doc WHERE body ? 'a';
                """);
        Files.writeString(v.resolve("b.java"), """
                import dev.retort.migration.*;

                @Revision(id = "bbbb00000002", revises = "aaaa00000001", message = "hits")
                class Hits extends Migration {
                    @Override public void upgrade(Operations op) {
                        op.execute("INSERT INTO hit SELECT id, 'any' FROM doc WHERE body ?| array['a'] AND body ?& array['a']");
                        op.execute("INSERT INTO hit SELECT id, ? FROM doc WHERE body ?? ? AND body ??& array[?]", "both", "a", "a");
                        op.execute("INSERT INTO hit SELECT id, ? FROM doc WHERE body ??| array['b'] AND id > ?", "b", 2);
                    }
                }
                """);
        List<String> online;
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
            retort.upgrade("head");
            try (Connection c = db.connect()) {
                online = hits(c);
            }
            String script = retort.sql(Direction.UPGRADE, "head", null);
            assertThat(script).contains("WHERE body ? 'a'", "body ?| array['a'] AND body ?& array['a']",
                    "SELECT id, 'both' FROM doc WHERE body ? 'a' AND body ?& array['a']", "body ?| array['b'] AND id > 2");
            try (TestDatabase offline = TestDatabase.create(Engine.POSTGRESQL)) {
                OpsHarness.runScript(offline, script);
                try (Connection c = offline.connect()) {
                    assertThat(hits(c)).isEqualTo(online);
                }
            }
        }
        assertThat(online).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    private static List<String> hits(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, how FROM hit ORDER BY id, how")) {
            while (rs.next()) out.add(rs.getInt(1) + " " + rs.getString(2));
        }
        return out;
    }
}
