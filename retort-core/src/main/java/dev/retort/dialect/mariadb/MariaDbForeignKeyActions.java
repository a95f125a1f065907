package dev.retort.dialect.mariadb;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ON DELETE / ON UPDATE actions of a table's foreign keys, read from its {@code SHOW CREATE TABLE}. MariaDB shows
 * a user with SELECT only no rows of information_schema.REFERENTIAL_CONSTRAINTS (t59-8), while KEY_COLUMN_USAGE
 * still gives the keys' columns and SHOW CREATE TABLE needs no more than SELECT on the table.
 */
final class MariaDbForeignKeyActions {
    /** The actions of one key, each as the rule REFERENTIAL_CONSTRAINTS would give ({@code RESTRICT} where none is written). */
    record Actions(String onDelete, String onUpdate) {
    }

    private static final Pattern KEY = Pattern.compile("CONSTRAINT (`(?:[^`]|``)+`|\"(?:[^\"]|\"\")+\") FOREIGN KEY ");
    private static final Pattern ACTION = Pattern.compile(
            "\\s+ON (DELETE|UPDATE) (RESTRICT|CASCADE|SET NULL|NO ACTION|SET DEFAULT)", Pattern.CASE_INSENSITIVE);

    private MariaDbForeignKeyActions() {
    }

    /** Key name (as written) to its actions, from the text of {@code SHOW CREATE TABLE}. */
    static Map<String, Actions> of(String createTable) {
        Map<String, Actions> out = new HashMap<>();
        Matcher m = KEY.matcher(createTable);
        int from = 0;
        while (m.find(from)) {
            String quoted = m.group(1);
            String quote = quoted.substring(0, 1);
            String name = quoted.substring(1, quoted.length() - 1).replace(quote + quote, quote);
            // past the key's columns, the referenced table and the referenced columns: names may hold anything
            int columns = createTable.indexOf('(', m.end());
            int columnsEnd = columns < 0 ? -1 : MariaDbStatementText.closing(createTable, columns);
            int refColumns = columnsEnd < 0 ? -1 : openingAfterNames(createTable, columnsEnd + 1);
            int refEnd = refColumns < 0 ? -1 : MariaDbStatementText.closing(createTable, refColumns);
            if (refEnd < 0) break;
            String onDelete = "RESTRICT";
            String onUpdate = "RESTRICT";
            Matcher a = ACTION.matcher(createTable);
            int at = refEnd + 1;
            while (a.region(at, createTable.length()).lookingAt()) {
                if (a.group(1).equalsIgnoreCase("DELETE")) onDelete = a.group(2).toUpperCase(java.util.Locale.ROOT);
                else onUpdate = a.group(2).toUpperCase(java.util.Locale.ROOT);
                at = a.end();
            }
            out.put(name, new Actions(onDelete, onUpdate));
            from = at;
        }
        return out;
    }

    /** The first '(' at or after {@code from} that is not inside a quoted name; -1 if none. */
    private static int openingAfterNames(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '`' || ch == '"') {
                i = MariaDbStatementText.endOfQuoted(s, i, ch);
                if (i < 0) return -1;
            } else if (ch == '(') {
                return i;
            }
        }
        return -1;
    }
}
