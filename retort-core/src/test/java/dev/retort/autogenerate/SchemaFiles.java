package dev.retort.autogenerate;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Loads the real schema files into test databases with the engines' own command-line clients. */
final class SchemaFiles {
    private SchemaFiles() {
    }

    static Path file(String dialectDir, String name) {
        return TestDatabase.schemasDir().resolve(dialectDir).resolve(name);
    }

    /** Loads a PostgreSQL file with psql (creating the role and extensions it needs first). */
    static void loadPostgres(TestDatabase db, Path file) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'netbox') "
                    + "THEN CREATE ROLE netbox NOLOGIN; END IF; END$$");
        }
        run(TestDatabase.clientCommand("psql", dev.retort.testing.Engine.POSTGRESQL, "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-d", db.name(), "-f", file.toString()), null);
    }

    /** Loads a MariaDB file with the mariadb client into the test database. */
    static void loadMariaDb(TestDatabase db, Path file) throws Exception {
        run(TestDatabase.clientCommand("mariadb", dev.retort.testing.Engine.MARIADB, "--abort-source-on-error", db.name()), file);
    }

    /** Runs a script (an offline one, say) through the mariadb client on the test database. */
    static void feedMariaDb(TestDatabase db, String script) throws Exception {
        Path file = Files.createTempFile("retort-script-", ".sql");
        try {
            Files.writeString(file, script);
            loadMariaDb(db, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Executes a script of statements, one by one (simple files without procedures). */
    static void execute(Connection c, List<String> statements) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        }
    }

    static void requireEngine(Engine engine) {
        TestDatabase.assumeAvailable(engine);
    }

    private static void run(List<String> command, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (stdin != null) pb.redirectInput(stdin.toFile());
        Path log = Files.createTempFile("retort-load-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        if (p.exitValue() != 0) throw new IllegalStateException(command + " failed (" + p.exitValue() + "): " + out);
    }
}
