package dev.retort.dialect;

import java.util.regex.Pattern;

/** The start of a statement's text, for the dialects' rules on what a statement does (their implicit commits). */
public final class StatementText {
    /** A statement of the kind that commits where DDL is not transactional (tried on {@link #afterComments}). */
    public static final Pattern DDL = Pattern.compile("(?i)(?:CREATE|ALTER|DROP|RENAME|TRUNCATE|GRANT|REVOKE)\\b");

    /** Leading whitespace and comments: {@code -- line}, {@code /* block *}{@code /} (but not MariaDB's {@code /*!}). */
    private static final Pattern COMMENTS = Pattern.compile("(?s)(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*(?!!|M!).*?\\*/)*");

    private StatementText() {
    }

    /** {@code sql} from its first token on (a comment that runs, MariaDB's {@code /*!...}, is a token). */
    public static String afterComments(String sql) {
        java.util.regex.Matcher m = COMMENTS.matcher(sql);
        return m.lookingAt() ? sql.substring(m.end()) : sql;
    }
}
