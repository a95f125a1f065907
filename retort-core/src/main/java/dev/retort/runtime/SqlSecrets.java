package dev.retort.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords written in SQL ({@code CREATE ROLE ... PASSWORD '...'}, also as {@code E'...'}, {@code U&'...'} or {@code $$...$$};
 * {@code IDENTIFIED BY '...'}, {@code SET PASSWORD = PASSWORD('...')}; {@code password=...} of a libpq
 * connection string, as dblink takes one) blanked out of what a failure prints: the statement's first lines
 * and the database's error, which on MariaDB quotes the statement near the error.
 */
final class SqlSecrets {
    private static final Pattern PASSWORD_LITERAL = Pattern.compile(
            "(?is)(\\b(?:PASSWORD|IDENTIFIED\\s+BY)\\b\\s*(?:=\\s*)?(?:PASSWORD\\b\\s*)?\\(?\\s*)"
                    + "((?:E|U&)?'(?:[^'\\\\]|''|\\\\.)*'?|\"(?:[^\"\\\\]|\"\"|\\\\.)*\"?"
                    + "|(?s:\\$(?<tag>[A-Za-z_][A-Za-z_0-9]*|)\\$.*?(?:\\$\\k<tag>\\$|$)))");
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

    static String mask(String text) {
        if (text == null) return null;
        String upper = text.toUpperCase(java.util.Locale.ROOT);
        if (!upper.contains("PASSWORD") && !upper.contains("IDENTIFIED")) return text; // the common case
        String out = CONNINFO_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***"));
        return PASSWORD_LITERAL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "'***'"));
    }
}
