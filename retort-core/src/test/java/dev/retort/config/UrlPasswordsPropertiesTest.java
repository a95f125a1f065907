package dev.retort.config;

import dev.retort.RetortException;
import dev.retort.secrets.UrlSecrets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t14-5, t14-10, t14-11, t14-12: whatever a password holds (spaces, {@code ; & ? @ / % # = ' " +}, letters
 * beyond ASCII), no form of a URL Retort accepts shows it once masked, and the driver messages that echo it
 * (as written, decoded or encoded) are scrubbed.
 */
class UrlPasswordsPropertiesTest {
    private static final Path BASE = Path.of("/projects/app");

    /** Passwords from the characters that broke masks before, and ordinary ones; never empty. */
    @Provide
    Arbitrary<String> passwords() {
        return Arbitraries.strings().withChars("aZ9 ;&?@/%#=:'\"+,()äé$\\").ofMinLength(1).ofMaxLength(14);
    }

    /** Passwords a URL can hold percent-encoded: anything. */
    @Provide
    Arbitrary<String> anyPasswords() {
        return Arbitraries.strings().withCharRange('\u0001', '\ud7ff').ofMinLength(1).ofMaxLength(10);
    }

    @Property(tries = 500)
    void serverUrlsAreMaskedExactly(@ForAll("passwords") String password) {
        for (String scheme : new String[]{"postgresql", "postgres", "mysql", "mariadb", "postgresql+psycopg2", "jdbc:mariadb",
                "jdbc:postgresql", "jdbc:mysql"}) {
            for (String tail : new String[]{"/db", ":5432/db?sslmode=require", "/db?user=x&ssl=true"}) {
                String url = scheme + "://user:" + password + "@host" + tail;
                assertThat(DatabaseUrls.mask(url)).as(url).isEqualTo(scheme + "://user:***@host" + tail);
            }
        }
    }

    @Property(tries = 500)
    void queryPasswordsAreMaskedExactly(@ForAll("passwords") String password) {
        // pgjdbc, Connector/J and SQLite end a value only at '&'
        for (String prefix : new String[]{"jdbc:postgresql://h/db?user=u&password=", "jdbc:mariadb://h/db?user=u&password=",
                "jdbc:mysql://h:3306/db?sslpassword=", "jdbc:sqlite:/a.db?password="}) {
            if (password.contains("&")) continue;
            assertThat(DatabaseUrls.mask(prefix + password)).isEqualTo(prefix + "***");
            assertThat(DatabaseUrls.mask(prefix + password + "&ssl=true")).isEqualTo(prefix + "***&ssl=true");
        }
        // H2 ends one only at ';'
        if (!password.contains(";")) {
            assertThat(DatabaseUrls.mask("jdbc:h2:mem:x;USER=sa;PASSWORD=" + password + ";MODE=MySQL"))
                    .isEqualTo("jdbc:h2:mem:x;USER=sa;PASSWORD=***;MODE=MySQL");
        }
    }

    @Property(tries = 300)
    void everyAcceptedUrlConvertsToOneWhosePasswordIsMasked(@ForAll("anyPasswords") String password) {
        // (a '+' of user info is a plus, as in urllib: a space is %20)
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        for (String given : new String[]{"postgresql://u:" + encoded + "@h/db", "mysql://u:" + encoded + "@h:3306/db",
                "jdbc:postgresql://u:" + encoded + "@h/db", "jdbc:mariadb://u:" + encoded + "@h/db"}) {
            String jdbc = DatabaseUrls.toJdbc(given, BASE);
            String masked = DatabaseUrls.mask(jdbc);
            assertThat(masked).as(jdbc).isIn("jdbc:postgresql://h/db?user=u&password=***",
                    "jdbc:mariadb://u:***@h:3306/db", "jdbc:mariadb://u:***@h/db");
            assertThat(DatabaseUrls.mask(given)).doesNotContain(encoded);
            // the driver gets the password as written, decoded
            if (jdbc.startsWith("jdbc:mariadb:")) {
                assertThat(DatabaseUrls.forDriver(jdbc).credentials().getProperty("password")).isEqualTo(password);
                assertThat(DatabaseUrls.forDriver(jdbc).url()).doesNotContain("u:");
            }
        }
    }

    @Property(tries = 300)
    void driverMessagesAreScrubbedOfEveryFormOfThePassword(@ForAll("passwords") String raw) {
        // r7-2: free text is searched only for passwords of 4 characters and more, as whole words
        String password = "Xy" + raw + "Z9";
        if (password.matches(".*%[0-9a-fA-F]{2}.*")) return; // a percent-escape: the driver gets another password
        String url = "postgresql://user:" + password + "@host/db";
        String jdbc;
        try {
            jdbc = DatabaseUrls.toJdbc(url, BASE);
        } catch (RetortException refused) {
            assertThat(refused.getMessage()).doesNotContain(password);
            return;
        }
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
        if (!jdbc.contains(encoded)) return; // read as another password (an unencoded '/' ends it): not the driver's
        for (String message : new String[]{"Unable to parse URL " + jdbc, "bad password " + password + " given",
                "Connecting with URL: " + jdbc + "\n\tat x", "refused " + encoded}) {
            String scrubbed = DatabaseUrls.scrub(message, jdbc);
            assertThat(scrubbed).as(message).doesNotContain(password).doesNotContain(encoded);
        }
    }

    @Property(tries = 300)
    void mistypedUrlsAreNotEchoedWithTheirPassword(@ForAll("passwords") String raw) {
        String password = "Q" + raw + "Q";
        for (String url : new String[]{"postgresql//postgres:" + password + "@127.0.0.1/db",
                "postgresql:/postgres:" + password + "@127.0.0.1/db", "postgresq://postgres:" + password + "@h/db",
                "oracle://u:" + password + "@h/db", "postgresql://u:" + password + "@h:5432:5432/db"}) {
            try {
                DatabaseUrls.toJdbc(url, BASE);
            } catch (RetortException refused) {
                assertThat(refused.getMessage()).as(url).doesNotContain(password);
            }
            assertThat(DatabaseUrls.mask(url)).as(url).doesNotContain(password);
        }
    }

    @Property(tries = 300)
    void freeTextNeverShowsAPasswordFromAUrlLine(@ForAll("passwords") String raw) {
        String password = "W" + raw.replace("&", "").replace("\n", "") + "W";
        String text = "WARNING: JDBC URL: jdbc:postgresql://h/db?user=u&password=" + password + "\nnext line";
        assertThat(UrlSecrets.maskText(text)).doesNotContain(password).endsWith("\nnext line");
    }
}
