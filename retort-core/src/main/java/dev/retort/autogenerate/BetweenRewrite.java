package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites {@code x BETWEEN a AND b} as {@code x >= a and x <= b} (NOT BETWEEN as {@code x < a or x > b}),
 * which is how PostgreSQL stores it, so that the model's spelling and any engine's stored one get the same
 * comparison key. Works on a lower-cased expression.
 * <p>
 * An operand is whole terms joined by arithmetic ({@code a + 1}, {@code -b}, {@code (b * 2)}, {@code f(x)},
 * {@code "q"."c"}, {@code `c`}, SQLite's {@code [c]}): arithmetic binds tighter than BETWEEN on every engine.
 * Where the left operand cannot be delimited that way (a comparison, {@code ||}, CASE, SYMMETRIC ...) the
 * BETWEEN is left as written: a key that differs only shows as drift, a wrong one would hide a change.
 */
final class BetweenRewrite {
    private enum Kind { STRING, NAME, NUMBER, WORD, OPEN, CLOSE, DOT, ARITH, OTHER }

    private record Token(Kind kind, String text, int start, int end) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }
    }

    /** Words that end an operand or the expression before it; never names. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "between", "symmetric", "case", "when", "then",
            "else", "end", "is", "in", "like", "check", "where", "escape", "collate");
    private static final Set<String> BEFORE_LEFT = Set.of("and", "or", "not", "when", "then", "else", "check", "where");
    private static final Set<String> AFTER_HIGH = Set.of("and", "or", "then", "else", "when", "end");

    private BetweenRewrite() {
    }

    static String rewrite(String e, boolean brackets) {
        int leftAlone = 0;
        while (true) {
            List<Token> tokens = tokens(e, brackets);
            int seen = 0;
            int at = -1;
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).is("between") && seen++ == leftAlone) {
                    at = i;
                    break;
                }
            }
            if (at < 0) return e;
            String rewritten = rewriteAt(e, tokens, at);
            if (rewritten == null) leftAlone++;
            else e = rewritten;
        }
    }

    private static String rewriteAt(String e, List<Token> t, int at) {
        boolean not = at > 0 && t.get(at - 1).is("not");
        int leftEnd = not ? at - 2 : at - 1;
        if (leftEnd < 0) return null;
        int leftStart = operandBack(t, leftEnd);
        if (leftStart < 0) return null;
        if (leftStart > 0) {
            Token before = t.get(leftStart - 1);
            boolean boundary = before.kind == Kind.OPEN || before.text.equals(",")
                    || before.kind == Kind.WORD && BEFORE_LEFT.contains(before.text);
            if (!boundary) return null;
        }
        int lowStart = at + 1;
        int lowEnd = operandForward(t, lowStart);
        if (lowEnd < 0 || lowEnd >= t.size() || !t.get(lowEnd).is("and")) return null;
        int highStart = lowEnd + 1;
        int highEnd = operandForward(t, highStart);
        if (highEnd < 0) return null;
        if (highEnd < t.size()) {
            Token after = t.get(highEnd);
            boolean boundary = after.kind == Kind.CLOSE || after.text.equals(",")
                    || after.kind == Kind.WORD && AFTER_HIGH.contains(after.text);
            if (!boundary) return null;
        }
        String x = "(" + text(e, t, leftStart, leftEnd + 1) + ")";
        String a = "(" + text(e, t, lowStart, lowEnd) + ")";
        String b = "(" + text(e, t, highStart, highEnd) + ")";
        String replacement = not ? x + " < " + a + " or " + x + " > " + b : x + " >= " + a + " and " + x + " <= " + b;
        int from = t.get(leftStart).start;
        int to = t.get(highEnd - 1).end;
        return e.substring(0, from) + replacement + e.substring(to);
    }

    private static String text(String e, List<Token> t, int from, int to) {
        return e.substring(t.get(from).start, t.get(to - 1).end);
    }

    /** The first token of the operand ending at {@code end}, or -1 when it is not whole terms joined by arithmetic. */
    private static int operandBack(List<Token> t, int end) {
        int i = end;
        while (true) {
            int start = termBack(t, i);
            if (start < 0) return -1;
            if (start == 0) return 0;
            Token before = t.get(start - 1);
            if (before.kind != Kind.ARITH) return start;
            boolean unary = start - 1 == 0 || !endsTerm(t.get(start - 2));
            if (unary) return before.text.equals("-") || before.text.equals("+") ? start - 1 : -1;
            i = start - 2;
        }
    }

    private static boolean endsTerm(Token t) {
        return switch (t.kind) {
            case STRING, NAME, NUMBER, CLOSE -> true;
            case WORD -> !KEYWORDS.contains(t.text);
            default -> false;
        };
    }

    private static int termBack(List<Token> t, int end) {
        if (end < 0) return -1;
        Token last = t.get(end);
        if (last.kind == Kind.STRING || last.kind == Kind.NUMBER) return end;
        if (last.kind == Kind.CLOSE) {
            int open = matchingOpen(t, end);
            if (open < 0) return -1;
            return open > 0 && isName(t.get(open - 1)) ? qualifiedBack(t, open - 1) : open;
        }
        return isName(last) ? qualifiedBack(t, end) : -1;
    }

    private static int qualifiedBack(List<Token> t, int nameAt) {
        int i = nameAt;
        while (i >= 2 && t.get(i - 1).kind == Kind.DOT && isName(t.get(i - 2))) i -= 2;
        return i;
    }

    private static boolean isName(Token t) {
        return t.kind == Kind.NAME || t.kind == Kind.WORD && !KEYWORDS.contains(t.text);
    }

    private static int matchingOpen(List<Token> t, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            if (t.get(i).kind == Kind.CLOSE) depth++;
            else if (t.get(i).kind == Kind.OPEN && --depth == 0) return i;
        }
        return -1;
    }

    /** The token after the operand starting at {@code start}, or -1 when there is no whole operand there. */
    private static int operandForward(List<Token> t, int start) {
        int i = start;
        if (i < t.size() && t.get(i).kind == Kind.ARITH && (t.get(i).text.equals("-") || t.get(i).text.equals("+"))) i++;
        while (true) {
            i = termForward(t, i);
            if (i < 0) return -1;
            if (i < t.size() && t.get(i).kind == Kind.ARITH) i++;
            else return i;
        }
    }

    private static int termForward(List<Token> t, int start) {
        if (start >= t.size()) return -1;
        Token first = t.get(start);
        if (first.kind == Kind.STRING || first.kind == Kind.NUMBER) return start + 1;
        if (first.kind == Kind.OPEN) return matchingClose(t, start);
        if (!isName(first)) return -1;
        int i = start + 1;
        while (i + 1 < t.size() && t.get(i).kind == Kind.DOT && isName(t.get(i + 1))) i += 2;
        if (i < t.size() && t.get(i).kind == Kind.OPEN) return matchingClose(t, i);
        return i;
    }

    private static int matchingClose(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).kind == Kind.OPEN) depth++;
            else if (t.get(i).kind == Kind.CLOSE && --depth == 0) return i + 1;
        }
        return -1;
    }

    private static List<Token> tokens(String e, boolean brackets) {
        List<Token> out = new ArrayList<>();
        int n = e.length();
        int i = 0;
        while (i < n) {
            char c = e.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int end = i + 1;
                while (end < n && !(e.charAt(end) == '\'' && (end + 1 >= n || e.charAt(end + 1) != '\''))) {
                    end += e.charAt(end) == '\'' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                out.add(new Token(Kind.STRING, e.substring(i, end), i, end));
                i = end;
            } else if (c == '"' || c == '`' || c == '[' && brackets) {
                int end = e.indexOf(c == '[' ? ']' : c, i + 1);
                end = end < 0 ? n : end + 1;
                out.add(new Token(Kind.NAME, e.substring(i, end), i, end));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                while (end < n && (Character.isDigit(e.charAt(end)) || e.charAt(end) == '.')) end++;
                out.add(new Token(Kind.NUMBER, e.substring(i, end), i, end));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(e.charAt(end)) || e.charAt(end) == '_' || e.charAt(end) == '$')) end++;
                out.add(new Token(Kind.WORD, e.substring(i, end), i, end));
                i = end;
            } else {
                Kind kind = switch (c) {
                    case '(' -> Kind.OPEN;
                    case ')' -> Kind.CLOSE;
                    case '.' -> Kind.DOT;
                    case '+', '-', '*', '/', '%' -> Kind.ARITH;
                    default -> Kind.OTHER;
                };
                // "||", "<=", "::" ... are one token, never arithmetic
                int end = i + 1;
                if (kind == Kind.OTHER || kind == Kind.ARITH) {
                    while (end < n && "|<>=!:*/+-%&^~".indexOf(e.charAt(end)) >= 0 && kind == Kind.OTHER) end++;
                }
                out.add(new Token(kind, e.substring(i, end), i, end));
                i = end;
            }
        }
        return out;
    }
}
