package dev.retort.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty database on one engine, dropped on {@link #close()}:
 * SQLite in a temp file, H2 in memory, PostgreSQL and MariaDB as a new database on the local server.
 * <p>
 * A server that cannot be reached skips the test with the reason, unless {@code RETORT_REQUIRE_SERVERS=1},
 * under which it fails instead (CI sets it).
 */
public final class TestDatabase implements AutoCloseable {
    public static final String PG_ADMIN_URL = env("RETORT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    public static final String MARIADB_ADMIN_URL = env("RETORT_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/?user=root&password=");

    private final Engine engine;
    private final String url;
    private final String name;
    private final Path dir;
    private final Connection keepAlive;

    private TestDatabase(Engine engine, String url, String name, Path dir, Connection keepAlive) {
        this.engine = engine;
        this.url = url;
        this.name = name;
        this.dir = dir;
        this.keepAlive = keepAlive;
    }

    /** A new database on {@code engine}; skips (or fails under RETORT_REQUIRE_SERVERS=1) if unreachable. */
    public static TestDatabase create(Engine engine) {
        String name = "rt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try {
            return switch (engine) {
                case SQLITE -> {
                    Path dir = Files.createTempDirectory("retort-sqlite-");
                    yield new TestDatabase(engine, "jdbc:sqlite:" + dir.resolve("test.db"), name, dir, null);
                }
                case H2 -> {
                    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
                    // H2 drops an in-memory database with its last connection; keep one open until close().
                    yield new TestDatabase(engine, url, name, null, DriverManager.getConnection(url));
                }
                case POSTGRESQL -> {
                    admin(engine, PG_ADMIN_URL, "CREATE DATABASE " + name);
                    yield new TestDatabase(engine, "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres", name, null, null);
                }
                case MARIADB -> {
                    admin(engine, MARIADB_ADMIN_URL, "CREATE DATABASE " + name);
                    yield new TestDatabase(engine, "jdbc:mariadb://127.0.0.1:3306/" + name + "?user=root&password=", name, null, null);
                }
            };
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create test database on " + engine + ": " + e.getMessage(), e);
        }
    }

    /** True when the engine's server answers; embedded engines always do. */
    public static boolean available(Engine engine) {
        return unavailableReason(engine) == null;
    }

    private static String unavailableReason(Engine engine) {
        String adminUrl = switch (engine) {
            case POSTGRESQL -> PG_ADMIN_URL;
            case MARIADB -> MARIADB_ADMIN_URL;
            default -> null;
        };
        if (adminUrl == null) return null;
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(adminUrl)) {
            return null;
        } catch (SQLException e) {
            return engine + " server not reachable at " + adminUrl.replaceAll("password=[^&]*", "password=***")
                    + " (" + e.getMessage() + ")";
        }
    }

    /** Skips the calling test (or fails under RETORT_REQUIRE_SERVERS=1) when the engine is unavailable. */
    public static void assumeAvailable(Engine engine) {
        String reason = unavailableReason(engine);
        if (reason == null) return;
        if ("1".equals(System.getenv("RETORT_REQUIRE_SERVERS"))) {
            throw new AssertionError(reason + "; RETORT_REQUIRE_SERVERS=1 so this fails instead of skipping");
        }
        Assumptions.abort(reason + "; skipping (set RETORT_REQUIRE_SERVERS=1 to fail instead)");
    }

    private static void admin(Engine engine, String adminUrl, String sql) throws SQLException {
        assumeAvailable(engine);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public Engine engine() {
        return engine;
    }

    /** JDBC URL of this database. */
    public String url() {
        return url;
    }

    /** Database name on servers (also a safe identifier for schemas and files). */
    public String name() {
        return name;
    }

    /** A new connection, opened the way Retort opens its own (for SQLite: the file created first). */
    public Connection connect() throws SQLException {
        return dev.retort.runtime.Connections.open(url, url, true);
    }

    @Override
    public void close() {
        try {
            switch (engine) {
                case SQLITE -> deleteTree(dir);
                case H2 -> keepAlive.close();
                case POSTGRESQL -> admin(engine, PG_ADMIN_URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                case MARIADB -> admin(engine, MARIADB_ADMIN_URL, "DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot drop test database " + name + " on " + engine + ": " + e.getMessage(), e);
        }
    }

    /** ../shared/schemas (or RETORT_SCHEMAS); the calling test is skipped with a message when absent. */
    public static Path schemasDir() {
        String configured = System.getenv("RETORT_SCHEMAS");
        Path p = configured != null ? Path.of(configured) : findUp(Path.of("").toAbsolutePath(), "../shared/schemas");
        Assumptions.assumeTrue(p != null && Files.isDirectory(p),
                "real schemas not found at ../shared/schemas (set RETORT_SCHEMAS); skipping");
        return p.normalize();
    }

    private static Path findUp(Path from, String relative) {
        for (Path d = from; d != null; d = d.getParent()) {
            Path candidate = d.resolve(relative);
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static String env(String key, String dflt) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? dflt : v;
    }

    @Override
    public String toString() {
        return engine.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
