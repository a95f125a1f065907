package dev.retort.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a SQL text into statements, the way the database's own command-line client would.
 * <p>
 * A terminator ({@code ;}, or the current {@code DELIMITER}) ends a statement only outside
 * {@code '...'} strings (doubled {@code ''}; backslash escapes where the dialect has them),
 * {@code "quoted"}, {@code `backtick`} and {@code [bracket]} identifiers, {@code --} and
 * {@code /* *}{@code /} comments (and the engine's other line comments: {@code #} on MySQL/MariaDB,
 * {@code //} on H2), PostgreSQL dollar quotes ({@code $$ ... $$}, {@code $tag$ ... $tag$}), the
 * {@code BEGIN ... END} body of a {@code CREATE TRIGGER/PROCEDURE/FUNCTION/EVENT} (SQLite, MySQL/MariaDB,
 * standard SQL bodies) and, on PostgreSQL, parentheses: psql sends nothing while one is open, so
 * {@code CREATE RULE r AS ON INSERT TO t DO ALSO (a; b)} is one statement.
 * <p>
 * Statements come back trimmed, without their terminator and without the comments that precede
 * them; chunks holding only comments are dropped. MySQL's executable version comments
 * ({@code /*!40101 ... *}{@code /}) count as statement text, not as comments.
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class SqlSplitter {

    /**
     * What the dialect's lexer treats specially.
     *
     * @param backslashEscapes    {@code \'} escapes a quote inside '...' and "..." (MySQL/MariaDB)
     * @param dollarQuotes        {@code $$...$$} and {@code $tag$...$tag$} (PostgreSQL, H2's {@code $$})
     * @param escapeStrings       {@code E'...'} strings take backslash escapes (PostgreSQL)
     * @param bracketIdentifiers  {@code [name]} is a quoted identifier (SQLite, SQL Server); off where
     *                            brackets are array subscripts (PostgreSQL, H2)
     * @param hashComments        {@code #} starts a line comment (MySQL/MariaDB)
     * @param dashCommentNeedsSpace {@code --} starts a comment only when followed by whitespace (MySQL)
     * @param nestedComments      block comments nest (PostgreSQL, H2)
     * @param versionComments     {@code /*! ... *}{@code /} is executable text, not a comment (MySQL/MariaDB)
     * @param delimiterDirective  honour the mysql client's {@code DELIMITER xx} lines
     * @param slashComments       {@code //} starts a line comment, as {@code --} does (H2)
     * @param parentheses         a terminator inside parentheses does not end the statement (psql counts
     *                            them; the sqlite3 shell, the mysql client and H2's RunScript do not)
     * @param bareCompounds       a routine or trigger body may be a bare {@code IF/WHILE/REPEAT/LOOP} compound
     *                            statement without {@code BEGIN} (MySQL/MariaDB): its {@code END IF} etc. ends it
     * @param metaCommands        a {@code \} in code (outside strings, quoted names, comments and dollar-quoted
     *                            bodies) starts a psql meta-command (PostgreSQL), at a line's start or after SQL: it
     *                            ends at the end of the line and comes back as a statement of its own, flagged
     */
    public record Options(boolean backslashEscapes, boolean dollarQuotes, boolean escapeStrings,
                          boolean bracketIdentifiers, boolean hashComments, boolean dashCommentNeedsSpace,
                          boolean nestedComments, boolean versionComments, boolean delimiterDirective,
                          boolean slashComments, boolean parentheses, boolean bareCompounds,
                          boolean metaCommands) {

        public Options withBackslashEscapes(boolean on) {
            return new Options(on, dollarQuotes, escapeStrings, bracketIdentifiers, hashComments,
                    dashCommentNeedsSpace, nestedComments, versionComments, delimiterDirective, slashComments, parentheses,
                    bareCompounds, metaCommands);
        }

        public Options withDelimiterDirective(boolean on) {
            return new Options(backslashEscapes, dollarQuotes, escapeStrings, bracketIdentifiers, hashComments,
                    dashCommentNeedsSpace, nestedComments, versionComments, on, slashComments, parentheses,
                    bareCompounds, metaCommands);
        }
    }

    /**
     * A statement and the 1-based line of the text it starts on (for error messages).
     *
     * @param metaCommand a psql meta-command line ({@code \restrict KEY}), with its backslash: not SQL, for the
     *                    caller to drop or refuse ({@link #split} leaves these out)
     */
    public record Statement(String sql, int line, boolean metaCommand) {
        public Statement(String sql, int line) {
            this(sql, line, false);
        }

        /** The meta-command's name without its backslash ({@code restrict}), or null for SQL. */
        public String metaCommandName() {
            if (!metaCommand) return null;
            int end = 1;
            while (end < sql.length() && !Character.isWhitespace(sql.charAt(end))) end++;
            return sql.substring(1, end);
        }
    }

    private static final Set<String> ROUTINE_WORDS = Set.of("TRIGGER", "PROCEDURE", "FUNCTION", "EVENT");
    /** Words after CREATE that name what is created; the first one met decides whether a body may follow. */
    private static final Set<String> OBJECT_WORDS = Set.of("TRIGGER", "PROCEDURE", "FUNCTION", "EVENT", "TABLE",
            "VIEW", "INDEX", "SEQUENCE", "TYPE", "SCHEMA", "DATABASE", "DOMAIN", "ROLE", "USER", "EXTENSION",
            "AGGREGATE", "OPERATOR", "COLLATION", "CAST", "MATERIALIZED", "UNIQUE", "VIRTUAL", "POLICY", "RULE",
            "SERVER", "PUBLICATION", "SUBSCRIPTION", "STATISTICS", "TABLESPACE", "ALIAS", "CONVERSION", "LANGUAGE",
            "TEXT", "FOREIGN", "SYNONYM", "PACKAGE");
    /** Words after END that close a block whose opening word we did not count. */
    private static final Set<String> UNCOUNTED_BLOCKS = Set.of("IF", "LOOP", "WHILE", "REPEAT", "FOR");
    /** MySQL compound statements that may be a whole routine body without BEGIN (FOR is left out: FOR EACH ROW). */
    private static final Set<String> COMPOUND_WORDS = Set.of("IF", "LOOP", "WHILE", "REPEAT");

    private final Options options;

    public SqlSplitter(Options options) {
        this.options = options;
    }

    /**
     * A lexer that knows every construct except backslash escapes, hash and slash comments, DELIMITER
     * and parentheses.
     */
    public static SqlSplitter generic() {
        return new SqlSplitter(new Options(false, true, false, true, false, false, false, false, false, false, false,
                false, false));
    }

    public static SqlSplitter sqlite() {
        return new SqlSplitter(new Options(false, false, false, true, false, false, false, false, false, false, false,
                false, false));
    }

    public static SqlSplitter postgresql() {
        return new SqlSplitter(new Options(false, true, true, false, false, false, true, false, false, false, true,
                false, true));
    }

    /** MySQL/MariaDB; {@code delimiterDirective} turns on the mysql client's {@code DELIMITER} lines. */
    public static SqlSplitter mysql(boolean delimiterDirective) {
        return new SqlSplitter(new Options(true, false, false, false, true, true, false, true, delimiterDirective,
                false, false, true, false));
    }

    /** H2 nests block comments, as PostgreSQL and the SQL standard do (its parser and RunScript both). */
    public static SqlSplitter h2() {
        return new SqlSplitter(new Options(false, true, false, false, false, false, true, false, false, true, false,
                false, false));
    }

    /**
     * The splitter for a dialect name as used by {@code Dialect.name()}: sqlite, postgresql, mariadb
     * (or mysql), h2; anything else gets {@link #generic()}. For MySQL/MariaDB the {@code DELIMITER}
     * directive is on: no SQL statement starts with that word, and mysql-client scripts need it.
     */
    public static SqlSplitter forDialect(String dialect) {
        if (dialect == null) return generic();
        return switch (dialect.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> sqlite();
            case "postgresql", "postgres", "pg" -> postgresql();
            case "mariadb", "mysql" -> mysql(true);
            case "h2" -> h2();
            default -> generic();
        };
    }

    public Options options() {
        return options;
    }

    /** The statements of {@code sql}, trimmed, without terminators, comment-only chunks and psql meta-commands. */
    public List<String> split(String sql) {
        List<Statement> located = splitWithLines(sql);
        List<String> out = new ArrayList<>(located.size());
        for (Statement s : located) if (!s.metaCommand()) out.add(s.sql());
        return out;
    }

    /** As {@link #split} with the line each statement starts on, and psql meta-command lines flagged. */
    public List<Statement> splitWithLines(String sql) {
        return new Scan(sql).run();
    }

    /**
     * As {@link #splitWithLines}, for a whole file or section: one that ends inside a block comment, string, quoted
     * name or dollar-quoted body is refused, naming the line where that opens. Read on, such a text gives the
     * statements before it and takes the rest for the comment's (or string's) text: a revision would run half of
     * its statements and be recorded as applied (t15-9), where psql and the mysql client stop with an error.
     */
    public List<Statement> splitWhole(String sql) {
        Scan scan = new Scan(sql);
        List<Statement> out = scan.run();
        if (scan.unclosed != null) {
            throw new Unclosed(scan.unclosedLine, "unterminated " + scan.unclosed + ": it opens on this line and is"
                    + " never closed, so everything after it would be taken as its text; close it");
        }
        if (scan.continuedLine > 0) {
            // t81-7: PostgreSQL reads the backslash as an escape, psql (15) splitting a --sql script does not: it reads
            // the continued part as a standard string, so the two would end the string (and the statement) elsewhere
            throw new Unclosed(scan.continuedLine, "this string continues the escape string E'...' of line {line}"
                    + " across a line break, where PostgreSQL reads its backslashes as escapes"
                    + " but psql, splitting a --sql script, reads them as plain characters (a \\' there would end the"
                    + " string for psql), so the online run and the script would differ; join the parts with ||"
                    + " and an E before each (E'a ' || E'b\\'c'), or write the string on one line", scan.continuedFrom);
        }
        return out;
    }

    /** A text ending inside a comment, string, quoted name or body; {@link #line()} is where that opens (1-based). */
    public static final class Unclosed extends dev.retort.RetortException {
        private final int line;
        private final String reason;
        private final int other; // a line the reason names, as "{line}" (0: none)

        Unclosed(int line, String reason) {
            this(line, reason, 0);
        }

        Unclosed(int line, String reason, int other) {
            super("line " + line + ": " + reason.replace("{line}", String.valueOf(other)));
            this.line = line;
            this.reason = reason;
            this.other = other;
        }

        public int line() {
            return line;
        }

        /** The message without its line, for callers that number lines their own way. */
        public String reason() {
            return reason(1);
        }

        /** As {@link #reason()}, with the lines it names numbered from {@code firstLine} for the text's first. */
        public String reason(int firstLine) {
            return reason.replace("{line}", String.valueOf(other + firstLine - 1));
        }
    }

    /**
     * If a string literal, quoted name, comment or dollar-quoted body starts at offset {@code i} of
     * {@code sql}, the offset just past it (or the text's end, if it is not closed); otherwise {@code i}.
     * What lies outside those is code: where placeholders, qualifiers and terminators are looked for.
     * An executable {@code /*!...*}{@code /} comment of MySQL is code.
     */
    public int skipNonCode(String sql, int i) {
        return new Scan(sql).skipAt(i);
    }

    /**
     * The offset of the first {@code c} from {@code from} in {@code sql}'s code (outside the strings, quoted names,
     * comments and dollar-quoted bodies {@link #skipNonCode} skips), or -1. One scan, however many strings it holds.
     */
    public int indexOfInCode(String sql, char c, int from) {
        Scan scan = new Scan(sql);
        for (int i = from; i < sql.length(); ) {
            int skip = scan.skipAt(i);
            if (skip > i) i = skip;
            else if (sql.charAt(i) == c) return i;
            else i++;
        }
        return -1;
    }

    /**
     * Whether offset {@code at} of {@code text}, read from its start in code, lies in code: not inside a string, quoted
     * name, comment or dollar-quoted body that opens before it (one opening at {@code at} is in code). For a SQL
     * revision's line holding a marker after SQL (t81-3).
     */
    public boolean inCode(String text, int at) {
        Scan scan = new Scan(text);
        for (int i = 0; i < at; ) {
            int skip = scan.skipAt(i);
            if (skip <= i) i++;
            else if (skip > at) return false;
            else i = skip;
        }
        return true;
    }

    /**
     * The lexical state at the starts of lines of {@code text}, read from offset {@code from} (the start of a line,
     * numbered {@code firstLine}) as {@link #splitWithLines} reads it: for a SQL revision's section markers, which
     * are only markers where a line starts in code (t45-5). One pass, made as far as it is asked, with no statement
     * collected.
     */
    public LineStates lineStates(String text, int from, int firstLine) {
        return new LineStates(new Scan(text, from, firstLine));
    }

    /** See {@link #lineStates}; asked in increasing offsets. Mutable, so never shared. */
    public final class LineStates {
        private final Scan scan;

        private LineStates(Scan scan) {
            this.scan = scan;
            scan.collect = false;
        }

        /**
         * Null when the line starting at {@code offset} starts in code (or in a line comment's next line); otherwise
         * what it lies inside, as {@code "string ('...') opened on line 3"}. Offsets must not decrease.
         */
        public String insideAt(int offset) {
            if (scan.pos < offset) scan.advanceLexically(offset);
            return scan.pos > offset ? scan.construct() + " opened on line " + scan.constructLine : null;
        }
    }

    /**
     * The lexical state of SQL given as a stream of characters, line by line, as {@link #lineStates} reads the same
     * text (t45-5): for a SQL revision's header read as a stream (t42-2), where a section's text is never held. Only
     * the character before a quote or {@code $} and the few after a quote, comment or dollar-tag opener are looked at,
     * so it keeps a handful of characters between calls (a dollar-quoted body's closing tag's length at most).
     *
     * @param firstLine the number of the first line given
     */
    public LineLexer lineLexer(int firstLine) {
        return new LineLexer(firstLine);
    }

    /** See {@link #lineLexer}: {@link #feed} a line's characters (in any pieces), then {@link #endLine}. Mutable. */
    public final class LineLexer {
        private static final int CODE = 0, QUOTED = 1, BRACKET = 2, BLOCK = 3, DOLLAR = 4, REST_OF_LINE = 5;
        private final StringBuilder pending = new StringBuilder(); // characters of this line not read yet
        private int mode = CODE;
        private char quote;
        private boolean backslash;
        private int level;
        private String tag;
        private char opener;            // what the construct the lexer is in opened with, as Scan.entering records it
        private int openedOn;
        private int line;
        private char before1, before2;  // the two characters of this line before the pending ones ('\0' at its start)
        // after an escape string (E'...', PostgreSQL): 1 while only blanks follow it on its line, 2 after a line break
        // (blanks and -- comments then), where a quote continues it (Scan.continuesEscapeString); 0 otherwise
        private int continuation;

        private LineLexer(int firstLine) {
            this.line = firstLine;
        }

        public void feed(CharSequence chars, int from, int to) {
            pending.append(chars, from, to);
            read(false);
        }

        /** The end of the current line. */
        public void endLine() {
            read(true);
            pending.setLength(0);
            before1 = before2 = '\0';
            if (continuation == 1) continuation = 2;
            if (mode == REST_OF_LINE) mode = CODE;
            line++;
        }

        /** As {@link LineStates#insideAt} for the start of the line after the last {@link #endLine}. */
        public String inside() {
            if (mode == CODE || mode == REST_OF_LINE) return null;
            String what = switch (opener) {
                case '\'' -> "string ('...')";
                case '/' -> "/* comment";
                case '$' -> "dollar-quoted body (" + tag + "..." + tag + ")";
                case '[' -> "quoted name ([...])";
                default -> "quoted name (" + opener + "..." + opener + ")";
            };
            return what + " opened on line " + openedOn;
        }

        private char at(int i, boolean eol) {
            if (i < 0) return i == -1 ? before1 : i == -2 ? before2 : '\0';
            return i < pending.length() ? pending.charAt(i) : eol ? '\n' : '\0'; // Scan sees the line's '\n' there
        }

        private void enter(int mode, char opener) {
            this.mode = mode;
            this.opener = opener;
            this.openedOn = line;
        }

        /** Reads the pending characters as Scan.advanceLexically does; stops where it needs characters not given yet. */
        private void read(boolean eol) {
            int n = pending.length();
            int i = 0;
            // whether the characters from i + k on are known (at the line's end, its '\n' is)
            while (i < n) {
                char c = pending.charAt(i);
                int step = switch (mode) {
                    case REST_OF_LINE -> n - i;
                    case CODE -> code(c, i, n, eol);
                    case QUOTED -> {
                        if (backslash && c == '\\') {
                            if (i + 1 >= n && !eol) yield 0;
                            yield 2; // at the line's end, the escape takes the line end: the string goes on
                        }
                        if (c != quote) yield 1;
                        if (i + 1 >= n && !eol) yield 0;
                        if (at(i + 1, eol) == quote) yield 2;
                        mode = CODE;
                        continuation = quote == '\'' && backslash && options.escapeStrings() ? 1 : 0;
                        yield 1;
                    }
                    case BRACKET -> {
                        if (c != ']') yield 1;
                        if (i + 1 >= n && !eol) yield 0;
                        if (at(i + 1, eol) == ']') yield 2;
                        mode = CODE;
                        yield 1;
                    }
                    case BLOCK -> {
                        if (c != '/' && c != '*') yield 1;
                        if (i + 1 >= n && !eol) yield 0;
                        char next = at(i + 1, eol);
                        if (c == '/' && next == '*') {
                            if (level == 0 || options.nestedComments()) level++;
                            yield 2;
                        }
                        if (c == '*' && next == '/') {
                            level--;
                            if (level <= 0) mode = CODE;
                            yield 2;
                        }
                        yield 1;
                    }
                    default -> { // DOLLAR
                        int close = pending.indexOf(tag, i);
                        if (close >= 0) {
                            mode = CODE;
                            yield close + tag.length() - i;
                        }
                        yield eol ? n - i : Math.max(0, n - (tag.length() - 1) - i);
                    }
                };
                if (step == 0) break;
                i = Math.min(i + step, n);
            }
            if (i > 0) { // the characters read, as what comes before the ones left
                before2 = i >= 2 ? pending.charAt(i - 2) : before1;
                before1 = pending.charAt(i - 1);
                pending.delete(0, i);
            }
        }

        /** In code at {@code c} (index {@code i}): how many characters to step over, or 0 to wait for more. */
        private int code(char c, int i, int n, boolean eol) {
            boolean more = eol; // whether a character after the pending ones is known (the line's end)
            if (continuation > 0 && c != '\'' && c != '-') {
                boolean blank = c == ' ' || c == '\t' || c == '\f' || continuation == 2 && (c == 0x0B || c == '\n');
                if (c == '\r') continuation = 2;
                else if (!blank) continuation = 0;
            }
            switch (c) {
                case '\'' -> {
                    char e = at(i - 1, eol);
                    boolean prefix = (e == 'E' || e == 'e') && !isWordPart(at(i - 2, eol)) || continuation == 2;
                    quoted('\'', options.backslashEscapes() || (options.escapeStrings() && prefix));
                    return 1;
                }
                case '"' -> {
                    quoted('"', options.backslashEscapes());
                    return 1;
                }
                case '`' -> {
                    quoted('`', false);
                    return 1;
                }
                case '[' -> {
                    if (options.bracketIdentifiers()) enter(BRACKET, '[');
                    return 1;
                }
                case '-' -> {
                    if (i + 1 >= n && !more) return 0;
                    if (at(i + 1, eol) != '-') {
                        continuation = 0;
                        return 1;
                    }
                    if (options.dashCommentNeedsSpace()) {
                        if (i + 2 >= n && !more) return 0;
                        char next = at(i + 2, eol);
                        if (!(Character.isWhitespace(next) || Character.isISOControl(next))) {
                            continuation = 0;
                            return 1;
                        }
                    }
                    if (continuation == 1) continuation = 0; // a comment before the line break ends it
                    mode = REST_OF_LINE;
                    return 1;
                }
                case '#' -> {
                    if (options.hashComments()) mode = REST_OF_LINE;
                    return 1;
                }
                case '/' -> {
                    if (i + 1 >= n && !more) return 0;
                    char next = at(i + 1, eol);
                    if (next == '*') {
                        enter(BLOCK, '/');
                        level = 1;
                        return 2;
                    }
                    if (next == '/' && options.slashComments()) mode = REST_OF_LINE;
                    return 1;
                }
                case '$' -> {
                    if (!options.dollarQuotes() || isWordPart(at(i - 1, eol))) return 1; // foo$bar is an identifier
                    int j = i + 1;
                    if (j >= n && !more) return 0;
                    char first = at(j, eol);
                    if (first != '$') {
                        if (!(Character.isLetter(first) || first == '_')) return 1; // $1 is a parameter
                        while (j < n && (Character.isLetterOrDigit(pending.charAt(j)) || pending.charAt(j) == '_')) j++;
                        if (j >= n && !more) return 0;
                        if (at(j, eol) != '$') return 1;
                    }
                    tag = pending.substring(i, j + 1);
                    enter(DOLLAR, '$');
                    return j + 1 - i;
                }
                case '\\' -> {
                    if (options.metaCommands()) mode = REST_OF_LINE;
                    return 1;
                }
                default -> {
                    return 1;
                }
            }
        }

        private void quoted(char q, boolean backslash) {
            enter(QUOTED, q);
            this.quote = q;
            this.backslash = backslash;
        }
    }

    /**
     * Whether {@code sql} ends inside a line comment: a terminator written after it on the same line would be
     * part of the comment.
     */
    public boolean endsInLineComment(String sql) {
        Scan scan = new Scan(sql);
        scan.run();
        return scan.endedInLineComment;
    }

    /** One pass over one text; mutable, so never shared. */
    private final class Scan {
        private final String s;
        private final int n;
        private final List<Statement> out = new ArrayList<>();
        private String delimiter = ";";
        private int pos;
        private int line = 1;

        // state of the current statement
        private int start = -1;       // offset of its first significant character, -1 while none
        private int startLine;
        private int words;            // words seen so far (for routine detection)
        private String firstWord;
        private String lastWord;      // the word before the current one
        private boolean routine;      // CREATE ... TRIGGER/PROCEDURE/FUNCTION/EVENT, or BEGIN NOT ATOMIC
        private boolean decided;      // the kind of object created is known
        private int depth;            // open BEGIN/CASE blocks inside a routine, and counted bare compounds
        // the bare IF/WHILE/REPEAT/LOOP compounds counted in depth (MySQL), innermost first: while one kind is
        // open, every opener of that kind is counted, so that its END IF/END WHILE... closes the right one
        private final java.util.ArrayDeque<String> compounds = new java.util.ArrayDeque<>();
        private int parens;           // open parentheses, where the options count them
        private boolean pendingEnd;   // saw END; the next word says what it closes
        private boolean endedInLineComment;
        private String unclosed;      // what the text ended inside of, if anything (a "/* comment", ...)
        private int unclosedLine;
        private boolean collect = true; // false: lexical state only (LineStates), no statement kept
        // the last string, quoted name, block comment or dollar-quoted body entered: its opening character, offset and
        // line (plain fields: written for every string of a large data revision)
        private char constructChar;
        private int constructAt;
        private int constructLine;
        private int escapeEnd = -1;   // just past the last PostgreSQL escape string (E'...'), which a later one may continue
        private int escapeLine;       // the line that escape string opened on
        private boolean continuing;   // the string being read continues it
        private int continuedLine = -1, continuedFrom; // the first backslash in such a continuation, and its E'...' line

        private void entering(char c) {
            constructChar = c;
            constructAt = pos;
            constructLine = line;
        }

        /** What {@link #entering} recorded, in words. */
        String construct() {
            return switch (constructChar) {
                case '\'' -> "string ('...')";
                case '/' -> "/* comment";
                case '$' -> {
                    int close = s.indexOf('$', constructAt + 1);
                    String tag = s.substring(constructAt, close + 1);
                    yield "dollar-quoted body (" + tag + "..." + tag + ")";
                }
                case '[' -> "quoted name ([...])";
                default -> "quoted name (" + constructChar + "..." + constructChar + ")";
            };
        }

        private void unclosed(String what, int openedOn) {
            if (unclosed == null) {
                unclosed = what;
                unclosedLine = openedOn;
            }
        }

        Scan(String s) {
            this.s = s;
            this.n = s.length();
        }

        Scan(String s, int from, int firstLine) {
            this(s);
            this.pos = from;
            this.line = firstLine;
        }

        List<Statement> run() {
            advance(n);
            resolvePendingEnd();
            finish(n);
            return out;
        }

        /**
         * As {@link #advance}, for the lexical state alone ({@link LineStates}): the same strings, quoted names,
         * comments, bodies and psql meta-command lines, skipped by the same methods, but no words, statements or
         * blocks, which do not change where a string starts. A revision's section is read so before its statements
         * are split: this loop keeps that pass to a fraction of the split's time. (A {@code DELIMITER} line is read as
         * SQL: no delimiter holds a quote or comment opener.)
         */
        void advanceLexically(int limit) {
            boolean dollars = options.dollarQuotes();
            boolean brackets = options.bracketIdentifiers();
            while (pos < limit) {
                switch (s.charAt(pos)) {
                    case '\n' -> {
                        line++;
                        pos++;
                    }
                    case '\'' -> skipQuoted('\'', options.backslashEscapes()
                            || (options.escapeStrings() && escapeString()));
                    case '"' -> skipQuoted('"', options.backslashEscapes());
                    case '`' -> skipQuoted('`', false);
                    case '[' -> {
                        if (brackets) skipBracket();
                        else pos++;
                    }
                    case '-', '#' -> {
                        if (lineCommentStart(s.charAt(pos))) skipLine();
                        else pos++;
                    }
                    case '/' -> {
                        if (peek(1) == '*') skipBlockComment();
                        else if (lineCommentStart('/')) skipLine();
                        else pos++;
                    }
                    case '$' -> {
                        if (!(dollars && dollarQuoteStart())) pos++;
                    }
                    case '\\' -> {
                        if (options.metaCommands()) skipLine();
                        else pos++;
                    }
                    default -> pos++;
                }
            }
        }

        /** Reads on until {@code pos} reaches {@code limit}, or passes it inside a string, comment or body. */
        void advance(int limit) {
            while (pos < limit) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (lineCommentStart(c)) {
                    skipLine();
                    endedInLineComment = pos >= n;
                } else if (c == '/' && peek(1) == '*') {
                    if (executableComment()) {
                        significant();
                        resolvePendingEnd();
                        skipBlockComment();
                    } else {
                        skipBlockComment();
                    }
                } else if (c == '\\' && options.metaCommands()) {
                    // anywhere in code, as psql reads one (t43-3): after a statement on its line, or 'SELECT ... \gexec'
                    metaCommand();
                } else if (start < 0 && options.delimiterDirective() && atDelimiterDirective()) {
                    readDelimiterDirective();
                } else if (s.startsWith(delimiter, pos)) {
                    resolvePendingEnd();
                    // a custom DELIMITER says where statements end; ';' inside a routine body does not,
                    // nor (psql) one inside parentheses
                    if ((depth <= 0 || !";".equals(delimiter)) && parens == 0) {
                        finish(pos);
                    } else {
                        significant();
                    }
                    pos += delimiter.length();
                } else if (c == '\'') {
                    significant();
                    resolvePendingEnd();
                    boolean backslash = options.backslashEscapes()
                            || (options.escapeStrings() && escapeString());
                    skipQuoted('\'', backslash);
                } else if (c == '"') {
                    significant();
                    resolvePendingEnd();
                    skipQuoted('"', options.backslashEscapes());
                } else if (c == '`') {
                    significant();
                    resolvePendingEnd();
                    skipQuoted('`', false);
                } else if (c == '[' && options.bracketIdentifiers()) {
                    significant();
                    resolvePendingEnd();
                    skipBracket();
                } else if (c == '$' && options.dollarQuotes() && dollarQuoteStart()) {
                    significant();
                    resolvePendingEnd();
                } else if (isWordStart(c)) {
                    significant();
                    word();
                } else {
                    significant();
                    resolvePendingEnd();
                    if (options.parentheses()) {
                        // as psql: a ')' without its '(' leaves the count at 0
                        if (c == '(') parens++;
                        else if (c == ')' && parens > 0) parens--;
                    }
                    pos++;
                }
            }
        }

        /**
         * At {@code /*}: whether the comment is code, MySQL's {@code /*!NNNNN ...*}{@code /} or MariaDB's own
         * {@code /*M!NNNNNN ...*}{@code /} (which mariadb-dump writes and the mariadb client runs).
         */
        private boolean executableComment() {
            return options.versionComments() && (peek(2) == '!' || peek(2) == 'M' && peek(3) == '!');
        }

        /** {@link #skipNonCode}: the same constructs as {@link #run}, one at {@code at}. */
        int skipAt(int at) {
            pos = at;
            char c = s.charAt(at);
            if (lineCommentStart(c)) {
                skipLine();
            } else if (c == '/' && peek(1) == '*' && !executableComment()) {
                skipBlockComment();
            } else if (c == '\'') {
                skipQuoted('\'', options.backslashEscapes() || (options.escapeStrings() && escapeString()));
            } else if (c == '"') {
                skipQuoted('"', options.backslashEscapes());
            } else if (c == '`') {
                skipQuoted('`', false);
            } else if (c == '[' && options.bracketIdentifiers()) {
                skipBracket();
            } else if (!(c == '$' && options.dollarQuotes() && dollarQuoteStart())) {
                return at;
            }
            return pos;
        }

        private char peek(int ahead) {
            int i = pos + ahead;
            return i < n ? s.charAt(i) : '\0';
        }

        /** At {@code c}: a {@code --} comment, or the engine's {@code #} or {@code //} one. */
        private boolean lineCommentStart(char c) {
            return c == '-' && peek(1) == '-' && dashComment()
                    || c == '#' && options.hashComments()
                    || c == '/' && peek(1) == '/' && options.slashComments();
        }

        private boolean dashComment() {
            if (!options.dashCommentNeedsSpace()) return true;
            char next = peek(2);
            return next == '\0' || Character.isWhitespace(next) || Character.isISOControl(next);
        }

        private void significant() {
            if (start < 0) {
                start = pos;
                startLine = line;
            }
        }

        private void finish(int end) {
            if (start >= 0 && collect) {
                String text = s.substring(start, end).strip();
                if (!text.isEmpty()) out.add(new Statement(text, startLine));
            }
            start = -1;
            words = 0;
            firstWord = null;
            lastWord = null;
            compounds.clear();
            routine = false;
            decided = false;
            depth = 0;
            parens = 0;
            pendingEnd = false;
        }

        private void skipLine() {
            while (pos < n && s.charAt(pos) != '\n') pos++;
        }

        private void skipBlockComment() {
            entering('/');
            int level = 0;
            int from = line;
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '/' && peek(1) == '*') {
                    if (level == 0 || options.nestedComments()) level++;
                    pos += 2;
                } else if (c == '*' && peek(1) == '/') {
                    level--;
                    pos += 2;
                    if (level <= 0) return;
                } else {
                    if (c == '\n') line++;
                    pos++;
                }
            }
            unclosed("/* comment", from);
        }

        private void skipQuoted(char quote, boolean backslash) {
            entering(quote);
            int from = line;
            if (!backslash) continuing = false;
            pos++;
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '\n') line++;
                if (backslash && c == '\\') {
                    if (continuing && continuedLine < 0) { // read differently by psql (t81-7): see splitWhole
                        continuedLine = line;
                        continuedFrom = escapeLine;
                    }
                    if (peek(1) == '\n') line++;
                    pos += 2;
                } else if (c == quote) {
                    if (peek(1) == quote) {
                        pos += 2;
                    } else {
                        pos++;
                        if (quote == '\'' && backslash && options.escapeStrings()) {
                            if (!continuing) escapeLine = from;
                            escapeEnd = pos;
                        }
                        continuing = false;
                        return;
                    }
                } else {
                    pos++;
                }
            }
            unclosed(quote == '\'' ? "string ('...')" : "quoted name (" + quote + "..." + quote + ")", from);
        }

        private void skipBracket() {
            entering('[');
            int from = line;
            pos++;
            while (pos < n) {
                char c = s.charAt(pos++);
                if (c == '\n') line++;
                if (c == ']') {
                    if (pos < n && s.charAt(pos) == ']') pos++;
                    else return;
                }
            }
            unclosed("quoted name ([...])", from);
        }

        /** At a quote: whether an escape string opens here, {@code E'...'} or its continuation (t81-7). */
        private boolean escapeString() {
            if (escapeStringPrefix()) return true;
            continuing = continuesEscapeString();
            return continuing;
        }

        /**
         * Whether the string at {@code pos} continues the escape string that closed at {@link #escapeEnd}: PostgreSQL
         * (and psql's lexer, {@code quotecontinue}) joins {@code E'a'} and a {@code '...'} after whitespace holding a
         * line break, {@code --} comments after that break included, into one escape string, whose backslashes
         * escape on the later lines too.
         */
        private boolean continuesEscapeString() {
            if (escapeEnd < 0 || escapeEnd > pos) return false;
            boolean broken = false;
            for (int i = escapeEnd; i < pos; i++) {
                char c = s.charAt(i);
                if (c == '\n' || c == '\r') {
                    broken = true;
                } else if (c == '-' && broken && i + 1 < pos && s.charAt(i + 1) == '-') {
                    while (i < pos && s.charAt(i) != '\n' && s.charAt(i) != '\r') i++;
                    if (i >= pos) return false;
                    i--; // the line break after the comment
                } else if (!(c == ' ' || c == '\t' || c == '\f' || broken && c == 0x0B)) {
                    return false;
                }
            }
            return broken;
        }

        /** {@code E'...'} / {@code e'...'} where the E is not the end of a longer word. */
        private boolean escapeStringPrefix() {
            if (pos < 1) return false;
            char e = s.charAt(pos - 1);
            if (e != 'E' && e != 'e') return false;
            return pos < 2 || !isWordPart(s.charAt(pos - 2));
        }

        /** At a {@code $}: if a dollar quote opens here, skips to just past its close and returns true. */
        private boolean dollarQuoteStart() {
            if (pos > 0 && isWordPart(s.charAt(pos - 1))) return false; // foo$bar is an identifier
            int i = pos + 1;
            if (i >= n) return false; // a '$' that ends the text opens nothing
            if (s.charAt(i) != '$') {
                char first = s.charAt(i);
                if (!(Character.isLetter(first) || first == '_')) return false; // $1 is a parameter
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
                if (i >= n || s.charAt(i) != '$') return false;
            }
            entering('$');
            String tag = s.substring(pos, i + 1);
            int close = s.indexOf(tag, i + 1);
            if (close < 0) unclosed("dollar-quoted body (" + tag + "..." + tag + ")", line);
            int end = close < 0 ? n : close + tag.length();
            for (int k = pos; k < end; k++) if (s.charAt(k) == '\n') line++;
            pos = end;
            return true;
        }

        private void word() {
            int from = pos;
            boolean custom = !";".equals(delimiter);
            while (pos < n && isWordPart(s.charAt(pos)) && !(custom && s.startsWith(delimiter, pos))) pos++;
            String w = s.substring(from, pos).toUpperCase(Locale.ROOT);
            String previous = lastWord;
            lastWord = w;
            words++;
            // a name after '.' (NEW.begin, NEW.end, t.if) is a qualified identifier, never a keyword
            if (afterDot(from)) return;
            if (words == 1) {
                firstWord = w;
            } else if (!routine && !decided && depth == 0 && words <= 12) {
                if ("CREATE".equals(firstWord) && OBJECT_WORDS.contains(w)) {
                    decided = true;   // CREATE TABLE event (...) is not a routine
                    routine = ROUTINE_WORDS.contains(w);
                }
                if ("BEGIN".equals(firstWord) && words == 2 && "NOT".equals(w)) {
                    routine = true; // MariaDB: BEGIN NOT ATOMIC ... END
                    depth = 1;
                }
            }
            if (!routine) return;
            if (pendingEnd) {
                pendingEnd = false;
                if (UNCOUNTED_BLOCKS.contains(w)) {      // END IF, END LOOP, ...
                    // closes a counted bare compound only while one of its kind is open (else an uncounted one)
                    if (compounds.remove(w)) depth--;
                    return;
                }
                depth--;
                if ("CASE".equals(w)) return;              // END CASE closes the CASE we counted
            }
            switch (w) {
                case "BEGIN", "CASE" -> depth++;
                case "END" -> pendingEnd = true;
                default -> {
                    if (options.bareCompounds() && COMPOUND_WORDS.contains(w) && (depth == 0 || compounds.contains(w))
                            && compoundOpener(w, previous)) {
                        depth++;
                        compounds.push(w);
                    }
                }
            }
        }

        /**
         * Whether the word {@code w} just read opens a compound statement (as the routine's whole body, or nested
         * in one of its kind): not {@code CREATE TRIGGER IF NOT EXISTS}, the {@code IF(a, b, c)} or
         * {@code REPEAT(str, n)} functions, nor {@code DROP TABLE IF EXISTS}.
         */
        private boolean compoundOpener(String w, String previous) {
            return switch (w) {
                case "IF" -> !ROUTINE_WORDS.contains(previous) && thenAhead();
                case "REPEAT" -> nextCodeChar() != '(';
                default -> true; // WHILE, LOOP: no function or clause has these names
            };
        }

        /**
         * Whether THEN follows, outside parentheses and CASE expressions ({@code IF(a, 1, 2) + CASE WHEN b THEN ...}
         * is a function), before the statement's next ';' or terminator.
         */
        private boolean thenAhead() {
            Scan look = new Scan(s);
            int level = 0;
            int cases = 0;
            for (int i = pos; i < n; ) {
                int skip = look.skipAt(i);
                if (skip > i) {
                    i = skip;
                    continue;
                }
                char c = s.charAt(i);
                if (c == ';' || s.startsWith(delimiter, i)) return false;
                if (isWordStart(c)) {
                    int j = i;
                    while (j < n && isWordPart(s.charAt(j))) j++;
                    String word = s.substring(i, j).toUpperCase(Locale.ROOT);
                    if (word.equals("CASE")) cases++;
                    else if (word.equals("END") && cases > 0) cases--;
                    else if (word.equals("THEN") && level == 0 && cases == 0) return true;
                    i = j;
                    continue;
                }
                if (c == '(') level++;
                else if (c == ')') level--;
                i++;
            }
            return false;
        }

        private char nextCodeChar() {
            int i = pos;
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            return i < n ? s.charAt(i) : '\0';
        }

        private boolean afterDot(int wordStart) {
            int i = wordStart - 1;
            while (i >= 0 && Character.isWhitespace(s.charAt(i))) i--;
            return i >= 0 && s.charAt(i) == '.';
        }

        /**
         * A psql meta-command (its backslash at {@code pos}): as psql, it ends at the end of its line and is not sent
         * to the server; the SQL around it goes on as if the line were not there (a statement begun before it is continued after it).
         */
        private void metaCommand() {
            int from = pos;
            skipLine();
            out.add(new Statement(s.substring(from, pos).strip(), line, true));
        }

        private void resolvePendingEnd() {
            if (pendingEnd) {
                pendingEnd = false;
                depth--;
            }
        }

        /** {@code DELIMITER xx} at the start of a statement (mysql client directive). */
        private boolean atDelimiterDirective() {
            if (!s.regionMatches(true, pos, "DELIMITER", 0, 9)) return false;
            char after = peek(9);
            return after == ' ' || after == '\t';
        }

        private void readDelimiterDirective() {
            int eol = s.indexOf('\n', pos);
            if (eol < 0) eol = n;
            String rest = s.substring(pos + 9, eol).strip();
            int space = indexOfWhitespace(rest);
            String d = space < 0 ? rest : rest.substring(0, space);
            if (!d.isEmpty()) delimiter = d;
            pos = eol;
        }
    }

    private static int indexOfWhitespace(String t) {
        for (int i = 0; i < t.length(); i++) if (Character.isWhitespace(t.charAt(i))) return i;
        return -1;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
