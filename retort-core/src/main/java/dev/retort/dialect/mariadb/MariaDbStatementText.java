package dev.retort.dialect.mariadb;

/**
 * Walking MariaDB/MySQL statement text as {@code SHOW CREATE TABLE} writes it: parentheses are matched past
 * strings ({@code '...'}, {@code "..."}, with backslash escapes and doubled quotes) and quoted names ({@code `...`}).
 */
public final class MariaDbStatementText {
    private MariaDbStatementText() {
    }

    /** The index of the parenthesis closing the one at {@code open}, past strings and quoted names; -1 if none. */
    public static int closing(String s, int open) {
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

    /** The index of the quote ending the string or quoted name that starts at {@code start}; -1 if none. */
    public static int endOfQuoted(String s, int start, char quote) {
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
