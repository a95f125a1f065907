package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t30-3: MariaDB's information_schema leaves out the tables a user has no right on. A version table the user may not
 * read is an error, as on PostgreSQL, not an unversioned database ("current" empty, "check" with every revision
 * pending); a user who may read the whole schema still finds a missing one missing, without a failing read.
 */
class MariaDbHiddenVersionTableIT {
    private static final Dialect MARIADB = Dialects.forName("mariadb");

    @Test
    void aVersionTableTheUserMayNotReadIsAnErrorNotUnversioned() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        String user = "t30u" + Long.toString(System.nanoTime(), 36);
        TestRevisions revs = new TestRevisions().add("a1", List.of(), "account", "CREATE TABLE account (id INTEGER)",
                "DROP TABLE account");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); TestDatabase other = TestDatabase.create(Engine.MARIADB);
             Connection admin = db.connect(); Statement s = admin.createStatement()) {
            new Migrator(admin, MARIADB, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw1'");
            try {
                s.execute("GRANT SELECT ON " + db.name() + ".account TO '" + user + "'@'%'");
                s.execute("GRANT ALL ON " + other.name() + ".* TO '" + user + "'@'%'");
                try (Connection c = connectAs(user, db.name())) {
                    Migrator m = new Migrator(c, MARIADB, RuntimeSettings.defaults().withDisplayUrl("test"), revs);
                    assertThatThrownBy(m::heads).isInstanceOf(RetortException.class)
                            .hasMessageStartingWith("Cannot read the version table")
                            .hasMessageContaining("SELECT command denied");
                }
                // named with its database from one the user may use
                try (Connection c = connectAs(user, other.name())) {
                    RuntimeSettings settings = new RuntimeSettings(null, db.name(), null, false, null, null, "test", null);
                    assertThatThrownBy(new Migrator(c, MARIADB, settings, revs)::heads).isInstanceOf(RetortException.class)
                            .hasMessageContaining("SELECT command denied");
                    // where it may read everything, a missing table is still missing: an unversioned database
                    assertThat(new Migrator(c, MARIADB, RuntimeSettings.defaults(), revs).heads()).isEmpty();
                }
                s.execute("GRANT SELECT ON " + db.name() + ".* TO '" + user + "'@'%'");
                try (Connection c = connectAs(user, db.name())) {
                    assertThat(new Migrator(c, MARIADB, RuntimeSettings.defaults(), revs).heads()).containsExactly("a1");
                }
            } finally {
                s.execute("DROP USER '" + user + "'@'%'");
            }
        }
    }

    private static Connection connectAs(String user, String database) throws Exception {
        return DriverManager.getConnection("jdbc:mariadb://" + dev.retort.testing.TestDatabase.hostPort(dev.retort.testing.Engine.MARIADB) + "/" + database + "?user=" + user + "&password=pw1");
    }
}
