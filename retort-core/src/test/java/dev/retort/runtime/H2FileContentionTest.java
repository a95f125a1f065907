package dev.retort.runtime;

import dev.retort.RetortException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** t49-1: which H2 errors opening a shared file are waited out, and which fail at once. */
class H2FileContentionTest {
    private static final String FILE = "jdbc:h2:file:/data/app";
    private static final String AUTO_SERVER = "jdbc:h2:file:/data/app;AUTO_SERVER=TRUE";

    private static RetortException wrapped(String message, String state, int code) {
        return new RetortException("Cannot connect to x: " + message, new SQLException(message, state, code));
    }

    @Test
    void theLockFileRacesAndAFileInUseAreWaitedOut() {
        for (String url : new String[]{FILE, AUTO_SERVER}) {
            assertThat(H2FileContention.passing(wrapped("Error opening database: \"Lock file recently modified\" [8000-232]",
                    "08000", 8000), url)).isTrue();
            assertThat(H2FileContention.passing(wrapped("Error opening database: \"Another process was faster\" [8000-232]",
                    "08000", 8000), url)).isTrue();
            assertThat(H2FileContention.passing(wrapped("Error opening database: \"Concurrent update\" [8000-232]",
                    "08000", 8000), url)).isTrue();
            assertThat(H2FileContention.passing(wrapped("Database may be already in use: \"Locked by another process: "
                    + "/data/app.lock.db\" [90020-232]", "90020", 90020), url)).isTrue();
        }
    }

    @Test
    void aBrokenConnectionIsAHandOverOnlyWithAutoServer() {
        RetortException broken = wrapped("Connection is broken: \"session closed\" [90067-232]", "90067", 90067);
        assertThat(H2FileContention.passing(broken, AUTO_SERVER)).isTrue();
        assertThat(H2FileContention.passing(broken, FILE)).isFalse();
        assertThat(H2FileContention.passing(broken, "jdbc:h2:tcp://db/app;AUTO_SERVER=TRUE")).isFalse();
    }

    @Test
    void realErrorsFailAtOnce() {
        for (String url : new String[]{FILE, AUTO_SERVER}) {
            assertThat(H2FileContention.passing(wrapped("Wrong user name or password [28000-232]", "28000", 28000), url)).isFalse();
            assertThat(H2FileContention.passing(wrapped("File corrupted while reading record: \"...\" [90030-232]",
                    "90030", 90030), url)).isFalse();
            // other reasons H2 wraps in 8000 last
            assertThat(H2FileContention.passing(wrapped("Error opening database: \"Could not save properties /data/app.lock.db\""
                    + " [8000-232]", "08000", 8000), url)).isFalse();
            assertThat(H2FileContention.passing(wrapped("Error opening database: \"Unsupported lock method socket\" [8000-232]",
                    "08000", 8000), url)).isFalse();
            assertThat(H2FileContention.passing(new RetortException("no SQL cause"), url)).isFalse();
        }
    }

    @Test
    void autoServerIsReadFromAnEmbeddedFileUrlsSettings() {
        assertThat(H2FileContention.autoServer(AUTO_SERVER)).isTrue();
        assertThat(H2FileContention.autoServer("jdbc:h2:./data/app;MODE=MySQL;auto_server=true;IFEXISTS=TRUE")).isTrue();
        assertThat(H2FileContention.autoServer(FILE)).isFalse();
        assertThat(H2FileContention.autoServer("jdbc:h2:file:/data/app;AUTO_SERVER=FALSE")).isFalse();
        assertThat(H2FileContention.autoServer("jdbc:h2:mem:x;AUTO_SERVER=TRUE")).isFalse();
        assertThat(H2FileContention.autoServer(null)).isFalse();
    }
}
