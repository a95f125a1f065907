package dev.retort.autogenerate;

import dev.retort.runtime.Retort;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
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
                String scratch = awaitSleepingScratch(c, engine, app);
                app.destroy(); // SIGTERM
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(dir.resolve("app.log"))).isTrue();
                assertThat(scratchDatabases(c, engine)).as("the scratch is dropped").doesNotContain(scratch);
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

    private static String awaitSleepingScratch(Connection c, Engine engine, Process app) throws Exception {
        String query = engine == Engine.POSTGRESQL
                ? "SELECT datname FROM pg_stat_activity WHERE datname LIKE 'retort\\_scratch\\_%' AND query LIKE 'SELECT pg_sleep%'"
                : "SELECT db FROM information_schema.processlist WHERE db LIKE 'retort\\_scratch\\_%' AND info LIKE 'SELECT SLEEP%'";
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try (ResultSet rs = c.createStatement().executeQuery(query)) {
                if (rs.next()) return rs.getString(1);
            }
            assertThat(app.isAlive()).as("the application runs its drift check").isTrue();
            assertThat(System.currentTimeMillis()).as("the model is loaded into a scratch database").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> scratchDatabases(Connection c, Engine engine) throws Exception {
        List<String> names = new ArrayList<>();
        String query = engine == Engine.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE 'retort\\_scratch\\_%'"
                : "SHOW DATABASES LIKE 'retort\\_scratch\\_%'";
        try (ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }
}
