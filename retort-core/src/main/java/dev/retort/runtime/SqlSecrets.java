package dev.retort.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords written in SQL ({@code CREATE ROLE ... PASSWORD '...'}, {@code IDENTIFIED BY '...'},
 * {@code SET PASSWORD = PASSWORD('...')}) blanked out of what a failure prints: the statement's first lines
 * and the database's error, which on MariaDB quotes the statement near the error.
 */
final class SqlSecrets {
    private static final Pattern PASSWORD_LITERAL = Pattern.compile(
            "(?i)(\\b(?:PASSWORD|IDENTIFIED\\s+BY)\\b\\s*(?:=\\s*)?(?:PASSWORD\\b\\s*)?\\(?\\s*)"
                    + "('(?:[^'\\\\]|''|\\\\.)*'?|\"(?:[^\"\\\\]|\"\"|\\\\.)*\"?)");

    private SqlSecrets() {
    }

    static String mask(String text) {
        if (text == null) return null;
        String upper = text.toUpperCase(java.util.Locale.ROOT);
        if (!upper.contains("PASSWORD") && !upper.contains("IDENTIFIED")) return text; // the common case
        return PASSWORD_LITERAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "'***'"));
    }
}
