package dev.retort.runtime;

import java.sql.SQLException;
import java.util.Locale;

/** Reading SQLExceptions the same way on every engine. */
final class SqlErrors {
    private SqlErrors() {
    }

    /** True when the error says the table does not exist (so the database is unversioned). */
    static boolean isMissingTable(SQLException e) {
        String state = e.getSQLState();
        if ("42P01".equals(state) || "42S02".equals(state) || "42102".equals(state)) return true;
        if (e.getErrorCode() == 1146 || e.getErrorCode() == 42102) return true; // MariaDB, H2
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return msg.contains("no such table") || msg.contains("doesn't exist") && msg.contains("table")
                || msg.contains("does not exist") && msg.contains("relation") || msg.contains("not found");
    }

    /**
     * True when the statement failed because what it creates is there already (a table, index, column, constraint):
     * PostgreSQL's 42P07/42710/42701, the standard's 42S01/42S21 (table, column), MariaDB's 1050/1060/1061/1826, H2's
     * codes (its SQLSTATE for most is the coarse 42S..., for some 90...): table or view, index, column (t76-1: a killed
     * run's ADD COLUMN read as the revision's own fault), constraint, sequence, trigger, schema, domain; SQLite's texts.
     */
    static boolean isAlreadyExists(SQLException e) {
        String state = e.getSQLState();
        if ("42P07".equals(state) || "42710".equals(state) || "42701".equals(state) || "42S01".equals(state)
                || "42S21".equals(state) || "42101".equals(state) || "42111".equals(state) || "90045".equals(state)) return true;
        if (EXISTS_CODES.contains(e.getErrorCode())) return true;
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return msg.contains("already exists") || msg.contains("duplicate column name"); // SQLite's for a column
    }

    private static final java.util.Set<Integer> EXISTS_CODES = java.util.Set.of(1050, 1060, 1061, 1826,
            42101, 42111, 42121, 90045, 90035, 90041, 90078, 90119);

    private static final java.util.regex.Pattern REMOVES =
            java.util.regex.Pattern.compile("(?is)^(\\s*(--[^\\n]*(\\n|$)|/\\*.*?\\*/))*\\s*(DROP|ALTER)\\b");
    private static final java.util.regex.Pattern DROPS_OR_RENAMES = java.util.regex.Pattern.compile("(?i)\\b(DROP|RENAME)\\b");
    /** PostgreSQL's SQLSTATEs: table, object, column, schema, function. */
    private static final java.util.Set<String> GONE_STATES = java.util.Set.of("42P01", "42704", "42703", "3F000", "42883");
    /**
     * MariaDB's error codes: unknown table, can't DROP (column, key), no such table, unknown column, key, trigger,
     * routine, sequence; H2's (whose SQLSTATE is the coarser 42S02): table or view (three forms), index, column,
     * sequence, view, trigger, constraint, schema, domain, function alias.
     */
    private static final java.util.Set<Integer> GONE_CODES = java.util.Set.of(1051, 1091, 1146, 1054, 1176, 1360, 1305, 4091,
            42102, 42103, 42104, 42112, 42122, 90036, 90037, 90042, 90057, 90079, 90120, 90077);

    /**
     * True when a statement that removes or changes something ({@code DROP ...}, {@code ALTER ...}) failed because
     * that is gone already: the mirror of {@link #isAlreadyExists}, for a downgrade (or an upgrade that drops) that an
     * earlier run began.
     */
    static boolean isAlreadyGone(SQLException e, String sql) {
        java.util.regex.Matcher removes = REMOVES.matcher(sql);
        if (!removes.find()) return false;
        // an ALTER removes something only where it drops or renames: one that sets a default naming a sequence
        // that is not there failed on its own, and no earlier run took anything it removes (t57-7)
        if (removes.group(4).equalsIgnoreCase("ALTER") && !DROPS_OR_RENAMES.matcher(sql).find()) return false;
        String state = e.getSQLState(); // null from some drivers, which Set.of refuses to look up
        if (state != null && GONE_STATES.contains(state) || GONE_CODES.contains(e.getErrorCode())) return true;
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return msg.contains("no such table") || msg.contains("no such index") || msg.contains("no such column")
                || msg.contains("no such view") || msg.contains("no such trigger"); // SQLite
    }

