package dev.retort.secrets;

import dev.retort.RetortException;
import dev.retort.testing.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** t34-3: the causes of an exception the library throws quote no password, as its message does not. */
class MaskedCausesTest {
    @Test
    void aCauseWithoutAPasswordIsHandedOnAsItIs() {
        SQLException e = new SQLException("relation \"x\" does not exist", "42P01", 7);
        assertThat(new RetortException("failed", e).getCause()).isSameAs(e);
    }

    @Test
    void everyMessageOfTheChainIsMaskedAndTheDatabasesCodesKept() {
        SQLException root = new SQLException("Query is: CREATE USER 'u'@'h' IDENTIFIED BY 'Hunter2SecretB'", "HY000", 1396);
        SQLSyntaxErrorException driver = new SQLSyntaxErrorException(
                "Unable to parse URL jdbc:postgresql://h:99999/db?password=Hunter2Secret", "08001", 0, root);
        driver.setNextException(new SQLException("next: jdbc:x://u:Hunter2Secret@h/db"));
        driver.addSuppressed(new IllegalStateException("rollback of postgresql://u:Hunter2Secret@h/db failed"));
        RetortException e = new RetortException("Cannot connect", new IllegalStateException("wrapped", driver));

        String trace = Traces.of(e);
        assertThat(trace).doesNotContain("Hunter2Secret").contains("password=***", "IDENTIFIED BY '***'", "u:***@h/db")
                .contains("java.lang.IllegalStateException: wrapped");
        Throwable wrapped = e.getCause();
        assertThat(wrapped).isInstanceOf(MaskedCauses.Masked.class).hasMessage("wrapped");
        assertThat(((MaskedCauses.Masked) wrapped).originalClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(wrapped.getCause()).isExactlyInstanceOf(SQLSyntaxErrorException.class)
                .hasMessage("Unable to parse URL jdbc:postgresql://h:99999/db?password=***");
        SQLSyntaxErrorException copy = (SQLSyntaxErrorException) wrapped.getCause();
        assertThat(copy.getSQLState()).isEqualTo("08001");
        assertThat(copy.getStackTrace()).isEqualTo(driver.getStackTrace());
        assertThat((Throwable) copy.getNextException()).hasMessage("next: jdbc:x://u:***@h/db");
        assertThat(copy.getCause()).isInstanceOf(SQLException.class).hasMessageNotContaining("Hunter2Secret");
        assertThat(((SQLException) copy.getCause()).getErrorCode()).isEqualTo(1396);
    }

    /** The report's two: pgjdbc and DriverManager quote the URL they were given in the exception they throw. */
    @Test
    void aConnectionFailureOfTheLibraryQuotesNoPassword(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("versions"));
        for (String url : new String[]{"jdbc:postgresql://127.0.0.1:99999/db?password=Hunter2Secret",
                "jdbc:nope://127.0.0.1/db?password=Hunter2Secret", "jdbc:nope://u:Hunter2Secret@127.0.0.1/db"}) {
            Throwable e = catchThrowable(() -> dev.retort.runtime.Retort.builder().scriptLocation(dir).url(url).build().current());
            assertThat(e).as(url).isInstanceOf(RetortException.class).hasCauseInstanceOf(SQLException.class);
            assertThat(Traces.of(e)).as(url).doesNotContain("Hunter2Secret").contains("Caused by: java.sql.SQLException: ");
        }
    }
}
