package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routines and triggers keep the sql_mode they were created in: online (Connector/J) it is the same as
 * with the mariadb client running the offline script.
 */
class MariaDbSqlModeIT {

    @Test
    void routinesAndTriggersStoreTheSqlModeOfTheMariadbClient() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect dialect = Dialects.forName(Engine.MARIADB.dialectName());
        TestRevisions revs = new TestRevisions().add("s1", List.of(), "routines",
                "CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER);\n"
                        + "CREATE FUNCTION one() RETURNS INTEGER DETERMINISTIC RETURN 1;\n"
                        + "CREATE TRIGGER t_x BEFORE INSERT ON t FOR EACH ROW SET NEW.x = one()", null);
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        try (TestDatabase online = TestDatabase.create(Engine.MARIADB); TestDatabase offline = TestDatabase.create(Engine.MARIADB);
             Connection on = online.connect(); Connection off = offline.connect()) {
            new Migrator(on, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            Clients.feed(Engine.MARIADB, offline, script);
            List<String> expected = sqlModes(off, offline.name());
            assertThat(expected).hasSize(2).noneMatch(m -> m.contains("IGNORE_SPACE"));
            assertThat(sqlModes(on, online.name())).isEqualTo(expected);
        }
    }

    private static List<String> sqlModes(Connection c, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT ROUTINE_NAME, SQL_MODE FROM information_schema.ROUTINES "
                    + "WHERE ROUTINE_SCHEMA = '" + schema + "'")) {
                while (rs.next()) out.add(rs.getString(1) + ": " + rs.getString(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT TRIGGER_NAME, SQL_MODE FROM information_schema.TRIGGERS "
                    + "WHERE TRIGGER_SCHEMA = '" + schema + "'")) {
                while (rs.next()) out.add(rs.getString(1) + ": " + rs.getString(2));
            }
        }
        return out;
    }
}
