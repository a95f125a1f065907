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
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * f4-1: a scratch database left by a process stopped outright (kill -9, a CI job's timeout) stayed on the server
 * forever; the next {@code sql:} model load drops it when it is old and unused, and nothing else.
 */
class LeftoverScratchIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void theNextModelLoadDropsOldUnusedScratchesAndKeepsTheRest(Engine engine) throws Exception {
        Files.createDirectories(dir.resolve("db/versions"));
        Path model = Files.writeString(dir.resolve("model.sql"), "CREATE TABLE book (id INTEGER PRIMARY KEY);\n");
        String hex = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String leftover = "retort_scratch_20000101000000_" + hex + "00";
        String inUse = "retort_scratch_20000101000000_" + hex + "01";
        String recent = LeftoverScratches.name(Instant.now().minus(Duration.ofMinutes(5)));
        String otherVersion = "retort_scratch_" + hex + "02"; // an earlier version's name: its age is unknown
        String notOurs = "retort_scratch_20000101000000_" + hex + "03_x";
        List<String> made = new ArrayList<>(List.of(leftover, inUse, recent, otherVersion, notOurs));
        try (TestDatabase db = TestDatabase.create(engine); Connection admin = db.connect()) {
            String locked = engine == Engine.MARIADB ? "retort_scratch_20000101000000_" + hex + "04" : null;
            if (locked != null) made.add(locked);
            try (Statement s = admin.createStatement()) {
                for (String name : made) s.execute("CREATE DATABASE " + name);
            }
            try (Connection user = DriverManager.getConnection(TestDatabase.databaseUrl(db.url(), inUse));
                 Connection holder = db.connect()) {
                if (locked != null) {
                    // a maker whose session is not in its scratch (or not seen: no PROCESS right) holds its lock
                    assertThat(LeftoverScratches.lockMariaDb(holder, locked)).isTrue();
                }
                Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url())
                        .targetMetadata("sql:" + model.toAbsolutePath()).build();

                assertThat(DriftCheck.lines(retort)).containsExactly("create table book");

                List<String> left = ScratchDatabasesOnServer.list(admin, engine);
                assertThat(left).as("the leftover is dropped").doesNotContain(leftover);
                assertThat(left).as("in use, recent, or not unmistakably Retort's own: kept")
                        .contains(made.subList(1, made.size()).toArray(String[]::new));
            } finally {
                try (Statement s = admin.createStatement()) {
                    for (String name : made) s.execute("DROP DATABASE IF EXISTS " + name);
                }
            }
        }
    }
}
