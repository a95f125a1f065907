package dev.retort.dialect.sqlite;

import dev.retort.dialect.sqlite.SqliteTokenizer.Token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what SQLite's pragmas do not tell: constraint names, CHECK expressions, AUTOINCREMENT, table
 * options ({@code WITHOUT ROWID}, {@code STRICT}) from a {@code CREATE TABLE} text, and the element list
 * and {@code WHERE} of a {@code CREATE INDEX} text, both as stored in {@code sqlite_master.sql}.
 */
final class SqliteDdlParser {
    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of(
            "CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES",
            "GENERATED", "AS");

    /**
     * A constraint as declared; {@code column} is set for column-level constraints. {@code text} is the
     * declaration as written, {@code CONSTRAINT name} included: the whole table constraint, or the column
     * constraint's clause.
     */
    record Declared(String kind, String name, List<String> columns, String expression, String refTable,
                    String column, String text) {
    }

    /**
     * One clause of a column definition as written.
     *
     * @param kind     PRIMARY KEY, NOT NULL, NULL, UNIQUE, CHECK, DEFAULT, COLLATE, FOREIGN KEY, GENERATED, or
     *                 OTHER for what is not recognised
     * @param head     the {@code CONSTRAINT name } before the clause's own words, "" for none
     * @param text     the whole clause, head included
     * @param declared the constraint the clause declares (PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY), else null
     */
    record Clause(String kind, String head, String text, Declared declared) {
    }

    /** A column definition as written: the name and type as written, the clauses in order, and the whole text. */
    record ColumnDef(String name, String nameText, String typeText, List<Clause> clauses, String text) {
    }

    /**
     * @param collations column name to its COLLATE sequence, for the columns that declare one
     * @param columnDefs the column definitions as written, in order
     */
    /**
     * The comments around one definition of a CREATE TABLE (a column, or a table constraint), as written.
     *
     * @param before the comments between the comma (or opening parenthesis) before it and its first word,
     *               except those on the line of that comma, which belong to the definition before; "" for none
     * @param after  the comments after its last word, up to the end of the line of the comma after it; "" for none
     */
    record Comments(String before, String after) {
        static final Comments NONE = new Comments("", "");
    }

    /**
     * @param collations column name to its COLLATE sequence, for the columns that declare one
     * @param columnDefs the column definitions as written, in order
     * @param comments   the comments around each definition, by the identity of its {@link ColumnDef} or
     *                   table-level {@link Declared}
     */
    record ParsedTable(String name, List<Declared> constraints, List<String> autoincrementColumns,
                       List<String> generatedColumns, Map<String, String> collations, String options,
                       List<ColumnDef> columnDefs, Map<Object, Comments> comments) {
        /** The comments around a column definition or table constraint, {@link Comments#NONE} for none. */
        Comments commentsOf(Object definition) {
            return definition == null ? Comments.NONE : comments.getOrDefault(definition, Comments.NONE);
        }

        List<Declared> ofKind(String kind) {
            return constraints.stream().filter(d -> d.kind().equals(kind)).toList();
        }

        /** The definition of a column (names compared ignoring case), or null. */
        ColumnDef columnDef(String column) {
            return columnDefs.stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst().orElse(null);
        }
    }

    record ParsedIndex(String name, String table, boolean unique, List<String> elements, String where) {
    }

    private SqliteDdlParser() {
    }

