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

    /** A constraint as declared; {@code column} is set for column-level constraints. */
    record Declared(String kind, String name, List<String> columns, String expression, String refTable,
                    String column) {
    }

    /**
     * @param collations column name to its COLLATE sequence, for the columns that declare one
     */
    record ParsedTable(String name, List<Declared> constraints, List<String> autoincrementColumns,
                       List<String> generatedColumns, Map<String, String> collations, String options) {
        List<Declared> ofKind(String kind) {
            return constraints.stream().filter(d -> d.kind().equals(kind)).toList();
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
        if (i >= t.size() || !t.get(i).isPunct('(')) { // CREATE TABLE ... AS SELECT
            return new ParsedTable(name, constraints, autoincrement, generated, Map.of(), "");
        }
        int close = SqliteTokenizer.matchParen(t, i);
        for (int[] part : SqliteTokenizer.splitTopLevel(t, i + 1, close)) {
            Token first = t.get(part[0]);
            boolean tableConstraint = first.kind() == SqliteTokenizer.Kind.WORD
                    && Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN").contains(first.upper());
            if (tableConstraint) {
                tableConstraint(sql, t, part[0], part[1], constraints);
            } else {
                column(sql, t, part[0], part[1], constraints, autoincrement, generated, collations);
            }
        }
        String options = close + 1 < t.size() ? sql.substring(t.get(close + 1).start()).trim() : "";
        if (options.endsWith(";")) options = options.substring(0, options.length() - 1).trim();
        return new ParsedTable(name, constraints, autoincrement, generated, collations, options);
    }

    private static void tableConstraint(String sql, List<Token> t, int from, int to, List<Declared> out) {
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
                        firstNames(t, open, SqliteTokenizer.matchParen(t, open)), null, null, null));
            }
            case "CHECK" -> {
                int open = nextParen(t, i, to);
                out.add(new Declared("CHECK", name, List.of(), inner(sql, t, open), null, null));
            }
            case "FOREIGN" -> {
                int open = nextParen(t, i, to);
                int close = SqliteTokenizer.matchParen(t, open);
                List<String> cols = firstNames(t, open, close);
                int r = close + 1;
                while (r < to && !t.get(r).isWord("REFERENCES")) r++;
                out.add(new Declared("FOREIGN KEY", name, cols, deferral(sql, t, r, to), referencedTable(t, r + 1), null));
            }
            default -> { /* unknown table constraint: ignored */ }
        }
    }

    private static void column(String sql, List<Token> t, int from, int to, List<Declared> out,
                               List<String> autoincrement, List<String> generated, Map<String, String> collations) {
        String col = t.get(from).identifier();
        int i = from + 1;
        // the type: any tokens (with parenthesised arguments) up to the first constraint word
        while (i < to && !(t.get(i).kind() == SqliteTokenizer.Kind.WORD
                && COLUMN_CONSTRAINT_WORDS.contains(t.get(i).upper()))) {
            i = t.get(i).isPunct('(') ? SqliteTokenizer.matchParen(t, i) + 1 : i + 1;
        }
        String name = null;
        while (i < to) {
            Token tok = t.get(i);
            String w = tok.kind() == SqliteTokenizer.Kind.WORD ? tok.upper() : "";
            switch (w) {
                case "CONSTRAINT" -> {
                    name = t.get(i + 1).identifier();
                    i += 2;
                    continue;
                }
                case "PRIMARY" -> {
                    out.add(new Declared("PRIMARY KEY", name, List.of(col), null, null, col));
                    name = null;
                }
                case "AUTOINCREMENT" -> autoincrement.add(col);
                case "UNIQUE" -> {
                    out.add(new Declared("UNIQUE", name, List.of(col), null, null, col));
                    name = null;
                }
                case "CHECK" -> {
                    int open = nextParen(t, i, to);
                    out.add(new Declared("CHECK", name, List.of(), inner(sql, t, open), null, col));
                    name = null;
                    i = SqliteTokenizer.matchParen(t, open) + 1;
                    continue;
                }
                case "REFERENCES" -> {
                    out.add(new Declared("FOREIGN KEY", name, List.of(col), deferral(sql, t, i, to),
                            referencedTable(t, i + 1), col));
                    name = null;
                }
                case "GENERATED", "AS" -> {
                    if (!generated.contains(col)) generated.add(col);
                }
                case "COLLATE" -> {
                    if (i + 1 < to) collations.put(col, t.get(i + 1).identifier());
                    name = null;
                }
                case "NOT", "NULL", "DEFAULT" -> name = null;
                default -> { }
            }
            i = tok.isPunct('(') ? SqliteTokenizer.matchParen(t, i) + 1 : i + 1;
        }
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

    /** The table named after REFERENCES (the last part of a qualified name). */
    private static String referencedTable(List<Token> t, int i) {
        if (i >= t.size()) return null;
        String n = t.get(i).identifier();
        if (i + 2 < t.size() && t.get(i + 1).isPunct('.')) n = t.get(i + 2).identifier();
        return n;
    }

    /**
     * The deferral clause ({@code [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]}) of the REFERENCES
     * clause starting at {@code from}, or null; the model has no place for it, move-and-copy keeps it.
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
