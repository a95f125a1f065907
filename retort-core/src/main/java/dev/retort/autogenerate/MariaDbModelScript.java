package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.script.SqlSplitter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a {@code sql:} model file inside its scratch database on MariaDB/MySQL, where the scratch is a
 * database on the user's own server and DDL cannot be rolled back. Dumps commonly begin with
 * {@code DROP SCHEMA IF EXISTS app; CREATE SCHEMA app; USE app;} and name {@code app.film} in views:
 * run as written, they would drop and fill the user's real database. So statements that create, drop,
 * alter or switch databases are left out (the scratch stands in for the database they name), qualifiers
 * naming such a database are removed, and a qualifier naming any other database that exists on the server
 * is refused before anything runs. {@code DEFINER} clauses are left out (see {@link #withoutDefiner}).
 */
final class MariaDbModelScript {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MariaDbModelScript.class);
    private static final SqlSplitter LEXER = SqlSplitter.mysql(false);
    /**
     * What runs, the statements left out (for the log), and the database defaults the file's {@code CREATE DATABASE}
     * states (null when it states none).
     */
    record Prepared(List<SqlSplitter.Statement> statements, List<SqlSplitter.Statement> skipped, Defaults defaults) {
    }

    /**
     * A {@code CREATE DATABASE ... [DEFAULT] CHARACTER SET x COLLATE y} (f3-3): the database made from the file gives
     * its tables these defaults, so the scratch standing in for it must too. Either may be null, not both.
     */
    record Defaults(String charset, String collation, int line) {
    }

    private static final Pattern CHARSET = Pattern.compile(
            "(?is).*?(?<![\\w$])(?:CHARACTER\\s+SET|CHARSET)(?![\\w$])\\s*(?:=\\s*)?([`'\"]?)([A-Za-z0-9_]+)\\1(?![\\w$]).*");
    private static final Pattern COLLATE = Pattern.compile(
            "(?is).*?(?<![\\w$])COLLATE(?![\\w$])\\s*(?:=\\s*)?([`'\"]?)([A-Za-z0-9_]+)\\1(?![\\w$]).*");

    private static final Pattern DATABASE_STATEMENT = Pattern.compile(
            "(?is)(USE\\s+(\\S+)|(?:CREATE|DROP|ALTER)\\s+(?:DATABASE|SCHEMA)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?([^\\s;]+)).*");

    private MariaDbModelScript() {
    }

    /**
     * @param databases the databases on the server (any case), the scratch excluded
     * @param origin    the model file, for messages
     */
    static Prepared prepare(List<SqlSplitter.Statement> statements, Set<String> databases, String origin) {
        Set<String> standIns = new LinkedHashSet<>();
        List<SqlSplitter.Statement> kept = new ArrayList<>();
        List<SqlSplitter.Statement> skipped = new ArrayList<>();
        // the databases the file creates or switches to, each with where it first does: one at most
        java.util.Map<String, Integer> entered = new java.util.LinkedHashMap<>();
        Defaults defaults = null;
        for (SqlSplitter.Statement st : statements) {
            String code = code(st.sql());
            Matcher m = DATABASE_STATEMENT.matcher(code);
            if (m.matches()) {
                String name = unquote(m.group(2) != null ? m.group(2) : m.group(3)).toLowerCase(Locale.ROOT);
                standIns.add(name);
                skipped.add(st);
                // a dump's ALTER DATABASE ... CHARACTER SET around a routine is undone after it: only CREATE says
                if (defaults == null && code.regionMatches(true, 0, "CREATE", 0, 6)) {
                    defaults = defaults(code.substring(m.end(3)), st.line());
                }
                if (!code.regionMatches(true, 0, "DROP", 0, 4) && !code.regionMatches(true, 0, "ALTER", 0, 5)) {
                    entered.putIfAbsent(name, st.line());
                }
            } else {
                kept.add(st);
            }
        }
        if (entered.size() > 1) {
            List<String> named = entered.entrySet().stream().limit(3).map(e -> "'" + e.getKey() + "' (line " + e.getValue() + ")").toList();
            throw new RetortException(origin + " creates or switches to " + entered.size() + " databases (" + String.join(", ", named)
                    + (entered.size() > 3 ? ", ..." : "") + "): a sql: model is one database, the one the project's URL names,"
                    + " loaded into a scratch database; give each database a project (retort.toml) and a model file of its own");
        }
        Set<String> others = new LinkedHashSet<>();
        for (String d : databases) others.add(d.toLowerCase(Locale.ROOT));
        List<SqlSplitter.Statement> out = new ArrayList<>(kept.size());
        for (SqlSplitter.Statement st : kept) {
            String sql = withoutDefiner(st.sql());
            if (!sql.equals(st.sql())) LOG.debug("{} line {}: DEFINER left out", origin, st.line());
            out.add(new SqlSplitter.Statement(requalify(new SqlSplitter.Statement(sql, st.line()), standIns, others, origin), st.line()));
        }
        return new Prepared(out, skipped, defaults);
    }

    /** The character set and collation a CREATE DATABASE states; null when it states neither. */
    static Defaults defaults(String createDatabase, int line) {
        Matcher charset = CHARSET.matcher(createDatabase);
        Matcher collate = COLLATE.matcher(createDatabase);
        String cs = charset.matches() ? charset.group(2) : null;
        String co = collate.matches() ? collate.group(2) : null;
        if (cs != null && cs.equalsIgnoreCase("DEFAULT")) cs = null;
        if (co != null && co.equalsIgnoreCase("DEFAULT")) co = null;
        return cs == null && co == null ? null : new Defaults(cs, co, line);
    }

    /**
     * The statement without qualifiers naming a stand-in database; refuses one that names another
     * database on the server. Strings, quoted identifiers and comments are left alone, so {@code 'a.b'}
     * and {@code t.col} (an alias, unless a database has that name) are not touched.
     */
    private static String requalify(SqlSplitter.Statement st, Set<String> standIns, Set<String> others, String origin) {
        String sql = st.sql();
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int skip = c == '`' ? i : LEXER.skipNonCode(sql, i); // a quoted name may be a qualifier
            if (skip > i) {
                out.append(sql, i, skip);
                i = skip;
            } else if (c == '`' || isIdentifierStart(c) && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)) && sql.charAt(i - 1) != '.')) {
                int end = c == '`' ? LEXER.skipNonCode(sql, i) : identifierEnd(sql, i);
                int dot = end;
                while (dot < n && Character.isWhitespace(sql.charAt(dot))) dot++;
                boolean qualifier = dot < n && sql.charAt(dot) == '.' && (i == 0 || sql.charAt(i - 1) != '.');
                String name = unquote(sql.substring(i, end)).toLowerCase(Locale.ROOT);
                if (qualifier && standIns.contains(name)) {
                    i = dot + 1; // "app.film" -> "film": the scratch is the current database
                    while (i < n && Character.isWhitespace(sql.charAt(i))) i++;
                    continue;
                }
                if (qualifier && others.contains(name)) {
                    throw new RetortException(origin + " line " + st.line() + ": names the database '" + name
                            + "', which exists on the server; a sql: model is loaded into a scratch database and must"
                            + " not reach into another one: remove the qualifier");
                }
                out.append(sql, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * {@code sql} without its {@code DEFINER = user@host} clauses (in code or executable comments, not in strings or
     * quoted names). A dump writes one for each view, trigger and routine, and naming another user than oneself needs
     * SUPER or SET USER, which a CI or read-only user has not (t59-7); who a model's view runs as is not part of the
     * model, and without the clause it is the user that loads it.
     */
    static String withoutDefiner(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int skip = LEXER.skipNonCode(sql, i);
            if (skip > i) {
                out.append(sql, i, skip);
                i = skip;
            } else if (sql.regionMatches(true, i, "DEFINER", 0, 7) && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))
                    && (i + 7 == n || !isIdentifierPart(sql.charAt(i + 7)))) {
                int end = definerEnd(sql, i + 7);
                if (end < 0) {
                    out.append(sql, i, i + 7); // SQL SECURITY DEFINER, or a name
                    i += 7;
                } else {
                    i = end;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** After {@code DEFINER} at {@code from}: the end of {@code = user[@host]} (or {@code = CURRENT_USER[()]}); -1 if none. */
    private static int definerEnd(String sql, int from) {
        int i = spaces(sql, from);
        if (i >= sql.length() || sql.charAt(i) != '=') return -1;
        i = spaces(sql, i + 1);
        if (sql.regionMatches(true, i, "CURRENT_USER", 0, 12)) {
            int j = spaces(sql, i + 12);
            if (j + 1 < sql.length() && sql.charAt(j) == '(') {
                int k = spaces(sql, j + 1);
                return k < sql.length() && sql.charAt(k) == ')' ? k + 1 : -1;
            }
            return i + 12;
        }
        int end = accountPart(sql, i);
        if (end < 0) return -1;
        int at = spaces(sql, end);
        if (at < sql.length() && sql.charAt(at) == '@') {
            int host = accountPart(sql, spaces(sql, at + 1));
            return host < 0 ? -1 : host;
        }
        return end;
    }

    /** The end of a user or host name at {@code i}: quoted ({@code `x`}, {@code 'x'}, {@code "x"}) or bare; -1 if none. */
    private static int accountPart(String sql, int i) {
        if (i >= sql.length()) return -1;
        char c = sql.charAt(i);
        if (c == '`' || c == '\'' || c == '"') {
            int end = LEXER.skipNonCode(sql, i);
            return end > i ? end : -1;
        }
        int j = i;
        while (j < sql.length() && (isIdentifierPart(sql.charAt(j)) || sql.charAt(j) == '.' || sql.charAt(j) == '-'
                || sql.charAt(j) == '%')) j++;
        return j > i ? j : -1;
    }

    private static int spaces(String sql, int i) {
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) i++;
        return i;
    }

    /**
     * The statement's code with comments dropped and MySQL's executable comments opened, wherever they are:
     * a dump writes {@code CREATE DATABASE /*!32312 IF NOT EXISTS*&#47; `app`}.
     */
    private static String code(String sql) {
        String s = openComments(sql).strip();
        while (true) {
            if (s.startsWith("/*!")) {
                int k = 3;
                while (k < s.length() && Character.isDigit(s.charAt(k))) k++;
                int close = s.lastIndexOf("*/");
                s = (close > k ? s.substring(k, close) : s.substring(k)).strip();
            } else {
                int end = s.isEmpty() ? 0 : LEXER.skipNonCode(s, 0);
                if (end == 0 || s.charAt(0) == '\'' || s.charAt(0) == '"' || s.charAt(0) == '`') return s; // code
                s = s.substring(end).strip();
            }
        }
    }

    /** Executable comments ({@code /*!NNNNN ...*&#47;}, MariaDB's {@code /*M!...}) opened, other comments a space. */
    private static String openComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            boolean mariaDb = sql.startsWith("/*M!", i);
            if (sql.startsWith("/*!", i) || mariaDb) {
                int k = i + (mariaDb ? 4 : 3);
                while (k < sql.length() && Character.isDigit(sql.charAt(k))) k++;
                int close = sql.indexOf("*/", k);
                out.append(' ').append(close < 0 ? sql.substring(k) : sql.substring(k, close)).append(' ');
                i = close < 0 ? sql.length() : close + 2;
                continue;
            }
            int end = LEXER.skipNonCode(sql, i);
            if (end > i) {
                char c = sql.charAt(i);
                out.append(c == '\'' || c == '"' || c == '`' ? sql.substring(i, end) : " ");
                i = end;
            } else {
                out.append(sql.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Where the unquoted name starting at {@code start} ends (letters, digits, {@code _}, {@code $}). */
    static int identifierEnd(String sql, int start) {
        int i = start;
        while (i < sql.length() && isIdentifierPart(sql.charAt(i))) i++;
        return i;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static String unquote(String name) {
        String s = name.endsWith(";") ? name.substring(0, name.length() - 1) : name;
        if (s.length() >= 2 && s.charAt(0) == '`' && s.charAt(s.length() - 1) == '`') {
            return s.substring(1, s.length() - 1).replace("``", "`");
        }
        return s;
    }
}
