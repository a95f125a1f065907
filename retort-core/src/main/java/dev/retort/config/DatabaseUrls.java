package dev.retort.config;

import dev.retort.secrets.UrlSecrets;

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

    /**
     * jdbc:postgresql|mariadb|mysql://user then {@code @} or {@code :password@} and the host(s); see {@link #jdbcUserInfo}.
     */
    private static final Pattern JDBC_USERINFO = Pattern.compile(
            "(?<prefix>(?i:jdbc:(?<scheme>postgresql|mariadb|mysql))://)(?<user>[^:@/?,]*)");

    /** The parts of {@code prefix user[:password]@rest}; the password is null without a colon. */
    private record JdbcUserInfo(String prefix, String scheme, String user, String password, String rest) {
    }

    /**
     * The user info of a PostgreSQL/MariaDB/MySQL JDBC URL, or null without one. The password runs to the last
     * {@code @} (as in Python's urllib), whatever it holds, {@code / , ?} included: stopping at a {@code /} or
     * {@code ,} left the URL to the driver, which read {@code user:pa} as host and port and printed the start of the
     * password ("Incorrect port value : pa"). An {@code @} in the query ({@code /db?user=admin@srv}: after a
     * {@code /}, a {@code ?} and a {@code =}) ends no user info.
     */
    private static JdbcUserInfo jdbcUserInfo(String u) {
        Matcher m = JDBC_USERINFO.matcher(u);
        if (!m.lookingAt() || m.end() >= u.length()) return null;
        String prefix = m.group("prefix"), scheme = m.group("scheme"), user = m.group("user");
        char next = u.charAt(m.end());
        if (next == '@') return new JdbcUserInfo(prefix, scheme, user, null, u.substring(m.end() + 1));
        if (next != ':') return null;
        int from = m.end() + 1;
        for (int at = u.lastIndexOf('@'); at >= from; at = u.lastIndexOf('@', at - 1)) {
            String password = u.substring(from, at);
            int slash = password.indexOf('/');
            int question = slash < 0 ? -1 : password.indexOf('?', slash);
            if (question >= 0 && password.indexOf('=', question) >= 0) continue; // the '@' is in the query
            return new JdbcUserInfo(prefix, scheme, user, password, u.substring(at + 1));
        }
        return null;
    }

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
                + "' (expected a JDBC URL or postgresql://, mysql://, mariadb://, sqlite:///, h2:///)"
                + rawSlashInUserInfoHint(u));
        String scheme = m.group("scheme").toLowerCase(Locale.ROOT);
        String jdbcScheme = switch (scheme) {
            case "postgresql", "postgres", "pgsql" -> "postgresql";
            case "mysql", "mariadb" -> "mariadb";
            default -> throw new RetortException("Unsupported database URL scheme '" + scheme + "' in '" + mask(u)
                    + "'; use postgresql://, mysql://, mariadb://, sqlite:/// or h2:///, or a JDBC URL");
        };
        boolean pg = jdbcScheme.equals("postgresql");
        StringBuilder jdbc = new StringBuilder("jdbc:").append(jdbcScheme).append("://");
        if (!pg) jdbc.append(userInfo(m.group("user"), m.group("password")));
        jdbc.append(m.group("host"));
        if (m.group("port") != null) jdbc.append(':').append(m.group("port"));
        jdbc.append('/');
        if (m.group("db") != null) jdbc.append(m.group("db"));
        StringBuilder query = pg ? credentials(m.group("user"), m.group("password")) : new StringBuilder();
        if (m.group("query") != null && !m.group("query").isEmpty()) {
            if (query.length() > 0) query.append('&');
            query.append(m.group("query"));
        }
        if (query.length() > 0) jdbc.append('?').append(query);
        return jdbc.toString();
    }

    /**
     * A hint for a URL whose user info holds a raw {@code /}: URL syntax (RFC 3986, and libpq and SQLAlchemy with it)
     * ends the host part there, so the URL cannot be read as meant, and guessing where the password ends could send
     * part of it as the host or database name.
     */
    private static String rawSlashInUserInfoHint(String u) {
        int scheme = u.indexOf("://");
        int at = u.lastIndexOf('@');
        if (scheme < 0 || at < scheme) return "";
        String userInfo = u.substring(scheme + 3, at);
        if (userInfo.indexOf('/') < 0) return "";
        return "; a '/' in the user name or password must be percent-encoded as %2F (and an '@' as %40)";
    }

    /** {@code user=..&password=..} for the query string of a PostgreSQL JDBC URL. */
    private static StringBuilder credentials(String user, String password) {
        StringBuilder query = new StringBuilder();
        if (user != null && !user.isEmpty()) query.append("user=").append(URLEncoder.encode(decode(user), StandardCharsets.UTF_8));
        if (password != null) {
            if (query.length() > 0) query.append('&');
            query.append("password=").append(URLEncoder.encode(decode(password), StandardCharsets.UTF_8));
        }
        return query;
    }

    /**
     * {@code user:password@}, percent-encoded, for a MariaDB JDBC URL; empty without either. Connector/J reads
     * its parameters verbatim and splits them at every {@code &}, so a password holding one could not be written
     * as {@code password=} at all; Retort keeps the credentials before the host and hands them to the driver as
     * connection properties ({@link #forDriver}).
     */
    private static String userInfo(String user, String password) {
        boolean hasUser = user != null && !user.isEmpty();
        if (!hasUser && password == null) return "";
        return (hasUser ? encode(decode(user)) : "") + (password == null ? "" : ":" + encode(decode(password))) + "@";
    }

    /** Percent-encoding for user info: a space as {@code %20}, since {@link #decode} reads {@code +} as a plus. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * {@code jdbc:postgresql://user:pass@host/db} as {@code jdbc:postgresql://host/db?user=user&password=pass}.
     * Neither pgjdbc nor MariaDB Connector/J reads credentials before the host: they take them for part of
     * the host name or port, fail, and echo them, password included, in their error message. A MariaDB URL
     * keeps them there, percent-encoded, for {@link #forDriver} to hand over as properties.
     */
    private static String jdbcCredentials(String u) {
        JdbcUserInfo m = jdbcUserInfo(u);
        if (m == null) return u;
        if (!m.scheme().equalsIgnoreCase("postgresql")) {
            return m.prefix() + userInfo(m.user(), m.password()) + m.rest();
        }
        StringBuilder query = credentials(m.user(), m.password());
        if (query.length() == 0) return m.prefix() + m.rest();
        String rest = m.rest();
        int q = rest.indexOf('?');
        if (q < 0) return m.prefix() + rest + "?" + query;
        String existing = rest.substring(q + 1);
        return m.prefix() + rest.substring(0, q) + "?" + query + (existing.isEmpty() ? "" : "&" + existing);
    }

    /** A JDBC URL as its driver takes it, and the credentials to pass beside it as connection properties. */
    public record DriverUrl(String url, java.util.Properties credentials) {
    }

    /**
     * {@code jdbcUrl} as its driver takes it: a MariaDB URL's {@code user:password@} (see {@link #userInfo}) moved
     * into properties, decoded; any other URL as it is.
     */
    public static DriverUrl forDriver(String jdbcUrl) {
        java.util.Properties credentials = new java.util.Properties();
        JdbcUserInfo m = jdbcUrl == null ? null : jdbcUserInfo(jdbcUrl);
        if (m == null || m.scheme().equalsIgnoreCase("postgresql")) return new DriverUrl(jdbcUrl, credentials);
        if (!m.user().isEmpty()) credentials.setProperty("user", decode(m.user()));
        if (m.password() != null) credentials.setProperty("password", decode(m.password()));
        return new DriverUrl(m.prefix() + m.rest(), credentials);
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

    private static String formDecode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** sqlite:///relative.db, sqlite:////abs.db, sqlite:// (in memory). */
    private static String sqlite(String u, Path baseDir) {
        String forms = "expected sqlite:///relative/path.db, sqlite:////absolute/path.db or sqlite://";
        FilePart f = filePart(u, '?', "Not a SQLite URL: '" + mask(u) + "' (" + forms + ")");
        String path = f.path();
        // r7-5: options after '?' (SQLAlchemy's sqlite:///file.db?mode=ro) go to SQLite as a URI's, which it reads only
        // in the file: spelling; without it the driver opened a file named "file.db?mode=ro"
        String uri = f.suffix().length() > 1 ? "file:" : "";
        String suffix = uri.isEmpty() ? "" : f.suffix();
        if (path.isEmpty() || path.equals("/") || path.equals("/:memory:")) return "jdbc:sqlite:" + uri + ":memory:" + suffix;
        if (!path.startsWith("/")) {
            // sqlite://data/x.db, two slashes for three: the path's first character was taken for the third slash
            throw new RetortException("Invalid SQLite URL '" + mask(u) + "': a SQLite file has no host or user, so the "
                    + "path starts after three slashes (" + forms + ")");
        }
        path = path.substring(1); // the third slash separates the (empty) host from the path
        return sqliteFileUrl(resolve(path, baseDir), suffix, !uri.isEmpty());
    }

    /**
     * The SQLite URL of the file at {@code path} with {@code options} (empty or from a {@code ?} on). A URI's path is
     * percent-encoded ({@link SqliteUriPaths}); a plain path holding a {@code ?} (a project folder {@code proj?v2})
     * is written as a URI too, since the driver would take what follows the {@code ?} for its pragmas.
     */
    private static String sqliteFileUrl(String path, String options, boolean uri) {
        if (!uri && path.indexOf('?') < 0) return "jdbc:sqlite:" + path + options;
        return "jdbc:sqlite:file:" + SqliteUriPaths.encode(path) + options;
    }

    /**
     * h2:///relative, h2:////abs, h2:// or h2://mem/name (in memory); credentials as in any URL,
     * {@code h2://user:password@/path}, become H2's USER and PASSWORD settings. A named in-memory database is kept
     * until the process ends ({@code DB_CLOSE_DELAY=-1}): H2 drops it with its last connection otherwise,
     * and Retort closes its connection after each call, so a migration was gone by the next one.
     */
    private static String h2(String u, Path baseDir) {
        String forms = "expected h2:///relative/path, h2:////absolute/path, h2://user:password@/path, h2://mem/name or h2://";
        FilePart f = filePart(u, ';', "Not an H2 URL: '" + mask(u) + "' (" + forms + ")");
        String path = f.path();
        String own = f.suffix(); // H2's own ;NAME=VALUE settings after the path
        String credentials = "";
        int slash = path.indexOf('/');
        int at = path.lastIndexOf('@', slash < 0 ? path.length() - 1 : slash);
        if (at >= 0) {
            // user info; the file (or mem/name) follows after the '@' and a slash, as after h2://
            String user = path.substring(0, at);
            int colon = user.indexOf(':');
            String name = decode(colon < 0 ? user : user.substring(0, colon));
            String password = colon < 0 ? null : decode(user.substring(colon + 1));
            if (name.contains(";") || password != null && password.contains(";")) {
                throw new RetortException("Invalid H2 URL '" + mask(u) + "': H2 cannot take a ';' in a user name or "
                        + "password given in its URL");
            }
            credentials = (name.isEmpty() ? "" : ";USER=" + name) + (password == null ? "" : ";PASSWORD=" + password);
            path = path.substring(at + 1);
            slash = path.indexOf('/');
        }
        int question = path.indexOf('?');
        String options = "";
        if (question >= 0) {
            // r7-5: h2:///x?user=sa&password=... made a file named after the options, the password in its name.
            // t55-3: a ';' after the '?' is inside an option's value (password=x;MODE=MySQL), not the start of H2's
            // own settings: cutting there connected with the password "x" and ran the rest as settings
            options = h2Settings(path.substring(question + 1) + own, u);
            own = "";
            path = path.substring(0, question);
            slash = path.indexOf('/');
        }
        String suffix = options + own + credentials;
        if (path.isEmpty() || path.equals("/")) return "jdbc:h2:mem:" + suffix;
        if (path.startsWith("mem/")) {
            boolean delaySet = suffix.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_DELAY=");
            return "jdbc:h2:mem:" + path.substring(4) + (delaySet ? "" : ";DB_CLOSE_DELAY=-1") + suffix;
        }
        if (slash != 0) {
            // h2://localhost/x: the host's first character was taken for the third slash
            throw new RetortException("Invalid H2 URL '" + mask(u) + "': an embedded H2 database has no host, so the "
                    + "path starts after three slashes (" + forms + "; a server's database is jdbc:h2:tcp://host/path)");
        }
        path = path.substring(1);
        return "jdbc:h2:file:" + h2Path(resolve(path, baseDir), u) + suffix;
    }

    /**
     * {@code path}, an H2 file path resolved against the configuration's folder, for an H2 URL; refused if it
     * holds a {@code ;}, which H2 reads as the start of its settings and has no escape for: a folder named
     * {@code q;INIT=...} opened the file {@code q} beside it and ran the rest as SQL (t34-2).
     */
    private static String h2Path(String path, String url) {
        if (path.indexOf(';') < 0) return path;
        throw new RetortException("Cannot use the H2 database path " + path + " (of " + mask(url) + "): it holds a ';', "
                + "which H2 reads as the start of its settings and cannot escape; move the project, or the database, "
                + "to a path without ';'");
    }

    /** A query string ({@code user=sa&password=x}) as H2 settings ({@code ;user=sa;password=x}), decoded. */
    private static String h2Settings(String query, String url) {
        StringBuilder settings = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            String setting = formDecode(pair);
            int eq = setting.indexOf('='), semi = setting.indexOf(';');
            if (semi >= 0 && eq > 0 && eq < semi) {
                // name the option, never its value: it is often the password
                throw new RetortException("Invalid H2 URL '" + mask(url) + "': the value of option '"
                        + setting.substring(0, eq) + "' after '?' holds a ';', which H2 would read as the start of "
                        + "another setting and cannot escape; each option after '?' must be NAME=VALUE without ';' "
                        + "(or write H2's own ;NAME=VALUE after the path)");
            }
            if (semi >= 0 || eq < 0) {
                throw new RetortException("Invalid H2 URL '" + mask(url) + "': each option after '?' must be NAME=VALUE "
                        + "without ';' (or write H2's own ;NAME=VALUE after the path)");
            }
            settings.append(';').append(setting);
        }
        return settings.toString();
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

    /**
     * H2's pluggable file systems that keep the database in a file on disk at the path after them ({@code nio:},
     * {@code nioMapped:}, {@code async:}, {@code retry:}, {@code split:} with its optional part size), one after
     * another ({@code split:nio:}); H2 knows them as written (case-sensitive).
     */
    private static final Pattern H2_FILE_SYSTEMS = Pattern.compile("(?:(?:nio|nioMapped|async|retry|split(?::\\d+)?):)*");
    /** H2's in-memory file systems: their files live in the JVM, not on disk. */
    private static final Pattern H2_MEMORY_FILE_SYSTEM = Pattern.compile("(?:memFS|memLZF|nioMemFS|nioMemLZF):");

    /**
     * How many characters at the start of {@code path}, an H2 URL's part after {@code jdbc:h2:[file:]}, name the file
     * systems of {@link #H2_FILE_SYSTEMS} (0 for none): the file's path follows them (t72-1: {@code nio:/data/app} was
     * read as a relative path named {@code nio:/data/app}).
     */
    public static int h2FileSystems(String path) {
        Matcher m = H2_FILE_SYSTEMS.matcher(path);
        return m.lookingAt() ? m.end() : 0;
    }

    /** True when {@code path}, after its {@link #h2FileSystems}, is in one of H2's in-memory file systems ({@code memFS:}...). */
    public static boolean h2MemoryFileSystem(String path) {
        return H2_MEMORY_FILE_SYSTEM.matcher(path.substring(h2FileSystems(path))).lookingAt();
    }

    private static String resolveJdbcPaths(String u, Path baseDir) {
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            String path = u.substring("jdbc:sqlite:".length());
            // a SQLite URI (file:data/app.db?mode=ro, the spelling URI options need) is relative to the same folder
            String uri = path.regionMatches(true, 0, "file:", 0, 5) ? path.substring(0, 5) : "";
            path = path.substring(uri.length());
            if (path.isEmpty() || path.startsWith(":") || path.startsWith("/") && !uri.isEmpty()) return u;
            // a URI's path ends at its '?' or '#' (as SQLite reads it) and is percent-encoded; the driver takes
            // pragmas from the first '?' of a plain path
            int q = uri.isEmpty() ? path.indexOf('?') : SqliteUriPaths.pathEnd(path);
            String query = q >= 0 ? path.substring(q) : "";
            if (q >= 0) path = path.substring(0, q);
            if (!uri.isEmpty()) path = SqliteUriPaths.decode(path);
            return sqliteFileUrl(resolve(path, baseDir), query, !uri.isEmpty());
        }
        for (String prefix : new String[]{"jdbc:h2:file:", "jdbc:h2:"}) {
            if (lower.startsWith(prefix)) {
                String path = u.substring(prefix.length());
                // ./x and ../x are relative to the config's folder, and so is data/app (t68-2): H2 refuses such an
                // implicitly relative path, so it meant nothing else, and current/check read it against the current
                // directory while upgrade failed. Left as written: ~/x, /abs, C:/x and H2's mem:, tcp:, zip:... forms.
                // A path after a file system's name (nio:./x, split:data/x) is read the same way (t72-1)
                int semi = path.indexOf(';');
                String options = semi >= 0 ? path.substring(semi) : "";
                String file = semi >= 0 ? path.substring(0, semi) : path;
                String fileSystems = file.substring(0, h2FileSystems(file));
                file = file.substring(fileSystems.length());
                boolean relative = file.startsWith("./") || file.startsWith("../")
                        || !file.isEmpty() && !file.startsWith("/") && !file.startsWith("\\") && !file.startsWith("~")
                        && file.indexOf(':') < 0;
                if (relative) return prefix + fileSystems + h2Path(resolve(file, baseDir), u) + options;
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
     * Free text is searched for a password only if it is this long: a shorter one (a dev {@code app}, a test
     * {@code e}) matches inside ordinary words, and the stars then garble the message and tell the reader the
     * password by where they stand. Structural masking ({@link UrlSecrets#maskText}, the URL itself) still applies.
     */
    private static final int FREE_TEXT_MIN = 4;

    /**
     * {@code text} with the passwords of {@code url} masked where a driver echoes them: the URL itself (and the
     * one handed to the driver) masked as {@link #mask} does; each password (as written, URL-decoded and
     * URL-encoded) and each piece of a user-info password between {@code / , ? @ : ; &} where it stands as a whole
     * token of at least {@value #FREE_TEXT_MIN} characters, never inside a longer word; and anything shaped like
     * a password masked as by {@link UrlSecrets#maskText}: for messages of drivers that may echo what they were given.
     */
    public static String scrub(String text, String url) {
        if (text == null || url == null) return text;
        String result = text;
        for (String given : new String[]{url, forDriver(url).url()}) {
            if (given != null && !given.isEmpty()) result = result.replace(given, mask(given));
        }
        for (String secret : secrets(url)) result = replaceToken(result, secret);
        return UrlSecrets.maskText(result);
    }

    /** The forms of {@code url}'s passwords a driver may echo, longest first; none shorter than {@link #FREE_TEXT_MIN}. */
    static java.util.List<String> secrets(String url) {
        java.util.Set<String> forms = new java.util.LinkedHashSet<>();
        for (String raw : UrlPasswords.of(url)) {
            forms.add(raw);
            // pgjdbc reads a '+' of a parameter as a space, as HTML forms do; user info keeps it a plus
            for (String decoded : new String[]{decode(raw), formDecode(raw)}) {
                forms.add(decoded);
                forms.add(URLEncoder.encode(decoded, StandardCharsets.UTF_8));
                forms.add(encode(decoded));
            }
            // a driver that took the user info for host and port echoes a piece of it ("Incorrect port value : pa")
            for (String piece : decode(raw).split("[/,?@:;&]")) forms.add(piece);
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String f : forms) if (f.length() >= FREE_TEXT_MIN) out.add(f);
        out.sort(java.util.Comparator.comparingInt(String::length).reversed());
        return out;
    }

    /** {@code text} with {@code secret} replaced by {@code ***} where no letter or digit adjoins it to a longer word. */
    static String replaceToken(String text, String secret) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int at;
        boolean wordStart = isWord(secret.charAt(0));
        boolean wordEnd = isWord(secret.charAt(secret.length() - 1));
        int scan = 0;
        while ((at = text.indexOf(secret, scan)) >= 0) {
            int end = at + secret.length();
            boolean alone = !(wordStart && at > 0 && isWord(text.charAt(at - 1)))
                    && !(wordEnd && end < text.length() && isWord(text.charAt(end)));
            if (alone) {
                out.append(text, from, at).append("***");
                from = end;
                scan = end;
            } else {
                scan = at + 1;
            }
        }
        return out.append(text, from, text.length()).toString();
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /**
     * The URL with any password replaced by {@code ***}: {@code postgresql://user:***@host/db},
     * {@code jdbc:postgresql://host/db?user=u&password=***}. The whole of {@code url} is taken for the URL,
     * so a password holds whatever characters the URL's driver allows in it (spaces, {@code ;} in pgjdbc's
     * and Connector/J's, {@code ?}, {@code @}, {@code /}). Null stays null. For free text, see {@link UrlSecrets#maskText}.
     */
    public static String mask(String url) {
        return url == null ? null : UrlPasswords.mask(url);
    }
}
