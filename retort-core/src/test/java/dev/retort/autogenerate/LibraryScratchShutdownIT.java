package dev.retort.autogenerate;

import dev.retort.runtime.Retort;
import dev.retort.testing.Engine;
import dev.retort.testing.ScratchDatabasesOnServer;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t48-1: an application (its test suite, say) stopped by SIGTERM while its drift check loads a {@code sql:} model
 * drops the scratch database, as the command line does; it stayed on the server.
 */
class LibraryScratchShutdownIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void sigtermDuringTheModelLoadDropsTheScratchDatabase(Engine engine) throws Exception {
        Files.createDirectories(dir.resolve("db/versions"));
        Path model = Files.writeString(dir.resolve("model.sql"), "CREATE TABLE book (id INTEGER PRIMARY KEY);\n"
                + (engine == Engine.POSTGRESQL ? "SELECT pg_sleep(120)" : "SELECT SLEEP(120)") + ";\n");
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process app = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), App.class.getName(),
                    dir.resolve("db").toString(), db.url(), "sql:" + model.toAbsolutePath())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile()).start();
            try {
                String scratch = ScratchDatabasesOnServer.awaitSleeping(c, engine, app);
                app.destroy(); // SIGTERM
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(dir.resolve("app.log"))).isTrue();
                assertThat(ScratchDatabasesOnServer.list(c, engine)).as("the scratch is dropped").doesNotContain(scratch);
            } finally {
                app.destroyForcibly();
            }
        }
    }

    /** The application: its drift check, as library-api.md shows it. */
    public static final class App {
        public static void main(String[] args) {
            Retort retort = Retort.builder().scriptLocation(Path.of(args[0])).url(args[1]).targetMetadata(args[2]).build();
            System.out.println(DriftCheck.lines(retort));
        }
    }
}
