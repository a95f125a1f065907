package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.migration.IrreversibleMigrationException;
import dev.retort.migration.Migration;
import dev.retort.migration.MigrationContext;
import dev.retort.migration.Operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SQL revision as a runnable migration: each statement of a section goes through {@code op.execute}.
 * Statements are split with the lexer of the dialect being run ({@code op.context().dialect()}), with
 * the mysql client's {@code DELIMITER} lines honoured on MySQL/MariaDB.
 * <p>
 * A {@code COPY ... FROM STDIN} (pg_dump's data blocks) is refused when the section is split: the rows after
 * it are no SQL, and a statement run through JDBC, or written to an offline script, has no input to read
 * them from.
 * <p>
 * psql meta-command lines: <code>&#92;restrict KEY</code> and <code>&#92;unrestrict KEY</code>, which pg_dump (17.6, 16.10, 15.14 and
 * later) writes around every plain dump, only guard psql itself and are dropped; any other (<code>&#92;connect</code>,
 * <code>&#92;i</code>, ...) is refused when the section is split: the server cannot run it, and Retort is no psql.
 * <p>
 * On SQLite, the {@code CREATE TABLE sqlite_sequence(name,seq)} of a {@code sqlite3 .schema} dump is dropped too
 * ({@link SqliteInternalTables}): SQLite makes that table itself and refuses the statement.
 */
public final class SqlMigration extends Migration {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqlMigration.class);
    /** The psql meta-commands that are dropped: they restrict what psql itself runs, nothing on the server. */
    private static final java.util.Set<String> IGNORED_META_COMMANDS = java.util.Set.of("restrict", "unrestrict");
    /** COPY ... TO STDOUT, in a statement's code: psql prints the rows, JDBC cannot take them (t43-3). */
    private static final Pattern COPY_TO_STDOUT = Pattern.compile("(?is)COPY\\b.*\\bTO\\s+STDOUT\\b.*");
    /**
     * The mariadb client's own commands by name (its {@code help}), which it runs, not the server, when one starts a
     * statement's line: {@code source FILE} runs a file, {@code system CMD} a shell command. {@code use},
     * {@code delimiter} and {@code help} are left out: the first and last are SQL too, {@code DELIMITER} is honoured.
     */
    private static final java.util.Set<String> MARIADB_CLIENT_COMMANDS = java.util.Set.of("charset", "clear", "connect",
            "edit", "ego", "exit", "go", "nopager", "notee", "nowarning", "pager", "print", "prompt", "quit", "rehash",
            "resetconnection", "sandbox", "source", "status", "system", "tee", "warnings");
    /** COPY ... FROM STDIN, in a statement's code (strings and comments blanked). */
    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)COPY\\b.*\\bFROM\\s+STDIN\\b.*");
    /**
     * A statement that ends or starts a transaction: BEGIN (not MariaDB's BEGIN NOT ATOMIC block), START
     * TRANSACTION, COMMIT, END, ROLLBACK (not ROLLBACK TO a savepoint), ABORT.
     */
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "(?is)(BEGIN(?!\\s+NOT\\s+ATOMIC)|START\\s+TRANSACTION|COMMIT|END|ROLLBACK(?!\\s+(WORK\\s+|TRANSACTION\\s+)?TO\\b)|ABORT)\\b.*");

    private final String id;
    private final String upgradeSql;
    private final String downgradeSql;
    private final int upgradeLine;
    private final int downgradeLine;
    private final boolean transactional;
    // the last split, kept so that a split made ahead of the run (RevisionPreloader) is not made again
    private String splitDialect;
    private Split upgradeSplit;
    private Split downgradeSplit;
    /** The line of the file the statement being run starts on (after a failure: the failed one's); 0 when none. */
    private int runningLine;

    /** @param downgradeSql null for an irreversible revision */
    public SqlMigration(String id, String upgradeSql, String downgradeSql) {
        this(id, upgradeSql, 1, downgradeSql, 1, true);
    }

    /**
     * @param upgradeLine   the line of its file the upgrade section's text starts on, for messages
     * @param downgradeSql  null for an irreversible revision
     * @param downgradeLine the line the downgrade section's text starts on
     * @param transactional false for a revision marked {@code transactional false}, which may manage its own
     */
    public SqlMigration(String id, String upgradeSql, int upgradeLine, String downgradeSql, int downgradeLine,
                        boolean transactional) {
        this.id = id;
        this.upgradeSql = upgradeSql;
        this.downgradeSql = downgradeSql;
        this.upgradeLine = upgradeLine;
        this.downgradeLine = downgradeLine;
        this.transactional = transactional;
    }

    public String id() {
        return id;
    }

    @Override
    public void upgrade(Operations op) {
        run(op, upgradeSplit(dialect(op)));
    }

    @Override
    public void downgrade(Operations op) {
        if (downgradeSql == null) throw new IrreversibleMigrationException(id);
        run(op, downgradeSplit(dialect(op)));
    }

    private void run(Operations op, Split split) {
        for (int i = 0; i < split.statements().size(); i++) {
            runningLine = split.lines()[i];
            op.execute(split.statements().get(i));
        }
        runningLine = 0;
    }

    /**
     * The line of the revision's file where the statement now running starts, and after a failure the failed
     * one's (0: none): in a data revision of many alike statements, the text alone does not say which (t15-3).
     */
    public int runningLine() {
        return runningLine;
    }

    @Override
    public boolean isReversible() {
        return downgradeSql != null;
    }

    /** The statements of the upgrade section for {@code dialect} (sqlite, postgresql, mariadb, h2). */
    public List<String> upgradeStatements(String dialect) {
        return upgradeSplit(dialect).statements();
    }

    /** The statements of the downgrade section, or an empty list when there is none. */
    public List<String> downgradeStatements(String dialect) {
        return downgradeSql == null ? List.of() : downgradeSplit(dialect).statements();
    }

    private Split upgradeSplit(String dialect) {
        forDialect(dialect);
        // the downgrade marker ends the upgrade section: the line before the downgrade's text
        if (upgradeSplit == null) upgradeSplit = split(dialect, upgradeSql, upgradeLine, transactional,
                downgradeSql == null ? 0 : downgradeLine - 1);
        return upgradeSplit;
    }

    private Split downgradeSplit(String dialect) {
        forDialect(dialect);
        if (downgradeSplit == null) downgradeSplit = split(dialect, downgradeSql, downgradeLine, transactional, 0);
        return downgradeSplit;
    }

    private void forDialect(String dialect) {
        if (!Objects.equals(dialect, splitDialect)) {
            splitDialect = dialect;
            upgradeSplit = null;
            downgradeSplit = null;
        }
    }

    private static String dialect(Operations op) {
        MigrationContext ctx = op.context();
        return ctx == null ? null : ctx.dialect();
    }

    /** A section's statements and the line of the file each starts on. */
    private record Split(List<String> statements, int[] lines) {
    }

    /**
     * @param markerLine the line of the downgrade marker that ends this section, or 0: a string or body left open at
     *                   the section's end may be one that marker line cut in two (t48-2)
     */
    private static Split split(String dialect, String sql, int firstLine, boolean transactional, int markerLine) {
        SqlSplitter splitter = SqlSplitter.forDialect(dialect);
        List<String> out = new ArrayList<>();
        List<SqlSplitter.Statement> statements;
        try {
            statements = splitter.splitWhole(sql);
        } catch (SqlSplitter.Unclosed e) {
            Escapes escapes = e.reason().startsWith("unterminated") ? otherEscapes(dialect, sql, firstLine) : null;
            // read the default way, that string ran on past its quote and a later one is left open: the other reading
            if (escapes != null && escapes.line() != firstLine + e.line() - 1) throw new RetortException(escapes.message());
            // the marker line was taken as one because some engine reads it so, outside the string or body (the file
            // was read before the engine was known): say so, rather than only ask to close what may be closed after it
            String cut = markerLine <= 0 || !e.reason().startsWith("unterminated") ? "" : " (if it is closed after line " + markerLine + ", '-- retort:downgrade',"
                    + " that line was read as the marker that ends the upgrade section: a marker line inside a string"
                    + " or body is taken as its text only where every engine reads it so; move the line out of it, or"
                    + " reword it)";
            throw new RetortException("line " + (firstLine + e.line() - 1) + ": " + e.reason(firstLine) + cut
                    + (escapes == null ? "" : escapes.note()));
        }
        statements = withoutSandboxLine(dialect, splitter, statements, firstLine);
        int[] lines = new int[16];
        for (SqlSplitter.Statement st : statements) {
            int line = firstLine + st.line() - 1;
            if (st.metaCommand()) {
                if (IGNORED_META_COMMANDS.contains(st.metaCommandName())) {
                    LOG.debug("line {}: psql meta-command \\{} skipped (it guards psql only)", line, st.metaCommandName());
                    continue;
                }
                Escapes escapes = otherEscapes(dialect, sql, firstLine);
                if (escapes != null) throw new RetortException(escapes.message());
                throw new RetortException("line " + line + ": psql meta-command '\\" + st.metaCommandName() + "' is not"
                        + " supported in revisions: Retort runs each statement through JDBC (or writes it to the --sql"
                        + " script), not through psql. Remove the line, or write what it does as SQL"
                        + " (pg_dump's \\restrict and \\unrestrict lines are skipped).");
            }
            String internal = SqliteInternalTables.createdBy(dialect, st.sql());
            if (internal != null) { // sqlite3 .schema prints it; SQLite refuses it (t37-3)
                LOG.info("line {}: {}", line, SqliteInternalTables.skipped(internal));
                continue;
            }
            // statements come trimmed, without the comments before them: the first word is at 0
            if (st.sql().regionMatches(true, 0, "COPY", 0, 4) && COPY_FROM_STDIN.matcher(code(splitter, st.sql())).matches()) {
                // the message's reader sees the revision's file named before it (a run's or script's failure)
                throw new RetortException("line " + line + ": COPY ... FROM STDIN is not"
                        + " supported in revisions: the rows after it are not SQL, and Retort runs each statement"
                        + " through JDBC (or writes it to the --sql script) with no input to read them from. Insert"
                        + " the rows with op.bulkInsert in a Java revision (or as INSERT statements: pg_dump --inserts),"
                        + " or COPY them FROM a file on the database server.");
            }
            if (st.sql().regionMatches(true, 0, "COPY", 0, 4) && COPY_TO_STDOUT.matcher(code(splitter, st.sql())).matches()) {
                throw new RetortException("line " + line + ": COPY ... TO STDOUT is not supported in revisions: its rows"
                        + " go to the client, which Retort's JDBC run cannot take and psql would print from the --sql"
                        + " script. COPY TO a file on the database server, or leave it out.");
            }
            String client = clientCommand(dialect, st.sql());
            if (client != null) throw new RetortException("line " + line + ": " + client);
            String terminator = sqliteTerminatorLine(dialect, splitter, st.sql(), line);
            if (terminator != null) throw new RetortException(terminator);
            int backslash = mariadbBackslashCommand(dialect, splitter, st.sql());
            if (backslash >= 0) {
                String text = st.sql();
                int at = line + (int) text.substring(0, backslash).chars().filter(ch -> ch == '\n').count();
                String name = text.substring(backslash, Math.min(text.length(), backslash + 2)).strip();
                throw new RetortException("line " + at + ": mariadb client command '" + name + "' is not supported in"
                        + " revisions: the mariadb client reads a backslash outside strings and comments as a command of"
                        + " its own, after SQL on a line as well ('\\g' and '\\G' send the statement, '\\c' discards it),"
                        + " and would run it from the --sql script, where the server cannot (Retort runs each statement"
                        + " through JDBC, or writes it to the script). End the statement with ';' (or the DELIMITER),"
                        + " or remove the command.");
            }
            if (transactional) {
                String refusal = transactionControl(splitter, st.sql());
                if (refusal != null) throw new RetortException("line " + line + ": " + refusal);
            }
            if (out.size() == lines.length) lines = java.util.Arrays.copyOf(lines, lines.length * 2);
            lines[out.size()] = line;
            out.add(st.sql());
        }
        return new Split(List.copyOf(out), java.util.Arrays.copyOf(lines, out.size()));
    }

    /**
     * t81-6: why a section that cannot be split (a string left open, a psql meta-command) splits when its strings are
     * read the other way, or null. Retort reads MariaDB/MySQL strings with backslash escapes and PostgreSQL's {@code
     * '...'} without (the servers' defaults): a session under {@code sql_mode NO_BACKSLASH_ESCAPES}, or with {@code
     * standard_conforming_strings = off}, reads them the other way, and so do the mariadb client and psql, which follow
     * the server's setting. The file is read before (and, for --sql, without) a session, so the setting cannot be
     * known: the message names the first string whose backslash the two readings take differently.
     */
    private static Escapes otherEscapes(String dialect, String sql, int firstLine) {
        String d = dialect == null ? "" : dialect.toLowerCase(java.util.Locale.ROOT);
        boolean mysql = d.equals("mariadb") || d.equals("mysql");
        if (!mysql && !d.equals("postgresql") && !d.equals("postgres") && !d.equals("pg")) return null;
        SqlSplitter usual = SqlSplitter.forDialect(dialect);
        SqlSplitter other = new SqlSplitter(usual.options().withBackslashEscapes(!mysql));
        try {
            for (SqlSplitter.Statement st : other.splitWhole(sql)) {
                if (st.metaCommand() && !IGNORED_META_COMMANDS.contains(st.metaCommandName())) return null;
            }
        } catch (SqlSplitter.Unclosed e) {
            return null;
        }
        for (int i = 0; i < sql.length(); ) {
            int skip = usual.skipNonCode(sql, i);
            if (skip <= i) {
                i++;
                continue;
            }
            char c = sql.charAt(i);
            boolean escapeString = !mysql && i > 0 && (sql.charAt(i - 1) | 0x20) == 'e'; // E'...': escapes either way
            if ((c == '\'' || mysql && c == '"') && !escapeString && sql.substring(i, skip).indexOf('\\') >= 0) {
                int line = firstLine + (int) sql.substring(0, i).chars().filter(ch -> ch == '\n').count();
                String note = mysql ? " (read without backslash escapes, as under sql_mode NO_BACKSLASH_ESCAPES, the"
                        + " section splits; Retort reads MariaDB strings with them, as it cannot know the session's"
                        + " sql_mode: write X'5C' or CHAR(92) for a backslash)"
                        : " (read with backslash escapes, as under standard_conforming_strings off, the section splits;"
                        + " Retort reads '...' without them, as it cannot know the session's setting: write E'...' for"
                        + " such a string)";
                return new Escapes(line, note, "line " + line + ": the string opened on this line holds a backslash, which "
                        + (mysql ? "MariaDB/MySQL read as an escape by default ('C:\\' does not end at its last quote)"
                        + ", so the string runs on past its quote, and the section cannot be split. Under sql_mode"
                        + " NO_BACKSLASH_ESCAPES (set by the revision or the server), where the mariadb client reads"
                        + " strings without escapes, it splits; but Retort cannot know the session's sql_mode when it"
                        + " reads the file (a --sql script is written without one) and reads strings with escapes."
                        + " Write the backslash so that both readings agree: CHAR(92) or X'5C' (CONCAT('C:', X'5C')),"
                        + " and '' for a quote"
                        : "PostgreSQL reads as a plain character in '...' (standard_conforming_strings on, its default"
                        + " and what Retort reads revisions with), so 'it\\'s' ends at the quote after the backslash"
                        + " and the rest of the section is misread. With standard_conforming_strings off (set by the"
                        + " revision or the server), where psql reads backslash escapes, it splits; but Retort cannot"
                        + " know the session's setting when it reads the file (a --sql script is written without one)."
                        + " Write an escape string, E'it\\'s', or double the quote, 'it''s'") + ".");
            }
            i = skip;
        }
        return null;
    }

    /** {@link #otherEscapes}: the string's line, a note for another message, and the message of its own. */
    private record Escapes(int line, String note, String message) {
    }

    /**
     * mariadb-dump's first line (10.11.8 on): a comment only a server of version 99.99.99 would run, whose
     * <code>&#92;-</code> puts the mariadb client into its sandbox mode (no shell, no files) for the rest of its
     * input. The server ignores it, so it is left out (t53-6): online it would do nothing, and in the --sql script it
     * would put the client into sandbox mode for the later revisions too, which a run never is.
     */
    private static final Pattern SANDBOX_LINE = Pattern.compile("/\\*M!999999\\\\-[^*\\\\]*\\*/");

    /**
     * {@code statements} with mariadb-dump's sandbox line left out. The splitter reads the executable comment as code,
     * so the line begins the statement after it, which is split again without it (the same lines of the file).
     */
    private static List<SqlSplitter.Statement> withoutSandboxLine(String dialect, SqlSplitter splitter,
                                                                  List<SqlSplitter.Statement> statements, int firstLine) {
        String d = dialect == null ? "" : dialect.toLowerCase(java.util.Locale.ROOT);
        if (!d.equals("mariadb") && !d.equals("mysql")) return statements;
        List<SqlSplitter.Statement> out = null;
        for (int i = 0; i < statements.size(); i++) {
            SqlSplitter.Statement st = statements.get(i);
            java.util.regex.Matcher sandbox = st.metaCommand() ? null : SANDBOX_LINE.matcher(st.sql());
            if (sandbox == null || !sandbox.lookingAt()) {
                if (out != null) out.add(st);
                continue;
            }
            if (out == null) out = new ArrayList<>(statements.subList(0, i));
            LOG.debug("line {}: mariadb-dump's sandbox line left out (a comment to the server; the mariadb client's"
                    + " sandbox mode would hold for the rest of the --sql script)", firstLine + st.line() - 1);
            String rest = " ".repeat(sandbox.end()) + st.sql().substring(sandbox.end());
            for (SqlSplitter.Statement after : splitter.splitWhole(rest)) {
                out.add(new SqlSplitter.Statement(after.sql(), st.line() + after.line() - 1, after.metaCommand()));
            }
        }
        return out == null ? statements : out;
    }

    /**
     * The refusal of a statement that begins with a command of the engine's command-line client (t43-3), or null: the
     * server cannot run it (online it fails as a syntax error) and the client runs it from the --sql script (a
     * sqlite3 {@code .read} or {@code .bail off}, a mariadb {@code source FILE}), so the two modes would differ.
     * Statements come trimmed, without the comments before them: the command is at 0. (psql's, anywhere outside
     * strings, come from the splitter flagged as meta-commands.)
     */
    static String clientCommand(String dialect, String sql) {
        if (dialect == null || sql.isEmpty()) return null;
        String name = sql.substring(0, firstBlank(sql));
        return switch (dialect.toLowerCase(java.util.Locale.ROOT)) {
            case "sqlite" -> sql.charAt(0) == '.' ? "sqlite3 dot-command '" + name + "' is not supported in revisions:"
                    + " SQLite cannot run it, and the sqlite3 shell would run it from the --sql script (Retort runs each"
                    + " statement through JDBC, or writes it to the script). Remove the line, or write what it does as SQL."
                    // t81-4: the shell skips a '#' line before a statement; SQLite refuses it ("unrecognized token")
                    : sql.charAt(0) == '#' ? "a line starting with '#' is not SQL on SQLite: SQLite refuses it"
                    + " (unrecognized token \"#\"), while the sqlite3 shell skips it as a comment when it comes before a"
                    + " statement, so the revision would fail when run and pass from the --sql script. Write the comment"
                    + " with '--'."
                    : null;
            case "mariadb", "mysql" -> sql.charAt(0) == '\\' || MARIADB_CLIENT_COMMANDS.contains(name.toLowerCase(java.util.Locale.ROOT))
                    ? "mariadb client command '" + name + "' is not supported in revisions: the server cannot run it,"
                    + " and the mariadb client would run it from the --sql script (Retort runs each statement through"
                    + " JDBC, or writes it to the script). Remove it, or write what it does as SQL."
                    : null;
            default -> null;
        };
    }

    /**
     * t81-1: the refusal of a statement holding a line the sqlite3 shell reads as the end of a statement, or null. The
     * shell (shell.c, {@code line_is_command_terminator}) takes a line of only {@code /} (Oracle's) or {@code go} (SQL
     * Server's), in any case, with blanks or a comment around, as {@code ;} when the text before it would then be
     * complete, which {@code sqlite3_complete} says without counting parentheses: from the --sql script it would run
     * {@code INSERT INTO t VALUES (10 ;} where SQLite, online, reads the line as part of {@code (10 / 2, 1)}.
     *
     * @param line the line of the file the statement starts on
     */
    static String sqliteTerminatorLine(String dialect, SqlSplitter splitter, String sql, int line) {
        if (dialect == null || !dialect.equalsIgnoreCase("sqlite")) return null;
        SqlSplitter.LineStates states = null;
        int lineNo = line;
        for (int at = 0; at >= 0; lineNo++) {
            int eol = sql.indexOf('\n', at);
            String word = shellTerminator(sql, at, eol < 0 ? sql.length() : eol);
            if (word != null) {
                if (states == null) states = splitter.lineStates(sql, 0, 1);
                if (states.insideAt(at) == null) {
                    return "line " + lineNo + ": a line holding only '" + word + "' ends the statement there in the"
                            + " sqlite3 shell (it reads such a line, '/' or 'go', as ';'), so the --sql script would run"
                            + " the statement cut short there, while SQLite reads the line as part of it. Write the '"
                            + word + "' on a line with the SQL around it" + (word.equals("/") ? " (e.g. '10 / 2')" : "")
                            + ", or remove the line.";
                }
            }
            at = eol < 0 ? -1 : eol + 1;
        }
        return null;
    }

    /** The {@code /} or {@code go} the line from {@code from} to {@code to} holds alone (as sqlite3 reads it), or null. */
    private static String shellTerminator(String sql, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(sql.charAt(i))) i++;
        String word;
        if (i < to && sql.charAt(i) == '/') {
            word = "/";
        } else if (i + 1 < to && (sql.charAt(i) | 0x20) == 'g' && (sql.charAt(i + 1) | 0x20) == 'o') {
            word = sql.substring(i, i + 2);
        } else {
            return null;
        }
        String rest = sql.substring(i + word.length(), to).strip();
        // the shell's quickscan: nothing but blanks and comments after it
        boolean blank = rest.isEmpty() || rest.startsWith("--")
                || rest.startsWith("/*") && rest.indexOf("*/") >= 0 && rest.substring(rest.indexOf("*/") + 2).isBlank();
        return blank ? word : null;
    }

    /**
     * The offset of a mariadb client backslash command in {@code sql}'s code, or -1 (t45-4): the client reads a
     * <code>&#92;x</code> anywhere outside strings, quoted names and comments as a command of its own
     * (<code>&#92;g</code>, <code>&#92;G</code>, <code>&#92;c</code>, <code>&#92;p</code>, ...; an unknown one is an
     * error), not only at a statement's start, and sends the server none of it. <code>&#92;N</code> is SQL (the
     * server's NULL); backslashes in strings are the strings' own.
     */
    static int mariadbBackslashCommand(String dialect, SqlSplitter splitter, String sql) {
        if (dialect == null || sql.indexOf('\\') < 0) return -1; // every statement passes here: the cheap test first
        String d = dialect.toLowerCase(java.util.Locale.ROOT);
        if (!d.equals("mariadb") && !d.equals("mysql")) return -1;
        for (int i = splitter.indexOfInCode(sql, '\\', 0); i >= 0; i = splitter.indexOfInCode(sql, '\\', i + 2)) {
            if (i + 1 >= sql.length() || sql.charAt(i + 1) != 'N') return i;
        }
        return -1;
    }

    /** The end of the first word: the first whitespace or ';', or the end. */
    private static int firstBlank(String sql) {
        int i = 0;
        while (i < sql.length() && !Character.isWhitespace(sql.charAt(i)) && sql.charAt(i) != ';') i++;
        return i;
    }

    /**
     * Why {@code sql} may not run in the run's transaction (it begins or ends a transaction), or null. Comments
     * are looked through ({@code BEGIN /* block *}{@code / NOT ATOMIC} is MariaDB's block, not a transaction),
     * and so is every statement of a string holding several (split as a SQL revision is).
     */
    public static String transactionControl(SqlSplitter splitter, String sql) {
        String refusal = statementControl(splitter, sql);
        if (refusal != null || sql.indexOf(';') < 0) return refusal; // the usual single statement: no split
        // a string of several statements (pgjdbc, H2 and MariaDB with allowMultiQueries run them all): a COMMIT
        // after the first ends the run's transaction as well (r4-5)
        List<String> statements = splitter.split(sql);
        for (int i = 1; i < statements.size(); i++) {
            refusal = statementControl(splitter, statements.get(i));
            if (refusal != null) return refusal;
        }
        return null;
    }

    /** The refusal of one statement (the first of {@code sql}) that begins or ends a transaction, or null. */
    private static String statementControl(SqlSplitter splitter, String sql) {
        if (!mayControlTransactions(sql)) return null; // every statement of every run passes here: the cheap test first
        String code = code(splitter, sql).strip();
        if (!TRANSACTION_CONTROL.matcher(code).matches()) return null;
        String[] words = code.split("\\s+", 3);
        String word = words[0].toUpperCase(java.util.Locale.ROOT);
        if (word.equals("END") && words.length > 1 && BLOCK_ENDS.contains(words[1].toUpperCase(java.util.Locale.ROOT))) {
            // END IF, END LOOP...: never a transaction statement, but the tail of a compound statement split apart
            return "'" + word + " " + words[1] + "' without its start: the statement was split inside a compound"
                    + " statement (IF, WHILE, REPEAT, LOOP, CASE) that the splitter did not recognise. Wrap the body"
                    + " in BEGIN ... END, or set a DELIMITER (MariaDB/MySQL: 'DELIMITER //' ... '//').";
        }
        String hint = words.length == 1 && word.equals("END")
                ? " If this END closes a trigger or routine body, the splitter ended that statement early: wrap the"
                + " body in BEGIN ... END, or set a DELIMITER on MariaDB/MySQL."
                : "";
        return word + " is not allowed in a revision that runs in the run's transaction: Retort commits the revision"
                + " together with the version table, and a transaction statement of its own would split the two (the"
                + " version table would record work that was rolled back, or a failure would leave committed work"
                + " behind). Remove it, or mark the revision transactional false ('-- retort:transactional false',"
                + " @Revision(transactional = false)) to manage transactions yourself." + hint;
    }

    /** What a statement does to the session's transaction ({@link #transactionEffect}). */
    public enum TransactionEffect { NONE, OPENS, ENDS, AUTOCOMMIT_OFF, AUTOCOMMIT_ON }

    /**
     * The session's autocommit switched: MariaDB's {@code SET autocommit = 0} (also {@code @@session.autocommit := OFF},
     * one of several; not a user variable {@code @autocommit} nor the GLOBAL one, as ImplicitCommits reads it), H2's
     * {@code SET AUTOCOMMIT FALSE}.
     */
    private static final Pattern SETS_AUTOCOMMIT = Pattern.compile("(?is)SET\\s.*?(?:@@(?:SESSION\\.|LOCAL\\.)?"
            + "|(?<![@.\\w])(?<!GLOBAL\\s))AUTOCOMMIT\\s*(?::?=)?\\s*(0|OFF|FALSE|1|ON|TRUE)\\b.*");

    /**
     * What the first statement of {@code sql} does to the session's transaction, read as {@link #transactionControl}
     * reads it: begins one (BEGIN, START TRANSACTION), ends it (COMMIT, END, ROLLBACK, ABORT; not ROLLBACK TO), or
     * switches autocommit off or on. A revision outside a transaction that is left in one of its own is committed
     * before its version row, online and in the --sql script alike (t81-2, t81-5), on this reading of its text.
     */
    public static TransactionEffect transactionEffect(SqlSplitter splitter, String sql) {
        String s = sql.stripLeading();
        boolean mayControl = mayControlTransactions(s);
        if (!mayControl && !s.regionMatches(true, 0, "SET", 0, 3)) return TransactionEffect.NONE;
        String code = code(splitter, sql).strip();
        java.util.regex.Matcher autocommit = SETS_AUTOCOMMIT.matcher(code);
        if (autocommit.matches()) {
            String value = autocommit.group(1).toUpperCase(java.util.Locale.ROOT);
            return value.equals("0") || value.equals("OFF") || value.equals("FALSE")
                    ? TransactionEffect.AUTOCOMMIT_OFF : TransactionEffect.AUTOCOMMIT_ON;
        }
        if (!mayControl || !TRANSACTION_CONTROL.matcher(code).matches()) return TransactionEffect.NONE;
        String[] words = code.split("\\s+", 3);
        String word = words[0].toUpperCase(java.util.Locale.ROOT);
        if (word.equals("END") && words.length > 1 && BLOCK_ENDS.contains(words[1].toUpperCase(java.util.Locale.ROOT))) {
            return TransactionEffect.NONE;
        }
        return word.equals("BEGIN") || word.equals("START") ? TransactionEffect.OPENS : TransactionEffect.ENDS;
    }

    private static final java.util.Set<String> BLOCK_ENDS = java.util.Set.of("IF", "WHILE", "REPEAT", "LOOP", "CASE", "FOR");

    /** Whether the statement starts with a comment or with the first word of a transaction statement. */
    private static boolean mayControlTransactions(String sql) {
        String s = sql.stripLeading();
        if (s.startsWith("--") || s.startsWith("/*") || s.startsWith("#")) return true;
        for (String word : TRANSACTION_WORDS) if (s.regionMatches(true, 0, word, 0, word.length())) return true;
        return false;
    }

    private static final String[] TRANSACTION_WORDS = {"BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT"};

    /** {@code sql} with its strings, quoted names and comments blanked out. */
    private static String code(SqlSplitter splitter, String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        for (int i = 0; i < sql.length(); ) {
            int skip = splitter.skipNonCode(sql, i);
            if (skip > i) {
                out.append(' ');
                i = skip;
            } else {
                out.append(sql.charAt(i++));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "SQL revision " + id;
    }
}
