package dev.retort.secrets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    /** t34-5: literals separated by blanks holding a line break are one in PostgreSQL: the whole of it is the password. */
    @Test
    void aLiteralContinuedOnTheNextLineIsMaskedWhole() {
        assertThat(SqlSecrets.mask("CREATE ROLE t34_r LOGIN PASSWORD\n    'Hunter2'\n    'Secret';"))
                .isEqualTo("CREATE ROLE t34_r LOGIN PASSWORD\n    '***';");
        assertThat(SqlSecrets.mask("ALTER ROLE r PASSWORD 'Hun'  -- first part\n  -- more\n\t'ter2' \r\n 'Secret' VALID UNTIL 'x'"))
                .isEqualTo("ALTER ROLE r PASSWORD '***' VALID UNTIL 'x'");
        assertThat(SqlSecrets.mask("ALTER ROLE r PASSWORD E'Hunter2\\''\n'Secret'")).isEqualTo("ALTER ROLE r PASSWORD '***'");
        // on one line they are two literals (a syntax error): the next is not the password's
        assertThat(SqlSecrets.mask("ALTER ROLE r PASSWORD 'Hunter2' 'x'")).isEqualTo("ALTER ROLE r PASSWORD '***' 'x'");
        // a piece quoted alone by an error is blanked too
        assertThat(SqlSecrets.maskError("syntax error at or near \"'Secret'\"", "CREATE ROLE r PASSWORD 'Hunter2'\n 'Secret' x"))
                .doesNotContain("Secret");
    }

    /** r7-10: doubled quotes in a literal, comments before the literal, SET PASSWORD FOR, IDENTIFIED WITH ... BY. */
    @Test
    void commonPasswordFormsAreMasked() {
        assertThat(SqlSecrets.mask("DO $$ BEGIN EXECUTE 'CREATE ROLEE r7_q PASSWORD ''PGSECRET2'''; END $$"))
                .isEqualTo("DO $$ BEGIN EXECUTE 'CREATE ROLEE r7_q PASSWORD ''***'''; END $$");
        assertThat(SqlSecrets.mask("ALTER ROLE r7_nobody ENCRYPTED PASSWORD /* c */ 'PGSECRET7'"))
                .isEqualTo("ALTER ROLE r7_nobody ENCRYPTED PASSWORD /* c */ '***'");
        assertThat(SqlSecrets.mask("CREATE USER u IDENTIFIED BY -- c\n 'MSEC5'")).isEqualTo("CREATE USER u IDENTIFIED BY -- c\n '***'");
        assertThat(SqlSecrets.mask("CREATE USER u IDENTIFIED BY /* c */ 'MSEC6'")).isEqualTo("CREATE USER u IDENTIFIED BY /* c */ '***'");
        assertThat(SqlSecrets.mask("SET PASSWORD FOR r7_nobody@'%' = 'MSEC9'")).isEqualTo("SET PASSWORD FOR r7_nobody@'%' = '***'");
        assertThat(SqlSecrets.mask("SET PASSWORD FOR 'u'@'h' = PASSWORD('MSEC8')")).isEqualTo("SET PASSWORD FOR 'u'@'h' = PASSWORD('***')");
        assertThat(SqlSecrets.mask("ALTER USER r7_nobody@'%' IDENTIFIED WITH mysql_native_password BY 'MSEC1'"))
                .isEqualTo("ALTER USER r7_nobody@'%' IDENTIFIED WITH mysql_native_password BY '***'");
        assertThat(SqlSecrets.mask("CREATE USER u IDENTIFIED WITH 'caching_sha2_password' BY 'MSEC2'")).doesNotContain("MSEC2");
        // MariaDB's error quotes the statement cut anywhere, without the keyword
        String sql = "ALTER USER r7_nobody@'%' IDENTIFIED WITH mysql_native_password BY 'MSEC1'";
        assertThat(SqlSecrets.maskError("You have an error ... near 'BY 'MSEC1'' at line 1", sql))
                .isEqualTo("You have an error ... near 'BY '***'' at line 1");
        assertThat(SqlSecrets.maskError("near 'MSEC1'' at line 1", "CREATE USER u IDENTIFIED BY 'MSEC1'")).doesNotContain("MSEC1");
    }

    /** PostgreSQL's other string literals and libpq connection strings (r4-6). */
    @Test
    void escapeStringsDollarQuotesAndConnectionStringsAreMasked() {
        assertThat(SqlSecrets.mask("CREATE ROLE r LOGIN ENCRYPTED PASSWORD E'Hunter2\\\\Sec\\'ret' CONNECTION LIMIT -5"))
                .isEqualTo("CREATE ROLE r LOGIN ENCRYPTED PASSWORD '***' CONNECTION LIMIT -5");
        assertThat(SqlSecrets.mask("CREATE ROLE r LOGIN PASSWORD $$Hunter2Secret$$ CONNECTION LIMIT -5"))
                .isEqualTo("CREATE ROLE r LOGIN PASSWORD '***' CONNECTION LIMIT -5");
        assertThat(SqlSecrets.mask("ALTER ROLE r PASSWORD $pw$Hunter2$ x$pw$ VALID UNTIL 'infinity'"))
                .isEqualTo("ALTER ROLE r PASSWORD '***' VALID UNTIL 'infinity'");
        assertThat(SqlSecrets.mask("ALTER ROLE r PASSWORD $pw$Hunter2 cut off")).doesNotContain("Hunter2");
        assertThat(SqlSecrets.mask("SELECT dblink_connect('host=x user=u password=Hunter2Secret')"))
                .isEqualTo("SELECT dblink_connect('host=x user=u password=***')");
        assertThat(SqlSecrets.mask("SELECT dblink_connect('host=x password = Hunter2Secret dbname=d')"))
                .isEqualTo("SELECT dblink_connect('host=x password = *** dbname=d')");
        assertThat(SqlSecrets.mask("SELECT dblink_connect('password=''Hunter2 Secret'' host=x')"))
                .isEqualTo("SELECT dblink_connect('password=*** host=x')");
        assertThat(SqlSecrets.mask("SELECT dblink('dbname=d password=Hunter2', 'select 1')")).doesNotContain("Hunter2");
        assertThat(SqlSecrets.mask("CREATE SERVER s FOREIGN DATA WRAPPER dblink_fdw OPTIONS (host 'x', password 'Hunter2')"))
                .doesNotContain("Hunter2");
        assertThat(SqlSecrets.mask("CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'u', password $$Hunter2$$)"))
                .doesNotContain("Hunter2");
        // left alone: a function's value, and MariaDB's PASSWORD(...) still masked inside
        assertThat(SqlSecrets.mask("UPDATE a SET password = crypt('x', gen_salt('bf'))")).contains("crypt(");
        assertThat(SqlSecrets.mask("SET PASSWORD = PASSWORD('s3cret')")).isEqualTo("SET PASSWORD = PASSWORD('***')");
        assertThat(SqlSecrets.mask("UPDATE t SET price = $$5$$")).isEqualTo("UPDATE t SET price = $$5$$");
    }

    /** t14-18: a Unicode-escape string constant is one of PostgreSQL's literals too. */
    @Test
    void unicodeEscapeLiteralsAreMasked() {
        assertThat(SqlSecrets.mask("ALTER USER t14_nobody WITH PASSWORD U&'PGSECRET8'"))
                .isEqualTo("ALTER USER t14_nobody WITH PASSWORD '***'");
        assertThat(SqlSecrets.mask("CREATE ROLE r PASSWORD u&'d\\0061t' LOGIN")).isEqualTo("CREATE ROLE r PASSWORD '***' LOGIN");
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().withChars("aZ9 ;&?@/%#=:\"+,()\\$äé\n").ofMinLength(1).ofMaxLength(12).map(s -> "K" + s + "K");
    }

    /** Whatever a password holds, no literal form after PASSWORD shows it. */
    @Property(tries = 400)
    void everyLiteralFormIsMasked(@ForAll("secrets") String secret) {
        String quoted = secret.replace("'", "''");
        for (String literal : new String[]{"'" + quoted + "'", "E'" + quoted.replace("\\", "\\\\") + "'",
                "U&'" + quoted.replace("\\", "\\\\") + "'", "$$" + secret.replace("$", "") + "$$",
                "$pw$" + secret.replace("$", "") + "$pw$"}) {
            String shown = SqlSecrets.mask("ALTER USER u WITH PASSWORD " + literal + " VALID UNTIL 'infinity'");
            assertThat(shown).as(literal).isEqualTo("ALTER USER u WITH PASSWORD '***' VALID UNTIL 'infinity'");
        }
    }
}