    static ParsedTable parseCreateTable(String sql) {
        List<Token> t = SqliteTokenizer.tokenize(sql);
        int i = 0;
        while (i < t.size() && !t.get(i).isWord("TABLE")) i++;
        i++;
        if (i + 2 < t.size() && t.get(i).isWord("IF")) i += 3; // IF NOT EXISTS
        String name = t.get(i).identifier();
        i++;
        if (i < t.size() && t.get(i).isPunct('.')) {
            name = t.get(i + 1).identifier();
            i += 2;
        }
        List<Declared> constraints = new ArrayList<>();
        List<String> autoincrement = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        Map<String, String> collations = new LinkedHashMap<>();
        List<ColumnDef> columnDefs = new ArrayList<>();
        if (i >= t.size() || !t.get(i).isPunct('(')) { // CREATE TABLE ... AS SELECT
            return new ParsedTable(name, constraints, autoincrement, generated, Map.of(), "", List.of(), Map.of());
        }
        int close = SqliteTokenizer.matchParen(t, i);
        List<int[]> parts = SqliteTokenizer.splitTopLevel(t, i + 1, close);
        List<Object> keys = new ArrayList<>();
        for (int[] part : parts) {
            Token first = t.get(part[0]);
            boolean tableConstraint = first.kind() == SqliteTokenizer.Kind.WORD
                    && Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN").contains(first.upper());
            if (tableConstraint) {
                keys.add(tableConstraint(sql, t, part[0], part[1], constraints));
            } else {
                ColumnDef def = column(sql, t, part[0], part[1], constraints, autoincrement, generated, collations);
                columnDefs.add(def);
                keys.add(def);
            }
        }
        String options = close + 1 < t.size() ? sql.substring(t.get(close + 1).start()).trim() : "";
        if (options.endsWith(";")) options = options.substring(0, options.length() - 1).trim();
        return new ParsedTable(name, constraints, autoincrement, generated, collations, options, columnDefs,
                comments(sql, t, parts, keys));
    }

    /** The comments around each definition (see {@link Comments}), by the identity of its key. */
    private static Map<Object, Comments> comments(String sql, List<Token> t, List<int[]> parts, List<Object> keys) {
        int n = parts.size();
        String[] before = new String[n];
        String[] after = new String[n];
        for (int k = 0; k < n; k++) {
            int[] part = parts.get(k);
            // the gap after the separator before the part: its first line's comments end the previous part
            String gap = sql.substring(t.get(part[0] - 1).end(), t.get(part[0]).start());
            int split = k == 0 ? 0 : firstLineEnd(gap);
            if (k > 0) after[k - 1] = join(after[k - 1], gap.substring(0, split).trim());
            before[k] = gap.substring(split).trim();
            after[k] = sql.substring(t.get(part[1] - 1).end(), t.get(part[1]).start()).trim();
        }
        Map<Object, Comments> out = new java.util.IdentityHashMap<>();
        for (int k = 0; k < n; k++) {
            if (keys.get(k) != null && !(before[k].isEmpty() && after[k].isEmpty())) {
                out.put(keys.get(k), new Comments(before[k], after[k]));
            }
        }
        return out;
    }

    /**
     * In a text of whitespace and comments, the end of its first line outside comments (a block comment that
     * starts on the first line is part of it), or the text's length.
     */
    private static int firstLineEnd(String gap) {
        int i = 0;
        while (i < gap.length()) {
            char ch = gap.charAt(i);
            if (ch == '\n') return i + 1;
            if (gap.startsWith("--", i)) {
                int nl = gap.indexOf('\n', i);
                return nl < 0 ? gap.length() : nl + 1;
            }
            if (gap.startsWith("/*", i)) {
                int end = gap.indexOf("*/", i + 2);
                i = end < 0 ? gap.length() : end + 2;
                continue;
            }
            i++;
        }
        return gap.length();
    }

