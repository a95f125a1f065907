package dev.retort.runtime;

import dev.retort.IoErrors;
import dev.retort.RetortException;
import dev.retort.config.DatabaseUrls;
import dev.retort.config.SqliteUriPaths;
import dev.retort.secrets.MaskedCauses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/** Opens JDBC connections with one-line errors that name the (masked) URL. */
public final class Connections {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Connections.class);

    private Connections() {
    }

    /**
     * Opens {@code url}. The driver of a known engine is called directly (no classpath-wide driver scan,
     * which costs start-up time); other URLs go through DriverManager.
     *
     * @param createDirectories for SQLite files: create missing parent folders (writes only)
     */
    public static Connection open(String url, String displayUrl, boolean createDirectories) {
        return open(url, displayUrl, createDirectories, RuntimeSettings.defaults(), () -> false);
    }

    /**
     * As {@link #open(String, String, boolean)}; an embedded H2 file another process has open is waited for (t47-5).
     * H2 locks such a file for the process that opens it, and a second one fails at once with "Database may be
     * already in use" (90020): a run started while another runs, or a {@code current} during an upgrade, would fail
     * where the other engines wait for the run's lock. So the open is tried again, with a short backoff, for
     * {@code settings.lockTimeout()} (as a run waits for the migration lock), and then fails with one message naming
     * the file and how to share it. With {@code AUTO_SERVER=TRUE} the processes hand the file over to each other, and
     * the hand-over races of H2's lock file are waited out the same way (t49-1, see {@link H2FileContention}).
     *
     * @param cancelled ends the wait early (a Ctrl-C, the application's cancel())
     */
    public static Connection open(String url, String displayUrl, boolean createDirectories, RuntimeSettings settings,
                                  java.util.function.BooleanSupplier cancelled) {
        Path h2 = h2File(url);
        if (h2 == null) return openOnce(url, displayUrl, createDirectories);
        long start = System.nanoTime();
        long deadline = start + settings.lockTimeout().toNanos();
        long pause = 20;
        while (true) {
            try {
                return openOnce(url, displayUrl, createDirectories);
            } catch (RetortException e) {
                if (!H2FileContention.passing(e.getCause(), url)) throw e;
                if (cancelled.getAsBoolean()) {
                    throw new RetortException("Cancelled while connecting to " + displayUrl + "; nothing was changed");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 && H2FileContention.autoServer(url)) {
                    throw new RetortException("Cannot open " + displayUrl + ": the H2 file "
                            + h2.resolveSibling(h2.getFileName() + ".mv.db") + " is shared by several processes"
                            + " (AUTO_SERVER=TRUE), and for " + seconds(System.nanoTime() - start) + " ("
                            + settings.advice().lockTimeout() + ") each try to open it or to reach the process serving it"
                            + " failed: " + e.getMessage().replace("Cannot connect to " + displayUrl + ": ", ""), e.getCause());
                }
                if (left <= 0) {
                    throw new RetortException("Cannot open " + displayUrl + ": another process has the H2 file "
                            + h2.resolveSibling(h2.getFileName() + ".mv.db") + " open, and still had it after "
                            + seconds(System.nanoTime() - start) + " (" + settings.advice().lockTimeout() + "). An embedded"
                            + " H2 file is opened by one process at a time: to use it from several at once (application"
                            + " instances, a 'current' during an upgrade), add AUTO_SERVER=TRUE to the URL of every one"
                            + " (h2:///data/app?AUTO_SERVER=TRUE, jdbc:h2:file:...;AUTO_SERVER=TRUE) or run an H2 server"
                            + " (jdbc:h2:tcp://...)", e.getCause());
                }
                // silent, as a wait for the migration lock is
                if (pause == 20) LOG.debug("Waiting for another process to close the H2 file {}.mv.db", h2);
                try {
                    Thread.sleep(Math.min(pause, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left) + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new RetortException("Cancelled while connecting to " + displayUrl + "; nothing was changed");
                }
                pause = Math.min(pause * 2, 250);
            }
        }
    }

    private static String seconds(long nanos) {
        long tenths = Math.round(nanos / 1e8);
        return tenths % 10 == 0 ? tenths / 10 + " s" : tenths / 10 + "." + tenths % 10 + " s";
    }

    private static Connection openOnce(String url, String displayUrl, boolean createDirectories) {
        if (url == null || url.isBlank()) {
            throw new RetortException("No database URL: set url in retort.toml, RETORT_DATABASE_URL or DATABASE_URL, "
                    + "or pass --url");
        }
        Path file = sqliteFile(url);
        if (file != null && createDirectories) {
            try {
                Path folder = file.toAbsolutePath().getParent();
                if (folder != null && !Files.isDirectory(folder)) {
                    // the database's own folder (a project's data/) is made; a path whose folder's folder is
                    // missing too is more likely a typo or an unmounted volume than a wish for a new tree
                    if (folder.getParent() != null && !Files.isDirectory(folder.getParent())) {
                        throw new RetortException("Cannot create " + displayUrl + ": folder " + folder.getParent()
                                + " does not exist (Retort creates only the database file's own folder; check the path)");
                    }
                    Files.createDirectories(folder);
                }
                // SQLite creates a missing file on open; when several connections of one process do that at
                // once, a commit can find its rollback journal deleted by another (SQLITE_IOERR_DELETE_NOENT,
                // ~1 round in 8 with 8 threads). Opening an existing, empty file has no such race. A URI with
                // an explicit mode (mode=memory, mode=ro) is left to SQLite.
                if (!url.toLowerCase(Locale.ROOT).contains("mode=")) Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // the usual case
            } catch (IOException e) {
                throw IoErrors.failure("Cannot create " + displayUrl, e);
            }
        }
        try {
            Driver driver = knownDriver(url);
            OutputMasks.connecting(url);
            DatabaseUrls.DriverUrl given = DatabaseUrls.forDriver(url);
            requireMariaDbDatabase(given.url(), displayUrl);
            Properties properties = properties(url);
            properties.putAll(given.credentials());
            Connection c = driver == null ? null : driver.connect(given.url(), properties);
            return c != null ? c : DriverManager.getConnection(given.url(), properties);
        } catch (SQLException e) {
            throw new RetortException("Cannot connect to " + displayUrl + ": " + DatabaseUrls.scrub(cause(e), url),
                    MaskedCauses.of(e, text -> DatabaseUrls.scrub(text, url)));
        }
    }

    /**
     * A MariaDB/MySQL server has no default database (PostgreSQL takes the user's name): without one in the URL
     * every command read "no version table" as an unversioned database, and only an upgrade failed, late, with
     * "No database selected". Read from the URL as the driver will (no round trip).
     */
    private static void requireMariaDbDatabase(String url, String displayUrl) throws SQLException {
        String u = url.toLowerCase(Locale.ROOT);
        if (!u.startsWith("jdbc:mariadb:") && !u.startsWith("jdbc:mysql:")) return;
        org.mariadb.jdbc.Configuration parsed = org.mariadb.jdbc.Configuration.parse(url);
        if (parsed != null && (parsed.database() == null || parsed.database().isEmpty())) {
            throw new RetortException("The URL " + displayUrl + " names no database; add /DBNAME after the host"
                    + " (a MariaDB/MySQL server has no default database)");
        }
    }

    /**
     * For a URL whose open has side effects on files (SQLite and H2 file databases create the file): an
     * in-memory URL of the same engine, whose open loads and initialises the same driver code. Null for
     * server databases and in-memory URLs, which can simply be opened ahead of time.
     */
    public static String warmUpUrl(String url) {
        if (url == null) return null;
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:sqlite:")) return sqliteFile(url) == null ? null : "jdbc:sqlite::memory:";
        if (u.startsWith("jdbc:h2:")) return embeddedH2(u) ? "jdbc:h2:mem:" : null;
        return null;
    }

    /** Opens and closes {@code url} to load the driver's classes and native code; any failure is ignored. */
    static void warmUp(String url) {
        try {
            Driver driver = knownDriver(url);
            if (driver == null) return;
            Connection c = driver.connect(url, new Properties());
            if (c != null) c.close();
        } catch (SQLException | RuntimeException | LinkageError e) {
            // the real open reports whatever is wrong
        }
    }

    /**
     * Loads and initialises what the first connection to {@code url} will need, without connecting: for a
     * SQLite or H2 file, the command line's head start (which opens server connections outright) calls it
     * before its arguments are parsed; for the server drivers, the class-data archive's training calls it,
     * to load what only a connection that reached a server would (the JDK's management and locale set-up
     * pgjdbc asks for). Nothing is opened that has effects outside the process (a file URL warms up with an
     * in-memory database); any failure is ignored, the real open reports it.
     */
    public static void prepareDriver(String url) {
        if (url == null) return;
        String u = url.toLowerCase(Locale.ROOT);
        try {
            if (u.startsWith("jdbc:postgresql:")) {
                // the driver's property table (reflection on its annotations) and URL parsing
                org.postgresql.Driver.parseURL(url, new Properties());
                // asked by pgjdbc on every connect, to bound its result buffer: loads the management library
                java.lang.management.ManagementFactory.getMemoryMXBean();
                // pgjdbc's TimestampUtils makes one per connection: the JDK's locale (CLDR) set-up, ~20 ms cold
                new java.util.GregorianCalendar();
            } else if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
                org.mariadb.jdbc.Configuration.parse(DatabaseUrls.forDriver(url).url());
                new java.util.GregorianCalendar();
            } else {
                String memory = warmUpUrl(url); // SQLite and H2 files: loads the engine (SQLite's native library)
                if (memory != null) warmUp(memory);
            }
        } catch (SQLException | RuntimeException | LinkageError e) {
            // only a head start
        }
    }

    /**
     * Connection properties Retort adds unless the URL sets them. PostgreSQL: plain statements (a
     * revision's SQL) go with the simple query protocol, as psql sends them, and only prepared statements
     * with the extended one (pgjdbc's {@code preferQueryMode=extendedForPrepared}): the server's parse and
     * bind messages of the extended protocol cost ~6% of a run of many small DDL statements; and a bounded connect
     * ({@code loginTimeout}). H2 files: see below.
     */
    /** pgjdbc's loginTimeout unless the URL sets one: as long as MariaDB's driver waits for its server (t39-2). */
    static final long POSTGRESQL_LOGIN_TIMEOUT_SECONDS = 30;

    /** The application_name of the PostgreSQL sessions Retort opens from a URL that sets none. */
    static final String APPLICATION_NAME = "retort";

    static Properties properties(String url) {
        Properties p = new Properties();
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:") && !pgjdbcUrlSets(url, "preferQueryMode")) {
            p.setProperty("preferQueryMode", "extendedForPrepared");
        }
        if (u.startsWith("jdbc:postgresql:") && !pgjdbcUrlSets(url, "loginTimeout")) {
            // t39-2: pgjdbc waits for the server's answer to its startup message without end (with sslmode=disable;
            // otherwise 5 s for the SSL answer): a server that accepts TCP and never answers (hung, or a tunnel's far
            // end) hung the command with no word. loginTimeout bounds the whole connect, as MariaDB's driver does its own
            p.setProperty("loginTimeout", Long.toString(POSTGRESQL_LOGIN_TIMEOUT_SECONDS));
        }
        if (u.startsWith("jdbc:postgresql:") && !pgjdbcUrlSets(url, "ApplicationName")) {
            // t76-3: Retort's sessions are told from the application's in pg_stat_activity (a killed run's backend
            // that still holds the migration lock, say) rather than all reading "PostgreSQL JDBC Driver"
            p.setProperty("ApplicationName", APPLICATION_NAME);
        }
        if (embeddedH2(u) && !u.contains("db_close_on_exit")
                && !u.contains("auto_server=true")) {
            // H2 closes a file database from its own shutdown hook: on Ctrl-C or SIGTERM it raced the run's
            // own end, whose rollback and lock release then failed with "Database is already closed". (H2
            // refuses the setting with AUTO_SERVER=TRUE, whose database another process may be serving.)
            p.setProperty("DB_CLOSE_ON_EXIT", "FALSE");
        }
        if (embeddedH2(u) && !u.contains("trace_level_file")) {
            // r7-9: H2's default (1) writes every failed statement, a CREATE USER's password included, and every failed
            // login to NAME.trace.db beside the database, in the project folder; Retort reports errors itself
            p.setProperty("TRACE_LEVEL_FILE", "0");
        }
        return p;
    }

    /**
     * Whether pgjdbc reads {@code name} from the URL's parameters: its names are case-sensitive and taken as written
     * (t46-5: {@code logintimeout=5} is ignored by pgjdbc, and a case-blind test took it for the URL's own bound, so
     * the connect had none at all). pgjdbc's own parser decides; a URL it cannot parse gets Retort's defaults.
     */
    private static boolean pgjdbcUrlSets(String url, String name) {
        Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
        return parsed != null && parsed.getProperty(name) != null;
    }

    /**
     * True when {@code url} names an embedded database file (SQLite, H2) that does not exist yet: reading
     * it must not create it, and it is empty by definition.
     */
    public static boolean missingFileDatabase(String url) {
        Path sqlite = sqliteFile(url);
        if (sqlite != null) return !Files.exists(sqlite);
        Path h2 = h2File(url);
        return h2 != null && !Files.exists(h2.resolveSibling(h2.getFileName() + ".mv.db"))
                && !Files.exists(h2.resolveSibling(h2.getFileName() + ".h2.db"));
    }

    /** The file {@link #missingFileDatabase} looked for (H2's {@code .mv.db}), for messages. */
    static Path missingFilePath(String url) {
        Path sqlite = sqliteFile(url);
        if (sqlite != null) return sqlite.toAbsolutePath();
        Path h2 = h2File(url);
        return h2 == null ? null : h2.resolveSibling(h2.getFileName() + ".mv.db").toAbsolutePath();
    }

    /**
     * An empty private in-memory database of the engine of {@code url}, an embedded file database: what reading
     * the schema of a file not created yet sees, without creating it.
     */
    public static String emptyStandIn(String url) {
        return url.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:sqlite:") ? "jdbc:sqlite::memory:" : "jdbc:h2:mem:";
    }

    /**
     * Why {@code url} cannot serve the library's facade, which opens a connection per call: an in-memory
     * database that is gone with its last connection (SQLite's, H2's unnamed one, a named H2 one without
     * {@code DB_CLOSE_DELAY=-1}) would lose a migration before the next call. Null for any other URL.
     */
    static RetortException lostBetweenCalls(String url) {
        if (url == null) return null;
        String u = url.toLowerCase(Locale.ROOT);
        String why = "the database " + DatabaseUrls.mask(url) + " lives in memory and is gone when its last "
                + "connection closes, and Retort opens a connection for each call, so a migration would be lost "
                + "before the next one. ";
        if (u.startsWith("jdbc:sqlite:") && sqliteFile(url) == null && !u.contains(":resource:")) {
            return new RetortException("In-memory SQLite URL: " + why + "Give the builder .dataSource(...) one that "
                    + "keeps the database (a connection held open for the application's life), or use a file");
        }
        if (u.startsWith("jdbc:h2:mem:")) {
            String name = url.substring("jdbc:h2:mem:".length()).split(";", 2)[0];
            if (name.isEmpty()) {
                return new RetortException("Unnamed in-memory H2 URL: " + why + "(each connection has a database of "
                        + "its own.) Name it and keep it: jdbc:h2:mem:NAME;DB_CLOSE_DELAY=-1 (h2://mem/NAME), or "
                        + "give the builder .dataSource(...) one that keeps the database");
            }
            if (!u.replace(" ", "").contains(";db_close_delay=-1")) {
                return new RetortException("In-memory H2 URL without DB_CLOSE_DELAY=-1: " + why + "Add ;DB_CLOSE_DELAY=-1 "
                        + "(h2://mem/" + name + " adds it), or give the builder .dataSource(...) one that keeps the database");
            }
        }
        return null;
    }

    /**
     * What makes the database of the DataSource's connection {@code c} gone with its last connection (the URL form is
     * refused: {@link #lostBetweenCalls}); null for a database that stays. H2's metadata URL leaves out the URL's
     * settings, so a named in-memory one is asked for its DB_CLOSE_DELAY.
     */
    static String inMemory(Connection c) throws SQLException {
        String url = c.getMetaData().getURL();
        String why = inMemory(url);
        if (why == null || !why.contains("DB_CLOSE_DELAY")) return why;
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'DB_CLOSE_DELAY'")) {
            return rs.next() && "-1".equals(rs.getString(1).strip()) ? null : why;
        }
    }

    /** {@link #inMemory(Connection)} by the URL alone. */
    static String inMemory(String url) {
        if (url == null) return null;
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:sqlite:") && sqliteFile(url) == null && !u.contains(":resource:")) {
            return "lives in memory (SQLite; a :memory: one is each connection's own) and is gone when its last connection closes";
        }
        if (u.startsWith("jdbc:h2:mem:")) {
            String name = url.substring("jdbc:h2:mem:".length()).split(";", 2)[0];
            if (name.isEmpty()) {
                return "lives in memory (an unnamed H2 one, each connection's own) and is gone when its connection closes";
            }
            if (!u.replace(" ", "").contains(";db_close_delay=-1")) {
                return "lives in memory (H2, without DB_CLOSE_DELAY=-1) and is gone when its last connection closes";
            }
        }
        return null;
    }

    /** Deletes {@code file} when nothing was ever written to it; quietly does nothing otherwise. */
    static void deleteIfEmpty(Path file) {
        try {
            if (Files.size(file) == 0) Files.delete(file);
        } catch (IOException e) {
            // gone already, or not ours to remove
        }
    }

    /** An H2 URL whose database lives in this process, in a file (not {@code mem:}, not a server's {@code tcp:}/{@code ssl:}). */
    private static boolean embeddedH2(String lowerUrl) {
        return lowerUrl.startsWith("jdbc:h2:") && !lowerUrl.matches("jdbc:h2:(mem|tcp|ssl):.*");
    }

    /** The base path of an embedded H2 file URL ({@code jdbc:h2:[file:][nio:...]PATH[;settings]}), or null. */
    static Path h2File(String url) {
        if (url == null || !embeddedH2(url.toLowerCase(Locale.ROOT))) return null;
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) rest = rest.substring(0, semicolon);
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("zip:")) return null; // a file inside an archive: there is no path to look for
        if (lower.startsWith("file:")) rest = rest.substring(5);
        // the path after H2's file systems (nio:, split:...), where the file is (t72-1); none in its in-memory ones
        if (DatabaseUrls.h2MemoryFileSystem(rest)) return null;
        rest = rest.substring(DatabaseUrls.h2FileSystems(rest));
        if (rest.startsWith("~")) rest = System.getProperty("user.home") + rest.substring(1);
        return rest.isEmpty() ? null : Path.of(rest);
    }

    /** The database file of a SQLite URL, or null (in-memory, other engines). */
    public static Path sqliteFile(String url) {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:")) return null;
        String rest = url.substring("jdbc:sqlite:".length());
        boolean uri = rest.regionMatches(true, 0, "file:", 0, 5);
        if (uri) rest = rest.substring(5);
        if (rest.toLowerCase(Locale.ROOT).matches(".*[?&]mode=memory(&.*)?")) return null;
        // a URI's path ends at '?' or '#' and is percent-encoded (t34-1: proj%3Fv2 is the folder proj?v2)
        int q = uri ? SqliteUriPaths.pathEnd(rest) : rest.indexOf('?');
        if (q >= 0) rest = rest.substring(0, q);
        if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":resource:")) return null;
        return Path.of(uri ? SqliteUriPaths.decode(rest) : rest);
    }

    private static Driver knownDriver(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:sqlite:")) {
            SqliteNative.useCachedLibrary();
            return new org.sqlite.JDBC();
        }
        if (u.startsWith("jdbc:postgresql:")) return new org.postgresql.Driver();
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) return new org.mariadb.jdbc.Driver();
        if (u.startsWith("jdbc:h2:")) return new org.h2.Driver();
        return null;
    }

    private static String cause(SQLException e) {
        Throwable root = SqlErrors.rootCause(e);
        String msg = SqlErrors.describe(e);
        if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
            msg = msg + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return msg;
    }
}
