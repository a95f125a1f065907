package dev.retort.dialect.mariadb;

import dev.retort.dialect.StatementText;

import java.util.regex.Pattern;

/**
 * Which statements MariaDB/MySQL commit the open transaction for ("Statements that cause an implicit commit" in
 * their manuals, checked against MariaDB 10.11): DDL, except {@code CREATE TEMPORARY TABLE} and {@code DROP
 * TEMPORARY TABLE} (other DDL on a temporary table commits).
 */
final class ImplicitCommits {
    /** Leading {@code #} comments, which MariaDB has besides {@code --} and block comments. */
    private static final Pattern HASH_COMMENTS = Pattern.compile("(?:\\s*#[^\\n]*(?:\\n|$))+");
    private static final Pattern TEMPORARY_TABLE = Pattern.compile(
            "(?i)(?:CREATE\\s+(?:OR\\s+REPLACE\\s+)?|DROP\\s+)TEMPORARY\\s+TABLE\\b");

    private ImplicitCommits() {
    }

    static Boolean of(String sql) {
        String s = start(sql);
        if (TEMPORARY_TABLE.matcher(s).lookingAt()) return false;
        return StatementText.DDL.matcher(s).lookingAt();
    }

    /** The statement from its first token on. */
    private static String start(String sql) {
        String s = StatementText.afterComments(sql);
        java.util.regex.Matcher hash = HASH_COMMENTS.matcher(s);
        return hash.lookingAt() ? start(s.substring(hash.end())) : s;
    }
}