    /** Two runs of comments one after the other; a line comment ends its line. */
    static String join(String a, String b) {
        if (a == null || a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return a + (endsWithLineComment(a) ? "\n" : " ") + b;
    }

    /** Whether a (trimmed) run of comments ends with a {@code --} comment, so that whatever follows needs a new line. */
    static boolean endsWithLineComment(String comments) {
        int i = 0;
        boolean line = false;
        while (i < comments.length()) {
            if (comments.startsWith("--", i)) {
                int nl = comments.indexOf('\n', i);
                if (nl < 0) return true;
                i = nl + 1;
                line = false;
            } else if (comments.startsWith("/*", i)) {
                int end = comments.indexOf("*/", i + 2);
                i = end < 0 ? comments.length() : end + 2;
                line = false;
            } else {
                i++;
            }
        }
        return line;
    }

    /** Reads a table constraint into {@code out}, and returns it (null for one not understood). */
    private static Declared tableConstraint(String sql, List<Token> t, int from, int to, List<Declared> out) {
        String text = sql.substring(t.get(from).start(), t.get(to - 1).end());
        String name = null;
        int i = from;
        if (t.get(i).isWord("CONSTRAINT")) {
            name = t.get(i + 1).identifier();
            i += 2;
        }
        Token kw = t.get(i);
        switch (kw.upper()) {
            case "PRIMARY", "UNIQUE" -> {
                int open = nextParen(t, i, to);
                out.add(new Declared(kw.upper().equals("PRIMARY") ? "PRIMARY KEY" : "UNIQUE", name,
                        firstNames(t, open, SqliteTokenizer.matchParen(t, open)), null, null, null, text));
            }
            case "CHECK" -> {
                int open = nextParen(t, i, to);
                out.add(new Declared("CHECK", name, List.of(), inner(sql, t, open), null, null, text));
            }
            case "FOREIGN" -> {
                int open = nextParen(t, i, to);
                int close = SqliteTokenizer.matchParen(t, open);
                List<String> cols = firstNames(t, open, close);
                int r = close + 1;
                while (r < to && !t.get(r).isWord("REFERENCES")) r++;
                out.add(new Declared("FOREIGN KEY", name, cols, deferral(sql, t, r, to), referencedTable(t, r + 1), null,
                        text));
            }
            default -> {
                return null; // unknown table constraint: ignored
            }
        }
        return out.get(out.size() - 1);
    }

    private static ColumnDef column(String sql, List<Token> t, int from, int to, List<Declared> out,
                                    List<String> autoincrement, List<String> generated, Map<String, String> collations) {
        String col = t.get(from).identifier();
        int i = from + 1;
        // the type: any tokens (with parenthesised arguments) up to the first constraint word
        while (i < to && !startsClause(t, i)) {
            i = t.get(i).isPunct('(') ? SqliteTokenizer.matchParen(t, i) + 1 : i + 1;
        }
        String typeText = i > from + 1 ? sql.substring(t.get(from + 1).start(), t.get(i - 1).end()) : "";
        List<Clause> clauses = new ArrayList<>();
        while (i < to) {
            int start = i;
            String name = null;
            if (t.get(i).isWord("CONSTRAINT") && i + 1 < to) {
                name = t.get(i + 1).identifier();
                i += 2;
                if (i >= to) break;
            }
            String head = i > start ? sql.substring(t.get(start).start(), t.get(i).start()) : "";
            Token tok = t.get(i);
            String kind;
            int end;
            switch (tok.kind() == SqliteTokenizer.Kind.WORD ? tok.upper() : "") {
                case "PRIMARY" -> {
                    kind = "PRIMARY KEY";
                    end = plainEnd(t, i + 1, to);
                    for (int k = i; k < end; k++) if (t.get(k).isWord("AUTOINCREMENT")) autoincrement.add(col);
                }
                case "NOT" -> {
                    kind = "NOT NULL";
                    end = plainEnd(t, Math.min(i + 2, to), to);
                }
                case "NULL" -> {
                    kind = "NULL";
                    end = plainEnd(t, i + 1, to);
                }
                case "UNIQUE" -> {
                    kind = "UNIQUE";
                    end = plainEnd(t, i + 1, to);
                }
                case "CHECK" -> {
                    kind = "CHECK";
                    end = Math.min(SqliteTokenizer.matchParen(t, nextParen(t, i, to)) + 1, to);
                }
                case "DEFAULT" -> {
                    kind = "DEFAULT";
                    end = defaultEnd(t, i + 1, to);
                }
                case "COLLATE" -> {
                    kind = "COLLATE";
                    end = Math.min(i + 2, to);
                    if (i + 1 < to) collations.put(col, t.get(i + 1).identifier());
                }
                case "REFERENCES" -> {
                    kind = "FOREIGN KEY";
                    end = i + 1;
                    while (end < to && !endsReferences(t, end, to)) {
                        end = t.get(end).isPunct('(') ? SqliteTokenizer.matchParen(t, end) + 1 : end + 1;
                    }
                }
                case "GENERATED", "AS" -> {
                    kind = "GENERATED";
                    if (!generated.contains(col)) generated.add(col);
                    int open = nextParen(t, i, to);
                    end = open < to ? SqliteTokenizer.matchParen(t, open) + 1 : to;
                    if (end < to && (t.get(end).isWord("STORED") || t.get(end).isWord("VIRTUAL"))) end++;
                }
                default -> {
                    kind = "OTHER";
                    end = i + 1;
                }
            }
            end = Math.min(end, to);
            String text = sql.substring(t.get(start).start(), t.get(end - 1).end());
            Declared declared = switch (kind) {
                case "PRIMARY KEY", "UNIQUE" -> new Declared(kind, name, List.of(col), null, null, col, text);
                case "CHECK" -> new Declared(kind, name, List.of(), inner(sql, t, nextParen(t, i, to)), null, col, text);
                case "FOREIGN KEY" -> new Declared(kind, name, List.of(col), deferral(sql, t, i, end),
                        referencedTable(t, i + 1), col, text);
                default -> null;
            };
            if (declared != null) out.add(declared);
            clauses.add(new Clause(kind, head, text, declared));
            i = end;
        }
        return new ColumnDef(col, sql.substring(t.get(from).start(), t.get(from).end()), typeText, clauses,
                sql.substring(t.get(from).start(), t.get(to - 1).end()));
    }

    /** Whether token i starts a column constraint (ends the type, or the clause before). */
    private static boolean startsClause(List<Token> t, int i) {
        return t.get(i).kind() == SqliteTokenizer.Kind.WORD && COLUMN_CONSTRAINT_WORDS.contains(t.get(i).upper());
    }

    /** The end (exclusive) of a clause made of plain words from {@code i}: the next clause's start. */
    private static int plainEnd(List<Token> t, int i, int to) {
        while (i < to && !startsClause(t, i)) {
            i = t.get(i).isPunct('(') ? SqliteTokenizer.matchParen(t, i) + 1 : i + 1;
        }
        return i;
    }

    /** The end (exclusive) of a DEFAULT's value starting at {@code i}: a term, a signed number, or (expression). */
    private static int defaultEnd(List<Token> t, int i, int to) {
        if (i >= to) return to;
        if (t.get(i).isPunct('(')) return SqliteTokenizer.matchParen(t, i) + 1;
        if ((t.get(i).isPunct('-') || t.get(i).isPunct('+')) && i + 1 < to) return i + 2;
        return i + 1;
    }

    static ParsedIndex parseCreateIndex(String sql) {
        List<Token> t = SqliteTokenizer.tokenize(sql);
        boolean unique = t.size() > 1 && t.get(1).isWord("UNIQUE");
        int i = 0;
        while (i < t.size() && !t.get(i).isWord("INDEX")) i++;
        i++;
        if (i < t.size() && t.get(i).isWord("IF")) i += 3;
        String name = t.get(i).identifier();
        i++;
        if (i < t.size() && t.get(i).isPunct('.')) {
            name = t.get(i + 1).identifier();
            i += 2;
        }
        i++; // ON
        String table = t.get(i).identifier();
        int open = nextParen(t, i, t.size());
        int close = SqliteTokenizer.matchParen(t, open);
        List<String> elements = new ArrayList<>();
        for (int[] part : SqliteTokenizer.splitTopLevel(t, open + 1, close)) {
            elements.add(sql.substring(t.get(part[0]).start(), t.get(part[1] - 1).end()));
        }
        String where = null;
        if (close + 1 < t.size() && t.get(close + 1).isWord("WHERE")) {
            where = sql.substring(t.get(close + 2).start()).trim();
            if (where.endsWith(";")) where = where.substring(0, where.length() - 1).trim();
        }
        return new ParsedIndex(name, table, unique, elements, where);
    }

    /**
     * The declaration of each foreign key SQLite reports (in declaration order, as {@code pragma_foreign_key_list}
     * reversed gives them), or null: paired by position, so that two keys on the same columns keep their own
     * declarations, and by columns and referenced table only where position does not fit.
     */
    static List<Declared> pairForeignKeys(List<Declared> declared, List<List<String>> fromColumns, List<String> refTables) {
        List<Declared> unmatched = new ArrayList<>(declared);
        List<Declared> out = new ArrayList<>();
        for (int k = 0; k < fromColumns.size(); k++) {
            List<String> from = fromColumns.get(k);
            String refTable = refTables.get(k);
            Declared same = k < declared.size() ? declared.get(k) : null;
            Declared d = same != null && containsSame(unmatched, same) && declares(same, from, refTable) ? same
                    : unmatched.stream().filter(x -> declares(x, from, refTable)).findFirst().orElse(null);
            unmatched.removeIf(x -> x == d);
            out.add(d);
        }
        return out;
    }

    private static boolean declares(Declared d, List<String> from, String refTable) {
        if (d.columns().size() != from.size() || !refTable.equalsIgnoreCase(d.refTable())) return false;
        for (int i = 0; i < from.size(); i++) if (!from.get(i).equalsIgnoreCase(d.columns().get(i))) return false;
        return true;
    }

    private static boolean containsSame(List<Declared> list, Declared d) {
        return list.stream().anyMatch(x -> x == d);
    }

    /** The table named after REFERENCES (the last part of a qualified name). */
    private static String referencedTable(List<Token> t, int i) {
        if (i >= t.size()) return null;
        String n = t.get(i).identifier();
        if (i + 2 < t.size() && t.get(i + 1).isPunct('.')) n = t.get(i + 2).identifier();
        return n;
    }

    /**
     * The deferral clause ({@code [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]}) of the REFERENCES
     * clause starting at {@code from}, or null: a foreign key's {@link Declared#expression()}, read into the model
     * by {@link #deferralOf}; move-and-copy keeps the text as written.
     */
    private static String deferral(String sql, List<Token> t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (t.get(i).isWord("DEFERRABLE")) {
                int start = i > from && t.get(i - 1).isWord("NOT") ? i - 1 : i;
                int end = i;
                if (i + 2 < to && t.get(i + 1).isWord("INITIALLY")) end = i + 2;
                return sql.substring(t.get(start).start(), t.get(end).end());
            }
            if (i > from && endsReferences(t, i, to)) return null;
        }
        return null;
    }

