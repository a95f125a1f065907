package dev.retort.config;

import dev.retort.RetortException;
import dev.retort.secrets.UrlSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlsTest {
    private static final Path BASE = Path.of("/projects/app");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://user:pass@host:5432/db | jdbc:postgresql://host:5432/db?user=user&password=pass",
            "postgres://user@host/db?sslmode=require | jdbc:postgresql://host/db?user=user&sslmode=require",
            "postgresql+psycopg2://u:p%40ss@h/db | jdbc:postgresql://h/db?user=u&password=p%40ss",
            "postgresql://h/db | jdbc:postgresql://h/db",
            "mysql://root:pw@127.0.0.1:3306/app | jdbc:mariadb://root:pw@127.0.0.1:3306/app",
            "mariadb://root@localhost/app?useSsl=true | jdbc:mariadb://root@localhost/app?useSsl=true",
            "sqlite:///data/app.db | jdbc:sqlite:/projects/app/data/app.db",
            "sqlite:////var/db/app.db | jdbc:sqlite:/var/db/app.db",
            "sqlite:// | jdbc:sqlite::memory:",
            "sqlite:///:memory: | jdbc:sqlite::memory:",
            "h2:///data/app | jdbc:h2:file:/projects/app/data/app",
            "h2:////var/h2/app;MODE=PostgreSQL | jdbc:h2:file:/var/h2/app;MODE=PostgreSQL",
            "h2:// | jdbc:h2:mem:",
            "h2://mem/test;DB_CLOSE_DELAY=-1 | jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
            "h2://mem/test | jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
            "h2://mem/test;MODE=PostgreSQL | jdbc:h2:mem:test;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
            // t14-2: credentials as in any URL
            "h2://sa:secret%40H2@/data/app | jdbc:h2:file:/projects/app/data/app;USER=sa;PASSWORD=secret@H2",
            "h2://sa@//var/h2/app;MODE=MySQL | jdbc:h2:file:/var/h2/app;MODE=MySQL;USER=sa",
            "postgresql://u:a+b@h/db | jdbc:postgresql://h/db?user=u&password=a%2Bb",
            "postgresql://u:100%@h/db | jdbc:postgresql://h/db?user=u&password=100%25",
            "mysql://u:a+b@h/db | jdbc:mariadb://u:a%2Bb@h/db",
            "jdbc:postgresql://h/db?user=u | jdbc:postgresql://h/db?user=u",
            "jdbc:mysql://127.0.0.1:3306/app?user=root | jdbc:mariadb://127.0.0.1:3306/app?user=root",
            "jdbc:mysql://root:pw@h/app | jdbc:mariadb://root:pw@h/app",
            "jdbc:postgresql://bob:s%40cret@h:5432/db | jdbc:postgresql://h:5432/db?user=bob&password=s%40cret",
            "jdbc:postgresql://bob:pw@h/db?ssl=true | jdbc:postgresql://h/db?user=bob&password=pw&ssl=true",
            "jdbc:postgresql://bob@h/db | jdbc:postgresql://h/db?user=bob",
            "jdbc:mariadb://root:p%40ss@h:3306/db | jdbc:mariadb://root:p%40ss@h:3306/db",
            "JDBC:MySQL://root:pw@h/db | jdbc:mariadb://root:pw@h/db",
            "jdbc:postgresql://h1:5432,h2:5433/db?user=u | jdbc:postgresql://h1:5432,h2:5433/db?user=u",
            "jdbc:sqlite:data/app.db | jdbc:sqlite:/projects/app/data/app.db",
            "jdbc:sqlite:/abs/app.db | jdbc:sqlite:/abs/app.db",
            // t14-3: the URI spelling too
            "jdbc:sqlite:file:data/app.db?mode=ro | jdbc:sqlite:file:/projects/app/data/app.db?mode=ro",
            "jdbc:sqlite:file:/abs/app.db?mode=ro | jdbc:sqlite:file:/abs/app.db?mode=ro",
            "jdbc:sqlite:file::memory:?cache=shared | jdbc:sqlite:file::memory:?cache=shared",
            "jdbc:sqlite::memory: | jdbc:sqlite::memory:",
            "jdbc:h2:./data/app | jdbc:h2:/projects/app/data/app",
            "jdbc:h2:mem:x | jdbc:h2:mem:x",
            // t68-2: an implicitly relative H2 path (which H2 refuses) is relative to the config's folder too
            "jdbc:h2:data/app | jdbc:h2:/projects/app/data/app",
            "jdbc:h2:data/app;MODE=MySQL | jdbc:h2:/projects/app/data/app;MODE=MySQL",
            "jdbc:h2:file:data/app | jdbc:h2:file:/projects/app/data/app",
            "jdbc:h2:app | jdbc:h2:/projects/app/app",
            "jdbc:h2:~/app | jdbc:h2:~/app",
            "jdbc:h2:/abs/app | jdbc:h2:/abs/app",
            "jdbc:h2:tcp://localhost/~/app | jdbc:h2:tcp://localhost/~/app",
            "jdbc:h2:zip:/a.zip!/app | jdbc:h2:zip:/a.zip!/app",
            "jdbc:h2:mem: | jdbc:h2:mem:",
            // t72-1: after H2's file systems' names (H2's pluggable file systems) too
            "jdbc:h2:nio:./data/app | jdbc:h2:nio:/projects/app/data/app",
            "jdbc:h2:split:data/app;MODE=MySQL | jdbc:h2:split:/projects/app/data/app;MODE=MySQL",
            "jdbc:h2:split:28:nio:../app | jdbc:h2:split:28:nio:/projects/app",
            "jdbc:h2:file:async:data/app | jdbc:h2:file:async:/projects/app/data/app",
            "jdbc:h2:nio:/abs/app | jdbc:h2:nio:/abs/app",
            "jdbc:h2:nioMapped:~/app | jdbc:h2:nioMapped:~/app",
            "jdbc:h2:memFS:app | jdbc:h2:memFS:app",
            // an unencoded @ in the password: the last @ ends it
            "postgresql://u:pa@ss@h:5432/db | jdbc:postgresql://h:5432/db?user=u&password=pa%40ss",
            "mysql://u:p@ss@w@h/db | jdbc:mariadb://u:p%40ss%40w@h/db",
            "jdbc:postgresql://u:pa@ss@h/db?ssl=true | jdbc:postgresql://h/db?user=u&password=pa%40ss&ssl=true",
            "postgresql://h/db?application_name=a@b | jdbc:postgresql://h/db?application_name=a@b",
            // r7-5: a query string becomes options, never part of the file name
            "h2:///data/h2y?user=sa&password=secretH2 | jdbc:h2:file:/projects/app/data/h2y;user=sa;password=secretH2",
            "h2://mem/x?MODE=MySQL | jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;MODE=MySQL",
            "sqlite:///data/s1.db?mode=rwc | jdbc:sqlite:file:/projects/app/data/s1.db?mode=rwc",
            "sqlite:////abs/s1.db?mode=ro&cache=shared | jdbc:sqlite:file:/abs/s1.db?mode=ro&cache=shared",
            "sqlite://?cache=shared | jdbc:sqlite:file::memory:?cache=shared",
            // r7-1: a '/' or ',' in a JDBC user info's password used to leave it to the driver, which printed its start
            "jdbc:mariadb://r7_sl:ab/cd@127.0.0.1/r7_db | jdbc:mariadb://r7_sl:ab%2Fcd@127.0.0.1/r7_db",
            "jdbc:mariadb://r7_sl:QQX,ZZW@127.0.0.1/r7_db | jdbc:mariadb://r7_sl:QQX%2CZZW@127.0.0.1/r7_db",
            "jdbc:postgresql://postgres:QQX,ZZW@127.0.0.1/r7_db | jdbc:postgresql://127.0.0.1/r7_db?user=postgres&password=QQX%2CZZW",
            "jdbc:postgresql://u:a/b@h/db?ssl=true | jdbc:postgresql://h/db?user=u&password=a%2Fb&ssl=true",
            "jdbc:mariadb://u:p@h/db?x=a@b | jdbc:mariadb://u:p@h/db?x=a@b",
            "jdbc:postgresql://h:5432/db?application_name=a@b | jdbc:postgresql://h:5432/db?application_name=a@b",
    })
    void converts(String url, String jdbc) {
        assertThat(DatabaseUrls.toJdbc(url, BASE)).isEqualTo(jdbc);
    }

    /**
     * t34-1: a SQLite URI's path ends at '?' or '#' and is percent-decoded, so the config folder's path is
     * percent-encoded in it; a plain path holding a '?' (which the driver would cut for pragmas) becomes a URI.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sqlite:///data/app.db?cache=shared | jdbc:sqlite:file:/p/a%3Fb%23c%2541/data/app.db?cache=shared",
            "jdbc:sqlite:file:data/b.db?mode=ro | jdbc:sqlite:file:/p/a%3Fb%23c%2541/data/b.db?mode=ro",
            "jdbc:sqlite:file:data/c%20d.db#x | jdbc:sqlite:file:/p/a%3Fb%23c%2541/data/c d.db#x",
            "jdbc:sqlite:data/e.db | jdbc:sqlite:file:/p/a%3Fb%23c%2541/data/e.db",
            "jdbc:sqlite:data/e.db?journal_mode=wal | jdbc:sqlite:file:/p/a%3Fb%23c%2541/data/e.db?journal_mode=wal",
            "sqlite:///data/f.db | jdbc:sqlite:file:/p/a%3Fb%23c%2541/data/f.db",
            "sqlite:////abs/g.db | jdbc:sqlite:/abs/g.db",
    })
    void aSqlitePathKeepsAConfigFolderThatHoldsUriCharacters(String url, String jdbc) {
        assertThat(DatabaseUrls.toJdbc(url, Path.of("/p/a?b#c%41"))).isEqualTo(jdbc);
    }

    /** t34-2: H2 reads a ';' as the start of its settings, with no escape: a folder holding one is refused. */
    @ParameterizedTest
    @CsvSource({"h2:///data/app", "jdbc:h2:./data/app", "jdbc:h2:file:./data/app", "h2://sa:Hunter2Secret@/data/app"})
    void anH2PathWhoseFolderHoldsASemicolonIsRefused(String url) {
        assertThatThrownBy(() -> DatabaseUrls.toJdbc(url, Path.of("/p/q;INIT=RUNSCRIPT FROM 'x'")))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Cannot use the H2 database path /p/q;INIT=RUNSCRIPT FROM 'x'/data/app (of ")
                .hasMessageContaining("it holds a ';'")
                .hasMessageNotContaining("Hunter2Secret");
        assertThat(DatabaseUrls.toJdbc("h2:///data/app", Path.of("/p/a?b#c%41"))).isEqualTo("jdbc:h2:file:/p/a?b#c%41/data/app");
    }

    @Test
    void aSqlitePathWithoutAQuestionMarkStaysPlain() {
        assertThat(DatabaseUrls.toJdbc("sqlite:///data/app.db", Path.of("/p/h#x%41"))).isEqualTo("jdbc:sqlite:/p/h#x%41/data/app.db");
        assertThat(DatabaseUrls.toJdbc("sqlite:///data/app.db?mode=ro", Path.of("/p/h#x%41")))
                .isEqualTo("jdbc:sqlite:file:/p/h%23x%2541/data/app.db?mode=ro");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://user:pass@host/db | postgresql://user:***@host/db",
            "postgresql://user@host/db | postgresql://user@host/db",
            "jdbc:postgresql://h/db?user=u&password=secret&ssl=true | jdbc:postgresql://h/db?user=u&password=***&ssl=true",
            "jdbc:mariadb://root:pw@h:3306/db | jdbc:mariadb://root:***@h:3306/db",
            "jdbc:h2:mem:x;USER=sa;PASSWORD=pw | jdbc:h2:mem:x;USER=sa;PASSWORD=***",
            "jdbc:sqlite:/a/b.db | jdbc:sqlite:/a/b.db",
            "postgresql://u:pa@ss@h/db | postgresql://u:***@h/db",
            "postgresql://u@h/db?x=a@b | postgresql://u@h/db?x=a@b",
            "jdbc:oracle:thin:scott/tig3rPw@db:1521/orcl | jdbc:oracle:thin:scott/***@db:1521/orcl",
            "jdbc:oracle:thin:@//db:1521/orcl | jdbc:oracle:thin:@//db:1521/orcl",
            // t62-5: an empty password is masked as any other ('root:@' said the account has none)
            "mysql://root:@127.0.0.1:3306/db | mysql://root:***@127.0.0.1:3306/db",
            "jdbc:postgresql://h/db?user=u&password=&ssl=true | jdbc:postgresql://h/db?user=u&password=***&ssl=true",
    })
    void masks(String url, String shown) {
        assertThat(DatabaseUrls.mask(url)).isEqualTo(shown);
    }

    /** t5: passwords with ?, / or ; in them, other secret parameters, and a stack trace's text. */
    @Test
    void passwordsWithOddCharactersAndOtherSecretsAreMasked() {
        assertThat(DatabaseUrls.mask("postgresql://postgres:Se?kr3t@127.0.0.1/t5_pg")).isEqualTo("postgresql://postgres:***@127.0.0.1/t5_pg");
        assertThat(DatabaseUrls.mask("postgresql://postgres:Se/kr3t@127.0.0.1/t5_pg")).isEqualTo("postgresql://postgres:***@127.0.0.1/t5_pg");
        assertThat(DatabaseUrls.mask("jdbc:postgresql://h:1/db?user=postgres&password=Se;kr3t&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:1/db?user=postgres&password=***&ssl=true");
        assertThat(DatabaseUrls.mask("jdbc:postgresql://h/db?sslpassword=Sekr3t&x=1")).isEqualTo("jdbc:postgresql://h/db?sslpassword=***&x=1");
        assertThat(DatabaseUrls.mask("jdbc:mariadb://h/db?keyStorePassword=Sekr3t")).isEqualTo("jdbc:mariadb://h/db?keyStorePassword=***");
        assertThat(DatabaseUrls.mask("jdbc:h2:mem:x;USER=sa;PASSWORD=s3;AUTO_SERVER=TRUE")).isEqualTo("jdbc:h2:mem:x;USER=sa;PASSWORD=***;AUTO_SERVER=TRUE");
        // Retort's form: the options after '?' are separated by '&' only, so a ';' is the password's (t55-3)
        assertThat(DatabaseUrls.mask("h2:///data/semi?user=sa&password=SECRET;MODE=MySQL")).isEqualTo("h2:///data/semi?user=sa&password=***");
        assertThat(DatabaseUrls.mask("h2:///d;MODE=MySQL;PASSWORD=s3;X=1")).isEqualTo("h2:///d;MODE=MySQL;PASSWORD=***;X=1");
        assertThat(UrlSecrets.maskText("Caused by: PSQLException: Unable to parse URL jdbc:postgresql://127.0.0.1:abc/t5?user=u&password=Sekr3tPW\n\tat x"))
                .isEqualTo("Caused by: PSQLException: Unable to parse URL jdbc:postgresql://127.0.0.1:abc/t5?user=u&password=***\n\tat x");
        assertThat(DatabaseUrls.scrub("refused Se?kr3t", "postgresql://postgres:Se?kr3t@127.0.0.1/t5_pg")).isEqualTo("refused ***");
        // a pgjdbc password with ';': only the whole password is masked, not every "o" of the message
        assertThat(DatabaseUrls.scrub("Connection to 127.0.0.1:5999 refused.", "jdbc:postgresql://127.0.0.1:5999/db?user=bob&password=o;xyz"))
                .isEqualTo("Connection to 127.0.0.1:5999 refused.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "UnknownHostException: bob:secret@127.0.0.1 | jdbc:postgresql://bob:secret@127.0.0.1/x | UnknownHostException: bob:***@127.0.0.1",
            "Incorrect port value : p@ss@h | jdbc:mariadb://root:p%40ss@h/db | Incorrect port value : ***@h",
            "bad password s3cr3t | jdbc:h2:mem:x;USER=sa;PASSWORD=s3cr3t | bad password ***",
            "password a+bc refused | postgresql://u:a+bc@h/db | password *** refused",
            // r7-2: a short password, or one inside a longer word, is not searched in free text
            "FATAL: database \"r7_nodb\" does not exist | postgresql://postgres:e@127.0.0.1/r7_nodb | FATAL: database \"r7_nodb\" does not exist",
            "FATAL: database \"r7_nodb\" does not exist | postgresql://postgres:r7@127.0.0.1/r7_nodb | FATAL: database \"r7_nodb\" does not exist",
            "Access denied for user 'app'@'h' | mysql://app:app@h/db | Access denied for user 'app'@'h'",
            "database \"nodb_appsecret\" does not exist | postgresql://u:appsecret@h/db | database \"nodb_appsecret\" does not exist",
            "bad password appsecret given | postgresql://u:appsecret@h/db | bad password *** given",
            // r7-1: a piece of a user-info password, as a driver that read it as host:port echoes it
            "Incorrect port value : QQXA | jdbc:mariadb://u:QQXA,ZZW@multi,host/db | Incorrect port value : ***",
            "no password here | jdbc:sqlite:/a.db | no password here",
            "password pa@ss refused | postgresql://u:pa@ss@h/db | password *** refused",
            "No suitable driver found for jdbc:oracle:thin:scott/tig3rPw@db:1521/orcl | jdbc:oracle:thin:scott/tig3rPw@db:1521/orcl | No suitable driver found for jdbc:oracle:thin:scott/***@db:1521/orcl",
    })
    void scrubsPasswordsFromDriverMessages(String message, String url, String shown) {
        assertThat(DatabaseUrls.scrub(message, url)).isEqualTo(shown);
    }

    /** r7-4: after an unencoded '&', a segment without '=' is the rest of the password, not a parameter. */
    @Test
    void theTailOfAPasswordAfterARawAmpersandIsMasked() {
        assertThat(DatabaseUrls.mask("jdbc:postgresql://127.0.0.1/r7_nodb?user=postgres&password=QQX&ZZW"))
                .isEqualTo("jdbc:postgresql://127.0.0.1/r7_nodb?user=postgres&password=***");
        assertThat(DatabaseUrls.mask("postgresql://postgres@127.0.0.1/r7_nodb?password=ab&cd&sslmode=disable"))
                .isEqualTo("postgresql://postgres@127.0.0.1/r7_nodb?password=***&sslmode=disable");
        assertThat(UrlSecrets.maskText("Connecting with URL: jdbc:postgresql://h/db?password=QQX&ZZW&ssl=true\nnext"))
                .isEqualTo("Connecting with URL: jdbc:postgresql://h/db?password=***&ssl=true\nnext");
        assertThat(UrlSecrets.maskText("URL: jdbc:postgresql://h/db?password=QQX&ZZW")).doesNotContain("ZZW");
    }

    /** r7-1: the driver gets the user info as properties, whatever the password holds. */
    @Test
    void jdbcUserInfoWithSlashOrCommaGoesToTheDriverAsProperties() {
        for (String password : new String[]{"ab/cd", "QQX,ZZW", "a/b,c?d"}) {
            String jdbc = DatabaseUrls.toJdbc("jdbc:mariadb://r7_sl:" + password + "@127.0.0.1/r7_db", BASE);
            DatabaseUrls.DriverUrl driver = DatabaseUrls.forDriver(jdbc);
            assertThat(driver.url()).isEqualTo("jdbc:mariadb://127.0.0.1/r7_db");
            assertThat(driver.credentials().getProperty("password")).isEqualTo(password);
            assertThat(driver.credentials().getProperty("user")).isEqualTo("r7_sl");
        }
    }

    /** t14-2: a host or user info before a file path used to lose the path's first character to the third slash. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sqlite://data/typo.db | Invalid SQLite URL 'sqlite://data/typo.db': a SQLite file has no host or user",
            "h2://localhost/data/h2k | Invalid H2 URL 'h2://localhost/data/h2k': an embedded H2 database has no host",
            "sqlite://u:SECRETPW@/x.db | Invalid SQLite URL 'sqlite://u:***@/x.db'",
            "h2://sa:SEC;RET@/data/x | Invalid H2 URL 'h2://sa:***@/data/x",
    })
    void fileUrlsWithAHostAreErrors(String url, String message) {
        assertThatThrownBy(() -> DatabaseUrls.toJdbc(url, BASE)).isInstanceOf(RetortException.class)
                .hasMessageStartingWith(message).hasMessageNotContaining("SECRET").hasMessageNotContaining("RET'");
    }

    /** t55-3: a ';' in an option's value was cut off before the options were read: password=x;MODE=MySQL used "x". */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "h2:///data/semi?user=sa&password=SECRET;MODE=MySQL | password",
            "h2:///data/h2pw?user=sa&password=SEC;RET | password",
            "h2:///data/h2pw?password=SECRET&MODE=My;SQL | MODE",
            "h2:///data/h2pw?user=sa&password=SEC%3BRET | password",
            "h2://mem/x?password=SEC;RET | password",
    })
    void aSemicolonInAnOptionValueIsRefusedNamingTheOption(String url, String option) {
        assertThatThrownBy(() -> DatabaseUrls.toJdbc(url, BASE)).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Invalid H2 URL '")
                .hasMessageContaining("the value of option '" + option + "' after '?' holds a ';'")
                .hasMessageNotContaining("SECRET").hasMessageNotContaining("RET");
    }

    @Test
    void h2sOwnSettingsAfterThePathStillGoWithOptions() {
        assertThat(DatabaseUrls.toJdbc("h2:///data/app;MODE=MySQL", BASE)).isEqualTo("jdbc:h2:file:/projects/app/data/app;MODE=MySQL");
        assertThat(DatabaseUrls.toJdbc("h2://sa:pw@/data/app?IFEXISTS=TRUE", BASE))
                .isEqualTo("jdbc:h2:file:/projects/app/data/app;IFEXISTS=TRUE;USER=sa;PASSWORD=pw");
    }

    @Test
    void unknownSchemeIsAnErrorWithoutThePassword() {
        assertThatThrownBy(() -> DatabaseUrls.toJdbc("oracle://u:secret@h/db", BASE))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("Unsupported database URL scheme 'oracle'")
                .hasMessageNotContaining("secret");
    }

    /** A raw '/' in a password ends the host part (RFC 3986, libpq): refused with the way to write it, never guessed. */
    @ParameterizedTest
    @CsvSource({"postgresql://app:pa/SECRET@db.example/app", "mysql://app:x/SECRET@db.example:3306/app",
            "postgresql://app:x/S/ECRET@db.example/app?sslmode=require"})
    void aRawSlashInThePasswordSaysToPercentEncodeIt(String url) {
        assertThatThrownBy(() -> DatabaseUrls.toJdbc(url, BASE)).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Not a database URL")
                .hasMessageContaining("must be percent-encoded as %2F")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void aPercentEncodedSlashInThePasswordIsDecodedForTheDriver() {
        assertThat(DatabaseUrls.toJdbc("postgresql://app:pa%2Fss@db.example/app", BASE))
                .isEqualTo("jdbc:postgresql://db.example/app?user=app&password=pa%2Fss");
    }
}
