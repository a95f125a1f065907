package dev.retort.config;

import dev.retort.RetortException;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Database URLs: 12-factor URLs ({@code postgresql://user:pass@host:5432/db}) to JDBC, relative
 * SQLite/H2 paths made absolute against the configuration's folder, and passwords masked for display.
 */
public final class DatabaseUrls {
    private DatabaseUrls() {
    }

    /**
     * scheme[+driver]://[user[:password]@]host[:port][/database][?query]. The password runs to the last
     * {@code @} before the path, as in Python's urllib: an unencoded {@code @} in a password is a common
     * slip, and splitting at the first one showed the rest of the password as the host name.
     */
    private static final Pattern SERVER_URL = Pattern.compile(
            "(?<scheme>[A-Za-z][A-Za-z0-9]*)(?:\\+[A-Za-z0-9_]+)?://(?:(?<user>[^:@/]*)(?::(?<password>[^/]*))?@)?"
                    + "(?<host>\\[[^\\]]*]|[^:/?]*)(?::(?<port>\\d+))?(?:/(?<db>[^?]*))?(?:\\?(?<query>.*))?");

    /** jdbc:postgresql|mariadb|mysql://user[:password]@rest, where rest is a single host and what follows it */
    private static final Pattern JDBC_USERINFO = Pattern.compile(
            "(?<prefix>(?i:jdbc:(?<scheme>postgresql|mariadb|mysql))://)(?<user>[^:@/?,]*)(?::(?<password>[^/?,]*))?@"
                    + "(?<rest>[^@,]*)");

    /**
     * {@code password=}, and every parameter whose name ends so ({@code sslpassword}, {@code keyStorePassword}),
     * up to the next parameter; in a pgjdbc URL only {@code &} separates them, so a {@code ;} is part of the
     * password there.
     */
    private static final Pattern PG_JDBC_PASSWORD = Pattern.compile("(?i)(jdbc:postgresql:[^\\s]*?[?&][a-z]*password=)[^&\\s]*");
    private static final Pattern JDBC_PASSWORD = Pattern.compile("(?i)((?:^|[?&;:])[a-z]*password=)[^&;\\s]*");
    /**
     * As in {@link #SERVER_URL}: up to the last {@code @} before the path (an unencoded {@code ?} in the password
     * included); a password with an unencoded {@code /} is caught by {@link #USERINFO_PASSWORD_SLASH}.
     */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^:/@?\\s]*:)[^/\\s]*@");
    private static final Pattern USERINFO_PASSWORD_SLASH = Pattern.compile("(://[^:/@?\\s]*:)[^@\\s]*@");
    /**
     * Oracle's {@code jdbc:oracle:thin:user/password@host...}: Retort does not support the engine, but its
     * messages show the URL they refuse, and passwords never appear in output.
     */
    private static final Pattern SLASH_PASSWORD = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:]*/)[^@]*@");

    /**
     * The JDBC URL for {@code url}: JDBC URLs pass through (relative SQLite/H2 file paths resolved
     * against {@code baseDir}); 12-factor URLs are converted.
     */
    public static String toJdbc(String url, Path baseDir) {
        String u = url.strip();
        if (u.regionMatches(true, 0, "jdbc:mysql:", 0, 11)) {
            // MariaDB Connector/J, the driver Retort ships, takes jdbc:mysql: only with permitMysqlScheme; the URL
            // every MySQL user has would otherwise be "No suitable driver"
            u = "jdbc:mariadb:" + u.substring(11);
        }
        if (u.regionMatches(true, 0, "jdbc:", 0, 5)) return resolveJdbcPaths(jdbcCredentials(u), baseDir);
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:") || lower.startsWith("sqlite+")) return sqlite(u, baseDir);
        if (lower.startsWith("h2:") || lower.startsWith("h2+")) return h2(u, baseDir);
        Matcher m = SERVER_URL.matcher(u);
        if (!m.matches()) throw new RetortException("Not a database URL: '" + mask(u)
                + "' (expected a JDBC URL or postgresql://, mysql://, mariadb://, sqlite:///, h2:///)");
        String scheme = m.group("scheme").toLowerCase(Locale.ROOT);
        String jdbcScheme = switch (scheme) {
            case "postgresql", "postgres", "pgsql" -> "postgresql";
            case "mysql", "mariadb" -> "mariadb";
            default -> throw new RetortException("Unsupported database URL scheme '" + scheme + "' in '" + mask(u)
                    + "'; use postgresql://, mysql://, mariadb://, sqlite:/// or h2:///, or a JDBC URL");
        };
        StringBuilder jdbc = new StringBuilder("jdbc:").append(jdbcScheme).append("://").append(m.group("host"));
        if (m.group("port") != null) jdbc.append(':').append(m.group("port"));
        jdbc.append('/');
        if (m.group("db") != null) jdbc.append(m.group("db"));
        StringBuilder query = credentials(m.group("user"), m.group("password"), jdbcScheme.equals("postgresql"));
        if (m.group("query") != null && !m.group("query").isEmpty()) {
            if (query.length() > 0) query.append('&');
            query.append(m.group("query"));
        }
        if (query.length() > 0) jdbc.append('?').append(query);
        return jdbc.toString();
    }

    /** {@code user=..&password=..} for the query string of a PostgreSQL or MariaDB JDBC URL. */
    private static StringBuilder credentials(String user, String password, boolean pg) {
        StringBuilder query = new StringBuilder();
        if (user != null && !user.isEmpty()) query.append("user=").append(param(user, pg));
        if (password != null) {
            if (query.length() > 0) query.append('&');
            query.append("password=").append(param(password, pg));
        }
        return query;
    }

    /**
     * {@code jdbc:postgresql://user:pass@host/db} as {@code jdbc:postgresql://host/db?user=user&password=pass}.
     * Neither pgjdbc nor MariaDB Connector/J reads credentials before the host: they take them for part of
     * the host name or port, fail, and echo them, password included, in their error message.
     */
    private static String jdbcCredentials(String u) {
        Matcher m = JDBC_USERINFO.matcher(u);
        if (!m.matches()) return u;
        StringBuilder query = credentials(m.group("user"), m.group("password"),
                m.group("scheme").equalsIgnoreCase("postgresql"));
        if (query.length() == 0) return m.group("prefix") + m.group("rest");
        String rest = m.group("rest");
        int q = rest.indexOf('?');
        if (q < 0) return m.group("prefix") + rest + "?" + query;
        String existing = rest.substring(q + 1);
        return m.group("prefix") + rest.substring(0, q) + "?" + query + (existing.isEmpty() ? "" : "&" + existing);
    }

    /**
     * PgJDBC URL-decodes parameter values, so they go in encoded; MariaDB Connector/J takes them
     * verbatim, so they go in decoded.
     */
    private static String param(String raw, boolean encode) {
        String decoded = decode(raw);
        return encode ? URLEncoder.encode(decoded, StandardCharsets.UTF_8) : decoded;
    }

    /**
     * Percent-decoding as in a URL's user info: {@code +} is a plus (URLDecoder, made for HTML forms, would
     * read a space), and a value with a stray {@code %} (an unencoded password) is taken as written.
     */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** sqlite:///relative.db, sqlite:////abs.db, sqlite:// (in memory). */
    private static String sqlite(String u, Path baseDir) {
        FilePart f = filePart(u, '?', "Not a SQLite URL: '" + u
                + "' (expected sqlite:///relative/path.db, sqlite:////absolute/path.db or sqlite://)");
        String path = f.path();
        if (path.isEmpty() || path.equals("/") || path.equals("/:memory:")) return "jdbc:sqlite::memory:" + f.suffix();
        path = path.substring(1); // the third slash separates the (empty) host from the path
        return "jdbc:sqlite:" + resolve(path, baseDir) + f.suffix();
    }

    /**
     * h2:///relative, h2:////abs, h2:// or h2://mem/name (in memory). A named in-memory database is kept
     * until the process ends ({@code DB_CLOSE_DELAY=-1}): H2 drops it with its last connection otherwise,
     * and Retort closes its connection after each call, so a migration was gone by the next one.
     */
    private static String h2(String u, Path baseDir) {
        FilePart f = filePart(u, ';', "Not an H2 URL: '" + u
                + "' (expected h2:///relative/path, h2:////absolute/path or h2://)");
        String path = f.path();
        if (path.isEmpty() || path.equals("/")) return "jdbc:h2:mem:" + f.suffix();
        if (path.startsWith("mem/")) {
            boolean delaySet = f.suffix().toUpperCase(Locale.ROOT).contains(";DB_CLOSE_DELAY=");
            return "jdbc:h2:mem:" + path.substring(4) + (delaySet ? "" : ";DB_CLOSE_DELAY=-1") + f.suffix();
        }
        path = path.substring(1);
        return "jdbc:h2:file:" + resolve(path, baseDir) + f.suffix();
    }

    /** What follows {@code scheme://} in a file-database URL: the path, and the options from {@code sep} on. */
    private record FilePart(String path, String suffix) {
    }

    private static FilePart filePart(String u, char sep, String notThisKind) {
        String rest = u.substring(u.indexOf(':') + 1);
        if (!rest.startsWith("//")) throw new RetortException(notThisKind);
        String path = rest.substring(2);
        int at = path.indexOf(sep);
        return at < 0 ? new FilePart(path, "") : new FilePart(path.substring(0, at), path.substring(at));
    }

    private static String resolveJdbcPaths(String u, Path baseDir) {
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            String path = u.substring("jdbc:sqlite:".length());
            if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) return u;
            String query = "";
            int q = path.indexOf('?');
            if (q >= 0) {
                query = path.substring(q);
                path = path.substring(0, q);
            }
            return "jdbc:sqlite:" + resolve(path, baseDir) + query;
        }
        for (String prefix : new String[]{"jdbc:h2:file:", "jdbc:h2:"}) {
            if (lower.startsWith(prefix)) {
                String path = u.substring(prefix.length());
                // H2 itself refuses implicitly relative paths; ./x and ../x are relative to the config's folder
                if (path.startsWith("./") || path.startsWith("../")) {
                    int semi = path.indexOf(';');
                    String options = semi >= 0 ? path.substring(semi) : "";
                    String file = semi >= 0 ? path.substring(0, semi) : path;
                    return prefix + resolve(file, baseDir) + options;
                }
                return u;
            }
        }
        return u;
    }

    private static String resolve(String path, Path baseDir) {
        Path p = Path.of(path);
        if (p.isAbsolute() || baseDir == null) return p.normalize().toString();
        return baseDir.resolve(p).toAbsolutePath().normalize().toString();
    }

    /**
     * {@code text} with every password in {@code url} (as written and URL-decoded) replaced by {@code ***}:
     * for messages of drivers that may echo what they were given.
     */
    public static String scrub(String text, String url) {
        if (text == null || url == null) return text;
        String result = text;
        // the slash form only where the usual one found no password: it would take "pa" of "pa@ss@host"
        Pattern userinfo = USERINFO_PASSWORD.matcher(url).find() ? USERINFO_PASSWORD : USERINFO_PASSWORD_SLASH;
        // the URL's own driver's rule only: H2's ';'-ended password= would take "o" of pgjdbc's "o;xyz" and garble
        // every "o" of the message
        Pattern parameter = url.regionMatches(true, 0, "jdbc:postgresql:", 0, 16) ? PG_JDBC_PASSWORD : JDBC_PASSWORD;
        for (Pattern p : new Pattern[]{userinfo, SLASH_PASSWORD, parameter}) {
            Matcher m = p.matcher(url);
            while (m.find()) {
                String raw = m.group().substring(m.group(1).length()).replaceAll("@$", "");
                if (raw.isEmpty() || raw.equals("***")) continue;
                result = result.replace(raw, "***");
                String decoded = decode(raw);
                if (!decoded.isEmpty()) result = result.replace(decoded, "***");
            }
        }
        return result;
    }

    /**
     * The URL with any password replaced by {@code ***}: {@code postgresql://user:***@host/db},
     * {@code jdbc:postgresql://host/db?user=u&password=***}. Null stays null.
     */
    public static String mask(String url) {
        if (url == null) return null;
        String masked = USERINFO_PASSWORD.matcher(url).replaceAll("$1***@");
        masked = USERINFO_PASSWORD_SLASH.matcher(masked).replaceAll("$1***@");
        masked = SLASH_PASSWORD.matcher(masked).replaceAll("$1***@");
        masked = PG_JDBC_PASSWORD.matcher(masked).replaceAll("$1***");
        return JDBC_PASSWORD.matcher(masked).replaceAll("$1***");
    }
}