    /**
     * The model's deferral of a foreign key's clause as {@link #deferral} read it (null: none). As SQLite has it,
     * {@code NOT DEFERRABLE} with any {@code INITIALLY} is checked at once, and so is a bare {@code DEFERRABLE}.
     */
    static dev.retort.schema.Deferral deferralOf(String clause) {
        if (clause == null) return dev.retort.schema.Deferral.NOT_DEFERRABLE;
        String words = clause.toUpperCase(java.util.Locale.ROOT);
        if (words.startsWith("NOT")) return dev.retort.schema.Deferral.NOT_DEFERRABLE;
        // the clause ends at its last word, DEFERRED or IMMEDIATE after INITIALLY (comments between words allowed)
        return dev.retort.schema.Deferral.of(true, words.endsWith("DEFERRED"));
    }

    /** True when token i starts another column constraint (so the REFERENCES clause has ended). */
    private static boolean endsReferences(List<Token> t, int i, int to) {
        Token tok = t.get(i);
        if (tok.kind() != SqliteTokenizer.Kind.WORD) return false;
        boolean afterSet = t.get(i - 1).isWord("SET");
        return switch (tok.upper()) {
            case "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "COLLATE", "REFERENCES", "GENERATED", "AS" -> true;
            case "DEFAULT", "NULL" -> !afterSet;
            case "NOT" -> !(i + 1 < to && t.get(i + 1).isWord("DEFERRABLE"));
            default -> false;
        };
    }

    private static int nextParen(List<Token> t, int i, int to) {
        while (i < to && !t.get(i).isPunct('(')) i++;
        return i;
    }

    private static String inner(String sql, List<Token> t, int open) {
        int close = SqliteTokenizer.matchParen(t, open);
        if (close <= open + 1) return "";
        return sql.substring(t.get(open + 1).start(), t.get(close - 1).end()).trim();
    }

    /** The first name of each comma-separated element between the parentheses (drops COLLATE, ASC...). */
    private static List<String> firstNames(List<Token> t, int open, int close) {
        List<String> names = new ArrayList<>();
        for (int[] part : SqliteTokenizer.splitTopLevel(t, open + 1, close)) {
            names.add(t.get(part[0]).identifier());
        }
        return names;
    }
}
