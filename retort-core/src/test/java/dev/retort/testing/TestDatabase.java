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
 * <p>
 * The servers are those of {@code RETORT_TEST_PG_URL} and {@code RETORT_TEST_MARIADB_URL} (JDBC URLs of an
 * administrator's connection; default 127.0.0.1:5432 user postgres, 127.0.0.1:3306 user root): a test's database
 * is on the same host and port, with the same credentials and parameters (t47-3).
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
                    yield new TestDatabase(engine, databaseUrl(PG_ADMIN_URL, name), name, null, null);
                }
                case MARIADB -> {
                    admin(engine, MARIADB_ADMIN_URL, "CREATE DATABASE " + name);
                    yield new TestDatabase(engine, databaseUrl(MARIADB_ADMIN_URL, name), name, null, null);
                }
            };
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create test database on " + engine + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code adminUrl} ({@code jdbc:ENGINE://HOST[:PORT][/DB][?PARAMS]}) with the database {@code database}: same
     * host, port, credentials and parameters.
     */
    public static String databaseUrl(String adminUrl, String database) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(jdbc:[a-z]+://[^/?]*)(/[^?]*)?(\\?.*)?").matcher(adminUrl);
        if (!m.matches()) throw new IllegalStateException("not a jdbc:ENGINE://HOST[:PORT]/... URL: " + adminUrl);
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    /** The URL of this server database for another user ({@code password} null: none given). */
    public String urlAs(String user, String password) {
        String base = databaseUrl(adminUrl(engine), name);
        int q = base.indexOf('?');
        return (q < 0 ? base : base.substring(0, q)) + "?user=" + user + (password == null ? "" : "&password=" + password);
    }

    /** {@code host:port} of the engine's test server, for URLs a test writes itself. */
    public static String hostPort(Engine engine) {
        return hostPort(engine, adminUrl(engine));
    }

    static String hostPort(Engine engine, String adminUrl) {
        java.net.URI uri = java.net.URI.create(adminUrl.substring("jdbc:".length()));
        int port = uri.getPort() >= 0 ? uri.getPort() : engine == Engine.POSTGRESQL ? 5432 : 3306;
        return uri.getHost() + ":" + port;
    }

    /**
     * The arguments that point the engine's command-line client at the test server: {@code -h HOST -p PORT -U USER}
     * for psql, {@code -h HOST -P PORT -u USER} for mariadb/mysql (the admin URL's user; no password is passed).
     */
    public static java.util.List<String> clientArgs(Engine engine) {
        return clientArgs(engine, adminUrl(engine));
    }

    static java.util.List<String> clientArgs(Engine engine, String url) {
        String[] hp = hostPort(engine, url).split(":");
        java.util.regex.Matcher user = java.util.regex.Pattern.compile("[?&]user=([^&]*)").matcher(url);
        String u = user.find() ? user.group(1) : engine == Engine.POSTGRESQL ? "postgres" : "root";
        return engine == Engine.POSTGRESQL ? java.util.List.of("-h", hp[0], "-p", hp[1], "-U", u)
                : java.util.List.of("-h", hp[0], "-P", hp[1], "-u", u);
    }

    /** {@code program} (psql, mariadb, mysql) pointed at the engine's test server ({@link #clientArgs}), then {@code options}. */
    public static java.util.List<String> clientCommand(String program, Engine engine, String... options) {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(program);
        cmd.addAll(clientArgs(engine));
        cmd.addAll(java.util.List.of(options));
        return cmd;
    }

    private static String adminUrl(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> PG_ADMIN_URL;
            case MARIADB -> MARIADB_ADMIN_URL;
            default -> throw new IllegalArgumentException(engine + " has no server");
        };
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
