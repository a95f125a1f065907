package dev.retort.secrets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords written in SQL ({@code CREATE ROLE ... PASSWORD '...'}, also as {@code E'...'}, {@code U&'...'} or {@code $$...$$};
 * {@code IDENTIFIED BY '...'}, {@code IDENTIFIED WITH plugin BY '...'}, {@code SET PASSWORD [FOR user] = '...'} or
 * {@code = PASSWORD('...')}; {@code password=...} of a libpq connection string, as dblink takes one) blanked out of
 * what a failure prints: the statement's first lines and the database's error, which on MariaDB quotes the
 * statement near the error.
 */
public final class SqlSecrets {
    /** Blanks and comments, which may stand between a keyword and its literal ({@code PASSWORD /* c *}{@code / 'x'}). */
    private static final String GAP = "(?:\\s|/\\*.*?(?:\\*/|$)|--[^\\n]*(?:\\n|$))*";
    /** A quoted literal's text: anything but a quote or backslash, a doubled quote, an escaped character. */
    private static final String BODY = "(?:[^'\\\\]|''|\\\\.)*";
    /**
     * What joins two quoted literals into one in PostgreSQL (the SQL standard): blanks holding a line break, and
     * {@code --} comments. {@code PASSWORD 'Hunter2'<newline>'Secret'} sets {@code Hunter2Secret}, of which only
     * the first half was masked (t34-5).
     */
    private static final String CONTINUED = "[ \\t\\f]*(?:--[^\\n]*)?\\r?\\n(?:\\s|--[^\\n]*(?:\\n|$))*";
    /**
     * The keyword before a password literal: {@code PASSWORD}, {@code IDENTIFIED BY} and {@code IDENTIFIED WITH
     * plugin BY} (MySQL 8), {@code SET PASSWORD FOR user =} (MariaDB 10.4+, MySQL 5.7+), then an optional
     * {@code = PASSWORD(}. A literal inside a literal ({@code EXECUTE '... PASSWORD ''x'''}, the "create the role
     * if missing" idiom of a DO block) is one in doubled quotes.
     */
    private static final Pattern PASSWORD_LITERAL = Pattern.compile(
            "(?is)(\\b(?:PASSWORD\\b(?:" + GAP + "FOR\\b[^=;]*?(?==))?|IDENTIFIED" + GAP + "(?:WITH" + GAP
                    + "(?:'[^']*'|\"[^\"]*\"|`[^`]*`|[\\w$]+)" + GAP + ")?BY\\b)" + GAP + "(?:=" + GAP + ")?"
                    + "(?:PASSWORD\\b" + GAP + ")?\\(?" + GAP + ")"
                    + "(?<literal>''(?:[^']|'''')*(?:''|$)|(?:E|U&)?'" + BODY + "(?:'" + CONTINUED + "'" + BODY + ")*'?"
                    + "|\"(?:[^\"\\\\]|\"\"|\\\\.)*\"?"
                    + "|(?s:\\$(?<tag>[A-Za-z_][A-Za-z_0-9]*|)\\$.*?(?:\\$\\k<tag>\\$|$)))");
    /** One quoted piece of a literal continued over lines. */
    private static final Pattern PIECE = Pattern.compile("'" + BODY + "'");
    /** The quotes around a literal's text. */
    private static final Pattern QUOTES = Pattern.compile(
            "^(?:E|U&)?(?:''|['\"]|\\$[A-Za-z_0-9]*\\$)|(?:''|['\"]|\\$[A-Za-z_0-9]*\\$)$");
    /**
     * {@code password=value} of a connection string inside a SQL string: the value up to the next space or
     * quote, or in doubled quotes (a SQL literal's spelling of the conninfo's own quotes). A SQL assignment of
     * a literal is {@link #PASSWORD_LITERAL}'s, and one of a function's value ({@code password = crypt(...)})
     * is left alone.
     */
    private static final Pattern CONNINFO_PASSWORD = Pattern.compile(
            "(?i)(\\bpassword\\s*=\\s*)(''(?:[^']|'''')*(?:''|$)|(?![\\w.]*\\s*\\()[^\\s'$(\"][^\\s']*)");

    private SqlSecrets() {
    }

    public static String mask(String text) {
        if (text == null) return null;
        if (!mayHoldPassword(text)) return text;
        String out = CONNINFO_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***"));
        return PASSWORD_LITERAL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                + (m.group(2).startsWith("''") ? "''***''" : "'***'")));
    }

    /**
     * Whether {@code text} names {@code PASSWORD} or {@code IDENTIFIED} in any ASCII case, as the patterns' {@code (?i)}
     * reads them: the common statement has neither. Checked for every statement a run sends, so without a copy of it.
     */
    private static boolean mayHoldPassword(String text) {
        return containsIgnoringCase(text, "PASSWORD") || containsIgnoringCase(text, "IDENTIFIED");
    }

    private static boolean containsIgnoringCase(String text, String word) {
        for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) return true;
        }
        return false;
    }

    /**
     * A database's error about {@code sql}, masked as {@link #mask} does and, besides, with each password literal
     * of {@code sql} blanked out wherever the error quotes it: MariaDB quotes the statement near the error, cut
     * anywhere ({@code near 'BY 'x'' at line 1}), so the keyword before the literal may be missing.
     */
    public static String maskError(String error, String sql) {
        return maskLiterals(mask(error), literals(sql));
    }

    /** The password literals of {@code sql}, quotes included; empty for the common statement without one. */
    public static java.util.List<String> literals(String sql) {
        if (sql == null || !mayHoldPassword(sql)) return java.util.List.of();
        java.util.List<String> out = new java.util.ArrayList<>();
        Matcher m = PASSWORD_LITERAL.matcher(sql);
        while (m.find()) {
            String literal = m.group("literal");
            out.add(literal);
            // each piece of a continued literal, which an error may quote alone
            Matcher piece = PIECE.matcher(literal);
            for (int pieces = 0; piece.find(); pieces++) {
                if (pieces > 0 || piece.end() < literal.length()) out.add(piece.group());
            }
        }
        return out;
    }

    /** {@code text} with each of {@code literals} blanked: as quoted, and its text alone if 4 characters or more. */
    public static String maskLiterals(String text, java.util.Collection<String> literals) {
        if (text == null) return null;
        String out = text;
        for (String literal : literals) {
            if (literal.length() > 2) out = out.replace(literal, "'***'");
            String body = QUOTES.matcher(literal).replaceAll("");
            if (body.length() >= 4) out = out.replace(body, "***");
        }
        return out;
    }
}
