package dev.retort.testing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Smoke test of the engine helper: each engine gives a working, isolated, disposable database. */
class EngineSmokeIT {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void createInsertReadBack(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine);
             Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE smoke (id INTEGER PRIMARY KEY, name VARCHAR(20))");
            s.execute("INSERT INTO smoke (id, name) VALUES (1, 'retort')");
            try (ResultSet rs = s.executeQuery("SELECT name FROM smoke WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("retort");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eachDatabaseIsFresh(Engine engine) throws Exception {
        try (TestDatabase a = TestDatabase.create(engine); TestDatabase b = TestDatabase.create(engine);
             Connection ca = a.connect(); Connection cb = b.connect();
             Statement sa = ca.createStatement(); Statement sb = cb.createStatement()) {
            sa.execute("CREATE TABLE only_in_a (id INTEGER)");
            sb.execute("CREATE TABLE only_in_a (id INTEGER)"); // would fail if a and b were the same database
            assertThat(a.url()).isNotEqualTo(b.url());
        }
    }
}
