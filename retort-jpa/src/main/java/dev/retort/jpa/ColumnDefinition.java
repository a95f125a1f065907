package dev.retort.jpa;

import dev.retort.schema.SqlType;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code @Column(columnDefinition = "varchar(20) default 'new' not null")}: the type (kept verbatim, as a
 * raw type the comparison matches against the engine's spelling), and a trailing {@code DEFAULT} and
 * {@code [NOT] NULL}, which are column properties rather than part of the type, a {@code UNIQUE}
 * (with or without {@code KEY}) anywhere after the type, which is a unique constraint, and an
 * {@code ON UPDATE CURRENT_TIMESTAMP} anywhere after the type (MariaDB/MySQL), which is the column's.
 *
 * @param notNull true for a trailing NOT NULL, false for NULL, null when neither is written
 * @param unique  the definition says UNIQUE
 * @param onUpdate the {@code ON UPDATE} expression, or null
 */
record ColumnDefinition(SqlType type, String serverDefault, Boolean notNull, boolean unique, String onUpdate) {
    private static final Pattern NULLITY = Pattern.compile("(?is)^(.*?)\\s+(not\\s+null|null)\\s*$");
    private static final Pattern DEFAULT = Pattern.compile("(?is)^(.*?)\\s+default\\s+(.+)$");
    private static final Pattern UNIQUE = Pattern.compile("(?i)\\s+unique(\\s+key)?(?![\\w(])");
    /** {@code ON UPDATE expr}: a name, with an argument list of digits at most ({@code current_timestamp(3)}). */
    private static final Pattern ON_UPDATE = Pattern.compile("(?i)\\s+on\\s+update\\s+([a-z_][a-z0-9_]*(?:\\s*\\(\\s*\\d*\\s*\\))?)");

    ColumnDefinition(SqlType type, String serverDefault, Boolean notNull) {
        this(type, serverDefault, notNull, false, null);
    }

    static ColumnDefinition parse(String definition) {
        String rest = definition.strip();
        boolean unique = false;
        Matcher u = UNIQUE.matcher(rest);
        while (u.find()) {
            if (inQuotes(rest, u.start()) || depth(rest, u.start()) > 0) continue;
            rest = (rest.substring(0, u.start()) + rest.substring(u.end())).strip();
            unique = true;
            u = UNIQUE.matcher(rest);
        }
        String onUpdate = null;
        Matcher o = ON_UPDATE.matcher(rest);
        while (o.find()) {
            if (inQuotes(rest, o.start()) || depth(rest, o.start()) > 0) continue;
            onUpdate = o.group(1);
            rest = (rest.substring(0, o.start()) + rest.substring(o.end())).strip();
            break;
        }
        Boolean notNull = null;
        Matcher n = NULLITY.matcher(rest);
        if (n.matches() && !n.group(1).toLowerCase(java.util.Locale.ROOT).endsWith(" default")) {
            notNull = n.group(2).toLowerCase(java.util.Locale.ROOT).startsWith("not");
            rest = n.group(1).strip();
        }
        String serverDefault = null;
        Matcher d = DEFAULT.matcher(rest);
        if (d.matches() && !inQuotes(rest, d.start(2))) {
            serverDefault = d.group(2).strip();
            if (serverDefault.equalsIgnoreCase("null")) serverDefault = null;
            rest = d.group(1).strip();
            Matcher n2 = NULLITY.matcher(rest); // "... NOT NULL DEFAULT x"
            if (notNull == null && n2.matches()) {
                notNull = n2.group(2).toLowerCase(java.util.Locale.ROOT).startsWith("not");
                rest = n2.group(1).strip();
            }
        }
        return new ColumnDefinition(SqlType.raw(rest), serverDefault, notNull, unique, onUpdate);
    }

    /** How many parentheses are open at {@code index}. */
    private static int depth(String s, int index) {
        int d = 0;
        for (int i = 0; i < index; i++) {
            if (s.charAt(i) == '(') d++;
            else if (s.charAt(i) == ')') d--;
        }
        return d;
    }

    private static boolean inQuotes(String s, int index) {
        int quotes = 0;
        for (int i = 0; i < index; i++) if (s.charAt(i) == '\'') quotes++;
        return quotes % 2 == 1;
    }
}
