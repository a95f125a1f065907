package dev.retort.autogenerate;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named checks of a MariaDB {@code SHOW CREATE TABLE}: a temporary table is not in information_schema, and this
 * text is the one CHECK_CONSTRAINTS.CHECK_CLAUSE holds (both print the parsed expression).
 */
final class MariaDbCreateTable {
    private static final Pattern CONSTRAINT = Pattern.compile("CONSTRAINT `((?:[^`]|``)+)` CHECK \\(");

    private MariaDbCreateTable() {
    }

    /** Check name (lower case) to its expression, from the text of {@code SHOW CREATE TABLE}. */
    static Map<String, String> checks(String createTable) {
        Map<String, String> out = new HashMap<>();
        Matcher m = CONSTRAINT.matcher(createTable);
        int from = 0;
        while (m.find(from)) {
            int open = m.end() - 1;
            int close = closing(createTable, open);
            if (close < 0) break;
            out.put(m.group(1).replace("``", "`").toLowerCase(Locale.ROOT), createTable.substring(open + 1, close));
            from = close + 1;
        }
        return out;
    }

    /** The index of the parenthesis closing the one at {@code open}, past strings and quoted names; -1 if none. */
    static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                i = endOfQuoted(s, i, ch);
                if (i < 0) return -1;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int endOfQuoted(String s, int start, char quote) {
        for (int i = start + 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && quote != '`') {
                i++;
            } else if (ch == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) i++;
                else return i;
            }
        }
        return -1;
    }
}
