package dev.retort.runtime;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import dev.retort.testing.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * t34-3: with dumpQueriesOnException Connector/J quotes the failed statement in its exception ("Query is: ..."),
 * which the library hands out as the cause of its MigrationFailedException: masked there too.
 */
class MariaDbQueryDumpIT {
    @Test
    void theDriversCopyOfAFailedStatementShowsNoPassword(@TempDir Path dir) throws Exception {
        String user = "t34w" + Long.toString(System.nanoTime(), 36);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Files.createDirectories(dir.resolve("versions"));
            Files.writeString(dir.resolve("versions/e9.sql"), """
                    -- retort:revision e9e9e9e9e9e9
                    -- retort:upgrade
                    CREATE USER '%1$s'@'127.0.0.1' IDENTIFIED BY 'Hunter2SecretA';
                    CREATE USER '%1$s'@'127.0.0.1' IDENTIFIED BY 'Hunter2SecretB';
                    -- retort:downgrade
                    DROP USER '%1$s'@'127.0.0.1';
                    """.formatted(user));
            String url = db.url() + (db.url().contains("?") ? "&" : "?") + "dumpQueriesOnException=true";
            try {
                Throwable e = catchThrowable(() -> Retort.builder().scriptLocation(dir).url(url).build().upgrade("heads"));
                assertThat(e).isInstanceOf(MigrationFailedException.class).hasCauseInstanceOf(SQLException.class);
                assertThat(((SQLException) e.getCause()).getErrorCode()).isEqualTo(1396); // ER_CANNOT_USER, kept
                assertThat(Traces.of(e)).doesNotContain("Hunter2Secret").contains("Query is: CREATE USER");
            } finally {
                try (Connection admin = DriverManager.getConnection(TestDatabase.MARIADB_ADMIN_URL);
                     Statement s = admin.createStatement()) {
                    s.execute("DROP USER IF EXISTS '" + user + "'@'127.0.0.1'");
                }
            }
        }
    }
}
