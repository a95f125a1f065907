package dev.retort.jpa;

import dev.retort.schema.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code @Column(columnDefinition = "varchar(20) default 'new' not null")}: the type (kept verbatim, as a
 * raw type the comparison matches against the engine's spelling), and the clauses that are column properties
 * rather than part of the type, which Hibernate passes through verbatim and reflection reads back apart from
 * the type: a trailing {@code DEFAULT} and {@code [NOT] NULL}, a {@code UNIQUE} (with or without {@code KEY})
 * anywhere after the type, which is a unique constraint, a {@code [CONSTRAINT name] CHECK (...)}, which is a check
 * constraint (as {@code @Column(check)} is), a {@code COLLATE}, which is the column's collation, and an
 * {@code ON UPDATE CURRENT_TIMESTAMP} (MariaDB/MySQL), which is the column's. A clause the model has no place
 * for (MariaDB's {@code CHARACTER SET}) is left out of the type: kept in it,
 * it compared unequal to the reflected type forever and made revisions that were syntax errors (t40-4).
 * {@code serial}, {@code bigserial} and {@code smallserial} imply NOT NULL, as PostgreSQL makes them.
 *
 * @param notNull   true for a trailing NOT NULL (or a serial type), false for NULL, null when neither is written
 * @param unique    the definition says UNIQUE
 * @param collation the COLLATE clause's collation, unquoted; null for none
 * @param checks    the CHECK clauses, each one's name (null when unnamed) and expression
 * @param omitted   the clauses left out of the model, as written, for a warning
 * @param onUpdate  the {@code ON UPDATE} expression, or null
 */
record ColumnDefinition(SqlType type, String serverDefault, Boolean notNull, boolean unique, String collation,
                        List<Check> checks, List<String> omitted, String onUpdate) {
    private static final Pattern NULLITY = Pattern.compile("(?is)^(.*?)\\s+(not\\s+null|null)\\s*$");
    private static final Pattern DEFAULT = Pattern.compile("(?is)^(.*?)\\s+default\\s+(.+)$");
    private static final Pattern UNIQUE = Pattern.compile("(?i)\\s+unique(\\s+key)?(?![\\w(])");
    private static final Pattern CHECK = Pattern.compile("(?i)\\s+(?:constraint\\s+(\"[^\"]+\"|`[^`]+`|\\w+)\\s+)?check\\s*\\(");
    private static final Pattern COLLATE = Pattern.compile("(?i)\\s+collate\\s+(\"[^\"]+\"|'[^']+'|`[^`]+`|[\\w.$-]+)");
    private static final Pattern CHARSET = Pattern.compile("(?i)\\s+(?:character\\s+set|charset)\\s+(\"[^\"]+\"|'[^']+'|`[^`]+`|\\w+)");
    /** PostgreSQL's serial pseudo-types: an integer column, NOT NULL, defaulting to a sequence it owns. */
    private static final Pattern SERIAL = Pattern.compile("(?i)(small|big)?serial[248]?");
    /** MariaDB/MySQL's ON UPDATE of a timestamp column: CURRENT_TIMESTAMP, NOW(), with or without a precision. */
    private static final Pattern ON_UPDATE = Pattern.compile("(?i)\\s+on\\s+update\\s+(\\w+(?:\\s*\\(\\s*\\d*\\s*\\))?)");

    /** A CHECK clause: its constraint name (null when unnamed) and its expression. */
    record Check(String name, String expression) {
    }

    ColumnDefinition {
        checks = List.copyOf(checks);
        omitted = List.copyOf(omitted);
    }

    ColumnDefinition(SqlType type, String serverDefault, Boolean notNull) {
        this(type, serverDefault, notNull, false);
    }

    ColumnDefinition(SqlType type, String serverDefault, Boolean notNull, boolean unique) {
        this(type, serverDefault, notNull, unique, null, List.of(), List.of(), null);
    }

    static ColumnDefinition parse(String definition) {
        String rest = definition.strip();
        List<Check> checks = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        for (Matcher c = CHECK.matcher(rest); c.find(); ) {
            if (!topLevel(rest, c.start())) continue;
            int close = closing(rest, c.end() - 1);
            if (close < 0) break; // unbalanced: left in the type, which the database will refuse as written
            String name = c.group(1) == null ? null : unquote(c.group(1));
            checks.add(new Check(name, rest.substring(c.end(), close).strip()));
            rest = (rest.substring(0, c.start()) + rest.substring(close + 1)).strip();
            c = CHECK.matcher(rest);
        }
        String onUpdate = take(rest, ON_UPDATE);
        if (onUpdate != null) rest = without(rest, ON_UPDATE);
        String charset = take(rest, CHARSET);
        if (charset != null) {
            omitted.add(clause(rest, CHARSET));
            rest = without(rest, CHARSET);
        }
        String collation = take(rest, COLLATE);
        if (collation != null) {
            collation = unquote(collation);
            rest = without(rest, COLLATE);
        }
        boolean unique = false;
        Matcher u = UNIQUE.matcher(rest);
        while (u.find()) {
            if (!topLevel(rest, u.start())) continue;
            rest = (rest.substring(0, u.start()) + rest.substring(u.end())).strip();
            unique = true;
            u = UNIQUE.matcher(rest);
        }
        Boolean notNull = null;
        Matcher n = NULLITY.matcher(rest);
        if (n.matches() && !n.group(1).toLowerCase(Locale.ROOT).endsWith(" default")) {
            notNull = n.group(2).toLowerCase(Locale.ROOT).startsWith("not");
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
                notNull = n2.group(2).toLowerCase(Locale.ROOT).startsWith("not");
                rest = n2.group(1).strip();
            }
        }
        // PostgreSQL makes a serial column NOT NULL whatever the definition says of it (t40-9)
        if (notNull == null && SERIAL.matcher(rest).matches()) notNull = true;
        return new ColumnDefinition(SqlType.raw(rest), serverDefault, notNull, unique, collation, checks, omitted, onUpdate);
    }

    /** The first top-level match's group 1, null for none. */
    private static String take(String s, Pattern p) {
        for (Matcher m = p.matcher(s); m.find(); ) if (topLevel(s, m.start())) return m.group(1);
        return null;
    }

    private static String clause(String s, Pattern p) {
        for (Matcher m = p.matcher(s); m.find(); ) if (topLevel(s, m.start())) return m.group().strip();
        throw new IllegalStateException(s);
    }

    private static String without(String s, Pattern p) {
        for (Matcher m = p.matcher(s); m.find(); ) {
            if (topLevel(s, m.start())) return (s.substring(0, m.start()) + s.substring(m.end())).strip();
        }
        return s;
    }

    private static boolean topLevel(String s, int index) {
        return !inQuotes(s, index) && depth(s, index) == 0;
    }

    /** The index of the parenthesis closing the one at {@code open} (outside quotes), -1 for none. */
    private static int closing(String s, int open) {
        int d = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') quoted = !quoted;
            else if (!quoted && ch == '(') d++;
            else if (!quoted && ch == ')' && --d == 0) return i;
        }
        return -1;
    }

    private static String unquote(String name) {
        char q = name.charAt(0);
        return (q == '"' || q == '`' || q == '\'') && name.length() > 1 ? name.substring(1, name.length() - 1) : name;
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
