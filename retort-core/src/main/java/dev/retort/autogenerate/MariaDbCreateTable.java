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
            int close = dev.retort.dialect.mariadb.MariaDbStatementText.closing(createTable, open);
            if (close < 0) break;
            out.put(m.group(1).replace("``", "`").toLowerCase(Locale.ROOT), createTable.substring(open + 1, close));
            from = close + 1;
        }
        return out;
    }
}
