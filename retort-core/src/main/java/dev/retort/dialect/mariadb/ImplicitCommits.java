package dev.retort.dialect.mariadb;

import dev.retort.dialect.StatementText;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which statements MariaDB/MySQL commit the open transaction for ("Statements that cause an implicit commit" in
 * their manuals, each checked against MariaDB 10.11): DDL, except {@code CREATE TEMPORARY TABLE} and {@code DROP
 * TEMPORARY TABLE} (other DDL on a temporary table commits); {@code LOCK TABLES}, {@code ANALYZE}/{@code OPTIMIZE}/
 * {@code REPAIR}/{@code CHECK TABLE}, {@code FLUSH}, {@code RESET}, {@code SET autocommit = 1}, {@code BEGIN},
 * {@code START TRANSACTION}, {@code COMMIT}, {@code SET PASSWORD}; also inside an executable comment (mariadb-dump's
 * {@code /*!40000 ALTER TABLE t DISABLE KEYS *}{@code /}) and after {@code SET STATEMENT ... FOR}. What runs other
 * statements ({@code CALL}, {@code EXECUTE}, a compound statement) commits if one of them does, and {@code UNLOCK
 * TABLES} if tables were locked: not known from the text (null).
 */
final class ImplicitCommits {
    /** Leading {@code #} comments, which MariaDB has besides {@code --} and block comments. */
    private static final Pattern HASH_COMMENTS = Pattern.compile("(?:\\s*#[^\\n]*(?:\\n|$))+");
    /** A comment MariaDB runs ({@code /*!}, {@code /*!NNNNN}, {@code /*M!NNNNNN}): its text is the statement. */
    private static final Pattern EXECUTABLE = Pattern.compile("/\\*(M?)!(\\d{5,6})?");
    private static final Pattern SET_STATEMENT = Pattern.compile("(?is)SET\\s+STATEMENT\\s.*?\\sFOR\\s+(.*)");
    private static final Pattern TEMPORARY_TABLE = Pattern.compile(
            "(?i)(?:CREATE\\s+(?:OR\\s+REPLACE\\s+)?|DROP\\s+)TEMPORARY\\s+TABLE\\b");
    private static final Pattern COMMITS = Pattern.compile("(?i)(?:(?:ANALYZE|OPTIMIZE|REPAIR)\\s+"
            + "(?:(?:NO_WRITE_TO_BINLOG|LOCAL)\\s+)?TABLES?|CHECK\\s+TABLES?|LOCK\\s+TABLES?|FLUSH|RESET|START\\s+TRANSACTION"
            + "|COMMIT|SET\\s+PASSWORD|INSTALL|UNINSTALL|(?:START|STOP)\\s+(?:SLAVE|REPLICA)|CHANGE\\s+MASTER)\\b"
            + "|BEGIN(?:\\s+WORK)?\\s*;?\\s*$");
    /** The session's autocommit switched on (which commits): {@code SET autocommit = 1}, also in a list. */
    private static final Pattern AUTOCOMMIT_ON = Pattern.compile("(?is)SET\\s.*?(?:@@(?:SESSION\\.|LOCAL\\.)?"
            + "|(?<![@.\\w])(?<!GLOBAL\\s))autocommit\\s*:?=\\s*(?:1|ON|TRUE)\\b.*");
    private static final Pattern RUNS_OTHERS = Pattern.compile("(?i)(?:CALL|EXECUTE|UNLOCK|(?:\\w+\\s*:\\s*)?BEGIN\\s+NOT\\s+ATOMIC"
            + "|IF|CASE|LOOP|WHILE|REPEAT|FOR)\\b");

    private ImplicitCommits() {
    }

    static Boolean of(String sql) {
        String s = start(sql);
        Matcher x = EXECUTABLE.matcher(s);
        if (x.lookingAt()) {
            // MariaDB skips /*!50700 to /*!99999 (MySQL 5.7 and later) and MySQL runs them: which one this is, the
            // text does not say
            String version = x.group(2);
            if (x.group(1).isEmpty() && version != null && version.length() == 5 && Integer.parseInt(version) >= 50700) {
                return null;
            }
            return of(s.substring(x.end()));
        }
        Matcher set = SET_STATEMENT.matcher(s);
        if (set.matches()) return of(set.group(1));
        if (TEMPORARY_TABLE.matcher(s).lookingAt()) return false;
        if (StatementText.DDL.matcher(s).lookingAt() || COMMITS.matcher(s).lookingAt() || AUTOCOMMIT_ON.matcher(s).matches()) {
            return true;
        }
        return RUNS_OTHERS.matcher(s).lookingAt() ? null : false;
    }

    /** The statement from its first token on. */
    private static String start(String sql) {
        String s = StatementText.afterComments(sql);
        Matcher hash = HASH_COMMENTS.matcher(s);
        return hash.lookingAt() ? start(s.substring(hash.end())) : s;
    }
}
