package dev.retort.script;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite's own tables ({@code sqlite_sequence}, made with the first AUTOINCREMENT table; {@code sqlite_stat1}...,
 * made by ANALYZE), whose {@code CREATE TABLE} the sqlite3 shell's {@code .schema} prints although SQLite refuses
 * to run it ("object name reserved for internal use"). A schema dump used as a {@code sql:} model or as a SQL
 * revision leaves that statement out, as pg_dump's psql-only lines are: SQLite makes the table itself.
 */
public final class SqliteInternalTables {
    /** CREATE TABLE [IF NOT EXISTS] [main.]sqlite_xxx, the name bare or quoted as the shell may print it. */
    private static final Pattern CREATE = Pattern.compile(
            "(?is)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:[\"`\\[]?main[\"`\\]]?\\s*\\.\\s*)?[\"`\\[]?(sqlite_\\w+)[\"`\\]]?\\s*\\(.*");

    private SqliteInternalTables() {
    }

    /**
     * The internal table {@code sql} creates, or null: {@code sql} is one statement as the splitter returns it
     * (trimmed, without the comments before it), for a SQLite database ({@code dialect} "sqlite"; elsewhere the
     * name is an ordinary one).
     */
    public static String createdBy(String dialect, String sql) {
        if (!"sqlite".equalsIgnoreCase(dialect) || !sql.regionMatches(true, 0, "CREATE", 0, 6)) return null;
        Matcher m = CREATE.matcher(sql);
        return m.matches() ? m.group(1) : null;
    }

    /** The log line for a skipped statement, after the file and line. */
    public static String skipped(String table) {
        return "CREATE TABLE " + table + " skipped: SQLite makes its own " + table + " table"
                + (table.equalsIgnoreCase("sqlite_sequence") ? " with the first AUTOINCREMENT table" : " (ANALYZE)")
                + " and refuses to create it";
    }
}
