package dev.retort.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** t47-3: a test's database is on the server of RETORT_TEST_PG_URL / RETORT_TEST_MARIADB_URL, not always on 127.0.0.1. */
class TestDatabaseTest {
    @Test
    void aTestsDatabaseIsOnTheAdminUrlsServerWithItsCredentials() {
        assertThat(TestDatabase.databaseUrl("jdbc:postgresql://db.ci:5447/postgres?user=admin&password=pw", "rt_1"))
                .isEqualTo("jdbc:postgresql://db.ci:5447/rt_1?user=admin&password=pw");
        assertThat(TestDatabase.databaseUrl("jdbc:mariadb://10.0.0.2:3399/?user=root&password=", "rt_2"))
                .isEqualTo("jdbc:mariadb://10.0.0.2:3399/rt_2?user=root&password=");
        assertThat(TestDatabase.databaseUrl("jdbc:mariadb://maria?user=root", "rt_3")).isEqualTo("jdbc:mariadb://maria/rt_3?user=root");
        assertThat(TestDatabase.databaseUrl("jdbc:postgresql://pg/postgres", "rt_4")).isEqualTo("jdbc:postgresql://pg/rt_4");
    }

    @Test
    void commandLineClientsGoToTheSameServer() {
        assertThat(TestDatabase.hostPort(Engine.POSTGRESQL, "jdbc:postgresql://db.ci/postgres?user=admin")).isEqualTo("db.ci:5432");
        assertThat(TestDatabase.clientArgs(Engine.POSTGRESQL, "jdbc:postgresql://db.ci:5447/postgres?user=admin"))
                .containsExactly("-h", "db.ci", "-p", "5447", "-U", "admin");
        assertThat(TestDatabase.clientArgs(Engine.MARIADB, "jdbc:mariadb://10.0.0.2:3399/?user=root&password="))
                .containsExactly("-h", "10.0.0.2", "-P", "3399", "-u", "root");
    }
}
