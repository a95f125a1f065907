package dev.retort.runtime;

import dev.retort.config.DatabaseUrls;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t14-4: Connector/J splits its URL parameters at every '&' and decodes none, so a password holding one could
 * not be written as {@code password=}; Retort hands the credentials over as properties. t14-5: such URLs are
 * masked whole. t14-19: a URL without a database is an error at once, not an "unversioned" database.
 */
class MariaDbCredentialsIT {
    @Test
    void passwordsWithAmpersandsAndSemicolonsConnect() throws Exception {
        TestDatabase.assumeAvailable(dev.retort.testing.Engine.MARIADB);
        String hp = TestDatabase.hostPort(dev.retort.testing.Engine.MARIADB); // t47-3: the server RETORT_TEST_MARIADB_URL names
        String user = "t14u" + Long.toString(System.nanoTime(), 36);
        try (Connection admin = DriverManager.getConnection(TestDatabase.MARIADB_ADMIN_URL); Statement s = admin.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'a b&c;d=e?f@g%h'");
            try {
                for (String url : new String[]{"mysql://" + user + ":a%20b%26c%3Bd%3De%3Ff%40g%25h@" + hp + "/information_schema",
                        "jdbc:mysql://" + user + ":a%20b%26c%3Bd%3De%3Ff%40g%25h@" + hp + "/information_schema",
                        "mariadb://" + user + ":a b&c;d=e?f@g%h@" + hp + "/information_schema"}) {
                    String jdbc = DatabaseUrls.toJdbc(url, Path.of("."));
                    try (Connection c = Connections.open(jdbc, DatabaseUrls.mask(jdbc), false);
                         ResultSet rs = c.createStatement().executeQuery("SELECT CURRENT_USER()")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).startsWith(user + "@");
                    }
                    assertThat(DatabaseUrls.mask(url)).isEqualTo(url.substring(0, url.indexOf(user) + user.length()) + ":***@" + hp + "/information_schema");
                }
            } finally {
                s.execute("DROP USER '" + user + "'@'%'");
            }
        }
    }

    @Test
    void aUrlWithoutADatabaseIsAnError() {
        TestDatabase.assumeAvailable(dev.retort.testing.Engine.MARIADB);
        for (String url : new String[]{"mysql://root@127.0.0.1:3306", "mysql://root@127.0.0.1:3306/", "jdbc:mariadb://127.0.0.1:3306/?user=root"}) {
            String jdbc = DatabaseUrls.toJdbc(url, Path.of("."));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Connections.open(jdbc, DatabaseUrls.mask(url), false))
                    .isInstanceOf(dev.retort.RetortException.class)
                    .hasMessage("The URL " + url + " names no database; add /DBNAME after the host (a MariaDB/MySQL server has no default database)");
        }
    }
}
