package dev.retort.dialect.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQLite DDL text into tokens, knowing SQLite's four quoting styles ({@code 'string'},
 * {@code "id"}, {@code [id]}, {@code `id`}) and both comment styles, so that parsers never mistake
 * a comma or parenthesis inside a string or identifier for structure. Comments and blanks are dropped;
 * each token keeps its offsets so callers can cut original text (a CHECK expression) verbatim.
 */
final class SqliteTokenizer {
    enum Kind { WORD, QUOTED_ID, STRING, NUMBER, PUNCT }

    record Token(Kind kind, String text, int start, int end) {
        /** The identifier this token names: unquoted and unescaped. */
        String identifier() {
            return switch (kind) {
                case QUOTED_ID -> switch (text.charAt(0)) {
                    case '[' -> text.substring(1, text.length() - 1);
                    case '`' -> text.substring(1, text.length() - 1).replace("``", "`");
                    default -> text.substring(1, text.length() - 1).replace("\"\"", "\"");
                };
                // SQLite accepts a 'string' where a name is expected, for compatibility
                case STRING -> text.substring(1, text.length() - 1).replace("''", "'");
                default -> text;
            };
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isPunct(char c) {
            return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == c;
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED_ID || kind == Kind.STRING;
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqliteTokenizer() {
    }

    static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int e = sql.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '\'' ) {
                int e = closeDoubled(sql, i, '\'');
                out.add(new Token(Kind.STRING, sql.substring(i, e), i, e));
                i = e;
            } else if (c == '"' || c == '`') {
                int e = closeDoubled(sql, i, c);
                out.add(new Token(Kind.QUOTED_ID, sql.substring(i, e), i, e));
                i = e;
            } else if (c == '[') {
                int e = sql.indexOf(']', i + 1);
                e = e < 0 ? n : e + 1;
                out.add(new Token(Kind.QUOTED_ID, sql.substring(i, e), i, e));
                i = e;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int e = i + 1;
                while (e < n && (Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '.'
                        || ((sql.charAt(e) == '+' || sql.charAt(e) == '-')
                        && (sql.charAt(e - 1) == 'e' || sql.charAt(e - 1) == 'E')))) {
                    e++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(i, e), i, e));
                i = e;
            } else if (Character.isLetter(c) || c == '_' || c == '$' || c > 127) {
                int e = i + 1;
                while (e < n && (Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '_'
                        || sql.charAt(e) == '$' || sql.charAt(e) > 127)) {
                    e++;
                }
                out.add(new Token(Kind.WORD, sql.substring(i, e), i, e));
                i = e;
            } else {
                out.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return out;
    }

    /** End offset (exclusive) of a quoted run starting at {@code start}, where a doubled quote escapes. */
    private static int closeDoubled(String sql, int start, char q) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == q) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** Index of the token closing the parenthesis opened at {@code open}, or the last index. */
    static int matchParen(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isPunct('(')) depth++;
            else if (tokens.get(i).isPunct(')') && --depth == 0) return i;
        }
        return tokens.size() - 1;
    }

    /** Splits tokens [from, to) at top-level commas. Each part is [start, end) in token indexes. */
    static List<int[]> splitTopLevel(List<Token> tokens, int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(')) depth++;
            else if (t.isPunct(')')) depth--;
            else if (t.isPunct(',') && depth == 0) {
                parts.add(new int[]{start, i});
                start = i + 1;
            }
        }
        if (start < to) parts.add(new int[]{start, to});
        return parts;
    }
}