    /** True when the error is a duplicate key (a unique or primary key constraint), on every engine. */
    static boolean isDuplicateKey(SQLException e) {
        if ("23505".equals(e.getSQLState()) || e.getErrorCode() == 1062) return true; // PostgreSQL and H2, MariaDB
        String msg = e.getMessage() == null ? "" : e.getMessage();
        return msg.contains("UNIQUE constraint failed") || msg.contains("SQLITE_CONSTRAINT_PRIMARYKEY"); // SQLite
    }

    /**
     * Where in the statement PostgreSQL found the error: its "Position: N" (a character offset into the
     * statement as sent, 1-based) as a line of {@code sql}, counted from its first non-blank line, as
     * messages show statements; 0 when the error gives no position.
     */
    static int line(SQLException e, String sql) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*Position: (\\d+)\\s*$")
                .matcher(e.getMessage() == null ? "" : e.getMessage());
        if (!m.find()) return 0;
        int offset = Math.min(Integer.parseInt(m.group(1)) - 1, sql.length());
        int line = 1;
        for (int i = sql.length() - sql.stripLeading().length(); i < offset; i++) if (sql.charAt(i) == '\n') line++;
        return line;
    }

    /**
     * True when the statement refused to run inside a transaction: PostgreSQL's SQLSTATE 25001 ({@code CREATE
     * INDEX CONCURRENTLY}, {@code VACUUM}, {@code CREATE DATABASE} "cannot run inside a transaction block"),
     * SQLite's "cannot VACUUM from within a transaction" and its kin.
     */
    static boolean needsNoTransaction(SQLException e) {
        if ("25001".equals(e.getSQLState())) return true;
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return msg.contains("inside a transaction") || msg.contains("within a transaction");
    }

    /** The innermost cause of {@code e} ({@code e} itself when it has none): what a driver or a migration wrapped. */
    static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root;
    }

    /** The database's own words, without the driver's stack of causes; never a password. */
    static String describe(SQLException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : shortenH2(e.getMessage().strip());
        // PostgreSQL appends "Detail: ...", "Hint: ...", "Where: ..." and "Position: N" on lines of their own:
        // one line, the first few kept, the position (a character offset nobody can use here) left out
        String[] lines = msg.split("\\R");
        StringBuilder out = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length && i < 4; i++) {
            String line = lines[i].strip();
            if (!line.matches("Position: \\d+")) out.append(" ").append(line);
        }
        return out.toString();
    }

    /** How H2 ends a message: the statement it echoes, then its error code and build ({@code [42102-232]}). */
    private static final String H2_ECHO = "; SQL statement:";
    private static final java.util.regex.Pattern H2_CODE = java.util.regex.Pattern.compile("\\s\\[\\d+-\\d+]$");
    /** How a syntax error quotes the statement besides: {@code Syntax error in SQL statement "...[*]..."; expected ...}. */
    private static final String H2_QUOTED = "SQL statement \"";
    /** About as long as the excerpt of a statement in a run's own message. */
    static final int EXCERPT_LENGTH = 200;

    /**
     * H2 repeats the whole statement in its message, however long (a 600 KB INSERT made a 600 KB message, also in
     * the JSON "error"), once after the message and, for a syntax error, once more quoted in it: both cut to an
     * excerpt as long as the run's own excerpt of the statement (t27-7). Other messages are left as they are.
     */
    static String shortenH2(String msg) {
        int echo = msg.lastIndexOf(H2_ECHO);
        java.util.regex.Matcher code = H2_CODE.matcher(msg);
        if (echo < 0 || !code.find() || code.start() < echo) return msg;
        String head = msg.substring(0, echo);
        int open = head.indexOf(H2_QUOTED);
        if (open >= 0) {
            int from = open + H2_QUOTED.length();
            int to = head.lastIndexOf("\"; expected ");
            if (to < from) to = head.endsWith("\"") ? head.length() - 1 : -1;
            if (to > from) head = head.substring(0, from) + excerpt(head.substring(from, to)) + head.substring(to);
        }
        return head + H2_ECHO + " " + excerpt(msg.substring(echo + H2_ECHO.length(), code.start())) + code.group();
    }

    /** {@code sql} on one line, cut to about {@link #EXCERPT_LENGTH} characters, with where H2 marks the error ([*]) in view. */
    static String excerpt(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        if (one.length() <= EXCERPT_LENGTH) return one;
        int mark = one.indexOf("[*]");
        if (mark < EXCERPT_LENGTH - 40) return one.substring(0, EXCERPT_LENGTH) + " ...";
        int end = Math.min(one.length(), mark + 3 + 40);
        return one.substring(0, 80) + " ... " + one.substring(mark - 80, end) + (end < one.length() ? " ..." : "");
    }
}
