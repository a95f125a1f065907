package dev.retort.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords in a failing statement are not printed (SPEC 2: never in any output). */
class SqlSecretsTest {
    @Test
    void passwordLiteralsAreMasked() {
        assertThat(SqlSecrets.mask("CREATE ROLE app LOGIN PASSWORD 'Hunter2''s' CONNECTION LIMIT -5"))
                .isEqualTo("CREATE ROLE app LOGIN PASSWORD '***' CONNECTION LIMIT -5");
        assertThat(SqlSecrets.mask("ALTER ROLE app WITH ENCRYPTED password 'x'")).isEqualTo("ALTER ROLE app WITH ENCRYPTED password '***'");
        assertThat(SqlSecrets.mask("CREATE USER 'u'@'%' IDENTIFIED BY 'pw\\'x'")).isEqualTo("CREATE USER 'u'@'%' IDENTIFIED BY '***'");
        assertThat(SqlSecrets.mask("SET PASSWORD FOR u = PASSWORD('s3cret')")).isEqualTo("SET PASSWORD FOR u = PASSWORD('***')");
        assertThat(SqlSecrets.mask("CREATE USER u IDENTIFIED VIA mysql_native_password USING PASSWORD('s3cret')"))
                .isEqualTo("CREATE USER u IDENTIFIED VIA mysql_native_password USING PASSWORD('***')");
        assertThat(SqlSecrets.mask("CREATE USER u PASSWORD \"pw\"")).isEqualTo("CREATE USER u PASSWORD '***'");
        // MariaDB quotes the statement near its error, cut anywhere
        assertThat(SqlSecrets.mask("near 'PASSWORD 'Hunter2' CONNEC' at line 1")).doesNotContain("Hunter2");
        assertThat(SqlSecrets.mask("UPDATE account SET password_hash = 'x'")).isEqualTo("UPDATE account SET password_hash = 'x'");
        assertThat(SqlSecrets.mask("CREATE TABLE t (x INT)")).isEqualTo("CREATE TABLE t (x INT)");
    }
}
